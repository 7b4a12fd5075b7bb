// Where the checkout is, for tests, benchmarks and scripts: they run from bundles under out/ or .build/<name>/out/.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let cached: string | undefined;

/** The nearest folder above this bundle whose package.json is the extension's. */
export function repoRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tts-batch') return (cached = dir);
      } catch {
        // An unreadable manifest is not ours: keep walking up.
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`no tts-batch checkout above ${__dirname}`);
  }
}

/** The built product (dist/), as the build that made this bundle placed it. */
export function distDir(): string {
  return process.env.TTS_BATCH_DIST ?? path.join(repoRoot(), 'dist');
}

/** A temporary folder removed when the test ends. */
export function tempDir(t: { after(fn: () => void): void }, prefix = 'tts-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
