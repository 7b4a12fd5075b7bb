// First pass over the task file: validate every line with the same core the editor uses, resolve output names
// (refusing escapes and duplicates), and decide which tasks run now (resume, --retry-failed, --only-lines).
// Holds per-line facts only for lines that need them, so a 100,000-line file stays small.
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { createLineValidator, readTask, type Profile, type TaskDiagnostic, type ValidationContext } from '../../server/core';
import type { TaskErrorKind } from './events';
import { doneKey, sha256Hex, type JournalIndex } from './journal';
import { resolveOutputName } from './outputPaths';
import { isBlank, readTaskLineBatches, withoutBom } from './taskLines';

/** The batch was cancelled before any task ran. */
export class BatchCancelled extends Error {
  constructor() {
    super('Cancelled before any task ran; nothing was written');
    this.name = 'BatchCancelled';
  }
}

/** Line numbers, one byte per line: 100,000 done lines cost 100 KB rather than a hash table of 4 MB. */
export class LineSet {
  private marks = new Uint8Array(1024);
  size = 0;

  has(line: number): boolean {
    return line < this.marks.length && this.marks[line] === 1;
  }

  add(line: number): void {
    if (line >= this.marks.length) {
      let cap = this.marks.length;
      while (cap <= line) cap *= 2;
      const grown = new Uint8Array(cap);
      grown.set(this.marks);
      this.marks = grown;
    }
    if (this.marks[line]) return;
    this.marks[line] = 1;
    this.size++;
  }

  delete(line: number): void {
    if (!this.has(line)) return;
    this.marks[line] = 0;
    this.size--;
  }

  *[Symbol.iterator](): Generator<number> {
    for (let line = 0; line < this.marks.length; line++) if (this.marks[line]) yield line;
  }
}

export interface LineProblem {
  kind: Extract<TaskErrorKind, 'invalid' | 'not-found'>;
  message: string;
  /** 1-based column of the offending text. */
  column: number;
  code?: string;
}

export interface TaskInput {
  text?: string;
  textFile?: string;
  promptAudioPath?: string;
  promptText?: string;
  outputName: string;
}

export interface Plan {
  profile: Profile;
  /** Non-blank lines: the tasks. */
  totalTasks: number;
  problems: Map<number, LineProblem>;
  /** Lines whose output is already in place and matches the journal. */
  done: LineSet;
  /** Tasks that run now (selected and not done), invalid ones included: they fail now. */
  scheduled: number;
  selected(line: number): boolean;
  /** Number of the file's last line (blank or not). */
  lastLine: number;
  /** Things about non-task lines (e.g. a blank line GLM-TTS would stop at). */
  notes: Array<{ line: number; message: string }>;
}

export interface PlanInputs {
  taskFilePath: string;
  outputDir: string;
  ctx: ValidationContext;
  journal: JournalIndex;
  force: boolean;
  retryFailed: boolean;
  onlyLines?: Set<number>;
  /** Fingerprint of the settings that shape the audio (seed, rate, voice, speaker). */
  settingsKey: string;
  signal?: AbortSignal;
}

export function inputHashOf(lineText: string, settingsKey: string): string {
  return sha256Hex(`${lineText}\0${settingsKey}`);
}

/** The fields a task line asks for, or undefined when the line is not a readable task. */
export function taskInputOf(text: string, line: number, profile: Profile, ctx: ValidationContext): TaskInput | undefined {
  try {
    return readTask(withoutBom(text), line - 1, profile, ctx); // the core counts lines from 0
  } catch {
    return undefined;
  }
}

const NOT_FOUND = /not-found|case-mismatch/;

/** The validator's verdict on one line as the runner reports it: the first error decides. */
export function problemFromDiagnostics(diags: TaskDiagnostic[]): LineProblem | undefined {
  const errors = diags.filter((d) => d.severity === 'error').sort((a, b) => a.range.start.character - b.range.start.character);
  const first = errors.find((d) => NOT_FOUND.test(d.code)) ?? errors[0];
  if (!first) return undefined;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} on this line)` : '';
  const notFound = NOT_FOUND.test(first.code);
  return {
    kind: notFound ? 'not-found' : 'invalid',
    message: notFound ? `${notFoundMessage(first)}${more}` : `Invalid input - ${first.message}${more}`,
    column: first.range.start.character + 1,
    code: first.code,
  };
}

function notFoundMessage(d: TaskDiagnostic): string {
  // The core says "Audio file not found: x.wav (looked for /abs/x.wav)."; the run log's form is "… - x.wav …".
  const m = /^Audio file not found: ([\s\S]*)$/.exec(d.message);
  if (m) return `Audio file not found - ${m[1]}`;
  return d.code.startsWith('audio') ? `Audio file not found - ${d.message}` : `File not found - ${d.message}`;
}

export async function planBatch(p: PlanInputs): Promise<Plan> {
  const validator = createLineValidator(p.ctx);
  const problems = new Map<number, LineProblem>();
  const done = new LineSet();
  const outputs = new Map<string, number>();
  const blank: number[] = [];
  let totalTasks = 0;
  let lastLine = 0;
  let scheduled = 0;
  const selected = selection(p.onlyLines, p.retryFailed, p.journal);

  // Outputs to hash are checked a batch at a time while the next batch is being planned.
  const doneCandidates: Array<[number, string, string]> = [];
  const lanes = hashLanes();
  let hashing: Promise<void> = Promise.resolve();
  const forced = p.force || !!p.onlyLines;
  const planLine = (line: number, text: string): void => {
    lastLine = line;
    validator.push(text);
    if (isBlank(text)) {
      blank.push(line);
      return;
    }
    totalTasks++;
    const profile = validator.profile;
    const input = profile ? taskInputOf(text, line, profile, p.ctx) : undefined;
    if (!input) return; // the validator says why
    const out = resolveOutputName(input.outputName, p.outputDir);
    if (!out.ok) {
      problems.set(line, { kind: 'invalid', message: out.message, column: 1, code: 'output-outside' });
      return;
    }
    // Never two tasks writing one file: the first line keeps the name.
    const first = outputs.get(out.key);
    if (first !== undefined) {
      problems.set(line, {
        kind: 'invalid',
        message: `Invalid input - duplicate output name "${input.outputName}": task ${first} already writes ${out.relative}`,
        column: 1,
        code: 'duplicate-output',
      });
      return;
    }
    outputs.set(out.key, line);
    if (!selected(line)) return;
    // Fingerprints only for lines the journal may call done: a first run hashes nothing here.
    const sha = forced || !p.journal.mayBeDone(line) ? undefined : p.journal.doneSha256(line, doneKey(inputHashOf(text, p.settingsKey), out.relative));
    if (sha) doneCandidates.push([line, out.absolute, sha]);
  };
  for await (const { first, texts } of readTaskLineBatches(p.taskFilePath)) {
    if (p.signal?.aborted) throw new BatchCancelled();
    for (let i = 0; i < texts.length; i++) planLine(first + i, texts[i]);
    if (doneCandidates.length >= 256) {
      await hashing;
      hashing = confirmDone(doneCandidates.splice(0), done, lanes);
    }
  }
  await hashing;
  await confirmDone(doneCandidates, done, lanes);
  const profile = validator.profile;
  const diagnostics = await validator.finish();
  if (!profile || totalTasks === 0) throw new Error('it has no task lines');

  const byLine = new Map<number, TaskDiagnostic[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'error' || d.code === 'duplicate-output') continue; // duplicates: handled above, first line wins
    const line = d.range.start.line + 1;
    const list = byLine.get(line);
    if (list) list.push(d);
    else byLine.set(line, [d]);
  }
  const blankSet = new Set(blank);
  const notes: Plan['notes'] = [];
  for (const line of p.onlyLines ?? []) {
    if (line > lastLine || blankSet.has(line)) notes.push({ line, message: line > lastLine ? `--only-lines ${line}: the file has ${lastLine} lines` : `--only-lines ${line}: a blank line is not a task` });
  }
  for (const [line, diags] of byLine) {
    if (blankSet.has(line)) {
      if (notes.length < 100) notes.push({ line, message: diags[0].message });
      continue;
    }
    if (problems.has(line) && problems.get(line)!.code !== 'output-outside') continue;
    const problem = problemFromDiagnostics(diags);
    if (problem) problems.set(line, problem);
  }

  // A task that became invalid is not done, whatever is on disk.
  for (const [line, problem] of problems) if (problem.kind === 'invalid') done.delete(line);
  for (const line of selectedLines(totalTasks, blankSet, selected)) if (!done.has(line)) scheduled++;
  return { profile, totalTasks, problems, done, scheduled, selected, notes, lastLine };
}

/**
 * Which lines this run is about. Built outside planBatch on purpose: the plan keeps this function for the whole
 * run, and a closure made inside planBatch would keep planBatch's whole scope alive with it (the validator, every
 * output name).
 */
function selection(onlyLines: Set<number> | undefined, retryFailed: boolean, journal: JournalIndex): (line: number) => boolean {
  if (onlyLines) return (line) => onlyLines.has(line);
  if (retryFailed) return (line) => journal.statusOf(line) === 'failed';
  return () => true;
}

/** One read buffer per file hashed at a time: enough to keep the thread pool's disk reads going. */
function hashLanes(): Buffer[] {
  return Array.from({ length: 8 }, () => Buffer.allocUnsafe(64 * 1024));
}

// A FIFO where an output belongs must not hang the plan in open(2); on a regular file the flag changes nothing.
const READ_NO_WAIT = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * sha256 of a file read into `buf`, or undefined when it cannot be read. A short read ends the file (a regular
 * file reads whole): a file that is still growing hashes differently, so its task runs again rather than being
 * skipped.
 */
function hashFile(file: string, buf: Buffer, done: (sha256: string | undefined) => void): void {
  fs.open(file, READ_NO_WAIT, (err, fd) => {
    if (err) return done(undefined);
    let hash: Hash | undefined; // only for a file longer than one read: a short one is digested in one go
    const next = (): void =>
      fs.read(fd, buf, 0, buf.length, null, (readErr, n) => {
        if (readErr) return fs.close(fd, () => done(undefined));
        if (!hash && n < buf.length) {
          const sha = sha256Hex(buf.subarray(0, n));
          return fs.close(fd, () => done(sha));
        }
        hash ??= createHash('sha256');
        hash.update(buf.subarray(0, n));
        if (n === buf.length) return next();
        const sha = hash.digest('hex');
        fs.close(fd, () => done(sha));
      });
    next();
  });
}

/**
 * Done = the file on disk is the one the journal recorded (hash), for the same line and settings. Each lane
 * hashes one file at a time with its own buffer: a resume over 100,000 finished outputs holds a few buffers,
 * not a stream and a promise per file.
 */
function confirmDone(batch: Array<[number, string, string]>, done: LineSet, lanes: Buffer[]): Promise<void> {
  let next = 0;
  const lane = (buf: Buffer) =>
    new Promise<void>((resolve) => {
      const step = (): void => {
        if (next >= batch.length) return resolve();
        const [line, file, sha] = batch[next++];
        hashFile(file, buf, (got) => {
          if (got === sha) done.add(line);
          step();
        });
      };
      step();
    });
  return Promise.all(lanes.map(lane)).then(() => undefined);
}

function* selectedLines(totalTasks: number, blank: Set<number>, selected: (line: number) => boolean): Generator<number> {
  for (let line = 1, seen = 0; seen < totalTasks; line++) {
    if (blank.has(line)) continue;
    seen++;
    if (selected(line)) yield line;
  }
}
