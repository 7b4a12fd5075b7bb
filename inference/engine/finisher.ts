// The worker's WAV stage on a thread of its own. onnxruntime-node's session.run blocks the thread that calls it,
// so on the main thread the next task's model run would wait for this task's resampling, encoding, writing and
// hashing. Here it runs alongside: the model is kept busy, and the WAV costs the batch no time (measured in
// README.md, "Pipelining"). Tasks are finished one at a time, in the order they come.
// Being free while the main thread is stuck in a native call, the thread also ends the worker when its parent is
// gone (the runner killed with kill -9): the main thread would only notice the lost IPC channel after that call.
import { Worker, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { EngineErrorKind, ResultMessage } from './protocol';
import { finishTask, type RenderedTask } from './synthesis';
import { errorKindOf, errorMessageOf, VoiceError } from './voice';

type FinisherReply = ResultMessage | { type: 'error'; id: number; kind: EngineErrorKind; message: string };

/** What the `workerData` of a finisher thread says, so the shared bundle knows which part to run. */
export const FINISHER_ROLE = 'tts-batch-finisher';

interface FinisherData {
  role: typeof FINISHER_ROLE;
  /** The worker process's parent when the thread started. */
  parentPid: number;
}

const PARENT_CHECK_MS = 500;

/** Body of the finisher thread. */
export function runFinisherThread(port: MessagePort | null = parentPort, data = workerData as FinisherData): void {
  if (!port) throw new Error('the finisher must run in a worker thread');
  // process.ppid is read afresh each time: an orphaned process is adopted by init or a subreaper.
  setInterval(() => {
    if (data.parentPid > 1 && process.ppid !== data.parentPid) process.kill(process.pid, 'SIGKILL');
  }, PARENT_CHECK_MS);
  port.on('message', (r: RenderedTask) => {
    let reply: FinisherReply;
    try {
      reply = finishTask(r);
    } catch (err) {
      reply = { type: 'error', id: r.id, kind: errorKindOf(err, 'write-error'), message: errorMessageOf(err) };
    }
    port.postMessage(reply);
  });
}

interface Waiting {
  resolve: (r: ResultMessage) => void;
  reject: (e: Error) => void;
}

/** The main thread's side: hands rendered tasks to the thread, started on first use and again if it ever dies. */
export class Finisher {
  private thread: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly entryFile: string) {}

  get pending(): number {
    return this.waiting.size;
  }

  /** The oldest task still being finished, if any. */
  get oldest(): number | undefined {
    return this.waiting.keys().next().value;
  }

  /** Starts the thread now rather than with the first task (it also watches for the parent going away). */
  start(): void {
    if (!this.thread) this.spawn();
  }

  /** Finishes one task. The samples' buffer is moved to the thread: the caller must not use it afterwards. */
  finish(r: RenderedTask): Promise<ResultMessage> {
    const thread = this.thread ?? this.spawn();
    return new Promise<ResultMessage>((resolve, reject) => {
      this.waiting.set(r.id, { resolve, reject });
      thread.postMessage(r, [r.samples.buffer as ArrayBuffer]);
    });
  }

  /** Resolves once every task handed over so far is finished. */
  idle(): Promise<void> {
    if (!this.waiting.size) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    const t = this.thread;
    this.thread = undefined;
    if (t) await t.terminate();
  }

  private spawn(): Worker {
    const data: FinisherData = { role: FINISHER_ROLE, parentPid: process.ppid };
    const thread = new Worker(this.entryFile, { workerData: data });
    // The IPC channel keeps the worker process alive; this thread must not keep it alive on its own.
    thread.unref();
    thread.on('message', (reply: FinisherReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.settled(reply.id);
      if (reply.type === 'result') w.resolve(reply);
      else w.reject(new VoiceError(reply.kind, reply.message));
    });
    const fail = (why: string) => {
      if (this.thread !== thread) return;
      this.thread = undefined;
      const lost = [...this.waiting];
      for (const [id] of lost) this.settled(id);
      for (const [, w] of lost) w.reject(new VoiceError('write-error', `the thread writing WAV files stopped (${why}); the next task starts a new one`));
    };
    thread.on('error', (err) => fail(errorMessageOf(err)));
    thread.on('exit', (code) => fail(`exit code ${code}`));
    this.thread = thread;
    return thread;
  }

  private settled(id: number): void {
    this.waiting.delete(id);
    if (!this.waiting.size) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
