// The batch supervisor: plans the batch (validation, resume, selection), drives N engine workers through the task
// file line by line, and turns every ending of a task — success, a refusal, a hang, a crash, a memory blow-up,
// a cancellation — into one journal record, one event and one log line that name the task's line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { textUnits, type ValidationContext } from '../../server/core';
import { NodeFileFacts } from '../../server/node/nodeFileFacts';
import type { LogMessage, ReadyMessage, SynthesisTask, VoiceSpec } from '../engine/protocol';
import { defaultWorkerPath, type EngineWorker } from '../engine/workerClient';
import { BatchLog } from './batchLog';
import type { BatchHeader, RunEvent, TaskErrorKind } from './events';
import { compactJournal, JournalWriter, readJournal, type JournalRecord } from './journal';
import { compactLines, describeEvent } from './logFormat';
import { trimMemory } from './memoryTrim';
import { probeGpu } from './memory';
import {
  batchNameOf,
  defaultCpuWorkers,
  defaultThreads,
  defaultWorkerMemoryMB,
  defaults,
  taskTimeoutSeconds,
  type RunOptions,
} from './options';
import { prepareOutputFolder, SetupError } from './outputFolder';
import { resolveOutputName } from './outputPaths';
import { BatchCancelled, inputHashOf, planBatch, taskInputOf, type Plan } from './planner';
import { isBlank, readTaskLines } from './taskLines';
import { WorkerSlot, type Attempt } from './workerSlot';
import { Standby } from './standby';
import { writeFailedTasks } from './failedTasks';

export { SetupError } from './outputFolder';
export { BatchCancelled } from './planner';

export interface BatchSummary {
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  skipped: number;
  /** Tasks that succeeded in this run. */
  ran: number;
  failedLines: number[];
  stopped: boolean;
  outputDir: string;
  logFile: string;
  journalFile: string;
  header: BatchHeader;
}

interface Job {
  line: number;
  outputName: string;
  relative: string;
  finalPath: string;
  task: Omit<SynthesisTask, 'outputPath'>;
  timeoutSeconds: number;
  inputHash: string;
}

const MAX_LISTED_FAILURES = 50;
const MAX_WORKER_LOG_LINES = 200;
/** How often a task may be sent again because other tasks took its worker down (a guard; each such loss is counted against the other task). */
const MAX_REQUEUES = 25;

export function voiceLabel(v: VoiceSpec): string {
  if (v.kind === 'builtin') return 'builtin';
  if (v.kind === 'piper') return `piper:${path.resolve(v.modelPath)}`;
  return `module:${path.resolve(v.modulePath)}`;
}

export async function runBatch(opts: RunOptions, onEvent: (e: RunEvent) => void = () => undefined, signal?: AbortSignal): Promise<BatchSummary> {
  const cwd = opts.cwd ?? process.cwd();
  const taskFileArg = opts.taskFile;
  const taskFilePath = path.resolve(cwd, taskFileArg);
  let st: fs.Stats;
  try {
    st = fs.statSync(taskFilePath);
  } catch {
    throw new SetupError(`Task file not found: ${taskFileArg}`);
  }
  if (!st.isFile()) throw new SetupError(`Not a task file: ${taskFileArg} is a ${st.isDirectory() ? 'folder' : 'special file'}`);
  const batchName = batchNameOf(taskFilePath);
  const outputDir = path.resolve(cwd, opts.outputDir ?? path.join(path.dirname(taskFilePath), `${batchName}.output`));
  const seed = opts.seed ?? defaults.seed;
  const sampleRate = opts.sampleRate ?? defaults.sampleRate;
  const voice: VoiceSpec = opts.voice ?? { kind: 'builtin' };
  const ep = opts.ep ?? 'auto';
  if (signal?.aborted) throw new SetupError('The batch was cancelled before it started');

  const folder = prepareOutputFolder(outputDir, batchName);
  const journalFile = path.join(outputDir, `${batchName}.results.jsonl`);
  const logFile = path.join(outputDir, `${batchName}.log`);
  const slots: WorkerSlot[] = [];
  let standby: Standby | undefined;
  let log: BatchLog | undefined;
  let journalWriter: JournalWriter | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  try {
    let journal = compactJournal(journalFile, readJournal(journalFile));
    log = new BatchLog(logFile, opts.onLogLine);
    const ctx: ValidationContext = {
      projectRoot: path.resolve(cwd, opts.audioRoot ?? cwd),
      taskFilePath,
      profile: opts.profile,
      files: new NodeFileFacts(),
      maxProblems: Number.MAX_SAFE_INTEGER,
      ...(opts.autoSplit ? { severities: { 'text-over-limit': 'warning' as const } } : {}),
    };
    const settingsKey = JSON.stringify({ seed, sampleRate, voice: voiceLabel(voice), speaker: opts.speaker ?? null });

    // Worker count and threads: one worker per GPU (models there are memory-bound); on a CPU, processes.
    const gpu = probeGpu();
    const expectGpu = ep === 'cuda' || (ep === 'auto' && !!gpu);
    let workers = opts.workers ?? (expectGpu ? 1 : defaultCpuWorkers());
    const threads = opts.intraOpThreads ?? (expectGpu ? undefined : defaultThreads(workers));
    const maxWorkerMB = opts.maxWorkerMemoryMB ?? defaultWorkerMemoryMB(workers);
    const maxRssBytes = maxWorkerMB * 1024 * 1024;
    const maxGpuMB = gpu ? opts.maxGpuMemoryMB ?? gpu.totalMB * 0.95 : undefined;
    const workerOptions = {
      workerPath: opts.workerPath ?? defaultWorkerPath(),
      voice,
      ep,
      intraOpThreads: threads,
      heartbeatMs: opts.heartbeatMs ?? defaults.heartbeatMs,
      // A JavaScript voice that runs away dies cleanly at the ceiling ("heap out of memory") even between checks.
      maxHeapMb: maxWorkerMB,
      env: opts.workerEnv ? { ...process.env, ...opts.workerEnv } : undefined,
    };
    const limits = {
      heartbeatTimeoutMs: (opts.heartbeatTimeoutSeconds ?? defaults.heartbeatTimeoutSeconds) * 1000,
      maxRssBytes,
      maxGpuMB,
    };
    let workerLogLines = 0;
    const seenWorkerLogs = new Set<string>();
    const onWorkerLog = (m: LogMessage) => {
      if (seenWorkerLogs.has(m.message) || workerLogLines > MAX_WORKER_LOG_LINES) return;
      seenWorkerLogs.add(m.message);
      workerLogLines++;
      const message = workerLogLines > MAX_WORKER_LOG_LINES ? 'further messages from the engine workers are left out' : `engine: ${m.message}`;
      emit({ type: 'log', time: now(), level: m.level, message });
    };
    const emit = (e: RunEvent) => {
      onEvent(e);
      const lines = describeEvent(e, { taskFileArg });
      if (lines) log!.write(lines);
    };

    let stopping: { kind: TaskErrorKind; message: string; notRun: string } | undefined;
    const notRun: number[] = [];
    const stop = (kind: TaskErrorKind, message: string, notRunMessage: string) => {
      if (stopping) return;
      stopping = { kind, message, notRun: notRunMessage };
      standby?.close();
      for (const s of slots) s.close();
    };
    const onAbort = () =>
      stop('cancelled', 'Cancelled - the batch was stopped before this task finished', 'Not run - the batch was stopped before this task started');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();

    // The first worker loads while the file is being planned; a voice that cannot load is a set-up error.
    const first = new WorkerSlot(0, workerOptions, limits, onWorkerLog);
    slots.push(first);
    const firstReady = first.ensureWorker();
    firstReady.catch(() => undefined);
    let plan: Plan;
    try {
      plan = await planBatch({
        taskFilePath,
        outputDir,
        ctx,
        journal,
        force: !!opts.force,
        retryFailed: !!opts.retryFailed,
        onlyLines: opts.onlyLines ? new Set(opts.onlyLines) : undefined,
        settingsKey,
        signal,
      });
    } catch (err) {
      if (err instanceof BatchCancelled) throw err;
      throw new SetupError(`Cannot read the task file ${taskFileArg}: ${(err as Error).message}`);
    }
    let ready: ReadyMessage;
    try {
      ready = (await firstReady).ready;
    } catch (err) {
      if (stopping) throw new BatchCancelled();
      throw new SetupError(`The voice could not be loaded: ${(err as Error).message}`);
    }
    if (stopping) throw new BatchCancelled();
    trimMemory(); // the planning pass's garbage
    if (opts.workers === undefined && ready.provider === 'cuda') workers = 1;
    workers = Math.max(1, Math.min(workers, Math.max(1, plan.scheduled - plan.problems.size)));
    const runnable = plan.scheduled - plan.problems.size;
    if ((opts.standby ?? ready.provider !== 'cuda') && runnable > 1) {
      standby = new Standby(workerOptions);
      first.useStandby(standby);
    }
    for (let i = 1; i < workers; i++) slots.push(new WorkerSlot(i, workerOptions, limits, onWorkerLog, standby));
    for (const s of slots.slice(1)) s.ensureWorker().catch(() => undefined);
    standby?.fill();

    const header: BatchHeader = {
      taskFile: taskFilePath,
      taskFileArg,
      batchName,
      profile: plan.profile.id,
      voice: ready.voice.name,
      demoVoice: !!ready.voice.demo,
      model: ready.voice.modelPath,
      provider: ready.provider,
      fallbackReason: ready.fallbackReason,
      seed,
      sampleRate,
      outputDir,
      logFile,
      journalFile,
      workers,
      intraOpThreads: ready.intraOpThreads ?? threads,
      totalTasks: plan.totalTasks,
      scheduledTasks: plan.scheduled,
      doneTasks: plan.done.size,
    };
    emit({ type: 'batch-started', time: now(), header });
    for (const n of plan.notes) emit({ type: 'log', time: now(), level: 'warning', message: `line ${n.line}: ${n.message}`, ...at(n.line) });

    journalWriter = new JournalWriter(journalFile, journal);
    const started = Date.now();
    let finished = 0;
    let failed = 0;
    let cancelled = 0;
    let ran = 0;
    let skippedDone = 0;
    let notSelected = 0;
    const failedLines: number[] = [];
    const listed: Array<{ line: number; message: string }> = [];

    function at(line: number, column = 1) {
      return { line, location: `${taskFilePath}:${line}:${column}` };
    }
    function now() {
      return new Date().toISOString();
    }
    const base = { seed, sampleRate, provider: ready.provider, model: ready.voice.modelPath ?? ready.voice.name };
    const record = (r: JournalRecord) => {
      journalWriter!.append(r);
    };
    // At most ten progress events a second: a fast voice must not drown the client in them.
    let lastProgressAt = 0;
    const progress = (force = false) => {
      const t = Date.now();
      if (!force && t - lastProgressAt < 100 && finished < plan.scheduled) return;
      lastProgressAt = t;
      const elapsed = (Date.now() - started) / 1000;
      const eta = finished > 0 && finished < plan.scheduled ? (elapsed / finished) * (plan.scheduled - finished) : undefined;
      onEvent({ type: 'progress', time: now(), done: finished, total: plan.scheduled, failed, elapsedSeconds: elapsed, etaSeconds: eta });
    };
    progress(true);
    const fail = (line: number, kind: TaskErrorKind, message: string, extra: Partial<JournalRecord> & { column?: number; code?: string; outputName?: string } = {}) => {
      const { column = 1, code, outputName, ...rec } = extra;
      record({ ...base, ...rec, line, status: kind === 'cancelled' ? 'cancelled' : 'failed', errorKind: kind, message, finishedAt: now() });
      finished++;
      if (finished % 20000 === 0) trimMemory();
      if (kind === 'cancelled') cancelled++;
      else {
        failed++;
        failedLines.push(line);
        if (listed.length < MAX_LISTED_FAILURES) listed.push({ line, message });
      }
      emit({ type: 'task-failed', time: now(), column, outputName, kind, message, code, ...at(line, column) });
      progress();
    };

    // Second pass: stream the lines again and hand the runnable ones out as workers free up.
    const lines = readTaskLines(taskFilePath);
    let pulling: Promise<Job | undefined> = Promise.resolve(undefined);
    const nextJob = (): Promise<Job | undefined> => (pulling = pulling.then(() => pullJob()));
    const pullJob = async (): Promise<Job | undefined> => {
      for (;;) {
        const next = await lines.next();
        if (next.done) return undefined;
        const { line, text } = next.value;
        if (isBlank(text)) continue;
        if (!plan.selected(line)) {
          notSelected++;
          continue;
        }
        if (stopping && !plan.problems.has(line) && !plan.done.has(line)) {
          // Never started: journaled, summed up in one log line rather than one line per task.
          record({ ...base, line, status: 'cancelled', errorKind: 'cancelled', message: stopping.notRun, finishedAt: now() });
          finished++;
          cancelled++;
          notRun.push(line);
          if (finished % 20000 === 0) trimMemory();
          continue;
        }
        const input = taskInputOf(text, line, plan.profile, ctx);
        const out = input ? resolveOutputName(input.outputName, outputDir) : undefined;
        if (plan.done.has(line)) {
          skippedDone++;
          onEvent({ type: 'task-skipped', time: now(), line, outputName: input?.outputName ?? '', reason: 'done' });
          continue;
        }
        const problem = plan.problems.get(line);
        if (problem) {
          fail(line, problem.kind, problem.message, {
            column: problem.column,
            code: problem.code,
            outputName: input?.outputName,
            output: out?.ok ? out.relative : undefined,
          });
          continue;
        }
        if (!input || !out?.ok) {
          fail(line, 'invalid', 'Invalid input - the line is not a task this profile can read');
          continue;
        }
        const outputFields = { outputName: input.outputName, output: out.relative, outputPath: out.absolute };
        let text2 = input.text;
        if (text2 === undefined && input.textFile) {
          try {
            text2 = fs.readFileSync(input.textFile, 'utf8');
          } catch (err) {
            fail(line, 'not-found', `Text file not found - ${input.textFile}: ${(err as Error).message}`, outputFields);
            continue;
          }
        }
        if (!text2 || !text2.trim()) {
          fail(line, 'invalid', 'Invalid input - the task has no text to speak', outputFields);
          continue;
        }
        return {
          line,
          outputName: input.outputName,
          relative: out.relative,
          finalPath: out.absolute,
          timeoutSeconds: taskTimeoutSeconds(textUnits(text2), opts.timeoutSeconds),
          inputHash: inputHashOf(text, settingsKey),
          task: {
            text: text2,
            promptAudioPath: input.promptAudioPath,
            promptText: input.promptText,
            seed,
            sampleRate,
            ...(opts.speaker !== undefined ? { speaker: opts.speaker } : {}),
          },
        };
      }
    };

    const knownDirs = new Set<string>();
    let tmpCounter = 0;
    let consecutiveStartFailures = 0;
    const maxCrashes = Math.max(1, opts.maxCrashesPerTask ?? defaults.maxCrashesPerTask);
    const runJob = async (slot: WorkerSlot, job: Job) => {
      const outputFields = { outputName: job.outputName, output: job.relative, outputPath: job.finalPath };
      let losses = 0;
      // Sent again because another task took the worker down: not this task's attempts.
      let requeues = 0;
      const startedAt = now();
      for (let tryNo = 1; ; tryNo++) {
        const attemptNo = tryNo - requeues;
        if (stopping) return fail(job.line, stopping.kind, stopping.message, { ...outputFields, startedAt });
        const tmp = path.join(folder.tmpDir, `${batchName}-L${job.line}-a${attemptNo}-${process.pid}-${++tmpCounter}.wav`);
        let attempt: Attempt;
        let t0 = Date.now();
        try {
          attempt = await slot.run({ ...job.task, outputPath: tmp }, job.timeoutSeconds, () => {
            t0 = Date.now();
            onEvent({ type: 'task-started', time: now(), line: job.line, outputName: job.outputName });
          });
          consecutiveStartFailures = 0;
        } catch (err) {
          consecutiveStartFailures++;
          attempt = { type: 'lost', kind: 'crashed', message: `Worker could not be started: ${(err as Error).message}` };
          if (consecutiveStartFailures >= 3) {
            const why = `the engine worker could not be restarted: ${(err as Error).message}`;
            stop('crashed', `Worker crashed - ${why}`, `Not run - ${why}`);
          }
        }
        if (attempt.type === 'requeue') {
          removeQuietly(tmp);
          // Each requeue comes with another task's loss, so this ends; the cap only guards against a pathology.
          if (++requeues <= MAX_REQUEUES) continue;
          return fail(job.line, 'crashed', `Worker crashed - ${attempt.message}; sent again ${MAX_REQUEUES} times, not retried again`, {
            ...outputFields,
            startedAt,
            attempts: attemptNo,
          });
        }
        if (attempt.type === 'result') {
          const r = attempt.result;
          try {
            await placeOutput(tmp, job.finalPath, folder.realDir, knownDirs);
          } catch (err) {
            removeQuietly(tmp);
            return fail(job.line, 'write-error', `Cannot write output - ${(err as Error).message}`, { ...outputFields, startedAt, attempts: attemptNo });
          }
          const wallSeconds = (Date.now() - t0) / 1000;
          const synthSeconds = r.synthMs / 1000;
          const rtf = r.audioSeconds > 0 ? synthSeconds / r.audioSeconds : 0;
          record({
            ...base,
            line: job.line,
            status: 'succeeded',
            ...outputFields,
            startedAt,
            finishedAt: now(),
            wallSeconds,
            synthSeconds,
            audioSeconds: r.audioSeconds,
            rtf,
            sha256: r.sha256,
            inputHash: job.inputHash,
            attempts: attemptNo,
          });
          finished++;
          ran++;
          if (finished % 20000 === 0) trimMemory();
          emit({
            type: 'task-succeeded',
            time: now(),
            line: job.line,
            outputName: job.outputName,
            outputPath: job.finalPath,
            audioSeconds: r.audioSeconds,
            wallSeconds,
            synthSeconds,
            rtf,
            sha256: r.sha256,
            attempts: attemptNo,
            warnings: r.warnings?.length ? r.warnings : undefined,
            location: `${taskFilePath}:${job.line}:1`,
          });
          progress();
          return;
        }
        removeQuietly(tmp);
        if (attempt.type === 'cancelled') return fail(job.line, 'cancelled', (stopping ?? { message: 'Cancelled' }).message, { ...outputFields, startedAt });
        if (attempt.type === 'error') {
          return fail(job.line, engineKind(attempt.kind), engineMessage(attempt.kind, attempt.message), { ...outputFields, startedAt, attempts: attemptNo });
        }
        // The worker is gone. A hang is the input's doing: not retried. A crash may be the worker's state from an
        // earlier task (the "every task after 569 fails" pattern): one fresh worker gets another go, not more.
        if (attempt.kind !== 'timeout') losses++;
        if (attempt.kind === 'timeout' || losses >= maxCrashes || stopping) {
          const message = losses >= maxCrashes && maxCrashes > 1 ? `${attempt.message} (took down ${losses} workers, not retried again)` : attempt.message;
          return fail(job.line, attempt.kind, message, { ...outputFields, startedAt, attempts: attemptNo });
        }
        emit({ type: 'log', time: now(), level: 'warning', message: `${attempt.message}; retrying on a fresh worker`, ...at(job.line) });
      }
    };

    let gpuUsed = new Map<number, number>();
    watchdog = setInterval(() => {
      const t = Date.now();
      for (const s of slots) s.check(t, gpuUsed.get(s.pid ?? -1));
    }, 200);
    watchdog.unref();
    let gpuTimer: NodeJS.Timeout | undefined;
    if (gpu) {
      const poll = async () => {
        gpuUsed = await gpu.usedByPid();
        if (!stopping) gpuTimer = setTimeout(poll, 2000).unref();
      };
      void poll();
    }

    // Each slot keeps `pipelineDepth` tasks sent ahead to its worker, so the next model run starts while the last
    // task's WAV is written and its result travels back. Lanes are interleaved across slots so the first tasks
    // of a batch go round the workers rather than all to the first.
    // A task sent ahead waits for its worker even when another worker frees up first: near the end of a batch with
    // several workers, the extra lanes stop taking tasks, so the last ones go to whichever worker is free.
    const depth = Math.max(1, Math.floor(opts.pipelineDepth ?? defaults.pipelineDepth));
    const lanes = Array.from({ length: depth }, () => slots).flat();
    let handedOut = 0;
    await Promise.all(
      lanes.map(async (slot, lane) => {
        const sendsAhead = lane >= slots.length;
        for (;;) {
          if (sendsAhead && slots.length > 1 && runnable - handedOut <= lanes.length) return;
          const job = await nextJob();
          if (!job) return;
          handedOut++;
          await runJob(slot, job);
        }
      }),
    );
    if (gpuTimer) clearTimeout(gpuTimer);
    trimMemory();
    progress(true);
    if (notRun.length) {
      emit({
        type: 'log',
        time: now(),
        level: 'warning',
        message: `${notRun.length} task(s) not run, journaled as cancelled (a rerun picks them up): lines ${compactLines(notRun)}`,
      });
    }
    signal?.removeEventListener('abort', onAbort);
    standby?.close();
    await Promise.all(slots.map((s) => s.shutdown()));

    journalWriter.close();
    journalWriter = undefined;
    journal = compactJournal(journalFile, journal, (line) => line <= plan.lastLine);

    const succeeded = ran + skippedDone;
    const summary: BatchSummary = {
      total: plan.totalTasks,
      succeeded,
      failed,
      cancelled,
      skipped: skippedDone + notSelected,
      ran,
      failedLines,
      stopped: !!stopping,
      outputDir,
      logFile,
      journalFile,
      header,
    };
    if (opts.writeFailed) {
      const target = path.resolve(cwd, opts.writeFailed);
      try {
        const n = await writeFailedTasks(taskFilePath, journal, target);
        emit({ type: 'log', time: now(), level: 'info', message: `Wrote the ${n} failed task line(s) to ${target}` });
      } catch (err) {
        emit({ type: 'log', time: now(), level: 'error', message: `Cannot write the failed tasks to ${target}: ${(err as Error).message}` });
      }
    }
    emit({
      type: 'batch-finished',
      time: now(),
      succeeded,
      failed,
      skipped: summary.skipped,
      cancelled,
      total: plan.totalTasks,
      failedLines,
      logFile,
      journalFile,
      outputDir,
      elapsedSeconds: (Date.now() - started) / 1000,
      stopped: !!stopping,
      ran,
    });
    if (listed.length) {
      log.write([
        'Failed tasks:',
        ...listed.map((f) => `  ${taskFileArg}:${f.line}: ${f.message}`),
        ...(failed > listed.length ? [`  … and ${failed - listed.length} more (see the journal)`] : []),
      ]);
    }
    return summary;
  } finally {
    if (watchdog) clearInterval(watchdog);
    standby?.close();
    for (const s of slots) s.close();
    journalWriter?.close();
    log?.close();
    folder.release();
  }
}

function engineKind(kind: string): TaskErrorKind {
  switch (kind) {
    case 'invalid-input':
      return 'invalid';
    case 'write-error':
      return 'write-error';
    case 'out-of-memory':
      return 'out-of-memory';
    case 'crashed':
    case 'load-failed':
      return 'crashed';
    default:
      return 'model-error';
  }
}

function engineMessage(kind: string, message: string): string {
  switch (kind) {
    case 'invalid-input':
      return `Invalid input - ${message}`;
    case 'write-error':
      return `Cannot write output - ${message}`;
    case 'out-of-memory':
      return `Out of memory - ${message}`;
    default:
      return `Unexpected error - ${message}`;
  }
}

/**
 * Moves the finished WAV into place in one rename, after making sure its folder stays inside the output folder
 * (checked once per folder). rename(2) replaces a file or a link atomically and refuses a folder (EISDIR).
 */
async function placeOutput(tmp: string, finalPath: string, realOutputDir: string, knownDirs: Set<string>): Promise<void> {
  const dir = path.dirname(finalPath);
  if (!knownDirs.has(dir)) {
    await fs.promises.mkdir(dir, { recursive: true });
    const realDir = await fs.promises.realpath(dir);
    if (realDir !== realOutputDir && !realDir.startsWith(realOutputDir + path.sep)) {
      throw new Error(`${dir} leads outside the output folder (through a link)`);
    }
    if (knownDirs.size < 10000) knownDirs.add(dir);
  }
  try {
    await fs.promises.rename(tmp, finalPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') throw new Error(`${finalPath} is a folder, not a file`);
    throw err;
  }
}

function removeQuietly(file: string): void {
  fs.rm(file, { force: true }, () => undefined);
}


export type { EngineWorker };
