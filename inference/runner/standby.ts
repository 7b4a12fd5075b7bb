// A loaded worker kept in reserve. Replacing a killed worker otherwise costs a process start and a model load
// (seconds for real models): with a standby the next task starts within milliseconds of a hung task's deadline,
// and a fresh standby loads in the background. It costs one more loaded model in memory, so the runner uses one
// on the CPU and not on a GPU unless asked (see RunOptions.standby).
import { EngineWorker, type EngineWorkerOptions } from '../engine/workerClient';

export class Standby {
  private worker: EngineWorker | undefined;
  private starting = false;
  private closed = false;

  constructor(private readonly options: EngineWorkerOptions) {}

  /** Starts loading a standby unless one is ready or on its way. */
  fill(): void {
    if (this.closed || this.starting || this.worker?.alive) return;
    this.starting = true;
    EngineWorker.start(this.options).then(
      (w) => {
        this.starting = false;
        if (this.closed) return w.kill();
        this.worker = w;
        w.on('exit', () => {
          if (this.worker === w) this.worker = undefined;
        });
      },
      () => {
        // A standby that cannot load is no worse than none: the slot starts its own worker.
        this.starting = false;
      },
    );
  }

  /** The loaded standby, if one is ready (and a new one starts loading). */
  take(): EngineWorker | undefined {
    const w = this.worker;
    if (!w?.alive) return undefined;
    this.worker = undefined;
    this.fill();
    return w;
  }

  close(): void {
    this.closed = true;
    this.worker?.kill();
    this.worker = undefined;
  }
}
