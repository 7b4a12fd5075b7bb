// The parent side of an engine worker: forks dist/worker.js, loads the voice, sends synthesis requests (several
// may be outstanding: the worker queues them and overlaps one's WAV with the next one's model run) and turns
// every way the child can end (error reply, crash, out of memory, kill) into an EngineError with a kind.
// Nothing here imports onnxruntime: the runner, the CLI and the editor stay free of the native module.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  EngineErrorKind,
  ExecutionProvider,
  HeartbeatMessage,
  LogMessage,
  ProgressMessage,
  ReadyMessage,
  ResultMessage,
  SynthesisTask,
  VoiceSpec,
  WorkerMessage,
} from './protocol';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind | 'crashed',
    message: string,
    /**
     * The worker ended while another request was the one being worked on: this one was queued or having its WAV
     * written, and is not to blame. Run it again on a fresh worker.
     */
    readonly collateral = false,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export interface SynthesizeHooks {
  /** The worker began this request (earlier ones are further along). */
  onStart?: () => void;
  onProgress?: (m: ProgressMessage) => void;
}

export interface EngineWorkerOptions {
  workerPath?: string;
  voice: VoiceSpec;
  ep: ExecutionProvider;
  intraOpThreads?: number;
  /** See LoadRequest.allowSpinning (default: spin only where cores are to spare). */
  allowSpinning?: boolean;
  heartbeatMs?: number;
  env?: NodeJS.ProcessEnv;
  /** V8 heap limit of the worker in MiB (--max-old-space-size): a runaway voice dies as 'out-of-memory'. */
  maxHeapMb?: number;
  /** How long loading the voice may take before the worker is killed (default 120 s). */
  loadTimeoutMs?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  reason: string;
}

/** dist/worker.js next to the running bundle (dist/cli.js, dist/client.js, …), or TTS_BATCH_DIST/worker.js. */
export function defaultWorkerPath(): string {
  const beside = path.join(__dirname, 'worker.js');
  if (fs.existsSync(beside) && path.resolve(beside) !== path.resolve(__filename)) return beside;
  const dist = process.env.TTS_BATCH_DIST;
  if (dist && fs.existsSync(path.join(dist, 'worker.js'))) return path.join(dist, 'worker.js');
  // Running from out/ (tests) or sources: the repository's dist/.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'dist', 'worker.js');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return beside;
}

const OOM_PATTERN = /heap out of memory|Reached heap limit|Allocation failed|std::bad_alloc|Cannot allocate memory|Out of memory/i;
const STDERR_TAIL = 8192;

interface Pending {
  id: number;
  resolve: (r: ResultMessage) => void;
  reject: (e: EngineError) => void;
  hooks: SynthesizeHooks;
}

export class EngineWorker extends EventEmitter {
  private readonly child: ChildProcess;
  /** Requests sent and not answered, oldest first. */
  private readonly pending = new Map<number, Pending>();
  /** The request the worker last announced as started. */
  private current: number | undefined;
  private nextId = 1;
  private stderrTail = '';
  private killedByUs = false;
  private exited: ExitInfo | undefined;
  private readyMessage: ReadyMessage | undefined;

  private constructor(child: ChildProcess) {
    super();
    this.child = child;
  }

  static start(opts: EngineWorkerOptions): Promise<EngineWorker> {
    const workerPath = opts.workerPath ?? defaultWorkerPath();
    if (!fs.existsSync(workerPath)) {
      return Promise.reject(new EngineError('load-failed', `engine worker not found at ${workerPath} (run the build)`));
    }
    const child = fork(workerPath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: opts.env ?? process.env,
      execArgv: opts.maxHeapMb ? [`--max-old-space-size=${Math.floor(opts.maxHeapMb)}`] : [],
    });
    const worker = new EngineWorker(child);
    worker.wire();
    return new Promise<EngineWorker>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.kill();
        reject(new EngineError('load-failed', `the voice did not finish loading within ${Math.round((opts.loadTimeoutMs ?? 120000) / 1000)} s`));
      }, opts.loadTimeoutMs ?? 120000);
      const onMessage = (m: WorkerMessage) => {
        if (m.type === 'ready') {
          cleanup();
          worker.readyMessage = m;
          resolve(worker);
        } else if (m.type === 'error' && m.id === undefined) {
          cleanup();
          worker.kill();
          reject(new EngineError(m.kind, m.message));
        }
      };
      const onExit = (info: ExitInfo) => {
        cleanup();
        reject(new EngineError(worker.exitKind(), `the engine worker ended while loading the voice: ${info.reason}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        worker.off('exit', onExit);
      };
      child.on('message', onMessage);
      worker.on('exit', onExit);
      child.send({
        type: 'load',
        voice: opts.voice,
        ep: opts.ep,
        ...(opts.intraOpThreads ? { intraOpThreads: opts.intraOpThreads } : {}),
        ...(opts.allowSpinning !== undefined ? { allowSpinning: opts.allowSpinning } : {}),
        ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
      });
    });
  }

  get ready(): ReadyMessage {
    if (!this.readyMessage) throw new Error('engine worker is not ready');
    return this.readyMessage;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** True until the process has exited. */
  get alive(): boolean {
    return !this.exited;
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Sends one synthesis. More may be sent before it finishes: the worker runs them in order, and keeping the next
   * one queued there keeps its model busy while this one's WAV is written.
   */
  synthesize(task: SynthesisTask, hooks: SynthesizeHooks = {}): Promise<ResultMessage> {
    // Never sent, so never to blame: collateral, like a request queued behind the one that ended the worker.
    if (this.exited) return Promise.reject(new EngineError(this.exitKind(), `the engine worker has ended: ${this.exited.reason}`, true));
    const id = this.nextId++;
    return new Promise<ResultMessage>((resolve, reject) => {
      this.pending.set(id, { id, resolve, reject, hooks });
      this.child.send({ type: 'synthesize', id, task }, (err) => {
        if (err && this.pending.delete(id)) reject(new EngineError('crashed', `cannot reach the engine worker: ${err.message}`));
      });
    });
  }

  override on(event: 'heartbeat', cb: (m: HeartbeatMessage) => void): this;
  override on(event: 'exit', cb: (info: ExitInfo) => void): this;
  override on(event: 'log', cb: (m: LogMessage) => void): this;
  override on(event: string, cb: (...args: any[]) => void): this {
    return super.on(event, cb);
  }

  /** Ends the process at once (SIGKILL); pending syntheses reject with kind 'crashed'. */
  kill(): void {
    if (this.exited) return;
    this.killedByUs = true;
    this.child.kill('SIGKILL');
  }

  /** Asks the worker to finish and exit; kills it when it does not within 5 s. */
  shutdown(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.kill(), 5000);
      this.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.killedByUs = true;
      if (this.child.connected) this.child.send({ type: 'shutdown' });
      else this.child.kill('SIGKILL');
    });
  }

  private wire(): void {
    const child = this.child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
      for (const line of chunk.split('\n')) if (line.trim()) this.emit('log', { type: 'log', level: 'warning', message: line.trim() });
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) this.emit('log', { type: 'log', level: 'info', message: line.trim() });
    });
    child.on('message', (m: WorkerMessage) => this.handle(m));
    child.on('error', (err) => {
      // fork() failures and IPC errors: the exit handler reports the end of the process.
      this.stderrTail = (this.stderrTail + `\n${err.message}`).slice(-STDERR_TAIL);
    });
    child.on('exit', (code, signal) => {
      const info: ExitInfo = { code, signal, reason: this.describeExit(code, signal) };
      this.exited = info;
      const pending = [...this.pending.values()];
      this.pending.clear();
      // The request last started is the one the worker was on; with none started, the oldest sent.
      const culprit = pending.some((p) => p.id === this.current) ? this.current : pending[0]?.id;
      for (const p of pending) {
        if (p.id === culprit) p.reject(new EngineError(this.exitKind(), `the engine worker ended during synthesis: ${info.reason}`));
        else p.reject(new EngineError(this.exitKind(), `the engine worker ended while working on another task: ${info.reason}`, true));
      }
      this.emit('exit', info);
    });
  }

  private handle(m: WorkerMessage): void {
    switch (m.type) {
      case 'heartbeat':
        this.emit('heartbeat', m);
        return;
      case 'log':
        this.emit('log', m);
        return;
      case 'started': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.current = m.id;
        p.hooks.onStart?.();
        return;
      }
      case 'progress':
        this.pending.get(m.id)?.hooks.onProgress?.(m);
        return;
      case 'result': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        p.resolve(m);
        return;
      }
      case 'error': {
        const p = m.id !== undefined ? this.pending.get(m.id) : undefined;
        if (!p) return;
        this.pending.delete(p.id);
        p.reject(new EngineError(m.kind, m.message));
        return;
      }
    }
  }

  private exitKind(): 'crashed' | 'out-of-memory' {
    return !this.killedByUs && OOM_PATTERN.test(this.stderrTail) ? 'out-of-memory' : 'crashed';
  }

  private describeExit(code: number | null, signal: string | null): string {
    if (this.killedByUs) return signal ? `stopped by the parent (${signal})` : `shut down (exit code ${code})`;
    if (OOM_PATTERN.test(this.stderrTail)) {
      return `it ran out of memory${signal ? ` (${signal})` : ''}: ${lastLines(this.stderrTail, 2)}`;
    }
    const tail = lastLines(this.stderrTail, 3);
    const how = signal ? `killed by signal ${signal}${signal === 'SIGKILL' ? ' (possibly the system ran out of memory)' : ''}` : `exit code ${code}`;
    return tail ? `${how}: ${tail}` : how;
  }
}

/** The last meaningful stderr lines: native stack frames and banners say nothing to a user. */
function lastLines(text: string, n: number): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(\d+: |at |[=#-]{3,}|<--- |Native stack|Security context|\[\d+:0x)/.test(l));
  const fatal = lines.filter((l) => /FATAL|Error|error:/.test(l));
  return (fatal.length ? fatal : lines).slice(-n).join(' | ');
}
