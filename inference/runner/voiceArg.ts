// `--voice` as users type it, read the way the engine reads the editor's voice setting (voiceSpecFromSetting),
// with a plain error when the file is not there rather than a worker that fails to load.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VoiceSpec } from '../engine/protocol';
import { voiceSpecFromSetting } from '../engine/voiceSpec';

export function voiceSpecFromArg(arg: string | undefined, cwd: string, speaker?: string | number): VoiceSpec | { error: string } {
  const spec = voiceSpecFromSetting(arg, cwd, speaker);
  const file = spec.kind === 'module' ? spec.modulePath : spec.kind === 'piper' ? spec.modelPath : undefined;
  if (file && !fs.existsSync(file)) return { error: `Voice not found: ${arg} (${path.resolve(cwd, file)})` };
  return spec;
}
