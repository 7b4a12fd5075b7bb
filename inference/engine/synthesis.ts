// One task → one WAV, in two stages so a worker can overlap them across tasks:
//   renderTask (the voice stage, on the worker's main thread): split the text, let the voice make each segment
//     (yielding between them so heartbeats and progress keep flowing), fade and join with a short pause;
//   finishTask (the WAV stage, on the worker's finisher thread): resample to the requested rate, encode 16-bit
//     PCM, write, hash.
// Both are plain functions of their inputs: the same task, voice and seed give the same bytes wherever they run.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProgressMessage, ResultMessage, SynthesisTask } from './protocol';
import { resample } from './audio/resample';
import { encodeWav16 } from './audio/wavIo';
import { loadPrompt } from './prompt';
import { deriveSeed } from './seed';
import { splitSentences } from './text/segments';
import { VoiceError, type LoadedVoice, type PromptAudio } from './voice';

export const DEFAULT_MAX_SEGMENT_UNITS = 80;
export const DEFAULT_PAUSE_MS = 250;
/** Short fades at segment edges: joins without clicks. */
const FADE_MS = 5;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function checkTask(task: SynthesisTask): void {
  if (typeof task.text !== 'string' || !task.text.trim()) throw new VoiceError('invalid-input', 'the text is empty');
  if (!Number.isInteger(task.sampleRate) || task.sampleRate < 4000 || task.sampleRate > 192000) {
    throw new VoiceError('invalid-input', `sample rate must be an integer between 4000 and 192000 Hz (got ${task.sampleRate})`);
  }
  if (!Number.isSafeInteger(task.seed)) throw new VoiceError('invalid-input', `seed must be an integer (got ${task.seed})`);
  if (typeof task.outputPath !== 'string' || !path.isAbsolute(task.outputPath)) {
    throw new VoiceError('invalid-input', `output path must be absolute (got ${String(task.outputPath)})`);
  }
  if (task.promptAudioPath !== undefined && (typeof task.promptAudioPath !== 'string' || !path.isAbsolute(task.promptAudioPath))) {
    throw new VoiceError('invalid-input', `prompt audio path must be absolute (got ${String(task.promptAudioPath)})`);
  }
}

function asSamples(value: unknown, voiceName: string): Float32Array {
  let out: Float32Array;
  if (value instanceof Float32Array) out = value;
  else if (ArrayBuffer.isView(value) || Array.isArray(value)) out = Float32Array.from(value as ArrayLike<number>);
  else throw new VoiceError('model-error', `voice "${voiceName}" returned no audio samples`);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) throw new VoiceError('model-error', `voice "${voiceName}" returned a non-finite sample at ${i}`);
  }
  return out;
}

function fadeEdges(x: Float32Array, rate: number): void {
  const n = Math.min(Math.floor((FADE_MS / 1000) * rate), x.length >> 1);
  for (let i = 0; i < n; i++) {
    const g = i / n;
    x[i] *= g;
    x[x.length - 1 - i] *= g;
  }
}

function joinWithPauses(parts: Float32Array[], pause: number): Float32Array {
  const total = parts.reduce((n, p) => n + p.length, 0) + pause * Math.max(0, parts.length - 1);
  const joined = new Float32Array(total);
  let at = 0;
  parts.forEach((p, i) => {
    joined.set(p, at);
    at += p.length + (i < parts.length - 1 ? pause : 0);
  });
  return joined;
}

/** Output folders this worker has already made: one mkdir per folder, not one per task. */
const madeDirs = new Set<string>();

/**
 * Written synchronously: the finisher thread has nothing else to do meanwhile, and an async write costs two
 * event-loop turns and a hop through libuv's thread pool, which on a busy machine waits behind onnxruntime's own
 * threads (measured 5–15 ms per task on 2 cores vs ~1 ms here).
 */
function writeOutput(file: string, bytes: Uint8Array): void {
  const dir = path.dirname(file);
  if (!madeDirs.has(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  try {
    fs.writeFileSync(file, bytes);
  } catch (err) {
    // The folder went away since we made it (a user cleaned up): make it again once.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    madeDirs.delete(dir);
    fs.mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
    fs.writeFileSync(file, bytes);
  }
}

/** What the voice stage hands to the WAV stage: everything finishTask needs, nothing tied to the voice. */
export interface RenderedTask {
  id: number;
  /** The joined samples at the voice's rate; a fresh buffer the caller may transfer to another thread. */
  samples: Float32Array;
  voiceRate: number;
  sampleRate: number;
  outputPath: string;
  segments: number;
  /** Wall time of the voice stage (checks, prompt, every segment's model run, joining), ms. */
  renderMs: number;
  /** Wall time inside the voice itself, ms. */
  modelMs: number;
  warnings: string[];
}

/** The voice stage of one task. Throws VoiceError (or the voice's own error) when the task cannot be rendered. */
export async function renderTask(
  voice: LoadedVoice,
  id: number,
  task: SynthesisTask,
  onProgress: (m: ProgressMessage) => void,
): Promise<RenderedTask> {
  const started = performance.now();
  checkTask(task);
  const prompt: PromptAudio | undefined = task.promptAudioPath ? await loadPrompt(task.promptAudioPath) : undefined;
  const segments = splitSentences(task.text, task.maxSegmentUnits ?? DEFAULT_MAX_SEGMENT_UNITS);
  const rate = voice.info.sampleRate;
  const warnings = new Set<string>();
  const parts: Float32Array[] = [];
  // Progress is worth a message only for texts split into segments: for one, `started` and the result say it all,
  // and every message costs the main thread time between two model runs.
  const report = segments.length > 1 ? onProgress : () => undefined;
  report({ type: 'progress', id, segment: 0, segments: segments.length });
  let modelMs = 0;
  for (let i = 0; i < segments.length; i++) {
    const modelStarted = performance.now();
    const made = await voice.synthesize({
      text: segments[i],
      index: i,
      count: segments.length,
      seed: deriveSeed(task.seed, i),
      prompt,
      promptText: task.promptText,
      speaker: task.speaker,
      warn: (m) => warnings.add(m),
    });
    modelMs += performance.now() - modelStarted;
    const audio = asSamples(made, voice.info.name);
    if (segments.length > 1) fadeEdges(audio, rate);
    parts.push(audio);
    report({ type: 'progress', id, segment: i + 1, segments: segments.length });
    await yieldToEventLoop();
  }
  // Always a fresh buffer of exactly these samples: a voice's array may be a view into memory it still owns
  // (an onnxruntime output, a cache), which must be neither kept nor detached by a transfer.
  const samples = parts.length === 1 ? parts[0].slice() : joinWithPauses(parts, Math.round(((task.pauseMs ?? DEFAULT_PAUSE_MS) / 1000) * rate));
  return {
    id,
    samples,
    voiceRate: rate,
    sampleRate: task.sampleRate,
    outputPath: task.outputPath,
    segments: segments.length,
    renderMs: performance.now() - started,
    modelMs,
    warnings: [...warnings],
  };
}

/** The WAV stage: resample, encode, write, hash. Throws VoiceError('write-error') when the file cannot be written. */
export function finishTask(r: RenderedTask): ResultMessage {
  const started = performance.now();
  const output = r.voiceRate === r.sampleRate ? r.samples : resample(r.samples, r.voiceRate, r.sampleRate);
  const bytes = encodeWav16(output, r.sampleRate);
  try {
    writeOutput(r.outputPath, bytes);
  } catch (err) {
    throw new VoiceError('write-error', `cannot write ${r.outputPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    type: 'result',
    id: r.id,
    outputPath: r.outputPath,
    audioSeconds: output.length / r.sampleRate,
    sampleRate: r.sampleRate,
    samples: output.length,
    // Time spent on this task in both stages, not the time it waited for the finisher thread.
    synthMs: r.renderMs + (performance.now() - started),
    sha256,
    segments: r.segments,
    modelMs: r.modelMs,
    ...(r.warnings.length ? { warnings: r.warnings } : {}),
  };
}
