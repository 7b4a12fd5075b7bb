// The built-in demo voice, authored as an ONNX graph: a Piper-format model (inputs input/input_lengths/scales/sid,
// output [B,1,1,S] at 22050 Hz) that turns letters, pinyin and tone digits into *tones, not words*. Each symbol
// has a duration, a pitch offset, a loudness, a brightness (harmonic roll-off) and a noise share; "speakers" are
// base pitches in quarter-semitone steps from 60 Hz, so the engine can match the prompt speaker's median F0 by
// picking the sid. The duration jitter and the breath noise come from RandomNormalLike ops, which the engine
// replaces with noise derived from the task seed (onnx/seedNoise.ts), exactly as for real Piper voices.
// scripts/make-builtin-voice.ts writes the result to models/; the same code always gives the same bytes.
import { GraphBuilder, encodeModel } from '../onnx/graph';

export const BUILTIN_SAMPLE_RATE = 22050;
export const BUILTIN_HOP = 256;
export const BUILTIN_MODEL_FILE = 'builtin-voice.onnx';
export const BUILTIN_CONFIG_FILE = 'builtin-voice.onnx.json';
/** Base pitches: 60 Hz upwards in 25-cent steps up to 500 Hz (the range the F0 estimator reports). */
export const SPEAKER_F0_HZ: number[] = Array.from({ length: 148 }, (_, i) => Math.round(60 * 2 ** (i / 48) * 100) / 100);
/** Without a prompt: about 150 Hz. */
export const DEFAULT_SPEAKER = 63;

interface SymbolSpec {
  symbol: string;
  frames: number;
  semitones: number;
  amp: number;
  bright: number;
  noise: number;
}

const silence = (symbol: string, frames: number): SymbolSpec => ({ symbol, frames, semitones: 0, amp: 0, bright: 0.5, noise: 0 });

function symbols(): SymbolSpec[] {
  const list: SymbolSpec[] = [silence('_', 0), silence('^', 4), silence('$', 10), silence(' ', 3)];
  for (const p of [',', '，', '、', ';', '；', ':', '：', '-', '—']) list.push(silence(p, 12));
  for (const p of ['.', '。', '!', '！', '?', '？', '…']) list.push(silence(p, 22));
  const vowels: Record<string, [number, number]> = { a: [0, 0.75], e: [-1, 0.6], i: [2, 0.35], o: [-2, 0.55], u: [-3, 0.3], 'ü': [1, 0.4] };
  const voiced = new Set(['b', 'd', 'g', 'j', 'l', 'm', 'n', 'r', 'v', 'w', 'y', 'z']);
  for (const c of 'abcdefghijklmnopqrstuvwxyz') {
    if (c in vowels) list.push({ symbol: c, frames: 9, semitones: vowels[c][0], amp: 1, bright: vowels[c][1], noise: 0.04 });
    else if (voiced.has(c)) list.push({ symbol: c, frames: 5, semitones: 0, amp: 0.55, bright: 0.3, noise: 0.15 });
    else list.push({ symbol: c, frames: 4, semitones: 0, amp: 0.3, bright: 0.2, noise: 0.9 });
  }
  list.push({ symbol: 'ü', frames: 9, semitones: vowels['ü'][0], amp: 1, bright: vowels['ü'][1], noise: 0.04 });
  // Digits: Mandarin tone numbers after a pinyin syllable (1 high, 2 rising, 3 low, 4 falling, 5 neutral), and
  // numerals in other text — a short voiced blip at the tone's pitch either way.
  const toneSemis = [0, 4, 2, -4, 5, 0, 1, 3, -2, 6];
  for (let d = 0; d <= 9; d++) list.push({ symbol: String(d), frames: 4, semitones: toneSemis[d], amp: 0.8, bright: 0.5, noise: 0.05 });
  return list;
}

export interface BuiltinVoiceFiles {
  model: Uint8Array;
  /** The .onnx.json text (Piper config), newline-terminated. */
  config: string;
}

export function buildBuiltinVoice(): BuiltinVoiceFiles {
  const table = symbols();
  const b = new GraphBuilder('v');
  const input = b.input('input', 'int64', ['batch', 'phonemes']);
  const inputLengths = b.input('input_lengths', 'int64', ['batch']);
  const scales = b.input('scales', 'float', [3]);
  const sid = b.input('sid', 'int64', ['batch']);
  b.output('output', 'float', ['batch', 1, 1, 'samples']);

  const col = (values: number[]) => b.const('float', values, [values.length], 'table');
  const axes = (...a: number[]) => b.const('int64', a, [a.length], 'axes');
  const unsqueeze = (x: string, ...a: number[]) => b.op('Unsqueeze', [x, axes(...a)]);
  const reduceSum = (x: string, axis: number) => b.op('ReduceSum', [x, axes(axis)], { keepdims: 0 });
  const mul = (x: string, y: string) => b.op('Mul', [x, y]);
  const add = (x: string, y: string) => b.op('Add', [x, y]);
  const sub = (x: string, y: string) => b.op('Sub', [x, y]);

  const noiseScale = b.op('Gather', [scales, b.i(0)]);
  const lengthScale = b.op('Gather', [scales, b.i(1)]);
  const noiseW = b.op('Gather', [scales, b.i(2)]);

  // Which phoneme positions are real (not batch padding).
  const phonemeCount = b.op('Gather', [b.op('Shape', [input]), b.i(1)]);
  const positions = b.op('Range', [b.i(0), phonemeCount, b.i(1)]);
  const realP = b.op('Cast', [b.op('Less', [positions, unsqueeze(inputLengths, 1)])], { to: 1 });

  // Durations in frames: table × length_scale × (1 + noise_w·jitter), rounded.
  const base = b.op('Gather', [col(table.map((s) => s.frames)), input]);
  const jitter = b.op('RandomNormalLike', [base], { dtype: 1 });
  const wobble = add(b.f(1), mul(mul(noiseW, b.f(0.2)), jitter));
  const frames = mul(b.op('Round', [b.op('Max', [mul(mul(base, lengthScale), wobble), b.f(0)])]), realP);
  const ends = b.op('CumSum', [frames, b.i(1)]);
  const total = b.op('ReduceMax', [ends], { axes: [1], keepdims: 0 });
  const frameCount = b.op('Cast', [b.op('ReduceMax', [total], { keepdims: 0 })], { to: 7 });
  const frameIdx = b.op('Cast', [b.op('Range', [b.i(0), frameCount, b.i(1)])], { to: 1 });

  // Phoneme index of every frame: how many phonemes ended at or before it.
  const ended = b.op('LessOrEqual', [unsqueeze(ends, 1), unsqueeze(frameIdx, 1)]);
  const idxF = reduceSum(b.op('Cast', [ended], { to: 1 }), 2);
  const idx = b.op('Min', [b.op('Cast', [idxF], { to: 7 }), sub(phonemeCount, b.i(1))]);
  const perFrame = (values: number[]) => b.op('GatherElements', [b.op('Gather', [col(values), input]), idx], { axis: 1 });
  const totalCol = unsqueeze(total, 1);
  const validF = b.op('Cast', [b.op('Less', [frameIdx, totalCol])], { to: 1 });
  const amp = mul(perFrame(table.map((s) => s.amp)), validF);
  const semis = perFrame(table.map((s) => s.semitones));
  const bright = perFrame(table.map((s) => s.bright));
  const noiseMix = perFrame(table.map((s) => s.noise));

  // Pitch: the speaker's base F0, the symbol's offset, a falling line over the utterance and a slow vibrato.
  const f0Base = unsqueeze(b.op('Gather', [col(SPEAKER_F0_HZ), sid]), 1);
  const progress = b.op('Div', [frameIdx, b.op('Max', [totalCol, b.f(1)])]);
  // Centred on 1 so the output's median pitch lands on the speaker's (the prompt's) F0.
  const declination = sub(b.f(1.07), mul(progress, b.f(0.14)));
  const vibrato = mul(b.op('Sin', [mul(frameIdx, b.f((2 * Math.PI) / 24))]), b.f(0.25));
  const octaves = b.op('Div', [add(semis, vibrato), b.f(12)]);
  const f0 = mul(mul(f0Base, b.op('Exp', [mul(octaves, b.f(Math.LN2))])), declination);

  // Per sample: continuous phase (frame start from an exclusive cumsum, wrapped), amplitude interpolated.
  const hop = BUILTIN_HOP;
  const sr = BUILTIN_SAMPLE_RATE;
  const k = b.const('float', Array.from({ length: hop }, (_, i) => i), [hop], 'k');
  const w = b.const('float', Array.from({ length: hop }, (_, i) => i / hop), [hop], 'w');
  const cycles = mul(f0, b.f(hop / sr));
  const start = b.op('CumSum', [cycles, b.i(1)], { exclusive: 1 });
  const startFrac = sub(start, b.op('Floor', [start]));
  const phase = add(unsqueeze(startFrac, 2), mul(unsqueeze(f0, 2), mul(k, b.f(1 / sr))));
  const ampNext = b.op('Concat', [
    b.op('Slice', [amp, b.const('int64', [1], [1]), b.const('int64', [2 ** 31 - 1], [1]), axes(1)]),
    mul(b.op('Slice', [amp, b.const('int64', [0], [1]), b.const('int64', [1], [1]), axes(1)]), b.f(0)),
  ], { axis: 1 });
  const ampS = add(mul(unsqueeze(amp, 2), sub(b.f(1), w)), mul(unsqueeze(ampNext, 2), w));

  // Harmonics 1..6 weighted bright^(h-1), normalised.
  const harmonics = [1, 2, 3, 4, 5, 6];
  const h = b.const('float', harmonics, [harmonics.length], 'h');
  const theta = mul(unsqueeze(phase, 3), mul(h, b.f(2 * Math.PI)));
  const weights = b.op('Pow', [unsqueeze(bright, 2, 3), b.const('float', harmonics.map((x) => x - 1), [harmonics.length], 'hexp')]);
  const voiced = b.op('Div', [reduceSum(mul(b.op('Sin', [theta]), weights), 3), reduceSum(weights, 3)]);

  const noise = b.op('RandomNormalLike', [ampS], { dtype: 1 });
  const mix = unsqueeze(noiseMix, 2);
  const source = add(mul(voiced, sub(b.f(1), mix)), mul(mul(noise, mul(noiseScale, b.f(0.5))), mix));
  const signal = mul(mul(source, ampS), b.f(0.35));
  const flat = b.op('Reshape', [signal, b.const('int64', [0, -1], [2], 'shape')]);
  b.op('Unsqueeze', [flat, axes(1, 2)], {}, 'output');

  const model = encodeModel(b.graph('tts_batch_builtin_demo_voice'), {
    opset: 15,
    producer: 'tts-batch scripts/make-builtin-voice.ts',
    docString: 'TTS Batch built-in demo voice: tones, not words. Piper contract; pitch per speaker id.',
  });
  const config = {
    dataset: 'tts-batch built-in demo voice',
    audio: { sample_rate: sr, quality: 'demo' },
    inference: { noise_scale: 0.667, length_scale: 1, noise_w: 0.8 },
    phoneme_type: 'pinyin',
    hop_length: hop,
    language: { code: 'zh_CN+en' },
    num_symbols: table.length,
    num_speakers: SPEAKER_F0_HZ.length,
    speaker_id_map: Object.fromEntries(SPEAKER_F0_HZ.map((f, i) => [`${f.toFixed(2)}Hz`, i])),
    phoneme_id_map: Object.fromEntries(table.map((s, i) => [s.symbol, [i]])),
    tts_batch: {
      demo: true,
      note: 'Makes tones, not words. Speaker ids are base pitches; the engine picks the one nearest the prompt audio median F0.',
      default_speaker: DEFAULT_SPEAKER,
      speaker_f0_hz: SPEAKER_F0_HZ,
    },
  };
  return { model, config: `${JSON.stringify(config, null, 2)}\n` };
}
