// The incremental model the language server keeps per open file. Each line's analysis is cached by its
// text, so an edit re-analyses only the lines it changed; the whole-file pass then walks cached results
// (cheap: no parsing), and disk facts come from the FileFacts cache.
import type { Range, TaskDiagnostic } from './types';
import { chooseProfile, type ValidationContext } from './context';
import { allProfiles, detectFromKeySets, type Profile } from './profile';
import { makeSettings, type Settings } from './settings';
import { analyzeLine, type LineAnalysis } from './analyze';
import { BatchPass } from './pass';
import { editorLines } from './lines';
import { finalize, internalError } from './finalize';
import { locateMembers } from './members';
import { resolvePath, samePath } from './paths';
import { parseJson } from './safeParse';

export interface ParsedTask {
  line: number;
  value: Record<string, unknown>;
  keys: Array<{ key: string; keyRange: Range; valueRange: Range }>;
}

const DETECT_OBJECTS = 10;

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export class TaskDocument {
  private lines: string[] = [];
  private analyses: Array<LineAnalysis | undefined> = [];
  /** How many lines use each explicit output name; undefined until a full pass has built it. */
  private outputCounts?: Map<string, number>;
  /** Explicit names shaped like default names (output_0001): then default names must be compared too. */
  private defaultLike = 0;
  private cache = new Map<string, LineAnalysis>();
  private ctx!: ValidationContext;
  private settings!: Settings;
  /** Edits at or after this line cannot change the detected profile (past the first object lines). */
  private detectHorizon = 0;

  constructor(text: string, ctx: ValidationContext) {
    this.lines = editorLines(text);
    this.setContext(ctx);
  }

  get profile(): Profile {
    return this.settings.profile;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  lineText(line: number): string {
    return this.lines[line] ?? '';
  }

  setContext(ctx: ValidationContext): void {
    this.ctx = ctx;
    this.settings = makeSettings(this.pickProfile(), ctx);
    this.resetAnalyses();
  }

  private resetAnalyses(): void {
    this.cache.clear();
    // Packed (filled) arrays: holey ones make every later splice and lookup slow.
    this.analyses = new Array<LineAnalysis | undefined>(this.lines.length).fill(undefined);
    this.outputCounts = undefined;
  }

  private countOutput(name: string | undefined, delta: number): void {
    if (name === undefined || !this.outputCounts) return;
    const n = (this.outputCounts.get(name) ?? 0) + delta;
    if (n > 0) this.outputCounts.set(name, n);
    else this.outputCounts.delete(name);
    if (/^output_\d+$/.test(name)) this.defaultLike += delta;
  }

  private pickProfile(): Profile {
    const explicit = this.ctx.profile ? allProfiles(this.ctx.extraProfiles).find((p) => p.id === this.ctx.profile) : undefined;
    if (explicit) {
      this.detectHorizon = 0;
      return explicit;
    }
    const keySets: string[][] = [];
    let i = 0;
    for (; i < this.lines.length && keySets.length < DETECT_OBJECTS && i < 10000; i++) {
      const t = this.lines[i].replace(/^\uFEFF/, '').trim();
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
    const s = Math.max(0, Math.min(startLine, this.lines.length));
    const e = Math.max(s, Math.min(endLine, this.lines.length));
    // Keep the output-name counts current: forget the removed lines' names (new lines count when analysed).
    for (let i = s; i < e; i++) {
      const old = this.analyses[i];
      if (old) this.countOutput(old.output, -1);
      else this.outputCounts = undefined;
    }
    const fresh = new Array<LineAnalysis | undefined>(newLines.length).fill(undefined);
    if (newLines.length < 10000) {
      this.lines.splice(s, e - s, ...newLines);
      this.analyses.splice(s, e - s, ...fresh);
    } else {
      this.lines = this.lines.slice(0, s).concat(newLines, this.lines.slice(e));
      this.analyses = this.analyses.slice(0, s).concat(fresh, this.analyses.slice(e));
    }
    if (!this.lines.length) {
      this.lines = [''];
      this.analyses = [undefined];
    }
    if (!this.ctx.profile && s <= this.detectHorizon) {
      const before = this.settings.profile.id;
      const next = this.pickProfile();
      if (next.id !== before) {
        this.settings = makeSettings(next, this.ctx);
        this.resetAnalyses();
      }
    }
    // Old versions of edited lines pile up while typing: drop the cache when it outgrows the document.
    if (this.cache.size > 2 * this.lines.length + 1000) this.cache.clear();
  }

  private analysis(line: number): LineAnalysis {
    let a = this.analyses[line];
    if (a) return a;
    const text = this.lines[line];
    a = this.cache.get(text);
    if (!a) {
      a = analyzeLine(text, this.settings);
      this.cache.set(text, a);
    }
    this.analyses[line] = a;
    this.countOutput(a.output, +1);
    return a;
  }

  /** Lines that are tasks or content; the empty line after a final line break is not one. */
  private contentLineCount(): number {
    const n = this.lines.length;
    return n > 0 && this.lines[n - 1] === '' ? n - 1 : n;
  }

  private runPass(): BatchPass {
    const lines = this.lines;
    if (!this.outputCounts) {
      // (Re)build the counts from scratch: analyse every line, counting as we go.
      this.outputCounts = new Map();
      this.defaultLike = 0;
      for (let i = 0; i < this.analyses.length; i++) {
        const a = this.analyses[i];
        if (a) this.countOutput(a.output, +1);
      }
    }
    const counts = this.outputCounts;
    // The counts must cover every line before the pass asks about them.
    const n = this.contentLineCount();
    for (let i = 0; i < n; i++) this.analysis(i);
    const pass = new BatchPass(this.settings, (line) => lines[line] ?? '', {
      isShared: (name: string) => (counts.get(name) ?? 0) > 1,
      defaultsMatter: this.defaultLike > 0,
    });
    for (let i = 0; i < n; i++) pass.add(i, this.lines[i], this.analysis(i), false);
    return pass;
  }

  /** Everything but disk checks: cheap after an edit (cached lines, small whole-file indexes). */
  diagnosticsSync(): TaskDiagnostic[] {
    try {
      return finalize(this.runPass().finishSync(), this.settings);
    } catch (err) {
      return [internalError(err, this.settings.locale)];
    }
  }

  /** Plus disk checks (prompt audio, text files), answered from the FileFacts cache when possible. */
  async diagnostics(): Promise<TaskDiagnostic[]> {
    try {
      const pass = this.runPass();
      const diags = pass.finishSync();
      for (const d of await pass.diskDiagnostics()) diags.push(d);
      return finalize(diags, this.settings);
    } catch (err) {
      return [internalError(err, this.settings.locale)];
    }
  }

  /** The parsed object of a line with its key and value ranges; undefined when the line is not an object. */
  task(line: number): ParsedTask | undefined {
    if (line < 0 || line >= this.lines.length) return undefined;
    const a = this.analysis(line);
    if (a.kind !== 'object' || !a.value) return undefined;
    const text = this.lines[line];
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

  /** Lines whose audio path resolves to absPath (to re-check them when that file changes). */
  linesReferencing(absPath: string): number[] {
    const out: number[] = [];
    const resolved = new Map<string, boolean>();
    for (let i = 0; i < this.lines.length; i++) {
      const a = this.analysis(i);
      if (!a.audio && !a.textFile) continue;
      for (const ref of [...(a.audio ?? []), ...(a.textFile ? [a.textFile] : [])]) {
        let hit = resolved.get(ref.raw);
        if (hit === undefined) {
          hit = samePath(this.resolveAudioPath(ref.raw), absPath);
          resolved.set(ref.raw, hit);
        }
        if (hit) {
          out.push(i);
          break;
        }
      }
    }
    return out;
  }

  /** Absolute path a task's audio value refers to (project root or task-file folder, per profile). */
  resolveAudioPath(raw: string): string {
    return resolvePath(this.settings.pathBase, raw);
  }
}
