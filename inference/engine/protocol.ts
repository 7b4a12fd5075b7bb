// The message protocol between the runner (parent) and an engine worker process (child_process.fork,
// `serialization: 'advanced'`). Documented in the README; change it only compatibly.
//
//   parent → worker: load, synthesize, shutdown
//   worker → parent: ready (after load), started, heartbeat (while busy and idle), progress, result, error
//
// One worker loads one voice once and then serves many synthesize requests. The parent may send a request before
// earlier ones have finished (pipelining): the worker queues them and the voice renders one at a time in the order
// received, announcing each with `started`; a rendered task's WAV is resampled, encoded, written and hashed on
// another thread while the voice goes on with the next. Results can therefore arrive after the next `started`.

export type ExecutionProvider = 'auto' | 'cpu' | 'cuda';

/** Which voice a worker loads. */
export type VoiceSpec =
  /** The built-in demo voice in models/ (tones, not words). */
  | { kind: 'builtin' }
  /** A Piper voice: `voice.onnx` with `voice.onnx.json` beside it (or at configPath). */
  | { kind: 'piper'; modelPath: string; configPath?: string; speaker?: string | number }
  /**
   * A JavaScript module implementing the Voice interface (inference/engine/voice.ts) — how users plug in
   * their own engines, and how tests inject faults (hangs, crashes, memory blow-ups) without any fault
   * switch in production code.
   */
  | { kind: 'module'; modulePath: string; options?: unknown };

export interface LoadRequest {
  type: 'load';
  voice: VoiceSpec;
  ep: ExecutionProvider;
  /** onnxruntime intra-op threads; 0 or absent = engine default. */
  intraOpThreads?: number;
  /**
   * Let onnxruntime's intra-op threads busy-wait for work between operators and runs. Absent: only where the
   * machine has cores to spare beyond the pool (defaultAllowSpinning): between runs the worker waits on IPC and
   * writes the WAV, and spinning threads then burn cores that other workers need. Added compatibly.
   */
  allowSpinning?: boolean;
  /** How often the worker sends heartbeats, in ms (default 1000). */
  heartbeatMs?: number;
}

export interface SynthesisTask {
  /** Text to speak. Long text is split at sentence punctuation into segments of at most maxSegmentUnits. */
  text: string;
  /** Absolute path of the prompt (reference) WAV, if any. */
  promptAudioPath?: string;
  promptText?: string;
  seed: number;
  /** Output sample rate; the worker resamples from the voice's own rate. */
  sampleRate: number;
  maxSegmentUnits?: number;
  /** Absolute path the worker writes the finished WAV to (the runner renames it into place). */
  outputPath: string;
  speaker?: string | number;
  /** Silence between long-text segments, ms (default 250). Added compatibly. */
  pauseMs?: number;
}

export interface SynthesizeRequest {
  type: 'synthesize';
  /** Chosen by the parent; echoed in every message about this request. */
  id: number;
  task: SynthesisTask;
}

export interface ShutdownRequest {
  type: 'shutdown';
}

export type WorkerRequest = LoadRequest | SynthesizeRequest | ShutdownRequest;

export interface VoiceInfo {
  /** e.g. "built-in demo voice", "en_US-lessac-medium". */
  name: string;
  /** The voice's own sample rate. */
  sampleRate: number;
  /** Path of the model file, if any. */
  modelPath?: string;
  /** True for the built-in demo voice: it makes tones, not words. */
  demo?: boolean;
  speakers?: number;
}

export interface ReadyMessage {
  type: 'ready';
  /** The provider actually in use. */
  provider: 'cpu' | 'cuda' | 'none';
  /** Why the provider differs from the one asked for (e.g. "CUDA provider libraries are not installed: …"). */
  fallbackReason?: string;
  voice: VoiceInfo;
  loadMs: number;
  pid: number;
  /** onnxruntime intra-op threads in use (absent for voices without onnxruntime). Added compatibly. */
  intraOpThreads?: number;
}

/**
 * The voice has begun this request (it left the worker's queue). Everything sent before it and not yet answered
 * is further along. A parent times a task from here, and when a worker dies, blames the request last started.
 * Added compatibly.
 */
export interface StartedMessage {
  type: 'started';
  id: number;
}

export interface HeartbeatMessage {
  type: 'heartbeat';
  /** The request being worked on (rendered by the voice, else the oldest having its WAV written), if any. */
  id?: number;
  rssBytes: number;
}

/** Sent for texts split into several segments: before the first and after each one. */
export interface ProgressMessage {
  type: 'progress';
  id: number;
  segment: number;
  segments: number;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  outputPath: string;
  audioSeconds: number;
  sampleRate: number;
  samples: number;
  /**
   * Wall time spent on this task, ms: the voice stage (checks, prompt, model, joining) plus the WAV stage
   * (resampling, encoding, writing, hashing), not the time it waited in the worker's queues.
   */
  synthMs: number;
  sha256: string;
  /** How many segments the text was split into. Added compatibly. */
  segments?: number;
  /**
   * Wall time inside the voice itself (the model run of every segment), ms; the rest of synthMs is the engine's
   * own work (joining, resampling, WAV encoding, writing). Added compatibly, for performance breakdowns.
   */
  modelMs?: number;
  /** Things the user should know that did not stop the synthesis (e.g. symbols the voice does not know). */
  warnings?: string[];
}

/** Kinds the runner maps onto its journal's error kinds. */
export type EngineErrorKind = 'load-failed' | 'model-error' | 'invalid-input' | 'write-error' | 'out-of-memory';

export interface ErrorMessage {
  type: 'error';
  /** Absent when the error is not about a request (e.g. load). */
  id?: number;
  kind: EngineErrorKind;
  message: string;
}

/** A line for the run log (e.g. why `auto` fell back to the CPU). Added compatibly: parents may ignore it. */
export interface LogMessage {
  type: 'log';
  level: 'info' | 'warning';
  message: string;
}

export type WorkerMessage = ReadyMessage | StartedMessage | HeartbeatMessage | ProgressMessage | ResultMessage | ErrorMessage | LogMessage;
