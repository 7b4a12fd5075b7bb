// One task → one WAV: split the text, let the voice make each segment (yielding between them so heartbeats
// and progress keep flowing), join with a short pause, resample to the requested rate, write 16-bit PCM.
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
 * Written synchronously: the worker has nothing else to do meanwhile (one task at a time, heartbeats can wait a
 * millisecond), and an async write costs two event-loop turns and a hop through libuv's thread pool, which on a
 * busy machine waits behind onnxruntime's own threads (measured 5–15 ms per task on 2 cores vs ~1 ms here).
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

export async function synthesizeTask(
  voice: LoadedVoice,
  id: number,
  task: SynthesisTask,
  onProgress: (m: ProgressMessage) => void,
): Promise<ResultMessage> {
  const started = performance.now();
  checkTask(task);
  const prompt: PromptAudio | undefined = task.promptAudioPath ? await loadPrompt(task.promptAudioPath) : undefined;
  const segments = splitSentences(task.text, task.maxSegmentUnits ?? DEFAULT_MAX_SEGMENT_UNITS);
  const rate = voice.info.sampleRate;
  const warnings = new Set<string>();
  const parts: Float32Array[] = [];
  onProgress({ type: 'progress', id, segment: 0, segments: segments.length });
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
    onProgress({ type: 'progress', id, segment: i + 1, segments: segments.length });
    await yieldToEventLoop();
  }
  // Everything below runs between two model runs, once per task: it is kept to one pass over the samples, with
  // no copy where none is needed (a single segment at the voice's own rate goes straight to the encoder).
  const joined = parts.length === 1 ? parts[0] : joinWithPauses(parts, Math.round(((task.pauseMs ?? DEFAULT_PAUSE_MS) / 1000) * rate));
  const output = rate === task.sampleRate ? joined : resample(joined, rate, task.sampleRate);
  const bytes = encodeWav16(output, task.sampleRate);
  try {
    writeOutput(task.outputPath, bytes);
  } catch (err) {
    throw new VoiceError('write-error', `cannot write ${task.outputPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    type: 'result',
    id,
    outputPath: task.outputPath,
    audioSeconds: output.length / task.sampleRate,
    sampleRate: task.sampleRate,
    samples: output.length,
    synthMs: performance.now() - started,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    segments: segments.length,
    modelMs,
    ...(warnings.size ? { warnings: [...warnings] } : {}),
  };
}
