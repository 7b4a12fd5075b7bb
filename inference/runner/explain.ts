// `tts-batch explain LOG TASKFILE`: reads a run log and points every error at the task line it is about, as
// `file:line: message` an editor links. Knows our own logs (last run in the file), GLM-TTS's glmtts_inference.py
// logs (matched through `uttid`) and IndexTTS2 batch logs (`batch file line N …`). Formats: shared reference
// task-formats.md §2–3.
import * as readline from 'node:readline';
import * as fs from 'node:fs';
import { isOwnRunStart, parseOwnLogLine } from './logFormat';
import { readTaskLines, withoutBom } from './taskLines';

export type LogFormat = 'tts-batch' | 'glm-tts' | 'indextts2';

export interface ExplainedError {
  /** 1-based task line, or undefined when the log names a task the task file does not have. */
  line?: number;
  message: string;
  /** 1-based line in the log the error came from. */
  logLine: number;
  /** The task the log names (uttid for GLM-TTS). */
  task?: string;
}

export interface Explanation {
  format: LogFormat | undefined;
  errors: ExplainedError[];
  /** Tasks the log shows as started, for context ("the run stopped at …"). */
  notes: string[];
}

/** What Python prints for a JSON value in an f-string: how GLM-TTS names an uttid in its log. */
export function pythonStr(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  return undefined;
}

const STAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?\s*/;
const GLM_ERROR = /(?:^|\s-\s)(?:ERROR\s-\s)?Error processing (.+?): (.*)$/;
const GLM_PROCESSING = /(?:^|\s-\s)(?:INFO\s-\s)?Processing: (.+?), Syn_text: /;
const INDEX_ERROR = /ERROR: batch file line (\d+) (.*)$/;
const PY_EXCEPTION = /^([A-Za-z_][\w.]*(?:Error|Exception)): (.*)$/;

export async function explainLog(logFile: string, taskFile: string): Promise<Explanation> {
  const ours: ExplainedError[] = [];
  const index: ExplainedError[] = [];
  const glm: Array<{ uttid: string; message: string; logLine: number }> = [];
  let lastProcessing: { uttid: string; logLine: number } | undefined;
  let processingErrored = false;
  let topLevelException: { name: string; message: string; logLine: number } | undefined;
  let sawGlm = false;
  let sawOurs = false;
  let n = 0;
  const rl = readline.createInterface({ input: fs.createReadStream(logFile, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const raw of rl) {
    n++;
    const text = withoutBom(raw).trimEnd();
    if (isOwnRunStart(text)) {
      sawOurs = true;
      ours.length = 0; // a log holds every run; the latest one counts
      continue;
    }
    const own = parseOwnLogLine(text);
    if (own) {
      sawOurs = true;
      if (own.kind === 'failed') ours.push({ line: own.line, message: own.message, logLine: n });
      continue;
    }
    const ix = INDEX_ERROR.exec(text);
    if (ix) {
      index.push({ line: Number(ix[1]), message: ix[2], logLine: n });
      continue;
    }
    const body = text.replace(STAMP, '');
    const err = GLM_ERROR.exec(body);
    if (err) {
      sawGlm = true;
      glm.push({ uttid: err[1], message: err[2], logLine: n });
      processingErrored = true;
      continue;
    }
    const proc = GLM_PROCESSING.exec(body);
    if (proc) {
      sawGlm = true;
      lastProcessing = { uttid: proc[1], logLine: n };
      processingErrored = false;
      topLevelException = undefined;
      continue;
    }
    if (/ - INFO - (?:Using jsonl|Output folder): /.test(text)) sawGlm = true;
    const ex = PY_EXCEPTION.exec(text.trim());
    if (ex) topLevelException = { name: ex[1], message: ex[2], logLine: n };
  }

  const lines = await taskLineFacts(taskFile, new Set([...glm.map((g) => g.uttid), ...(lastProcessing ? [lastProcessing.uttid] : [])]));
  const check = (e: ExplainedError): ExplainedError =>
    e.line !== undefined && e.line > lines.count
      ? { ...e, line: undefined, message: `${e.message} (the log names line ${e.line}, but the task file has ${lines.count} lines: is it the right file?)` }
      : e;

  if (index.length) {
    const notes = ['IndexTTS2 stops at the first failure: the tasks after it were not run.'];
    return { format: 'indextts2', errors: index.map(check), notes };
  }
  if (sawOurs && !sawGlm) return { format: 'tts-batch', errors: ours.map(check), notes: [] };
  if (!sawGlm && !topLevelException) return { format: undefined, errors: [], notes: [] };

  const errors: ExplainedError[] = [];
  const notes: string[] = [];
  for (const g of glm) {
    const found = lines.byUttid.get(g.uttid) ?? [];
    if (!found.length) errors.push({ message: `uttid ${g.uttid} is not in the task file: ${g.message}`, logLine: g.logLine, task: g.uttid });
    for (const line of found) {
      const dup = found.length > 1 ? ` (uttid ${g.uttid} is used on lines ${found.join(', ')}: their outputs overwrite each other)` : '';
      errors.push({ line, message: `${g.message}${dup}`, logLine: g.logLine, task: g.uttid });
    }
  }
  if (topLevelException && lastProcessing && !processingErrored) {
    // The loop catches task errors; an exception after "Processing" without "Error processing" ended the run.
    for (const line of lines.byUttid.get(lastProcessing.uttid) ?? []) {
      errors.push({
        line,
        message: `The run stopped while processing this task: ${topLevelException.name}: ${topLevelException.message}`,
        logLine: topLevelException.logLine,
        task: lastProcessing.uttid,
      });
    }
  } else if (topLevelException && !lastProcessing) {
    // GLM-TTS parses the whole file first: a bad line stops it before any task, and the error's position is
    // inside that one line. Find the line it choked on.
    const culprit = findGlmParseCulprit(topLevelException.name, topLevelException.message, lines);
    errors.push({
      line: culprit?.line,
      message: `${topLevelException.name}: ${topLevelException.message}${culprit ? ` - ${culprit.why}` : ''} (GLM-TTS reads the whole file before synthesizing, so no task ran)`,
      logLine: topLevelException.logLine,
    });
  }
  if (lastProcessing) notes.push(`The last task the log shows starting is uttid ${lastProcessing.uttid} (log line ${lastProcessing.logLine}).`);
  return { format: 'glm-tts', errors, notes };
}

interface TaskLineFacts {
  count: number;
  byUttid: Map<string, number[]>;
  firstBlank?: number;
  firstBadJson?: number;
  firstBom?: number;
  missingKey: Map<string, number>;
}

async function taskLineFacts(taskFile: string, uttids: Set<string>): Promise<TaskLineFacts> {
  const facts: TaskLineFacts = { count: 0, byUttid: new Map(), missingKey: new Map() };
  const keys = ['uttid', 'prompt_text', 'prompt_speech', 'syn_text'];
  for await (const { line, text } of readTaskLines(taskFile)) {
    facts.count = line;
    if (text.charCodeAt(0) === 0xfeff && facts.firstBom === undefined) facts.firstBom = line;
    if (!text.trim()) {
      facts.firstBlank ??= line;
      continue;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(withoutBom(text));
    } catch {
      facts.firstBadJson ??= line;
      continue;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) continue;
    const rec = obj as Record<string, unknown>;
    for (const k of keys) if (!(k in rec) && !facts.missingKey.has(k)) facts.missingKey.set(k, line);
    const id = pythonStr(rec.uttid);
    if (id !== undefined && uttids.has(id)) {
      const list = facts.byUttid.get(id);
      if (list) list.push(line);
      else facts.byUttid.set(id, [line]);
    }
  }
  return facts;
}

function findGlmParseCulprit(name: string, message: string, f: TaskLineFacts): { line: number; why: string } | undefined {
  if (/BOM/i.test(message) && f.firstBom) return { line: f.firstBom, why: 'the file starts with a UTF-8 byte-order mark' };
  if (/JSONDecodeError/.test(name)) {
    const blank = f.firstBlank;
    const bad = f.firstBadJson;
    if (blank !== undefined && (bad === undefined || blank < bad)) return { line: blank, why: 'a blank line (GLM-TTS parses every line, even empty ones)' };
    if (bad !== undefined) return { line: bad, why: 'this line is not one complete JSON object' };
  }
  if (name === 'KeyError') {
    const key = /'([^']+)'/.exec(message)?.[1];
    const line = key ? f.missingKey.get(key) : undefined;
    if (line) return { line, why: `this line has no "${key}"` };
  }
  return undefined;
}
