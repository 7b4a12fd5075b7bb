// Where a task's WAV goes. Whatever a task file says (`../../x`, `/etc/passwd`, `C:\x`), the output stays inside
// the output folder; sub-folders are allowed (GLM-TTS uttids and IndexTTS2 `output` values use them).
import * as path from 'node:path';

export type OutputName = { ok: true; relative: string; absolute: string; key: string } | { ok: false; message: string };

/**
 * Maps a task's output name to a path under `outputDir`. `.wav` is added unless the name already ends with it.
 * `key` identifies the file for duplicate detection (case-folded where the file system folds case).
 */
export function resolveOutputName(outputName: string, outputDir: string, platform: NodeJS.Platform = process.platform): OutputName {
  const raw = outputName.trim();
  const refuse = (why: string): OutputName => ({ ok: false, message: `Invalid output name "${outputName}" - ${why}` });
  if (!raw) return refuse('it is empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(raw)) return refuse('it contains control characters');
  if (raw.startsWith('/') || raw.startsWith('\\') || /^[a-zA-Z]:/.test(raw)) return refuse('an absolute path would leave the output folder');
  const segments = raw.split(/[\\/]+/);
  if (segments.some((s) => s === '..')) return refuse('".." would leave the output folder');
  const clean = segments.filter((s) => s !== '' && s !== '.');
  if (!clean.length) return refuse('it names no file');
  let relative = clean.join('/');
  if (!/\.wav$/i.test(relative)) relative += '.wav';
  const absolute = path.resolve(outputDir, ...relative.split('/'));
  const root = path.resolve(outputDir);
  if (!absolute.startsWith(root + path.sep)) return refuse('it would leave the output folder');
  const foldsCase = platform === 'win32' || platform === 'darwin';
  return { ok: true, relative, absolute, key: foldsCase ? relative.toLowerCase() : relative };
}
