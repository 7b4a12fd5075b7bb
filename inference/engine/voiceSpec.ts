// What a user's "voice" setting or --voice flag means: nothing or "builtin" → the built-in demo voice, a .js/.cjs
// file → a module voice, anything else → a Piper voice (voice.onnx, its .onnx.json, or a folder holding one).
import * as path from 'node:path';
import type { VoiceSpec } from './protocol';

export function voiceSpecFromSetting(value: string | undefined, baseDir: string, speaker?: string | number): VoiceSpec {
  const v = value?.trim();
  if (!v || v === 'builtin' || v === 'built-in') return { kind: 'builtin' };
  const full = path.resolve(baseDir, v);
  if (/\.(c?js)$/i.test(full)) return { kind: 'module', modulePath: full };
  return { kind: 'piper', modelPath: full, ...(speaker !== undefined && speaker !== '' ? { speaker } : {}) };
}
