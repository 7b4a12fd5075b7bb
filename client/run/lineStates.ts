// What the editor knows about each task line from runs and logs: the state behind the run diagnostics and the
// per-line CodeLenses. Pure (no vscode import) so node --test can check it. Task lines are 1-based, as in the
// runner's events and logs.
import type { TaskErrorKind } from '../../inference/runner/events';

export type LineStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Where a line's state came from: a run started here, the journal of an earlier run, or a linked log. */
export type LineOrigin = 'run' | 'journal' | 'log';

export interface LineState {
  status: LineStatus;
  origin: LineOrigin;
  outputName?: string;
  /** Absolute path of the WAV a succeeded task wrote. */
  outputPath?: string;
  /** Error kind of a failed task (`not-found`, `timeout`, ...), or a log's own classification. */
  kind?: TaskErrorKind | string;
  message?: string;
  /** 1-based column of the offending characters when known. */
  column?: number;
}

export type LineStates = Map<number, LineState>;

/** A diagnostic to show on a task line, before the glue turns it into a vscode.Diagnostic. */
export interface LineProblem {
  /** 0-based line, as editors count. */
  line: number;
  /** 0-based start column. */
  column: number;
  code: string;
  message: string;
  source: string;
}

export const RUN_SOURCE = 'tts-batch run';
export const LOG_SOURCE = 'tts-batch log';

/** Failed lines become problems; succeeded, cancelled and running lines are not problems. */
export function problemsFromStates(states: LineStates): LineProblem[] {
  const problems: LineProblem[] = [];
  for (const [line, s] of states) {
    if (s.status !== 'failed') continue;
    problems.push({
      line: line - 1,
      column: Math.max(0, (s.column ?? 1) - 1),
      code: s.kind ?? 'failed',
      message: s.message ?? '',
      source: s.origin === 'log' ? LOG_SOURCE : RUN_SOURCE,
    });
  }
  return problems.sort((a, b) => a.line - b.line);
}

export function failedLines(states: LineStates): number[] {
  return [...states].filter(([, s]) => s.status === 'failed').map(([line]) => line).sort((a, b) => a - b);
}

/** One text change as the editor reports it: a 0-based range replaced by `text`. */
export interface TextChange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
  /** Length of the start line before the change (to tell "Enter at the end of a line" from an edit of it). */
  startLineLength: number;
}

/** What one change does to line numbers (0-based): lines [firstEdited, lastEdited] changed, lines from firstMoved on move by delta. */
export interface LineShift {
  firstEdited: number;
  /** < firstEdited when no line was edited (pure insertion or deletion of whole lines). */
  lastEdited: number;
  firstMoved: number;
  delta: number;
}

/**
 * Whole-line inserts and deletes (Enter at the start or end of a line, pasted lines, deleted full lines)
 * edit no neighbouring line; any other change edits the lines it touches.
 */
export function classifyChange(change: TextChange): LineShift {
  const s = change.startLine;
  const e = change.endLine;
  const delta = countNewlines(change.text) - (e - s);
  const emptyRange = s === e && change.startCharacter === change.endCharacter;
  const startsWithNewline = change.text.startsWith('\n') || change.text.startsWith('\r\n');
  if (emptyRange && change.text.endsWith('\n') && change.startCharacter === 0) {
    return { firstEdited: s, lastEdited: s - 1, firstMoved: s, delta }; // lines inserted above line s
  }
  if (emptyRange && startsWithNewline && change.startCharacter >= change.startLineLength) {
    return { firstEdited: s + 1, lastEdited: s, firstMoved: s + 1, delta }; // Enter at the end of line s
  }
  if (change.startCharacter === 0 && change.endCharacter === 0 && e > s && (change.text === '' || change.text.endsWith('\n'))) {
    return { firstEdited: s, lastEdited: e - 1, firstMoved: e, delta }; // whole lines [s, e) replaced
  }
  return { firstEdited: s, lastEdited: e, firstMoved: e + 1, delta };
}

/** Where a 1-based line is after the shift; undefined when the change edited it. */
export function shiftLine(shift: LineShift, line1: number): number | undefined {
  const line = line1 - 1;
  if (line >= shift.firstEdited && line <= shift.lastEdited) return undefined;
  return line >= shift.firstMoved ? line1 + shift.delta : line1;
}

/**
 * Keeps line states on their tasks while the user edits: a task line that is edited loses its state (its run
 * result no longer describes it), lines below an inserted or deleted block move with it. Returns whether
 * anything changed.
 */
export function applyTextChange(states: LineStates, change: TextChange): boolean {
  if (states.size === 0) return false;
  const shift = classifyChange(change);
  if (shift.delta === 0 && shift.lastEdited < shift.firstEdited) return false;
  let changed = false;
  const moved: Array<[number, LineState]> = [];
  for (const [line1, state] of [...states]) {
    const to = shiftLine(shift, line1);
    if (to === line1) continue;
    states.delete(line1);
    changed = true;
    if (to !== undefined && to >= 1) moved.push([to, state]);
  }
  for (const [line1, state] of moved) states.set(line1, state);
  return changed;
}

/**
 * Line numbers of a running batch are those of the file as it was saved when the run started. While the user
 * edits during the run, this maps them to where those tasks are now (undefined: the task's line was edited,
 * so the result no longer describes it).
 */
export class LineMapper {
  private readonly shifts: LineShift[] = [];

  get edited(): boolean {
    return this.shifts.length > 0;
  }

  record(change: TextChange): void {
    const shift = classifyChange(change);
    if (shift.delta !== 0 || shift.lastEdited >= shift.firstEdited) this.shifts.push(shift);
  }

  map(line1: number): number | undefined {
    let line: number | undefined = line1;
    for (const shift of this.shifts) {
      line = shiftLine(shift, line);
      if (line === undefined || line < 1) return undefined;
    }
    return line;
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
