// Piper-format voices built by the tests themselves (ONNX written with the engine's GraphBuilder): every phoneme id
// becomes 256 samples of a tone whose frequency depends on the id (and on sid for multi-speaker voices), plus
// a little RandomNormalLike noise scaled by noise_scale, like a VITS model draws its latent noise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphBuilder, encodeModel } from '../../../inference/engine/onnx/graph';

export const TEST_RATE = 16000;
const SAMPLES_PER_ID = 256;

export interface TestVoiceOptions {
  speakers?: number;
  /** Output rank: 4 → [B,1,1,S] (real exports), 3 → [B,1,S]. */
  outputRank?: 3 | 4;
  phonemeType?: 'text' | 'pinyin' | 'espeak';
  symbols?: string[];
  /** Leave out the noise (a fully deterministic model without random ops). */
  noNoise?: boolean;
}

const defaultSymbols = ['_', '^', '$', ' ', ',', '.', '?', '!', ...'abcdefghijklmnopqrstuvwxyz', ...'0123456789'];

export function buildTestVoice(opts: TestVoiceOptions = {}): { model: Uint8Array; config: Record<string, unknown> } {
  const speakers = opts.speakers ?? 1;
  const symbols = opts.symbols ?? defaultSymbols;
  const b = new GraphBuilder('p');
  const input = b.input('input', 'int64', ['batch', 'phonemes']);
  const lengths = b.input('input_lengths', 'int64', ['batch']);
  const scales = b.input('scales', 'float', [3]);
  const sid = speakers > 1 ? b.input('sid', 'int64', ['batch']) : undefined;
  const rank = opts.outputRank ?? 4;
  b.output('output', 'float', rank === 4 ? ['batch', 1, 1, 'samples'] : ['batch', 1, 'samples']);

  const axes = (...a: number[]) => b.const('int64', a, [a.length]);
  const freqs = b.const('float', symbols.map((_, i) => (i < 4 ? 0 : 150 + 12 * i)), [symbols.length]);
  let f = b.op('Gather', [freqs, input]); // [B,P]
  if (sid) f = b.op('Mul', [f, b.op('Unsqueeze', [b.op('Add', [b.f(1), b.op('Mul', [b.op('Cast', [sid], { to: 1 }), b.f(0.25)])]), axes(1)])]);
  const count = b.op('Gather', [b.op('Shape', [input]), b.i(1)]);
  const real = b.op('Cast', [b.op('Less', [b.op('Range', [b.i(0), count, b.i(1)]), b.op('Unsqueeze', [lengths, axes(1)])])], { to: 1 });
  const perSample = (x: string) =>
    b.op('Reshape', [
      b.op('Expand', [b.op('Unsqueeze', [x, axes(2)]), b.const('int64', [1, 1, SAMPLES_PER_ID], [3])]),
      b.const('int64', [0, -1], [2]),
    ]);
  const fS = perSample(f);
  const mS = perSample(real);
  const total = b.op('Mul', [count, b.i(SAMPLES_PER_ID)]);
  const t = b.op('Div', [b.op('Cast', [b.op('Range', [b.i(0), total, b.i(1)])], { to: 1 }), b.f(TEST_RATE)]);
  let signal = b.op('Mul', [b.op('Sin', [b.op('Mul', [b.op('Mul', [fS, t]), b.f(2 * Math.PI)])]), b.f(0.3)]);
  if (!opts.noNoise) {
    const noiseScale = b.op('Gather', [scales, b.i(0)]);
    const noise = b.op('RandomNormalLike', [signal], { dtype: 1 });
    signal = b.op('Add', [signal, b.op('Mul', [noise, b.op('Mul', [noiseScale, b.f(0.02)])])]);
  } else {
    // scales must still be consumed for the input to exist in the graph.
    signal = b.op('Add', [signal, b.op('Mul', [b.op('Gather', [scales, b.i(0)]), b.f(0)])]);
  }
  const masked = b.op('Mul', [signal, mS]);
  b.op('Unsqueeze', [masked, rank === 4 ? axes(1, 2) : axes(1)], {}, 'output');
  const model = encodeModel(b.graph('test_piper_voice'), { opset: 15, producer: 'tts-batch tests' });
  const config: Record<string, unknown> = {
    audio: { sample_rate: TEST_RATE },
    espeak: { voice: 'en-us' },
    phoneme_type: opts.phonemeType ?? 'text',
    inference: { noise_scale: 0.667, length_scale: 1, noise_w: 0.8 },
    num_symbols: symbols.length,
    num_speakers: speakers,
    speaker_id_map: speakers > 1 ? Object.fromEntries(Array.from({ length: speakers }, (_, i) => [`speaker${i}`, i])) : {},
    phoneme_id_map: Object.fromEntries(symbols.map((s, i) => [s, [i]])),
  };
  return { model, config };
}

/** A model that is not a Piper voice: a vocoder-like `mel` input. */
export function buildWrongInputsModel(): Uint8Array {
  const b = new GraphBuilder('w');
  const mel = b.input('mel', 'float', ['batch', 80, 'frames']);
  b.output('audio', 'float', ['batch', 1, 'frames']);
  b.op('ReduceMean', [mel], { axes: [1], keepdims: 1 }, 'audio');
  return encodeModel(b.graph('not_a_voice'), { opset: 15, producer: 'tts-batch tests' });
}

export function writeVoice(dir: string, name: string, voice: { model: Uint8Array; config: Record<string, unknown> }): string {
  const modelPath = path.join(dir, `${name}.onnx`);
  fs.writeFileSync(modelPath, voice.model);
  fs.writeFileSync(`${modelPath}.json`, JSON.stringify(voice.config, null, 2));
  return modelPath;
}
