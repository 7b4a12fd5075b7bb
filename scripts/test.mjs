// Runs the built tests with node's own test runner.
//   node scripts/test.mjs                 type check, then every test (end-to-end included, set up first when missing)
//   node scripts/test.mjs test/core ...   only those folders or files (paths as in the source tree)
// TTS_SKIP_E2E=1 leaves the end-to-end tests out (they need code-server and Chromium).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const buildDir = resolve(root, process.env.TTS_BUILD_DIR ?? '.');
const out = join(buildDir, 'out');

function walk(dir, acc = []) {
  if (!existsSync(dir)) return acc;
  if (statSync(dir).isFile()) {
    if (dir.endsWith('.test.js')) acc.push(dir);
    return acc;
  }
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    walk(join(dir, name), acc);
  }
  return acc;
}

const wanted = process.argv.slice(2);
const targets = wanted.length ? wanted.map((w) => join(out, w.replace(/\.ts$/, '.js'))) : [join(out, 'test')];
const skipE2e = process.env.TTS_SKIP_E2E === '1';
let files = targets.flatMap((t) => walk(t)).sort();
const isE2e = (f) => relative(out, f).startsWith(join('test', 'e2e'));
if (skipE2e) files = files.filter((f) => !isE2e(f));

if (files.some(isE2e) && existsSync(join(root, 'test/e2e/setup.sh'))) {
  const setup = spawnSync('bash', [join(root, 'test/e2e/setup.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) {
    process.stderr.write('end-to-end setup failed (see above); set TTS_SKIP_E2E=1 to run the other tests alone\n');
    process.exit(1);
  }
}
// The whole suite also type-checks (after the end-to-end setup: its harness imports playwright-core's types).
if (!wanted.length) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const check = spawnSync(process.execPath, [tsc, '-p', root, '--noEmit'], { stdio: 'inherit' });
  if (check.status !== 0) {
    process.stderr.write('type check failed (see above)\n');
    process.exit(1);
  }
}
if (!files.length) {
  process.stderr.write(`no test files found under ${targets.map((t) => relative(root, t)).join(', ')}\n`);
  process.exit(1);
}
const res = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TTS_BATCH_DIST: join(buildDir, 'dist') },
});
process.exit(res.status ?? 1);
