// What a batch run tells the world. The CLI prints these; the VS Code client reads them as one JSON object
// per line from `tts-batch run --format json` (a documented contract). Task lines are 1-based.

export type TaskErrorKind =
  | 'invalid'
  | 'not-found'
  | 'timeout'
  | 'crashed'
  | 'out-of-memory'
  | 'model-error'
  | 'write-error'
  | 'cancelled';

export interface BatchHeader {
  taskFile: string;
  profile: string;
  voice: string;
  demoVoice: boolean;
  provider: string;
  fallbackReason?: string;
  seed: number;
  sampleRate: number;
  outputDir: string;
  logFile: string;
  journalFile: string;
  workers: number;
  totalTasks: number;
  /** Tasks that will run now (after resume/retry selection). */
  scheduledTasks: number;
  /** Added compatibly (optional): */
  /** The task file as the user wrote it (log lines use it in `file:line`). */
  taskFileArg?: string;
  /** Batch name (task file base name): names the journal and the log. */
  batchName?: string;
  /** Model file of the voice, when it has one. */
  model?: string;
  /** Tasks already done in an earlier run (output matches the journal). */
  doneTasks?: number;
  /** onnxruntime threads per worker. */
  intraOpThreads?: number;
}

export type RunEvent =
  | { type: 'batch-started'; time: string; header: BatchHeader }
  | { type: 'task-started'; time: string; line: number; outputName: string }
  | { type: 'task-skipped'; time: string; line: number; outputName: string; reason: 'done' | 'not-selected' }
  | {
      type: 'task-succeeded';
      time: string;
      line: number;
      outputName: string;
      outputPath: string;
      audioSeconds: number;
      wallSeconds: number;
      rtf: number;
      /** Added compatibly (optional): */
      /** `/abs/path/tasks.jsonl:16:1`, what editors turn into a link. */
      location?: string;
      sha256?: string;
      /** Time the worker spent synthesizing, s (rtf = synthSeconds / audioSeconds). */
      synthSeconds?: number;
      /** Worker processes the task needed (more than 1 after a crash). */
      attempts?: number;
      /** Things that did not stop the synthesis (e.g. symbols the voice does not know). */
      warnings?: string[];
    }
  | {
      type: 'task-failed';
      time: string;
      line: number;
      /** 1-based column of the offending characters when known (validation errors), else 1. */
      column: number;
      outputName?: string;
      kind: TaskErrorKind;
      message: string;
      /** Added compatibly (optional): `/abs/path/tasks.jsonl:17:5`, what editors turn into a link. */
      location?: string;
      /** Validator rule code (e.g. `audio-not-found`) when the task failed validation. */
      code?: string;
    }
  | { type: 'progress'; time: string; done: number; total: number; failed: number; elapsedSeconds: number; etaSeconds?: number }
  | {
      type: 'log';
      time: string;
      level: 'info' | 'warning' | 'error';
      message: string;
      /** Added compatibly (optional): the task line the message is about, and its `/abs/path:line:col`. */
      line?: number;
      location?: string;
    }
  | {
      type: 'batch-finished';
      time: string;
      succeeded: number;
      failed: number;
      skipped: number;
      cancelled: number;
      total: number;
      failedLines: number[];
      logFile: string;
      journalFile: string;
      /** Added compatibly (optional): */
      outputDir?: string;
      elapsedSeconds?: number;
      /** True when the run was stopped (Ctrl+C, SIGTERM, AbortSignal) before every task ran. */
      stopped?: boolean;
      /** Tasks that succeeded in this run (the rest of `succeeded` were already done). */
      ran?: number;
    };
