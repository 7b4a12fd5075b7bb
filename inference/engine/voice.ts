// The Voice interface: what every voice (built-in, Piper, or a user's JavaScript module) gives the worker.
// A module voice (`{kind:'module', modulePath}`) is a CommonJS file exporting `load(ctx)` that returns a
// LoadedVoice. The worker does everything around it: splitting long text, yielding between segments (so
// heartbeats keep flowing), joining, resampling, writing the WAV. A voice only turns one segment into samples.
//
//   // my-voice.js
//   exports.load = async (ctx) => ({
//     info: { name: 'my voice', sampleRate: 22050 },
//     synthesize: async (seg) => new Float32Array(22050),   // mono samples in [-1, 1] at info.sampleRate
//   });
import type { EngineErrorKind, ExecutionProvider, VoiceInfo } from './protocol';
import type { OnnxSessionHandle } from './onnxSession';

/** The prompt (reference) audio of a task, read by the worker once and cached. */
export interface PromptAudio {
  path: string;
  /** Mono samples in [-1, 1] (channels mixed down). */
  samples: Float32Array;
  sampleRate: number;
  /** Median fundamental frequency of the voiced frames in Hz, or undefined when nothing is voiced. Cached. */
  medianF0Hz(): number | undefined;
}

export interface VoiceLoadContext {
  ep: ExecutionProvider;
  /** onnxruntime intra-op threads the engine chose (the setting, or its default). */
  intraOpThreads: number;
  /** `options` of the module VoiceSpec, as given. */
  options?: unknown;
  /** Directory of the voice module (resolve the voice's own files against it). */
  baseDir?: string;
  /** Creates an onnxruntime session honouring ep/threads, with the CPU fallback of `auto`. */
  createSession(model: string | Uint8Array): Promise<OnnxSessionHandle>;
  /** The onnxruntime-node module, loaded in the worker only. */
  ort(): typeof import('onnxruntime-node');
  log(level: 'info' | 'warning', message: string): void;
}

export interface SegmentInput {
  text: string;
  /** 0-based position of this segment in the task and the number of segments. */
  index: number;
  count: number;
  /** Derived from the task seed and the segment index: use it for every random draw. */
  seed: number;
  prompt?: PromptAudio;
  promptText?: string;
  speaker?: string | number;
  /** Report something the user should know (kept in the result's warnings). */
  warn(message: string): void;
}

export interface LoadedVoice {
  info: VoiceInfo;
  /** The provider actually in use ('none' for voices without onnxruntime). */
  provider: 'cpu' | 'cuda' | 'none';
  fallbackReason?: string;
  intraOpThreads?: number;
  /** Mono samples in [-1, 1] at info.sampleRate. May be async; must not block the event loop for long. */
  synthesize(input: SegmentInput): Promise<Float32Array> | Float32Array;
  dispose?(): Promise<void> | void;
}

export interface VoiceModule {
  load(ctx: VoiceLoadContext): Promise<LoadedVoice> | LoadedVoice;
}

/** An error a voice throws to say which kind of failure it is (anything else counts as 'model-error'). */
export class VoiceError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'VoiceError';
  }
}

const kinds: EngineErrorKind[] = ['load-failed', 'model-error', 'invalid-input', 'write-error', 'out-of-memory'];

/** The kind of an error thrown by a voice: its `kind` when it names one (VoiceError or a plain object), else the fallback. */
export function errorKindOf(err: unknown, fallback: EngineErrorKind): EngineErrorKind {
  const kind = (err as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string' && (kinds as string[]).includes(kind)) return kind as EngineErrorKind;
  if (err instanceof RangeError && /allocation|memory/i.test(err.message)) return 'out-of-memory';
  return fallback;
}

export function errorMessageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
