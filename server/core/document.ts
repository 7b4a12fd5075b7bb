// The incremental model the language server keeps per open file. Each line's analysis is kept with the line
// and redone only when the line's text changes; what needs more than one line (duplicate output names,
// multi-line objects, blank-line runs, task count, paths used for disk checks) is kept in small indexes that
// each analysed or removed line updates. A check then costs what the edit changed plus the size of its
// answer: it walks the lines with problems, the shared output names, the distinct paths and the lines that
// open an unfinished object, never every line. The rules themselves are the ones validate() runs
// (DuplicateOutputs, MultiLineTracker, reportBlankRuns, checkBatchSize, checkFilesOnDisk), so both agree.
import type { Range, TaskDiagnostic } from './types';
import { chooseProfile, type ValidationContext } from './context';
import { allProfiles, detectFromKeySets, type Profile } from './profile';
import { makeSettings, type Settings } from './settings';
import { analyzeLine, type LineAnalysis } from './analyze';
import { placeOnLine, type PassHost } from './pass';
import { editorLines } from './lines';
import { finalize, internalError } from './finalize';
import { locateMembers, quickValueRange } from './members';
import { resolvePath, samePath } from './paths';
import { parseJson } from './safeParse';
import { SPECIAL } from './rules/characters';
import { MultiLineTracker } from './rules/multiLineObject';
import { DuplicateOutputs, defaultOutputName, keyOf } from './rules/duplicateOutput';
import { reportBlankRuns } from './rules/blankLines';
import { checkBatchSize } from './rules/batchSize';
import { emptyFileDiagnostic } from './rules/emptyFile';
import { checkFilesOnDisk, type PathUse } from './rules/audioFile';

export interface ParsedTask {
  line: number;
  value: Record<string, unknown>;
  keys: Array<{ key: string; keyRange: Range; valueRange: Range }>;
}

const DETECT_OBJECTS = 10;
/** Texts of edited lines remembered with their analysis (typing back and forth, undo). */
const EDIT_CACHE_MAX = 5000;

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** One line of the document. Indexes hold rows, not line numbers, so inserting lines does not touch them. */
interface Row {
  text: string;
  a: LineAnalysis | undefined;
  /** Position in the document; renumbered lazily after lines are inserted or removed; -1 once removed. */
  line: number;
  /** The text came from a document known to hold no special characters (skips a per-line scan). */
  clean: boolean;
}

/** Rows indexed by a string key: most keys have one row, so it is stored bare (no Set per output name). */
type RowIndex = Map<string, Row | Row[]>;

function indexAdd(index: RowIndex, key: string, row: Row): number {
  const cur = index.get(key);
  if (cur === undefined) {
    index.set(key, row);
    return 1;
  }
  if (Array.isArray(cur)) return cur.push(row);
  index.set(key, [cur, row]);
  return 2;
}

function indexRemove(index: RowIndex, key: string, row: Row): number {
  const cur = index.get(key);
  if (cur === undefined) return 0;
  if (!Array.isArray(cur)) {
    if (cur === row) index.delete(key);
    return 0;
  }
  const i = cur.indexOf(row);
  if (i >= 0) cur.splice(i, 1);
  if (cur.length === 1) index.set(key, cur[0]);
  return cur.length;
}

function rowsOf(entry: Row | Row[] | undefined): Row[] {
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
}

const DEFAULT_LIKE = /^output_\d+$/;

export class TaskDocument {
  private rows: Row[] = [];
  /** Rows from this index on may have a stale `line`. */
  private renumberFrom = Infinity;
  /** Rows added since the last check, not analysed yet (may include rows removed since). */
  private pending: Row[] = [];
  private editCache = new Map<string, LineAnalysis>();
  private ctx!: ValidationContext;
  private settings!: Settings;
  /** Edits at or after this line cannot change the detected profile (past the first object lines). */
  private detectHorizon = 0;

  // Indexes over analysed rows (kept current by index()/unindex()).
  /** Rows with diagnostics of their own (blank lines never report theirs). */
  private problemRows = new Set<Row>();
  private blankRows = new Set<Row>();
  /** Invalid lines that open an object: where a multi-line object may start. */
  private openerRows = new Set<Row>();
  private objectCount = 0;
  /** Explicit output names (by key) → rows; keys used by more than one row. */
  private outputs: RowIndex = new Map();
  private sharedOutputs = new Set<string>();
  /** Explicit names shaped like default names (output_0001): then default names can collide with them. */
  private defaultLike = 0;
  /** Task rows without an output name, which get output_NNNN after their line number. */
  private defaultRows = new Set<Row>();
  /** Raw path values → rows using them (a 100k-line file has few distinct paths). */
  private audioRefs: RowIndex = new Map();
  private textFileRefs: RowIndex = new Map();
  private resolved = new Map<string, string>();

  constructor(text: string, ctx: ValidationContext) {
    const clean = !SPECIAL.test(text);
    const lines = editorLines(text);
    const rows = new Array<Row>(lines.length);
    for (let i = 0; i < lines.length; i++) rows[i] = { text: lines[i], a: undefined, line: i, clean };
    this.rows = rows;
    this.setContext(ctx);
  }

  get profile(): Profile {
    return this.settings.profile;
  }

  get lineCount(): number {
    return this.rows.length;
  }

  lineText(line: number): string {
    return this.rows[line]?.text ?? '';
  }

  setContext(ctx: ValidationContext): void {
    this.ctx = ctx;
    this.settings = makeSettings(this.pickProfile(), ctx);
    this.resetAnalyses();
  }

  private resetAnalyses(): void {
    this.editCache.clear();
    this.resolved.clear();
    this.problemRows.clear();
    this.blankRows.clear();
    this.openerRows.clear();
    this.objectCount = 0;
    this.outputs = new Map();
    this.sharedOutputs.clear();
    this.defaultLike = 0;
    this.defaultRows.clear();
    this.audioRefs = new Map();
    this.textFileRefs = new Map();
    for (const r of this.rows) r.a = undefined;
    this.pending = this.rows.slice();
  }

  private pickProfile(): Profile {
    const explicit = this.ctx.profile ? allProfiles(this.ctx.extraProfiles).find((p) => p.id === this.ctx.profile) : undefined;
    if (explicit) {
      this.detectHorizon = 0;
      return explicit;
    }
    const keySets: string[][] = [];
    let i = 0;
    for (; i < this.rows.length && keySets.length < DETECT_OBJECTS && i < 10000; i++) {
      const t = this.rows[i].text.replace(/^\uFEFF/, '').trim();
      if (!t.startsWith('{')) continue;
      // only parseable object lines vote
      const v = parseJson(t.endsWith(',') ? t.slice(0, -1) : t);
      if (v && typeof v === 'object' && !Array.isArray(v)) keySets.push(Object.keys(v));
    }
    this.detectHorizon = keySets.length < DETECT_OBJECTS ? Infinity : i;
    return detectFromKeySets(keySets, allProfiles(this.ctx.extraProfiles)) ?? chooseProfile(undefined, { ...this.ctx, profile: undefined });
  }

  /** Lines [startLine, endLine) are replaced by newLines (the editor's incremental change). */
  replaceLines(startLine: number, endLine: number, newLines: string[]): void {
    const s = Math.max(0, Math.min(startLine, this.rows.length));
    const e = Math.max(s, Math.min(endLine, this.rows.length));
    for (let i = s; i < e; i++) {
      const old = this.rows[i];
      if (old.a) this.unindex(old, old.a);
      old.line = -1;
    }
    const fresh = new Array<Row>(newLines.length);
    for (let k = 0; k < newLines.length; k++) fresh[k] = { text: newLines[k], a: undefined, line: s + k, clean: false };
    if (newLines.length < 10000) this.rows.splice(s, e - s, ...fresh);
    else this.rows = this.rows.slice(0, s).concat(fresh, this.rows.slice(e));
    if (newLines.length !== e - s) this.renumberFrom = Math.min(this.renumberFrom, s);
    if (!this.rows.length) {
      const empty: Row = { text: '', a: undefined, line: 0, clean: true };
      this.rows = [empty];
      fresh.push(empty);
    }
    for (const r of fresh) this.pending.push(r);
    if (!this.ctx.profile && s <= this.detectHorizon) {
      const before = this.settings.profile.id;
      const next = this.pickProfile();
      if (next.id !== before) {
        this.settings = makeSettings(next, this.ctx);
        this.resetAnalyses();
      }
    }
  }

  // ---- indexes ----

  private index(row: Row, a: LineAnalysis): void {
    row.a = a;
    if (a.kind === 'blank') {
      this.blankRows.add(row);
      return;
    }
    if (a.diags.length) this.problemRows.add(row);
    if (a.kind === 'invalid' && a.opensObject) this.openerRows.add(row);
    if (a.kind !== 'object') return;
    this.objectCount++;
    const profile = this.settings.profile;
    const outField = profile.fields.outputName;
    if (a.output !== undefined && outField) {
      const key = keyOf(a.output);
      if (indexAdd(this.outputs, key, row) === 2) this.sharedOutputs.add(key);
      if (DEFAULT_LIKE.test(key)) this.defaultLike++;
    } else if ((profile.output ?? 'name') === 'name' && outField && a.value && a.value[outField] === undefined) {
      this.defaultRows.add(row);
    }
    for (const ref of a.audio ?? []) indexAdd(this.audioRefs, ref.raw, row);
    if (a.textFile) indexAdd(this.textFileRefs, a.textFile.raw, row);
  }

  private unindex(row: Row, a: LineAnalysis): void {
    row.a = undefined;
    if (a.kind === 'blank') {
      this.blankRows.delete(row);
      return;
    }
    this.problemRows.delete(row);
    this.openerRows.delete(row);
    if (a.kind !== 'object') return;
    this.objectCount--;
    const outField = this.settings.profile.fields.outputName;
    if (a.output !== undefined && outField) {
      const key = keyOf(a.output);
      if (indexRemove(this.outputs, key, row) <= 1) this.sharedOutputs.delete(key);
      if (DEFAULT_LIKE.test(key)) this.defaultLike--;
    }
    this.defaultRows.delete(row);
    for (const ref of a.audio ?? []) indexRemove(this.audioRefs, ref.raw, row);
    if (a.textFile) indexRemove(this.textFileRefs, a.textFile.raw, row);
  }

  /** Analyses the rows added since the last check and brings line numbers up to date. */
  private catchUp(): void {
    if (this.pending.length) {
      const settings = this.settings;
      const pending = this.pending;
      this.pending = [];
      // A whole-document (re)check analyses every line once: no point remembering texts then.
      const remember = pending.length < EDIT_CACHE_MAX;
      for (const row of pending) {
        if (row.line < 0 || row.a) continue;
        let a = remember ? this.editCache.get(row.text) : undefined;
        if (!a) {
          a = analyzeLine(row.text, settings, row.clean);
          if (remember) {
            if (this.editCache.size >= EDIT_CACHE_MAX) this.editCache.clear();
            this.editCache.set(row.text, a);
          }
        }
        this.index(row, a);
      }
    }
    if (this.renumberFrom < this.rows.length) {
      const rows = this.rows;
      for (let i = this.renumberFrom; i < rows.length; i++) rows[i].line = i;
    }
    this.renumberFrom = Infinity;
  }

  private analysis(line: number): LineAnalysis {
    const row = this.rows[line];
    if (!row.a) this.index(row, analyzeLine(row.text, this.settings, row.clean));
    return row.a!;
  }

  /** Lines that are tasks or content; the empty line after a final line break is not one. */
  private contentLineCount(): number {
    const n = this.rows.length;
    return n > 0 && this.rows[n - 1].text === '' ? n - 1 : n;
  }

  // ---- the check ----

  /** Everything but disk checks, from the indexes. */
  private check(): { diags: TaskDiagnostic[]; absorbed: Set<number> } {
    this.catchUp();
    const settings = this.settings;
    const rows = this.rows;
    const n = this.contentLineCount();
    const diags: TaskDiagnostic[] = [];
    const rangeOf = (line: number, field: string | undefined): [number, number] => {
      const text = rows[line]?.text ?? '';
      return (field ? quickValueRange(text, field, 0) : undefined) ?? [0, text.length];
    };

    // Multi-line objects: the tracker runs from each line that opens an object until it lets go.
    const absorbed = new Set<number>();
    let groups = 0;
    if (this.openerRows.size) {
      const host: PassHost = {
        settings,
        diags,
        rangeOf,
        absorbed(first: number, last: number) {
          groups++;
          for (let l = first; l <= last; l++) absorbed.add(l);
        },
      };
      const tracker = new MultiLineTracker(() => undefined, host);
      const starts = [...this.openerRows].map((r) => r.line).filter((l) => l < n).sort((x, y) => x - y);
      let next = 0;
      for (const start of starts) {
        if (start < next) continue;
        next = start;
        do {
          const r = rows[next];
          tracker.add(next, r.text, this.analysis(next), false);
          next++;
        } while (tracker.holding && next < n);
      }
      tracker.flush();
    }
    const counts = (row: Row) => row.line < n && !absorbed.has(row.line);

    for (const row of this.problemRows) {
      if (!counts(row)) continue;
      for (const d of row.a!.diags) diags.push(placeOnLine(d, row.line, false));
    }

    this.duplicateOutputs(settings, diags, rangeOf, counts, rows);

    // Blank lines, empty file, batch size: counts kept by the indexes, less what multi-line objects hold.
    let blank = 0;
    const blankLines: number[] = [];
    for (const row of this.blankRows) {
      if (!counts(row)) continue;
      blank++;
      if (settings.profile.blankLines === 'error') blankLines.push(row.line);
    }
    let absorbedObjects = 0;
    for (const l of absorbed) if (rows[l].a?.kind === 'object') absorbedObjects++;
    const content = n - blank - absorbed.size + groups;
    if (content === 0) {
      const d = emptyFileDiagnostic(settings);
      if (d) diags.push(d);
    }
    if (blankLines.length) {
      blankLines.sort((x, y) => x - y);
      const runs: Array<[number, number]> = [];
      for (const l of blankLines) {
        const last = runs[runs.length - 1];
        if (last && last[1] === l - 1) last[1] = l;
        else runs.push([l, l]);
      }
      reportBlankRuns(runs, settings, diags);
    }
    checkBatchSize(this.objectCount - absorbedObjects, n > 0 ? rows[0].text.length : 0, settings, diags);
    return { diags, absorbed };
  }

  /** Duplicate outputs: only names used more than once are looked at, through the same rule validate() uses. */
  private duplicateOutputs(settings: Settings, diags: TaskDiagnostic[], rangeOf: PassHost['rangeOf'], counts: (row: Row) => boolean, rows: Row[]): void {
    const outField = settings.profile.fields.outputName;
    if (!outField) return;
    const uses: Array<{ line: number; name: string; def?: Row }> = [];
    const byKey = new Map<string, number>();
    const addUse = (key: string, line: number, name: string, def?: Row) => {
      uses.push({ line, name, def });
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    };
    for (const key of this.sharedOutputs) {
      for (const row of rowsOf(this.outputs.get(key))) if (counts(row)) addUse(key, row.line, row.a!.output!, undefined);
    }
    // A task without a name writes output_NNNN: a clash only if some explicit name looks like that.
    if (this.defaultLike > 0) {
      for (const row of this.defaultRows) {
        if (!counts(row)) continue;
        const name = defaultOutputName(row.line);
        const explicit = rowsOf(this.outputs.get(name)).filter(counts);
        if (!explicit.length) continue;
        if (!this.sharedOutputs.has(name) && !byKey.has(name)) for (const e of explicit) addUse(name, e.line, e.a!.output!, undefined);
        addUse(name, row.line, name, row);
      }
    }
    if (!uses.length) return;
    const isTaken = (key: string): boolean => {
      if (rowsOf(this.outputs.get(key)).some(counts)) return true;
      if (!DEFAULT_LIKE.test(key)) return false;
      const line = Number(key.slice(7)) - 1;
      const row = rows[line];
      return row !== undefined && defaultOutputName(line) === key && this.defaultRows.has(row) && counts(row);
    };
    const host: PassHost = { settings, diags, rangeOf, absorbed: () => undefined };
    const dups = new DuplicateOutputs(host, isTaken);
    uses.sort((x, y) => x.line - y.line);
    for (const u of uses) {
      if (u.def) dups.add(u.name, u.line, [u.def.a!.objStart, u.def.a!.objEnd], undefined);
      else dups.add(u.name, u.line, undefined, outField);
    }
    dups.finish();
  }

  /** Everything but disk checks: costs what changed since the last check plus the number of problems. */
  diagnosticsSync(): TaskDiagnostic[] {
    try {
      return finalize(this.check().diags, this.settings);
    } catch (err) {
      return [internalError(err, this.settings.locale)];
    }
  }

  /** Plus disk checks (prompt audio, text files), answered from the FileFacts cache when possible. */
  async diagnostics(): Promise<TaskDiagnostic[]> {
    try {
      const { diags, absorbed } = this.check();
      const settings = this.settings;
      if (settings.files) {
        const n = this.contentLineCount();
        const counts = (row: Row) => row.line >= 0 && row.line < n && !absorbed.has(row.line);
        const rangeOf = (line: number, field: string): [number, number] => {
          const text = this.rows[line]?.text ?? '';
          return quickValueRange(text, field, 0) ?? [0, text.length];
        };
        const audio = this.pathUses(this.audioRefs, (a) => a.audio ?? [], counts);
        const textFiles = this.pathUses(this.textFileRefs, (a) => (a.textFile ? [a.textFile] : []), counts);
        const settingsNow = settings;
        const disk = await checkFilesOnDisk(settingsNow, audio, textFiles, rangeOf);
        for (const d of disk) diags.push(d);
      }
      return finalize(diags, settings);
    } catch (err) {
      return [internalError(err, this.settings.locale)];
    }
  }

  private resolve(raw: string): string {
    let abs = this.resolved.get(raw);
    if (abs === undefined) {
      abs = resolvePath(this.settings.pathBase, raw);
      if (this.resolved.size >= 100000) this.resolved.clear();
      this.resolved.set(raw, abs);
    }
    return abs;
  }

  /**
   * One use record per distinct resolved path. Which lines use it is worked out only when the disk check
   * finds a problem with the path (most paths are fine, and most lines use a fine path).
   */
  private pathUses(index: RowIndex, refsOf: (a: LineAnalysis) => Array<{ field: string; raw: string }>, counts: (row: Row) => boolean): Map<string, PathUse> {
    const byAbs = new Map<string, string[]>();
    for (const [raw, entry] of index) {
      if (!rowsOf(entry).some(counts)) continue;
      const abs = this.resolve(raw);
      const raws = byAbs.get(abs);
      if (raws) raws.push(raw);
      else byAbs.set(abs, [raw]);
    }
    const out = new Map<string, PathUse>();
    for (const [abs, raws] of byAbs) {
      let detail: Omit<PathUse, 'abs'> | undefined;
      const build = (): Omit<PathUse, 'abs'> => {
        if (detail) return detail;
        const rowSet = new Set<Row>();
        for (const raw of raws) for (const r of rowsOf(index.get(raw))) if (counts(r)) rowSet.add(r);
        const sorted = [...rowSet].sort((x, y) => x.line - y.line);
        const d: Omit<PathUse, 'abs'> = { lines: [], starts: [], ends: [], raw: '', fields: [] };
        for (const r of sorted) {
          for (const ref of refsOf(r.a!)) {
            if (this.resolve(ref.raw) !== abs) continue;
            if (!d.lines.length) d.raw = ref.raw;
            else if (ref.raw !== d.raw) (d.otherRaws ??= new Map()).set(d.lines.length, ref.raw);
            d.lines.push(r.line);
            d.fields.push(ref.field);
          }
        }
        return (detail = d);
      };
      out.set(abs, {
        abs,
        get lines() { return build().lines; },
        get starts() { return build().starts; },
        get ends() { return build().ends; },
        get raw() { return build().raw; },
        get otherRaws() { return build().otherRaws; },
        get fields() { return build().fields; },
      });
    }
    return out;
  }

  /** The parsed object of a line with its key and value ranges; undefined when the line is not an object. */
  task(line: number): ParsedTask | undefined {
    if (line < 0 || line >= this.rows.length) return undefined;
    const a = this.analysis(line);
    if (a.kind !== 'object' || !a.value) return undefined;
    const text = this.rows[line].text;
    return {
      line,
      value: a.value,
      keys: locateMembers(text, a.objStart).map((m) => ({
        key: m.key,
        keyRange: lineRange(line, m.keyStart, m.keyEnd),
        valueRange: lineRange(line, m.valueStart, m.valueEnd),
      })),
    };
  }

  /** Lines whose audio or text-file path resolves to absPath (to re-check them when that file changes). */
  linesReferencing(absPath: string): number[] {
    this.catchUp();
    const hits = new Set<number>();
    for (const index of [this.audioRefs, this.textFileRefs]) {
      for (const [raw, entry] of index) {
        if (!samePath(this.resolve(raw), absPath)) continue;
        for (const r of rowsOf(entry)) hits.add(r.line);
      }
    }
    return [...hits].sort((x, y) => x - y);
  }

  /** Absolute path a task's audio value refers to (project root or task-file folder, per profile). */
  resolveAudioPath(raw: string): string {
    return resolvePath(this.settings.pathBase, raw);
  }
}
