// A loaded worker kept in reserve. Replacing a killed worker otherwise costs a process start and a model load
// (seconds for real models): with a standby the next task starts within milliseconds of a hung task's deadline,
// and a fresh standby loads in the background. It costs one more loaded model in memory, so the runner uses one
// on the CPU and not on a GPU unless asked (see RunOptions.standby).
import { EngineWorker, type EngineWorkerOptions } from '../engine/workerClient';

export class Standby {
  private worker: EngineWorker | undefined;
  private loading: Promise<EngineWorker | undefined> | undefined;
  /** The worker now loading is already promised to a slot. */
  private claimed = false;
  private closed = false;

  constructor(private readonly options: EngineWorkerOptions) {}

  /** Starts loading a standby unless one is ready or on its way. */
  fill(): void {
    if (this.closed || this.loading || this.worker?.alive) return;
    this.claimed = false;
    const loading = EngineWorker.start(this.options).then(
      (w) => {
        if (this.loading === loading) this.loading = undefined;
        if (this.closed) {
          w.kill();
          return undefined;
        }
        if (!this.claimed) {
          this.worker = w;
          w.on('exit', () => {
            if (this.worker === w) this.worker = undefined;
          });
        }
        return w;
      },
      () => {
        // A standby that cannot load is no worse than none: the slot starts its own worker.
        if (this.loading === loading) this.loading = undefined;
        return undefined;
      },
    );
    this.loading = loading;
  }

  /**
   * The standby for a slot that lost its worker: the loaded one at once, or the one loading (further along than
   * a fresh start would be). Undefined when there is none; the promise gives undefined when its load failed.
   */
  take(): Promise<EngineWorker | undefined> | undefined {
    if (this.closed) return undefined;
    const w = this.worker;
    if (w?.alive) {
      this.worker = undefined;
      this.fill();
      return Promise.resolve(w);
    }
    if (this.loading && !this.claimed) {
      this.claimed = true;
      return this.loading.then((x) => {
        this.fill();
        return x;
      });
    }
    return undefined;
  }

  close(): void {
    this.closed = true;
    this.worker?.kill();
    this.worker = undefined;
  }
}
