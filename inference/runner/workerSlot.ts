// One place in the pool: an engine worker process that runs one task at a time, watched for the ways a task can
// go wrong without the worker saying so — a deadline passed, heartbeats stopped, memory over the ceiling — and for
// the worker dying. Any of those kills the process and starts a replacement at once, so the batch goes on.
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
  | { type: 'cancelled' };

export interface SlotLimits {
  heartbeatTimeoutMs: number;
  maxRssBytes: number;
  /** MB of GPU memory per worker, when a GPU probe exists. */
  maxGpuMB?: number;
}

interface Running {
  settle: (a: Attempt) => void;
  startedAt: number;
  lastBeat: number;
  /** RSS the worker last reported (where /proc cannot be read, e.g. macOS). */
  reportedRss?: number;
  deadline: NodeJS.Timeout;
}

export class WorkerSlot {
  private worker: EngineWorker | undefined;
  private starting: Promise<EngineWorker> | undefined;
  private running: Running | undefined;
  private closed = false;
  /** Time the current task went to the worker (after any replacement was ready), ms since epoch. */
  lastDispatchAt = 0;

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

  get busy(): boolean {
    return !!this.running;
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
      if (this.running && this.worker === w) {
        this.running.lastBeat = Date.now();
        this.running.reportedRss = m.rssBytes;
      }
    });
    w.on('log', (m) => this.onWorkerLog(m, this.index));
    return w;
  }

  /** Runs one task. Never rejects: every ending is an Attempt. Throws only when no worker can be started. */
  async run(task: SynthesisTask, timeoutSeconds: number, onDispatch?: () => void): Promise<Attempt> {
    if (this.closed) return { type: 'cancelled' };
    const worker = await this.ensureWorker();
    if (this.closed) return { type: 'cancelled' };
    return new Promise<Attempt>((resolve) => {
      let settled = false;
      const now = Date.now();
      this.lastDispatchAt = now;
      const settle = (a: Attempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(running.deadline);
        this.running = undefined;
        resolve(a);
      };
      const running: Running = {
        settle,
        startedAt: now,
        lastBeat: now,
        deadline: setTimeout(
          () => this.lose('timeout', `Timeout after ${formatSeconds(timeoutSeconds)} s - worker restarted`),
          timeoutSeconds * 1000,
        ),
      };
      this.running = running;
      onDispatch?.();
      worker.synthesize(task).then(
        (result) => settle({ type: 'result', result }),
        (err: unknown) => {
          if (settled) return;
          const kind = err instanceof EngineError ? err.kind : 'crashed';
          const message = err instanceof Error ? err.message : String(err);
          if (kind === 'crashed' || (kind === 'out-of-memory' && !worker.alive)) {
            this.worker = undefined;
            this.replace();
            settle({ type: 'lost', kind, message: `${kind === 'crashed' ? 'Worker crashed' : 'Out of memory'}: ${message} - worker restarted` });
          } else {
            settle({ type: 'error', kind, message });
          }
        },
      );
    });
  }

  /** Called by the pool's watchdog a few times a second while a task runs. */
  check(now: number, gpuUsedMB?: number): void {
    const r = this.running;
    const w = this.worker;
    if (!r || !w) return;
    const silentMs = now - r.lastBeat;
    if (silentMs > this.limits.heartbeatTimeoutMs) {
      this.lose('timeout', `Timeout: no heartbeat from the worker for ${formatSeconds(silentMs / 1000)} s - worker restarted`);
      return;
    }
    const rss = processRssBytes(w.pid) ?? r.reportedRss;
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

  /** Stops the running task (as cancelled) and the worker. */
  close(): void {
    this.closed = true;
    const r = this.running;
    this.worker?.kill();
    this.worker = undefined;
    r?.settle({ type: 'cancelled' });
  }

  /** Lets an idle worker finish cleanly (end of batch). */
  async shutdown(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    if (this.starting) this.starting.then((x) => x.kill(), () => undefined);
    if (w) await w.shutdown();
  }

  private lose(kind: 'timeout' | 'out-of-memory', message: string): void {
    const r = this.running;
    if (!r) return;
    this.worker?.kill();
    this.worker = undefined;
    this.replace();
    r.settle({ type: 'lost', kind, message });
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
