// Where the built product and the repository are, for engine tests (bundled into out/test/engine/).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { distDir, repoRoot } from '../../support/repo';

export { distDir, repoRoot };

export const workerPath = (): string => path.join(distDir(), 'worker.js');
export const cliPath = (): string => path.join(distDir(), 'cli.js');
export const fixtureVoice = (name: string): string => path.join(repoRoot(), 'test', 'fixtures', 'voices', `${name}.js`);

/** A temp folder removed when the test ends. */
export function tempDir(t: { after(fn: () => void): void }, prefix = 'tts-engine-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
