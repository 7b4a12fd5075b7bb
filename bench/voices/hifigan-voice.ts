// Benchmark module voice (see inference/engine/voice.ts): the real-weights HiFi-GAN V2 vocoder from
// ../shared/models run on a deterministic mel per segment, so `npm run bench:infer` measures the worker path
// with a real network. Options: { modelPath: string, frames?: number (mel frames per segment, default 200) }.
// Not a product voice: it makes buzzing vowel-like sounds from synthetic mels, not speech from text.
import type { LoadedVoice, VoiceLoadContext } from '../../inference/engine/voice';
import { HOP, MEL_BANDS, RATE, deterministicMel } from './hifiganMel';

export async function load(ctx: VoiceLoadContext): Promise<LoadedVoice> {
  const options = (ctx.options ?? {}) as { modelPath?: string; frames?: number };
  if (!options.modelPath) throw new Error('hifigan voice: options.modelPath (the .onnx file) is required');
  const frames = options.frames ?? 200;
  const handle = await ctx.createSession(options.modelPath);
  const ort = ctx.ort();
  const input = handle.session.inputNames[0];
  const output = handle.session.outputNames[0];
  return {
    info: { name: 'hifigan_v2_lj (benchmark)', sampleRate: RATE, modelPath: options.modelPath },
    provider: handle.provider,
    fallbackReason: handle.fallbackReason,
    intraOpThreads: handle.intraOpThreads,
    async synthesize(seg) {
      const mel = new ort.Tensor('float32', deterministicMel(seg.seed, frames), [1, MEL_BANDS, frames]);
      const out = await handle.session.run({ [input]: mel }, [output]);
      return (out[output].data as Float32Array).subarray(0, frames * HOP);
    },
    dispose: () => handle.session.release(),
  };
}
