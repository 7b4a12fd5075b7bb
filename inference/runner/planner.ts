// First pass over the task file: validate every line with the same core the editor uses, resolve output names
// (refusing escapes and duplicates), and decide which tasks run now (resume, --retry-failed, --only-lines).
// Holds per-line facts only for lines that need them, so a 100,000-line file stays small.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createLineValidator, readTask, type Profile, type TaskDiagnostic, type ValidationContext } from '../../server/core';
import type { TaskErrorKind } from './events';
import type { JournalRecord } from './journal';
import { resolveOutputName } from './outputPaths';
import { isBlank, readTaskLines, withoutBom } from './taskLines';

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
  done: Set<number>;
  /** Tasks that run now (selected and not done), invalid ones included: they fail now. */
  scheduled: number;
  selected(line: number): boolean;
  /** Things about non-task lines (e.g. a blank line GLM-TTS would stop at). */
  notes: Array<{ line: number; message: string }>;
}

export interface PlanInputs {
  taskFilePath: string;
  outputDir: string;
  ctx: ValidationContext;
  journal: Map<number, JournalRecord>;
  force: boolean;
  retryFailed: boolean;
  onlyLines?: Set<number>;
  /** Fingerprint of the settings that shape the audio (seed, rate, voice, speaker). */
  settingsKey: string;
}

export function inputHashOf(lineText: string, settingsKey: string): string {
  return createHash('sha256').update(lineText).update('\0').update(settingsKey).digest('hex');
}

export async function sha256OfFile(file: string): Promise<string | undefined> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
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
  const done = new Set<number>();
  const candidates: Array<{ line: number; file: string; sha256: string }> = [];
  const outputs = new Map<string, number>();
  const blank: number[] = [];
  let totalTasks = 0;
  let scheduled = 0;
  const selected = (line: number): boolean => {
    if (p.onlyLines) return p.onlyLines.has(line);
    if (p.retryFailed) return p.journal.get(line)?.status === 'failed';
    return true;
  };

  for await (const { line, text } of readTaskLines(p.taskFilePath)) {
    validator.push(text);
    if (isBlank(text)) {
      blank.push(line);
      continue;
    }
    totalTasks++;
    const profile = validator.profile;
    const input = profile ? taskInputOf(text, line, profile, p.ctx) : undefined;
    if (!input) continue; // the validator says why
    const out = resolveOutputName(input.outputName, p.outputDir);
    if (!out.ok) {
      problems.set(line, { kind: 'invalid', message: out.message, column: 1, code: 'output-outside' });
      continue;
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
      continue;
    }
    outputs.set(out.key, line);
    if (!selected(line)) continue;
    const rec = p.journal.get(line);
    const forced = p.force || !!p.onlyLines;
    if (!forced && rec?.status === 'succeeded' && rec.output === out.relative && rec.sha256 && rec.inputHash === inputHashOf(text, p.settingsKey)) {
      candidates.push({ line, file: out.absolute, sha256: rec.sha256 });
    }
  }
  const profile = validator.profile;
  const diagnostics = await validator.finish();
  if (!profile) throw new Error('no task line to detect the profile from');

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
  for (const [line, diags] of byLine) {
    if (blankSet.has(line)) {
      if (notes.length < 100) notes.push({ line, message: diags[0].message });
      continue;
    }
    if (problems.has(line) && problems.get(line)!.code !== 'output-outside') continue;
    const problem = problemFromDiagnostics(diags);
    if (problem) problems.set(line, problem);
  }

  // Done = the file on disk is the one the journal recorded (hash), for the same line and settings.
  for (const c of candidates) {
    if (problems.has(c.line) && problems.get(c.line)!.kind === 'invalid') continue;
    if ((await sha256OfFile(c.file)) === c.sha256) done.add(c.line);
  }
  for (const line of selectedLines(totalTasks, blankSet, selected)) if (!done.has(line)) scheduled++;
  return { profile, totalTasks, problems, done, scheduled, selected, notes };
}

function* selectedLines(totalTasks: number, blank: Set<number>, selected: (line: number) => boolean): Generator<number> {
  for (let line = 1, seen = 0; seen < totalTasks; line++) {
    if (blank.has(line)) continue;
    seen++;
    if (selected(line)) yield line;
  }
}
