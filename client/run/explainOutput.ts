// "Link Log to Tasks": `tts-batch explain LOG TASKFILE` maps a run log (ours, GLM-TTS, IndexTTS2) to task
// lines. This reads its output, in the JSON form when the CLI gives it, else the `file:line[:col]: message`
// text form, into line states shown as diagnostics. Pure.
import type { LineStates } from './lineStates';

export interface ExplainedProblem {
  line: number;
  column?: number;
  message: string;
  kind?: string;
}

export interface ExplainReport {
  /** Which tool wrote the log, when explain recognised it (`tts-batch`, `glm-tts`, `indextts2`). */
  format?: string;
  problems: ExplainedProblem[];
  /** Context explain adds ("IndexTTS2 stops at the first failure…"). */
  notes: string[];
}

/** The JSON form with its format and notes; the text form gives problems and `note:` lines. */
export function parseExplainReport(output: string): ExplainReport {
  const problems = parseExplainOutput(output);
  const trimmed = output.trim();
  try {
    const whole = JSON.parse(trimmed) as { format?: unknown; notes?: unknown };
    if (whole && typeof whole === 'object' && !Array.isArray(whole)) {
      return {
        format: typeof whole.format === 'string' ? whole.format : undefined,
        problems,
        notes: Array.isArray(whole.notes) ? whole.notes.filter((n): n is string => typeof n === 'string') : [],
      };
    }
  } catch {
    // text form
  }
  const notes = trimmed.split('\n').filter((l) => l.startsWith('note: ')).map((l) => l.slice(6).trim());
  return { problems, notes };
}

export function parseExplainOutput(output: string): ExplainedProblem[] {
  const trimmed = output.trim();
  if (!trimmed) return [];
  const fromJson = tryJson(trimmed);
  if (fromJson) return fromJson;
  const problems: ExplainedProblem[] = [];
  for (const raw of trimmed.split('\n')) {
    const m = /^(.+?):(\d+)(?::(\d+))?:\s*(.*)$/.exec(raw.trimEnd());
    if (!m || /^\d+$/.test(m[1])) continue;
    const line = Number(m[2]);
    if (line < 1) continue;
    const kindMatch = /^\[([a-z-]+)\]\s*(.*)$/.exec(m[4]);
    problems.push({
      line,
      column: m[3] ? Number(m[3]) : undefined,
      message: kindMatch ? kindMatch[2] : m[4],
      kind: kindMatch ? kindMatch[1] : undefined,
    });
  }
  return problems;
}

function tryJson(text: string): ExplainedProblem[] | undefined {
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  const values: unknown[] = [];
  try {
    const whole = JSON.parse(text) as unknown;
    if (Array.isArray(whole)) values.push(...whole);
    else if (whole && typeof whole === 'object') {
      // `{ format, errors: [...] }` (tts-batch explain --format json) or `{ problems: [...] }`
      const list = (whole as { errors?: unknown }).errors ?? (whole as { problems?: unknown }).problems;
      if (Array.isArray(list)) values.push(...list);
      else values.push(whole);
    }
  } catch {
    // JSON lines
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      try {
        values.push(JSON.parse(raw));
      } catch {
        return undefined;
      }
    }
  }
  const problems: ExplainedProblem[] = [];
  for (const v of values) {
    const o = v as Record<string, unknown>;
    if (!o || typeof o !== 'object' || !Number.isInteger(o.line) || (o.line as number) < 1) continue;
    const kind = typeof o.kind === 'string' ? o.kind : typeof o.code === 'string' ? o.code : undefined;
    problems.push({
      line: o.line as number,
      column: Number.isInteger(o.column) ? (o.column as number) : undefined,
      message: typeof o.message === 'string' ? o.message : '',
      kind,
    });
  }
  return problems;
}

/** Several log errors on one task line are joined into one problem, in log order. */
export function statesFromExplained(problems: ExplainedProblem[]): LineStates {
  const states: LineStates = new Map();
  for (const p of problems) {
    const prev = states.get(p.line);
    if (prev) {
      prev.message = `${prev.message}\n${p.message}`;
      continue;
    }
    states.set(p.line, { status: 'failed', origin: 'log', kind: p.kind ?? 'log-error', message: p.message, column: p.column });
  }
  return states;
}
