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
    }
  | { type: 'progress'; time: string; done: number; total: number; failed: number; elapsedSeconds: number; etaSeconds?: number }
  | { type: 'log'; time: string; level: 'info' | 'warning' | 'error'; message: string }
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
    };
