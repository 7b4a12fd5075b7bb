// What a caller (the CLI, the VS Code client through the CLI, a test) can ask of a batch run, and the
// defaults that apply when it does not say.
import * as os from 'node:os';
import type { ExecutionProvider, VoiceSpec } from '../engine/protocol';

export interface RunOptions {
  /** Task file (JSONL) as the user gave it; relative paths resolve against `cwd`. */
  taskFile: string;
  /** Output folder; default `<task folder>/<batch name>.output`. */
  outputDir?: string;
  /** Base of 'project' relative audio paths (default `cwd`). */
  audioRoot?: string;
  cwd?: string;
  profile?: string;
  voice?: VoiceSpec;
  speaker?: string | number;
  ep?: ExecutionProvider;
  /** Engine workers in parallel; default 1 on a GPU, about half the cores on a CPU. */
  workers?: number;
  /** onnxruntime threads per worker; default: the cores shared between the workers. */
  intraOpThreads?: number;
  /** Fixed per-task timeout in seconds; default scales with the text length (see taskTimeoutSeconds). */
  timeoutSeconds?: number;
  /** A busy worker silent for this long is hung (default 10 s). */
  heartbeatTimeoutSeconds?: number;
  /** How often workers send heartbeats, ms (default 1000). */
  heartbeatMs?: number;
  seed?: number;
  sampleRate?: number;
  /** Worker RSS ceiling in MB (default: 80 % of the machine's memory shared between the workers). */
  maxWorkerMemoryMB?: number;
  /** Per-worker GPU memory ceiling in MB, checked through nvidia-smi when present (default 95 % of the GPU). */
  maxGpuMemoryMB?: number;
  /** Times a task may take a worker down (crash / out of memory) before it is failed for good (default 2). */
  maxCrashesPerTask?: number;
  /**
   * Keep one loaded worker in reserve so a killed worker is replaced at once (default: on for CPU voices, off
   * when the voice runs on a GPU, where a second copy of the model costs GPU memory).
   */
  standby?: boolean;
  /**
   * Texts over the validator's hard limit (`text-over-limit`) run anyway: the engine splits them at sentence
   * ends and joins the audio. Without it they fail as `invalid`, as the editor marks them.
   */
  autoSplit?: boolean;
  /**
   * Tasks sent ahead to each worker (default 3): the worker renders one while the previous one's WAV is written
   * and its result travels back, so the model never waits. 1 sends the next task only after a result.
   */
  pipelineDepth?: number;
  /** Rerun every task, even those whose output matches the journal. */
  force?: boolean;
  /** Run only the tasks the journal marks failed. */
  retryFailed?: boolean;
  /** Run only these 1-based lines (always rerun, even when done). */
  onlyLines?: number[];
  /** Write the original lines of the tasks that failed to this file after the run. */
  writeFailed?: string;
  /** dist/worker.js unless given. */
  workerPath?: string;
  /** Extra environment for the workers. */
  workerEnv?: NodeJS.ProcessEnv;
  /** Also print log lines through this (the CLI's console); the log file is written regardless. */
  onLogLine?: (line: string) => void;
}

export const defaults = {
  seed: 42,
  sampleRate: 24000,
  heartbeatTimeoutSeconds: 10,
  heartbeatMs: 1000,
  maxCrashesPerTask: 2,
  pipelineDepth: 3,
  /** Floor and slope of the length-scaled timeout, and its cap. */
  timeoutBaseSeconds: 60,
  timeoutPerUnitSeconds: 1,
  timeoutMaxSeconds: 1800,
};

/**
 * Time a task may take. A model's time grows with the text, so a fixed limit either kills long honest texts or
 * waits far too long on short hung ones: the default is a floor plus a slope per text unit (CJK character or word).
 */
export function taskTimeoutSeconds(textUnits: number, fixed?: number): number {
  if (fixed !== undefined && fixed > 0) return fixed;
  return Math.min(defaults.timeoutMaxSeconds, defaults.timeoutBaseSeconds + defaults.timeoutPerUnitSeconds * Math.max(0, textUnits));
}

/** CPU workers: small voices scale better across processes than across threads, but leave a core to the rest. */
export function defaultCpuWorkers(cores = os.availableParallelism?.() ?? os.cpus().length): number {
  return Math.max(1, Math.min(4, Math.floor(cores / 2)));
}

export function defaultThreads(workers: number, cores = os.availableParallelism?.() ?? os.cpus().length): number {
  return Math.max(1, Math.floor(cores / Math.max(1, workers)));
}

export function defaultWorkerMemoryMB(workers: number): number {
  return Math.floor((os.totalmem() * 0.8) / Math.max(1, workers) / (1024 * 1024));
}

/** `output_name`-less tasks and the batch name both come from the task file's base name. */
export function batchNameOf(taskFile: string): string {
  const base = taskFile.split(/[\\/]/).pop() ?? taskFile;
  return base.replace(/\.(jsonl|json|ndjson|txt)$/i, '') || 'batch';
}
