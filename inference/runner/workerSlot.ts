// One place in the pool: an engine worker process with a few tasks sent ahead (the worker renders one while the
// last one's WAV is written), watched for the ways a task can go wrong without the worker saying so — a deadline
// passed, heartbeats stopped, memory over the ceiling — and for the worker dying. Any of those kills the process
// and starts a replacement at once, so the batch goes on. The task the worker was on takes the blame; the others
// sent ahead are handed back to run again, not counted against them.
import { EngineError, EngineWorker, type EngineWorkerOptions } from '../engine/workerClient';
import type { EngineErrorKind, LogMessage, ResultMessage, SynthesisTask } from '../engine/protocol';
import { formatMB, processRssBytes } from './memory';
import type { Standby } from './standby';

export type Attempt =
  | { type: 'result'; result: ResultMessage }
  /** The worker answered with an error and is still usable. */
  | { type: 'error'; kind: EngineErrorKind; message: string }
  /** The worker was killed and replaced; `kind` says why. */
  | { type: 'lost'; kind: 'timeout' | 'crashed' | 'out-of-memory'; message: string }
  /** The worker was lost while another task was the one being worked on: not this task's doing, run it again. */
  | { type: 'requeue'; message: string }
  | { type: 'cancelled' };

export interface SlotLimits {
  heartbeatTimeoutMs: number;
  maxRssBytes: number;
  /** MB of GPU memory per worker, when a GPU probe exists. */
  maxGpuMB?: number;
}

interface Running {
  settle: (a: Attempt) => void;
  /** Set when the worker begins the task: the deadline runs from then. */
  deadline?: NodeJS.Timeout;
}

export class WorkerSlot {
  private worker: EngineWorker | undefined;
  private starting: Promise<EngineWorker> | undefined;
  /** Tasks sent to the worker and not settled, in the order sent. */
  private readonly inFlight = new Set<Running>();
  /** The task the worker last started: the one it is on. */
  private current: Running | undefined;
  /** Last heartbeat (or dispatch to an idle worker), ms since epoch; checked only while tasks are in flight. */
  private lastBeat = 0;
  /** RSS the worker last reported (where /proc cannot be read, e.g. macOS). */
  private reportedRss: number | undefined;
  private closed = false;

  constructor(
    readonly index: number,
    private readonly workerOptions: EngineWorkerOptions,
    private readonly limits: SlotLimits,
    private readonly onWorkerLog: (m: LogMessage, slot: number) => void,
    private standby?: Standby,
  ) {}

  /** Replacements come from this standby when it has one ready. */
  useStandby(standby: Standby): void {
    this.standby = standby;
  }

  get pid(): number | undefined {
    return this.worker?.alive ? this.worker.pid : undefined;
  }

  /** Tasks sent to this slot's worker and not settled. */
  get load(): number {
    return this.inFlight.size;
  }

  /** Starts (or returns) this slot's live worker. Rejects with the engine's error when the voice cannot load. */
  ensureWorker(): Promise<EngineWorker> {
    if (this.closed) return Promise.reject(new EngineError('crashed', 'the batch was stopped'));
    if (this.worker?.alive) return Promise.resolve(this.worker);
    if (!this.starting) {
      const spare = this.standby?.take();
      const started = spare
        ? spare.then((w) => w ?? (this.closed ? Promise.reject(new EngineError('crashed', 'the batch was stopped')) : EngineWorker.start(this.workerOptions)))
        : EngineWorker.start(this.workerOptions);
      this.starting = started.then(
        (w) => {
          this.starting = undefined;
          if (this.closed) {
            w.kill();
            throw new EngineError('crashed', 'the batch was stopped');
          }
          return this.adopt(w);
        },
        (err: unknown) => {
          this.starting = undefined;
          throw err;
        },
      );
    }
    return this.starting;
  }

  private adopt(w: EngineWorker): EngineWorker {
    this.worker = w;
    w.on('heartbeat', (m) => {
      if (this.worker === w) {
        this.lastBeat = Date.now();
        this.reportedRss = m.rssBytes;
      }
    });
    w.on('log', (m) => this.onWorkerLog(m, this.index));
    return w;
  }

  /**
   * Sends one task to the worker, which may still be on earlier ones. Never rejects: every ending is an Attempt.
   * Throws only when no worker can be started. `onStart` runs when the worker begins the task.
   */
  async run(task: SynthesisTask, timeoutSeconds: number, onStart?: () => void): Promise<Attempt> {
    if (this.closed) return { type: 'cancelled' };
    const worker = await this.ensureWorker();
    if (this.closed) return { type: 'cancelled' };
    return new Promise<Attempt>((resolve) => {
      let settled = false;
      const running: Running = {
        settle: (a: Attempt) => {
          if (settled) return;
          settled = true;
          clearTimeout(running.deadline);
          this.inFlight.delete(running);
          if (this.current === running) this.current = undefined;
          resolve(a);
        },
      };
      // Heartbeats are only watched while tasks are in flight: an idle stretch before this one does not count.
      if (!this.inFlight.size) this.lastBeat = Date.now();
      this.inFlight.add(running);
      const onStarted = () => {
        if (settled) return;
        this.current = running;
        running.deadline = setTimeout(
          () => this.lose('timeout', `Timeout after ${formatSeconds(timeoutSeconds)} s - worker restarted`, running),
          timeoutSeconds * 1000,
        );
        onStart?.();
      };
      worker.synthesize(task, { onStart: onStarted }).then(
        (result) => running.settle({ type: 'result', result }),
        (err: unknown) => {
          if (settled) return;
          const kind = err instanceof EngineError ? err.kind : 'crashed';
          const message = err instanceof Error ? err.message : String(err);
          if (err instanceof EngineError && err.collateral) {
            this.forget(worker);
            running.settle({ type: 'requeue', message });
          } else if (kind === 'crashed' || (kind === 'out-of-memory' && !worker.alive)) {
            this.forget(worker);
            running.settle({ type: 'lost', kind, message: `${kind === 'crashed' ? 'Worker crashed' : 'Out of memory'}: ${message} - worker restarted` });
          } else {
            running.settle({ type: 'error', kind, message });
          }
        },
      );
    });
  }

  /** Called by the pool's watchdog a few times a second while a task runs. */
  check(now: number, gpuUsedMB?: number): void {
    const w = this.worker;
    if (!this.inFlight.size || !w) return;
    const silentMs = now - this.lastBeat;
    if (silentMs > this.limits.heartbeatTimeoutMs) {
      this.lose('timeout', `Timeout: no heartbeat from the worker for ${formatSeconds(silentMs / 1000)} s - worker restarted`);
      return;
    }
    const rss = processRssBytes(w.pid) ?? this.reportedRss;
    if (rss !== undefined && rss > this.limits.maxRssBytes) {
      this.lose(
        'out-of-memory',
        `Out of memory: worker used ${formatMB(rss)}, over the ceiling of ${formatMB(this.limits.maxRssBytes)} - worker restarted`,
      );
      return;
    }
    if (gpuUsedMB !== undefined && this.limits.maxGpuMB !== undefined && gpuUsedMB > this.limits.maxGpuMB) {
      this.lose(
        'out-of-memory',
        `Out of GPU memory: worker used ${Math.round(gpuUsedMB)} MB, over the ceiling of ${Math.round(this.limits.maxGpuMB)} MB - worker restarted`,
      );
    }
  }

  /** Stops the tasks in flight (as cancelled) and the worker. */
  close(): void {
    this.closed = true;
    this.worker?.kill();
    this.worker = undefined;
    for (const r of [...this.inFlight]) r.settle({ type: 'cancelled' });
  }

  /** Lets an idle worker finish cleanly (end of batch). */
  async shutdown(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    if (this.starting) this.starting.then((x) => x.kill(), () => undefined);
    if (w) await w.shutdown();
  }

  /**
   * Kills the worker for `culprit` (default: the task it is on, else the oldest sent) and starts a replacement;
   * the other tasks in flight go back to be run again.
   */
  private lose(kind: 'timeout' | 'out-of-memory', message: string, culprit = this.current ?? this.inFlight.values().next().value): void {
    if (!culprit || !this.inFlight.has(culprit)) return;
    const others = [...this.inFlight].filter((r) => r !== culprit);
    this.worker?.kill();
    this.worker = undefined;
    this.replace();
    culprit.settle({ type: 'lost', kind, message });
    for (const r of others) r.settle({ type: 'requeue', message: `the worker was restarted because of another task (${message})` });
  }

  /** A worker that ended on its own: a replacement starts unless one already has. */
  private forget(w: EngineWorker): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    this.replace();
  }

  /** The replacement starts now, not when the next task asks, so the next task waits as little as possible. */
  private replace(): void {
    if (this.closed) return;
    this.ensureWorker().catch(() => undefined);
  }
}

function formatSeconds(s: number): string {
  return s >= 10 || Number.isInteger(s) ? String(Math.round(s)) : s.toFixed(1);
}
