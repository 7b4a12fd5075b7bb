// Piper voices (voice.onnx + voice.onnx.json): phonemes → ids → onnxruntime → samples at the config's rate.
// On load the model's inputs and outputs are checked against the Piper contract and its random ops are seeded
// (onnx/seedNoise.ts), so a voice that would not work, or not reproducibly, says so before the first task.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import type { VoiceSpec } from '../protocol';
import { SEED_INPUT, seedRandomOps } from '../onnx/seedNoise';
import type { OnnxSessionHandle } from '../onnxSession';
import { VoiceError, type LoadedVoice, type SegmentInput, type VoiceLoadContext } from '../voice';
import { readPiperConfig, resolveSpeaker, type PiperConfig } from './piperConfig';
import { EspeakPhonemizer, PinyinPhonemizer, TextPhonemizer, findEspeak, phonemesToIds, type Phonemizer } from './phonemes';

export interface PiperVoiceOptions {
  /** Shown in the run header; default: the model's file name without .onnx. */
  name?: string;
  demo?: boolean;
  /** The speaker id for a segment when the task names none (the built-in voice picks it from the prompt). */
  chooseSpeaker?(input: SegmentInput, config: PiperConfig): number | undefined;
}

const CONTRACT =
  'a Piper voice takes "input" (int64 [batch, phonemes]), "input_lengths" (int64 [batch]) and "scales" (float32 [3]), ' +
  'plus "sid" (int64 [batch]) when it has several speakers, and gives audio samples as its first output';

type Meta = InferenceSession.ValueMetadata;

function typeOf(meta: readonly Meta[] | undefined, name: string): string | undefined {
  const m = meta?.find((x) => x.name === name);
  return m && m.isTensor ? m.type : undefined;
}

/** Checks the session against the Piper contract; returns whether it takes sid. */
function checkContract(session: InferenceSession, config: PiperConfig, modelPath: string): { takesSid: boolean; output: string } {
  const names = [...session.inputNames];
  const problems: string[] = [];
  for (const required of ['input', 'input_lengths', 'scales']) if (!names.includes(required)) problems.push(`it has no input "${required}"`);
  const known = new Set(['input', 'input_lengths', 'scales', 'sid', SEED_INPUT]);
  const extra = names.filter((n) => !known.has(n));
  if (extra.length) problems.push(`it has inputs a Piper voice does not have: ${extra.map((n) => `"${n}"`).join(', ')}`);
  const meta = session.inputMetadata;
  const expectType = (name: string, type: string) => {
    const t = typeOf(meta, name);
    if (names.includes(name) && t && t !== type) problems.push(`input "${name}" is ${t}, expected ${type}`);
  };
  expectType('input', 'int64');
  expectType('input_lengths', 'int64');
  expectType('scales', 'float32');
  expectType('sid', 'int64');
  const takesSid = names.includes('sid');
  if (config.numSpeakers > 1 && !takesSid) {
    problems.push(`the config says ${config.numSpeakers} speakers (num_speakers) but the model has no "sid" input`);
  }
  const output = session.outputNames.includes('output') ? 'output' : session.outputNames[0];
  const outType = typeOf(session.outputMetadata, output);
  if (!output) problems.push('it has no output');
  else if (outType && outType !== 'float32') problems.push(`its output "${output}" is ${outType}, expected float32 audio samples`);
  if (problems.length) {
    throw new VoiceError(
      'load-failed',
      `${modelPath} is not a usable Piper voice: ${problems.join('; ')}. Its inputs: ${names.map((n) => `"${n}"`).join(', ') || 'none'}. ` +
        `Expected: ${CONTRACT}.`,
    );
  }
  return { takesSid, output };
}

function phonemizerFor(config: PiperConfig): Phonemizer {
  switch (config.phonemeType) {
    case 'text':
      return new TextPhonemizer();
    case 'pinyin':
      return new PinyinPhonemizer(config.phonemeIdMap);
    case 'espeak':
      return new EspeakPhonemizer(findEspeak(config.espeakVoice), config.espeakVoice);
  }
}

export async function openPiperVoice(
  modelPath: string,
  configPath: string,
  defaultSpeaker: string | number | undefined,
  ctx: VoiceLoadContext,
  opts: PiperVoiceOptions = {},
): Promise<LoadedVoice> {
  if (!fs.existsSync(modelPath)) throw new VoiceError('load-failed', `Piper voice model not found: ${modelPath}`);
  const config = readPiperConfig(configPath);
  const phonemizer = phonemizerFor(config);
  let rewrite;
  try {
    rewrite = seedRandomOps(fs.readFileSync(modelPath));
  } catch (err) {
    throw new VoiceError('load-failed', `${modelPath} is not an ONNX model (${err instanceof Error ? err.message : String(err)})`);
  }
  for (const p of rewrite.problems) ctx.log('warning', `${path.basename(modelPath)}: ${p}; its output may differ between runs with the same seed`);
  let handle: OnnxSessionHandle;
  try {
    handle = await ctx.createSession(rewrite.bytes);
  } catch (err) {
    if (err instanceof VoiceError) throw err;
    throw new VoiceError('load-failed', `onnxruntime cannot load ${modelPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { session } = handle;
  const { takesSid, output } = checkContract(session, config, modelPath);
  const seeded = session.inputNames.includes(SEED_INPUT);
  const loadSpeaker = resolveSpeaker(config, defaultSpeaker, 'voice setting');
  const ort = ctx.ort();
  const scales = new ort.Tensor('float32', Float32Array.from([config.noiseScale, config.lengthScale, config.noiseW]), [3]);
  const name = opts.name ?? path.basename(modelPath).replace(/\.onnx$/i, '');

  const voice: LoadedVoice = {
    info: {
      name,
      sampleRate: config.sampleRate,
      modelPath,
      ...(opts.demo ? { demo: true } : {}),
      ...(config.numSpeakers > 1 ? { speakers: config.numSpeakers } : {}),
    },
    provider: handle.provider,
    fallbackReason: handle.fallbackReason,
    intraOpThreads: handle.intraOpThreads,
    async synthesize(seg) {
      const phonemes = await phonemizer.phonemize(seg.text);
      const { ids, missing } = phonemesToIds(phonemes, config.phonemeIdMap);
      if (missing.length) seg.warn(`${name}: skipped symbols the voice does not know: ${missing.slice(0, 20).join(' ')}`);
      const speaker =
        seg.speaker !== undefined && seg.speaker !== ''
          ? resolveSpeaker(config, seg.speaker, 'task')
          : (opts.chooseSpeaker?.(seg, config) ?? loadSpeaker);
      const feeds: Record<string, import('onnxruntime-node').Tensor> = {
        input: new ort.Tensor('int64', BigInt64Array.from(ids, (x) => BigInt(x)), [1, ids.length]),
        input_lengths: new ort.Tensor('int64', BigInt64Array.of(BigInt(ids.length)), [1]),
        scales,
      };
      if (takesSid) feeds.sid = new ort.Tensor('int64', BigInt64Array.of(BigInt(speaker)), [1]);
      if (seeded) feeds[SEED_INPUT] = new ort.Tensor('int64', BigInt64Array.of(BigInt(seg.seed >>> 0)), [1]);
      let result;
      try {
        result = await session.run(feeds, [output]);
      } catch (err) {
        throw new VoiceError('model-error', `${name}: onnxruntime failed on segment ${seg.index + 1}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const out = result[output];
      if (!out || out.type !== 'float32') throw new VoiceError('model-error', `${name}: the model gave no float32 output`);
      // Real exports give [B,1,1,S], some [B,1,S] or [B,S]: samples are the last dimension of batch item 0.
      const length = Number(out.dims[out.dims.length - 1] ?? 0);
      return (out.data as Float32Array).slice(0, length);
    },
    dispose() {
      return session.release();
    },
  };
  // Warm up once at load (pinyin dictionaries, onnxruntime's first-run allocations), so the first task is as fast
  // as the rest and the time shows up as load time, where it belongs.
  await voice.synthesize({ text: config.phonemeType === 'pinyin' ? '你好 a' : 'a', index: 0, count: 1, seed: 0, warn: () => undefined });
  return voice;
}

/** The voice.onnx and voice.onnx.json a spec names (a model file, or a folder holding exactly one .onnx). */
export function locatePiperFiles(modelPath: string, configPath?: string): { modelPath: string; configPath: string } {
  let model = path.resolve(modelPath);
  if (fs.existsSync(model) && fs.statSync(model).isDirectory()) {
    const onnx = fs.readdirSync(model).filter((f) => f.toLowerCase().endsWith('.onnx'));
    if (onnx.length !== 1) {
      throw new VoiceError('load-failed', `voice folder ${model} must hold exactly one .onnx file (found ${onnx.length ? onnx.join(', ') : 'none'})`);
    }
    model = path.join(model, onnx[0]);
  } else if (/\.onnx\.json$/i.test(model)) {
    model = model.replace(/\.json$/i, '');
  }
  return { modelPath: model, configPath: configPath ? path.resolve(configPath) : `${model}.json` };
}

export async function loadPiperVoice(spec: Extract<VoiceSpec, { kind: 'piper' }>, ctx: VoiceLoadContext): Promise<LoadedVoice> {
  const files = locatePiperFiles(spec.modelPath, spec.configPath);
  return openPiperVoice(files.modelPath, files.configPath, spec.speaker, ctx);
}
