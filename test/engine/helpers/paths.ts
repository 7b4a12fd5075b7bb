// Where the built product and the repository are, for engine tests (bundled into out/test/engine/).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'inference', 'engine'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`repository root not found above ${__dirname}`);
}

export function distDir(): string {
  return process.env.TTS_BATCH_DIST ?? path.join(repoRoot(), 'dist');
}

export const workerPath = (): string => path.join(distDir(), 'worker.js');
export const cliPath = (): string => path.join(distDir(), 'cli.js');
export const fixtureVoice = (name: string): string => path.join(repoRoot(), 'test', 'fixtures', 'voices', `${name}.js`);

/** A temp folder removed when the test ends. */
export function tempDir(t: { after(fn: () => void): void }, prefix = 'tts-engine-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
