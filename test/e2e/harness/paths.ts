// Where the end-to-end tests find the repository, their own install (test/e2e/node_modules) and the VSIX.
// The tests run from a bundle under <build dir>/out/test/e2e/, where Node's module lookup never reaches
// test/e2e/node_modules: code-server and playwright-core are loaded from there by absolute path instead.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

let cachedRoot: string | undefined;

/** The repository root: the nearest folder above this bundle whose package.json is the extension's. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && fs.existsSync(path.join(dir, 'test', 'e2e', 'setup.sh'))) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tts-batch') return (cachedRoot = dir);
      } catch {
        // An unreadable manifest is not ours: keep walking up.
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the tts-batch repository above ${__dirname}`);
  }
}

export function e2eDir(): string {
  return path.join(repoRoot(), 'test', 'e2e');
}

/** `require` as seen from test/e2e/, so its own node_modules resolve. */
export function e2eRequire<T>(id: string): T {
  const req = createRequire(path.join(e2eDir(), 'package.json'));
  try {
    return req(id) as T;
  } catch (err) {
    throw new Error(`${id} is not installed in test/e2e: run "bash test/e2e/setup.sh" (${(err as Error).message})`);
  }
}

/** code-server's Node entry (what its `bin` runs), started with our own Node (code-server 4.100 wants Node 20). */
export function codeServerEntry(): string {
  const entry = path.join(e2eDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) throw new Error(`code-server is not installed (${entry} missing): run "bash test/e2e/setup.sh"`);
  return entry;
}

export function chromiumPath(): string {
  const candidates = [process.env.TTS_E2E_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`Chromium not found (tried ${candidates.join(', ')}): run "bash test/e2e/setup.sh" as root, or set TTS_E2E_CHROMIUM`);
  return found;
}

/** The packaged extension under test (`npm run package` writes it; TTS_E2E_VSIX points elsewhere). */
export function vsixPath(): string {
  const vsix = process.env.TTS_E2E_VSIX ?? path.join(repoRoot(), 'dist', 'tts-batch.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`VSIX not found at ${vsix}: run "npm run package" (test/e2e/setup.sh does it when missing)`);
  return vsix;
}

/** Screenshots of every scenario (ignored by git), so a failure can be seen, not only read. */
export function screenshotDir(): string {
  const dir = path.join(e2eDir(), 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
