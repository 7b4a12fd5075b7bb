// Folds the runner's events into what the UI shows: per-line states (diagnostics, CodeLens), the progress
// line and the summary. Pure: the glue feeds events in and renders the result.
import type { BatchHeader, RunEvent } from '../../inference/runner/events';
import type { LineStates } from './lineStates';

export interface RunProgress {
  done: number;
  total: number;
  failed: number;
  elapsedSeconds: number;
  etaSeconds?: number;
}

export type BatchFinished = Extract<RunEvent, { type: 'batch-finished' }>;

export interface EventEffect {
  /** 1-based lines whose state changed. */
  lines: number[];
  progressChanged: boolean;
}

export class RunTracker {
  header: BatchHeader | undefined;
  progress: RunProgress = { done: 0, total: 0, failed: 0, elapsedSeconds: 0 };
  finished: BatchFinished | undefined;
  /** Lines the runner reported on in this run (to tell "rerun and now fine" from "not part of this run"). */
  readonly touched = new Set<number>();
  /** Lines the runner said anything about, skipped ones (already done) included. */
  readonly seen = new Set<number>();

  /** `states` is the file's line state map, updated in place so earlier results of untouched lines survive a retry. */
  constructor(
    private readonly states: LineStates,
    /** Maps the run's line numbers to the edited document's (see LineMapper); identity when absent. */
    private readonly mapper?: { map(line: number): number | undefined },
  ) {}

  apply(event: RunEvent): EventEffect {
    let e = event;
    if ('line' in e && typeof e.line === 'number' && e.type !== 'log') {
      const line = this.mapper ? this.mapper.map(e.line) : e.line;
      // The user edited that task's line during the run: its result describes text that is gone.
      if (line === undefined) return { lines: [], progressChanged: false };
      e = { ...e, line } as RunEvent;
      this.seen.add(line);
    }
    switch (e.type) {
      case 'batch-started':
        this.header = e.header;
        this.progress = { done: 0, total: e.header.scheduledTasks, failed: 0, elapsedSeconds: 0 };
        return { lines: [], progressChanged: true };
      case 'task-started':
        this.touched.add(e.line);
        this.states.set(e.line, { status: 'running', origin: 'run', outputName: e.outputName });
        return { lines: [e.line], progressChanged: false };
      case 'task-succeeded':
        this.touched.add(e.line);
        this.states.set(e.line, { status: 'succeeded', origin: 'run', outputName: e.outputName, outputPath: e.outputPath });
        return { lines: [e.line], progressChanged: false };
      case 'task-failed':
        this.touched.add(e.line);
        this.states.set(e.line, {
          status: e.kind === 'cancelled' ? 'cancelled' : 'failed',
          origin: 'run',
          outputName: e.outputName,
          kind: e.kind,
          message: e.message,
          column: e.column,
        });
        return { lines: [e.line], progressChanged: false };
      case 'task-skipped': {
        if (e.reason !== 'done') return { lines: [], progressChanged: false };
        // Done in an earlier run and unchanged: still a success (its WAV path comes from the journal).
        const prev = this.states.get(e.line);
        this.states.set(e.line, {
          status: 'succeeded',
          origin: 'run',
          outputName: e.outputName,
          outputPath: prev?.status === 'succeeded' ? prev.outputPath : undefined,
        });
        return { lines: [e.line], progressChanged: false };
      }
      case 'progress':
        this.progress = {
          done: e.done, total: e.total, failed: e.failed, elapsedSeconds: e.elapsedSeconds, etaSeconds: e.etaSeconds,
        };
        return { lines: [], progressChanged: true };
      case 'log':
        return { lines: [], progressChanged: false };
      case 'batch-finished': {
        this.finished = e;
        // A task still "running" when the batch ends did not finish (cancelled or its worker died).
        return { lines: this.abandon(), progressChanged: true };
      }
    }
  }

  /** After a whole-file run: results of lines the runner did not mention (deleted tasks, now blank) are stale. */
  dropUnseen(): number[] {
    const dropped: number[] = [];
    for (const [line, s] of [...this.states]) {
      if (s.origin !== 'log' && !this.seen.has(line)) {
        this.states.delete(line);
        dropped.push(line);
      }
    }
    return dropped;
  }

  /** After the process exited without `batch-finished` (killed, crashed): running lines are not running. */
  abandon(): number[] {
    const lines: number[] = [];
    for (const line of this.touched) {
      const s = this.states.get(line);
      if (s?.status === 'running') {
        this.states.set(line, { ...s, status: 'cancelled' });
        lines.push(line);
      }
    }
    return lines;
  }
}
