// Tests run from a bundle under out/ or .build/<name>/out/: find the source tree they came from.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'client')) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'tts-batch') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no tts-batch checkout above ${__dirname}`);
  }
}

export function distDir(): string {
  return process.env.TTS_BATCH_DIST ?? path.join(repoRoot(), 'dist');
}
