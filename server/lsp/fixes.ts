// Quick fixes: from a diagnostic (its code, range and the core's `data`) to text edits that make the
// problem go away. Each fix is checked to leave a line the core accepts for that problem; a fix that could
// not be made safely is simply not offered.
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { readTask, splitSentences, type ParsedTask, type Profile, type ValidationContext } from '../core';
import { msg } from './messages';
import type { OpenDocument } from './openDocument';
import type { Session } from './session';
import { audioKeys } from './taskPosition';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by source.fixAll; choices (which file? where to split?) are left to the user. */
  safe: boolean;
  preferred?: boolean;
}

/** Shared by the fixes of one request, so fix-all never gives two lines the same new output name. */
export interface FixRun {
  session: Session;
  doc: OpenDocument;
  ctx: ValidationContext;
  outputNames?: Set<string>;
}

type Data = Record<string, unknown>;

const lineRange = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function parsesAsObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return !!v && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

function keyIn(task: ParsedTask | undefined, r: Range, which: 'key' | 'value' | 'either' = 'either') {
  return task?.keys.find((k) => (which !== 'value' && overlaps(k.keyRange, r)) || (which !== 'key' && overlaps(k.valueRange, r)));
}

/** Applies edits given by character offsets to one line (right to left). */
function editLine(text: string, edits: Array<{ from: number; to: number; text: string }>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

// ---- names -------------------------------------------------------------------------------------------

/** `name` with a suffix, before the extension when the profile's output is a path (`out/003_01.wav`). */
function withSuffix(profile: Profile, name: string, suffix: string): string {
  if (profile.output === 'path') {
    const m = /^(.*?)(\.[A-Za-z0-9]{1,5})$/.exec(name);
    if (m && !m[1].endsWith('/')) return m[1] + suffix + m[2];
  }
  return name + suffix;
}

// Every output name of a document, per version: code actions at the cursor should not walk the file each time.
const namesByDoc = new WeakMap<OpenDocument, { generation: number; names: Set<string> }>();

function allOutputNames(run: FixRun): Set<string> {
  if (run.outputNames) return run.outputNames;
  const { doc, ctx } = run;
  const cached = namesByDoc.get(doc);
  if (cached && cached.generation === doc.generation) return (run.outputNames = new Set(cached.names));
  const names = new Set<string>();
  for (let line = 0; line < doc.doc.lineCount; line++) {
    const text = doc.doc.lineText(line);
    if (text.trim() === '') continue;
    const t = readTask(text, line, doc.doc.profile, ctx);
    if (t) names.add(t.outputName);
  }
  namesByDoc.set(doc, { generation: doc.generation, names });
  run.outputNames = new Set(names);
  return run.outputNames;
}

/** Where to put a task's new output name: over its value, or a new key before the closing brace. */
function outputEdit(profile: Profile, text: string, task: ParsedTask, name: string): { from: number; to: number; text: string } | undefined {
  const key = profile.fields.outputName;
  if (!key) return undefined;
  const k = task.keys.find((x) => x.key === key);
  if (k) return { from: k.valueRange.start.character, to: k.valueRange.end.character, text: JSON.stringify(name) };
  const close = text.lastIndexOf('}');
  if (close < 0) return undefined;
  const before = text.slice(0, close).trimEnd();
  const sep = before.endsWith('{') ? '' : ', ';
  return { from: before.length, to: close, text: `${sep}${JSON.stringify(key)}: ${JSON.stringify(name)}` };
}

// ---- audio paths --------------------------------------------------------------------------------------

/** The user's relative path with each trailing segment's case taken from the real path on disk. */
function withRealCase(raw: string, actualAbs: string): string | undefined {
  const rawSegs = raw.split('/');
  const real = actualAbs.split(/[\\/]/);
  for (let i = rawSegs.length - 1, j = real.length - 1; i >= 0 && j >= 0; i--, j--) {
    const seg = rawSegs[i];
    if (seg === '.' || seg === '..' || seg === '') break;
    if (seg.toLowerCase() !== real[j].toLowerCase()) return undefined;
    rawSegs[i] = real[j];
  }
  const out = rawSegs.join('/');
  return out !== raw ? out : undefined;
}

/** A nearest-name suggestion from the core, written the way the user wrote the original path. */
function asRawPath(raw: string, suggestion: string, resolvedDir: string): string {
  const dirOfRaw = raw.includes('/') ? raw.slice(0, raw.lastIndexOf('/') + 1) : '';
  if (!/[\\/]/.test(suggestion)) return dirOfRaw + suggestion;
  if (suggestion.startsWith(resolvedDir)) return dirOfRaw + suggestion.slice(resolvedDir.length).replace(/^[\\/]/, '');
  return suggestion;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

async function nearestAudio(run: FixRun, abs: string): Promise<string[]> {
  const cut = Math.max(abs.lastIndexOf('/'), abs.lastIndexOf('\\'));
  const dir = abs.slice(0, cut) || '/';
  const want = abs.slice(cut + 1).toLowerCase();
  const names = (await run.session.files.list(dir)) ?? [];
  return names
    .filter((n) => /\.(wav|flac|mp3|ogg)$/i.test(n))
    .map((n) => ({ n, d: editDistance(want, n.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(want.length / 2)))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map((x) => x.n);
}

// ---- the fixes, by rule code --------------------------------------------------------------------------

type Maker = (run: FixRun, d: Diagnostic, data: Data) => Fix[] | Promise<Fix[]>;

/** The core's `removeRange` (character offsets on the diagnostic's line), when it gave one. */
function removeRangeOf(d: Diagnostic, data: Data): TextEdit | undefined {
  const r = data.removeRange as { start?: unknown; end?: unknown } | undefined;
  if (!r || typeof r.start !== 'number' || typeof r.end !== 'number') return undefined;
  return { range: lineRange(d.range.start.line, r.start, r.end), newText: '' };
}

/** Replaces the value the diagnostic points at (a key's value range) with a new JSON value. */
function replaceValue(run: FixRun, d: Diagnostic, title: string, json: string, safe: boolean): Fix[] {
  const k = keyIn(run.doc.doc.task(d.range.start.line), d.range, 'value');
  const range = k ? k.valueRange : d.range;
  return [{ title, safe, preferred: true, edits: [{ range, newText: json }] }];
}

const makers: Record<string, Maker> = {
  'trailing-comma': ({ doc, session }, d, data) => {
    const line = d.range.start.line;
    const given = removeRangeOf(d, data);
    if (given) return [{ title: msg(session.locale, 'removeTrailingComma'), safe: true, preferred: true, edits: [given] }];
    const text = doc.doc.lineText(line);
    const close = text.lastIndexOf('}');
    if (close < 0 || !/^\s*,[\s,]*$/.test(text.slice(close + 1))) return [];
    return [{ title: msg(session.locale, 'removeTrailingComma'), safe: true, preferred: true,
      edits: [{ range: lineRange(line, close + 1, text.length), newText: '' }] }];
  },

  'multi-line-object': ({ doc, session }, d, data) => {
    if (typeof data.joined === 'string' && typeof data.startLine === 'number' && typeof data.endLine === 'number'
      && data.endLine < doc.doc.lineCount && parsesAsObject(data.joined)) {
      return [{ title: msg(session.locale, 'joinObject'), safe: true, preferred: true, edits: [{
        range: { start: { line: data.startLine, character: 0 }, end: { line: data.endLine, character: doc.doc.lineText(data.endLine).length } },
        newText: data.joined }] }];
    }
    const first = typeof data.from === 'number' ? data.from - 1 : d.range.start.line;
    const lastHint = typeof data.to === 'number' ? data.to - 1 : d.range.end.line;
    // Join line by line until the pieces make one object (the core's range may cover only the first line).
    const parts: string[] = [];
    const limit = Math.min(doc.doc.lineCount - 1, Math.max(lastHint, first + 500));
    for (let line = first; line <= limit; line++) {
      const t = doc.doc.lineText(line).trim();
      const prev = parts.length ? parts[parts.length - 1] : '';
      if (!parts.length) parts.push(doc.doc.lineText(line).trimEnd());
      else if (t) parts.push(/[{[]$/.test(prev) || /^[}\]]/.test(t) ? t : ` ${t}`);
      const joined = parts.join('').replace(/,\s*$/, '');
      if (line >= lastHint && parsesAsObject(joined)) {
        return [{ title: msg(session.locale, 'joinObject'), safe: true, preferred: true,
          edits: [{ range: { start: { line: first, character: 0 }, end: { line, character: doc.doc.lineText(line).length } }, newText: joined }] }];
      }
    }
    return [];
  },

  'utf8-bom': ({ doc, session }, d, data) => doc.doc.lineText(0).startsWith('\uFEFF')
    ? [{ title: msg(session.locale, 'removeBom'), safe: true, preferred: true, edits: [removeRangeOf(d, data) ?? { range: lineRange(0, 0, 1), newText: '' }] }]
    : [],

  'stray-characters': ({ doc, session }, d, data) => {
    const line = d.range.start.line;
    if (d.range.end.line !== line) return [];
    const edit = removeRangeOf(d, data) ?? { range: d.range, newText: '' };
    const text = doc.doc.lineText(line);
    const after = editLine(text, [{ from: edit.range.start.character, to: edit.range.end.character, text: '' }]);
    // Other stray characters may remain on the line (each has its own fix); the object must survive.
    const safe = parsesAsObject(after.trim());
    return [{ title: msg(session.locale, 'removeStray'), safe, preferred: safe, edits: [edit] }];
  },

  // `{...} x`: the object is whole and junk follows it; removing the junk is the fix.
  'invalid-json': ({ doc, session }, d, data) => {
    const line = d.range.start.line;
    const text = doc.doc.lineText(line);
    const at = typeof data.offset === 'number' ? data.offset : d.range.start.character;
    const head = text.slice(0, at).trimEnd();
    if (!head.endsWith('}') || !parsesAsObject(head) || /^\s*,/.test(text.slice(at))) return [];
    return [{ title: msg(session.locale, 'removeStray'), safe: true, preferred: true,
      edits: [{ range: lineRange(line, head.length, text.length), newText: '' }] }];
  },

  'multiple-objects': ({ doc, session }, d, data) => {
    const pieces = Array.isArray(data.pieces) ? data.pieces.filter((p): p is string => typeof p === 'string') : [];
    if (pieces.length < 2 || !pieces.every(parsesAsObject)) return [];
    const line = d.range.start.line;
    return [{ title: msg(session.locale, 'splitObjects', pieces.length), safe: true, preferred: true,
      edits: [{ range: lineRange(line, 0, doc.doc.lineText(line).length), newText: pieces.join('\n') }] }];
  },

  'text-file-not-found': (run, d, data) => typeof data.replacement === 'string'
    ? replaceValue(run, d, msg(run.session.locale, 'fixCase', data.replacement), JSON.stringify(data.replacement), true) : [],

  'invisible-character': ({ doc, session }, d, data) => characterFix(doc, session, d, data),
  'control-character': ({ doc, session }, d, data) => characterFix(doc, session, d, data),
  'line-separator': ({ doc, session }, d, data) => characterFix(doc, session, d, data),

  'wrong-type': (run, d, data) => typeof data.replacement === 'string'
    ? replaceValue(run, d, msg(run.session.locale, 'replaceValue', data.replacement), data.replacement, true) : [],
  'text-no-final-punctuation': (run, d, data) => typeof data.replacement === 'string'
    ? replaceValue(run, d, msg(run.session.locale, 'addPunctuation', String(data.append ?? '')), JSON.stringify(data.replacement), false) : [],
  'unsafe-output-name': (run, d, data) => typeof data.suggestion === 'string'
    ? replaceValue(run, d, msg(run.session.locale, 'replaceValue', data.suggestion), JSON.stringify(data.suggestion), true) : [],
  'output-creates-folders': (run, d, data) => typeof data.suggestion === 'string'
    ? replaceValue(run, d, msg(run.session.locale, 'replaceValue', data.suggestion), JSON.stringify(data.suggestion), false) : [],

  'audio-case-mismatch': async (run, d, data) => {
    const { doc, session } = run;
    const task = doc.doc.task(d.range.start.line);
    const k = keyIn(task, d.range, 'value');
    const raw = k && task!.value[k.key];
    if (!k || typeof raw !== 'string') return [];
    if (typeof data.replacement === 'string' && data.replacement !== raw) {
      return [{ title: msg(session.locale, 'fixCase', data.replacement), safe: true, preferred: true,
        edits: [{ range: k.valueRange, newText: JSON.stringify(data.replacement) }] }];
    }
    let actual = typeof data.actualPath === 'string' ? data.actualPath : undefined;
    if (!actual || !/[\\/]/.test(actual)) {
      const facts = await session.files.path(doc.doc.resolveAudioPath(raw));
      actual = facts.caseMatch ?? (actual ? raw.slice(0, raw.lastIndexOf('/') + 1) + actual : undefined);
    }
    const fixed = actual && (/^([A-Za-z]:)?[\\/]/.test(actual) ? withRealCase(raw, actual) : actual);
    if (!fixed || fixed === raw) return [];
    return [{ title: msg(session.locale, 'fixCase', fixed), safe: true, preferred: true,
      edits: [{ range: k.valueRange, newText: JSON.stringify(fixed) }] }];
  },

  'audio-not-found': async (run, d, data) => {
    const { doc, session } = run;
    const task = doc.doc.task(d.range.start.line);
    const k = keyIn(task, d.range, 'value');
    const raw = k && task!.value[k.key];
    if (!k || typeof raw !== 'string' || !audioKeys(doc.doc.profile).includes(k.key)) return [];
    const abs = doc.doc.resolveAudioPath(raw);
    const dir = abs.slice(0, Math.max(abs.lastIndexOf('/'), abs.lastIndexOf('\\')) + 1);
    // The core's replacements are written the way the user wrote the path; otherwise look next to it.
    const given = Array.isArray(data.replacements) ? data.replacements.filter((n): n is string => typeof n === 'string') : undefined;
    const nearest = given ?? (await nearestAudio(run, abs)).map((n) => asRawPath(raw, n, dir));
    return nearest.slice(0, 3).map((replacement, i) => {
      return { title: msg(session.locale, 'replaceFile', replacement), safe: false, preferred: i === 0 && nearest.length === 1,
        edits: [{ range: k.valueRange, newText: JSON.stringify(replacement) }] };
    });
  },

  'unknown-key': ({ doc, session }, d, data) => {
    const task = doc.doc.task(d.range.start.line);
    const k = keyIn(task, d.range, 'key') ?? keyIn(task, d.range);
    if (!k || !task) return [];
    const suggestion = typeof data.suggestion === 'string' ? data.suggestion : doc.doc.profile.aliases?.[k.key];
    if (!suggestion || suggestion in task.value) return [];
    return [{ title: msg(session.locale, 'renameKey', k.key, suggestion), safe: true, preferred: true,
      edits: [{ range: k.keyRange, newText: JSON.stringify(suggestion) }] }];
  },

  'missing-field': ({ doc, session }, d, data) => {
    const task = doc.doc.task(d.range.start.line);
    const field = typeof data.field === 'string' ? data.field : undefined;
    const from = typeof data.rename === 'string' ? data.rename : typeof data.suggestion === 'string' ? data.suggestion : undefined;
    const k = from && task?.keys.find((x) => x.key === from);
    if (!k || !field) return [];
    return [{ title: msg(session.locale, 'renameKey', from, field), safe: true, preferred: true,
      edits: [{ range: k.keyRange, newText: JSON.stringify(field) }] }];
  },

  'text-too-long': (run, d, data) => splitFix(run, d, data, run.doc.settings.text.recommendedUnits),
  'text-over-limit': (run, d, data) => splitFix(run, d, data, run.doc.settings.text.recommendedUnits),

  'duplicate-output': (run, d, data) => {
    const { doc, session } = run;
    const line = d.range.start.line;
    const text = doc.doc.lineText(line);
    const task = doc.doc.task(line);
    const current = readTask(text, line, doc.doc.profile, run.ctx);
    if (!task || !current || !doc.doc.profile.fields.outputName) return [];
    // The core's suggestion, when it is really free (also of names fix-all already handed out).
    const names = allOutputNames(run);
    let name = typeof data.suggestion === 'string' && !names.has(data.suggestion) ? data.suggestion : '';
    for (let n = 2; !name || names.has(name); n++) name = withSuffix(doc.doc.profile, current.outputName, `_${n}`);
    names.add(name);
    const e = outputEdit(doc.doc.profile, text, task, name);
    if (!e) return [];
    return [{ title: msg(session.locale, 'makeUnique', name), safe: true, preferred: true,
      edits: [{ range: lineRange(line, e.from, e.to), newText: e.text }] }];
  },

  'blank-line': ({ doc, session }, d, data) => {
    const first = typeof data.startLine === 'number' ? data.startLine : d.range.start.line;
    const last = typeof data.endLine === 'number' ? data.endLine : Math.max(first, d.range.end.line);
    const edits = deleteLines(doc, first, last);
    return edits.length ? [{ title: msg(session.locale, 'deleteBlank'), safe: true, preferred: true, edits }] : [];
  },

  'path-backslash': ({ doc, session }, d, data) => {
    const task = doc.doc.task(d.range.start.line);
    const k = keyIn(task, d.range, 'value');
    const raw = k && task!.value[k.key];
    if (!k || typeof raw !== 'string') return [];
    const fixed = typeof data.replacement === 'string' ? data.replacement : raw.replace(/\\/g, '/');
    return [{ title: msg(session.locale, 'replaceFile', fixed), safe: true, preferred: true,
      edits: [{ range: k.valueRange, newText: JSON.stringify(fixed) }] }];
  },
};

/** Control, invisible and separator characters: the core says what to write instead ('' = delete). */
function characterFix(doc: OpenDocument, session: Session, d: Diagnostic, data: Data): Fix[] {
  const ch = doc.doc.lineText(d.range.start.line).slice(d.range.start.character, d.range.end.character);
  if (!ch) return [];
  const replacement = typeof data.replacement === 'string' ? data.replacement : '';
  const title = replacement === '' ? msg(session.locale, 'removeStray')
    : replacement.trim() === '' ? msg(session.locale, 'replaceWithSpace') : msg(session.locale, 'writeEscape', replacement);
  return [{ title, safe: true, preferred: true, edits: [{ range: d.range, newText: replacement }] }];
}

/** Edits deleting blank lines first..last (inclusive), also when they are the last lines of the file. */
function deleteLines(doc: OpenDocument, first: number, last: number): TextEdit[] {
  for (let l = first; l <= last; l++) if (doc.doc.lineText(l)?.trim() !== '') return [];
  if (last + 1 < doc.doc.lineCount) return [{ range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' }];
  if (first > 0) {
    return [{ range: { start: { line: first - 1, character: doc.doc.lineText(first - 1).length }, end: { line: last, character: doc.doc.lineText(last).length } }, newText: '' }];
  }
  return [];
}

function splitFix(run: FixRun, d: Diagnostic, data: Data, maxUnits: number): Fix[] {
  const { doc, session } = run;
  const line = d.range.start.line;
  const text = doc.doc.lineText(line);
  const task = doc.doc.task(line);
  const profile = doc.doc.profile;
  const textKey = profile.fields.text;
  const k = task?.keys.find((x) => x.key === textKey);
  const value = k && task!.value[k.key];
  const current = readTask(text, line, profile, run.ctx);
  if (!task || !k || typeof value !== 'string' || !current) return [];
  const pieces = Array.isArray(data.pieces) && data.pieces.every((p) => typeof p === 'string')
    ? (data.pieces as string[]) : splitSentences(value, maxUnits);
  if (pieces.length < 2) return [];
  const width = Math.max(2, String(pieces.length).length);
  const newLines = pieces.map((piece, i) => {
    const withText = editLine(text, [{ from: k.valueRange.start.character, to: k.valueRange.end.character, text: JSON.stringify(piece.trim()) }]);
    // Keys after the text value moved by the length difference.
    const shift = withText.length - text.length;
    const reparsed = { ...task, keys: task.keys.map((x) => x.valueRange.start.character > k.valueRange.start.character
      ? { ...x, valueRange: lineRange(line, x.valueRange.start.character + shift, x.valueRange.end.character + shift) }
      : x) };
    const e = outputEdit(profile, withText, reparsed, withSuffix(profile, current.outputName, `_${String(i + 1).padStart(width, '0')}`));
    return e ? editLine(withText, [e]) : withText;
  });
  return [{ title: msg(session.locale, 'splitText', pieces.length), safe: false,
    edits: [{ range: lineRange(line, 0, text.length), newText: newLines.join('\n') }] }];
}

export async function fixesFor(run: FixRun, d: Diagnostic): Promise<Fix[]> {
  const make = typeof d.code === 'string' ? makers[d.code] : undefined;
  if (!make) return [];
  const data = d.data && typeof d.data === 'object' ? (d.data as Data) : {};
  try {
    return await make(run, d, data);
  } catch (err) {
    run.session.connection.console.warn(`quick fix for ${d.code} failed: ${(err as Error).message}`);
    return [];
  }
}

/** Every blank line of the file, for the "delete all blank lines" action. */
export function deleteAllBlankLines(doc: OpenDocument): TextEdit[] {
  const edits: TextEdit[] = [];
  let l = 0;
  while (l < doc.doc.lineCount) {
    if (doc.doc.lineText(l).trim() !== '') { l++; continue; }
    let end = l;
    while (end + 1 < doc.doc.lineCount && doc.doc.lineText(end + 1).trim() === '') end++;
    edits.push(...deleteLines(doc, l, end));
    l = end + 1;
  }
  return edits;
}

/** Drops edits that overlap an earlier one (fix-all must hand the client a consistent edit). */
export function nonOverlapping(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && overlaps(prev.range, e.range) && !(prev.range.end.line === e.range.start.line && prev.range.end.character === e.range.start.character)) continue;
    out.push(e);
  }
  return out;
}
