// The built-in demo voice: models/builtin-voice.onnx through the Piper path, with one twist — the speaker id is
// chosen so the tones sit at the prompt speaker's median F0. It makes tones, not words (VoiceInfo.demo).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_CONFIG_FILE, BUILTIN_MODEL_FILE } from '../builtin/builtinModel';
import { VoiceError, type LoadedVoice, type VoiceLoadContext } from '../voice';
import type { PiperConfig } from './piperConfig';
import { openPiperVoice } from './piperVoice';

export const BUILTIN_VOICE_NAME = 'built-in demo voice';

/** models/ of the installation: TTS_BATCH_MODELS, else the first models/ holding the voice above this bundle. */
export function builtinModelsDir(): string {
  const env = process.env.TTS_BATCH_MODELS;
  if (env) return path.resolve(env);
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'models', BUILTIN_MODEL_FILE))) return path.join(dir, 'models');
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.resolve(__dirname, '..', 'models');
}

/** The speaker whose base pitch is nearest to f0 (in log frequency). */
export function speakerForF0(f0: number, table: number[]): number {
  let best = 0;
  for (let i = 1; i < table.length; i++) {
    if (Math.abs(Math.log(table[i] / f0)) < Math.abs(Math.log(table[best] / f0))) best = i;
  }
  return best;
}

export async function loadBuiltinVoice(ctx: VoiceLoadContext): Promise<LoadedVoice> {
  const dir = builtinModelsDir();
  const modelPath = path.join(dir, BUILTIN_MODEL_FILE);
  if (!fs.existsSync(modelPath)) {
    throw new VoiceError('load-failed', `the built-in demo voice is missing (${modelPath}); reinstall, or regenerate it with scripts/make-builtin-voice.ts`);
  }
  return openPiperVoice(modelPath, path.join(dir, BUILTIN_CONFIG_FILE), undefined, ctx, {
    name: BUILTIN_VOICE_NAME,
    demo: true,
    chooseSpeaker(seg, config: PiperConfig) {
      const extra = (config.raw.tts_batch ?? {}) as { speaker_f0_hz?: number[]; default_speaker?: number };
      const f0 = seg.prompt?.medianF0Hz();
      if (f0 && extra.speaker_f0_hz?.length) return speakerForF0(f0, extra.speaker_f0_hz);
      return extra.default_speaker;
    },
  });
}
