// Builds everything the product and its tests run from:
//   dist/  bundles shipped in the extension and the CLI (client, server, cli, worker)
//   out/   one bundle per test and benchmark file (node_modules left external)
// TTS_BUILD_DIR (relative to the repo root) moves both folders, so parallel work does not clobber one tree.
// Type checking is separate (`npm run typecheck`) so a type error elsewhere never blocks a test run.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const buildDir = resolve(root, process.env.TTS_BUILD_DIR ?? '.');
const dist = join(buildDir, 'dist');
const out = join(buildDir, 'out');

// jsonc-parser's UMD build hides its modules behind a dynamic require esbuild cannot follow: prefer ESM entries.
const common = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning',
  mainFields: ['module', 'main'],
};

// The native onnxruntime binding loads its binary by a computed path: it must stay a real package on disk.
const products = [
  { entry: 'client/extension.ts', outfile: 'client.js', external: ['vscode'] },
  { entry: 'server/server.ts', outfile: 'server.js', external: [] },
  { entry: 'cli/main.ts', outfile: 'cli.js', external: ['onnxruntime-node'] },
  { entry: 'inference/engine/worker.ts', outfile: 'worker.js', external: ['onnxruntime-node'] },
];

function walk(dir, accept, acc = []) {
  if (!existsSync(dir)) return acc;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, accept, acc);
    else if (accept(full)) acc.push(full);
  }
  return acc;
}

const jobs = [];
for (const p of products) {
  const entry = join(root, p.entry);
  if (!existsSync(entry)) continue;
  jobs.push(build({ ...common, entryPoints: [entry], outfile: join(dist, p.outfile), external: p.external }));
}

const devEntries = [
  ...walk(join(root, 'test'), (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !relative(root, f).startsWith(join('test', 'fixtures'))),
  ...walk(join(root, 'bench'), (f) => f.endsWith('.ts')),
  ...walk(join(root, 'scripts'), (f) => f.endsWith('.ts')),
];
if (devEntries.length) {
  jobs.push(build({
    ...common,
    entryPoints: devEntries,
    outdir: out,
    outbase: root,
    packages: 'external',
    define: { 'process.env.TTS_BATCH_DIST': JSON.stringify(dist) },
  }));
}

const started = Date.now();
try {
  await Promise.all(jobs);
} catch (err) {
  process.stderr.write(`build failed: ${err.message}\n`);
  process.exit(1);
}
process.stderr.write(`built ${jobs.length} bundle group(s) into ${relative(root, buildDir) || '.'} in ${Date.now() - started} ms\n`);
