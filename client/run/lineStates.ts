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

/**
 * Keeps line states on their tasks while the user edits: a task line that is edited loses its state (its run
 * result no longer describes it), lines below an inserted or deleted block move with it. Whole-line inserts
 * and deletes (Enter at the start or end of a line, deleting full lines) leave the neighbours untouched.
 * Returns whether anything changed.
 */
export function applyTextChange(states: LineStates, change: TextChange): boolean {
  if (states.size === 0) return false;
  const newlines = countNewlines(change.text);
  const s = change.startLine;
  const e = change.endLine;
  const emptyRange = s === e && change.startCharacter === change.endCharacter;
  let firstEdited: number; // 0-based, inclusive
  let lastEdited: number; // 0-based, inclusive; < firstEdited means none
  let firstMoved: number; // 0-based: this line and every later one move by delta
  const delta = newlines - (e - s);

  if (emptyRange && change.text.endsWith('\n') && change.startCharacter === 0) {
    // Whole lines inserted above line s.
    firstEdited = s; lastEdited = s - 1; firstMoved = s;
  } else if (emptyRange && change.text.startsWith('\n') && change.startCharacter >= change.startLineLength) {
    // Enter (or a pasted block) at the end of line s: line s keeps its text.
    firstEdited = s + 1; lastEdited = s; firstMoved = s + 1;
  } else if (change.startCharacter === 0 && change.endCharacter === 0 && e > s && (change.text === '' || change.text.endsWith('\n'))) {
    // Whole lines [s, e) replaced or deleted.
    firstEdited = s; lastEdited = e - 1; firstMoved = e;
  } else {
    firstEdited = s; lastEdited = e; firstMoved = e + 1;
  }
  if (delta === 0 && lastEdited < firstEdited) return false;

  let changed = false;
  const moved: Array<[number, LineState]> = [];
  for (const [line1, state] of [...states]) {
    const line = line1 - 1;
    if (line >= firstEdited && line <= lastEdited) {
      states.delete(line1);
      changed = true;
    } else if (line >= firstMoved && delta !== 0) {
      states.delete(line1);
      moved.push([line1 + delta, state]);
      changed = true;
    }
  }
  for (const [line1, state] of moved) if (line1 >= 1) states.set(line1, state);
  return changed;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
