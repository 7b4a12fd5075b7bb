// The whole-file pass: walks the lines' cached analyses in order and adds what needs more than one line
// (multi-line objects, duplicate outputs, blank lines, batch size, empty file), keeping only small indexes,
// so it can run over a stream without holding the file. Disk checks run afterwards, once per distinct path.
import type { TaskDiagnostic } from './types';
import type { Settings } from './settings';
import { range } from './settings';
import type { LineAnalysis } from './analyze';
import { fieldRange } from './analyze';
import { resolvePath } from './paths';
import { depthDelta, quickValueRange } from './members';
import { MultiLineTracker } from './rules/multiLineObject';
import { reportBlankRuns } from './rules/blankLines';
import { DuplicateOutputs, defaultOutputName } from './rules/duplicateOutput';
import { checkBatchSize } from './rules/batchSize';
import { emptyFileDiagnostic } from './rules/emptyFile';
import { checkFilesOnDisk, type PathUse } from './rules/audioFile';

/** Moves a line-relative diagnostic to its line; copies unless the caller owns it. */
export function placeOnLine(d: TaskDiagnostic, line: number, owned: boolean): TaskDiagnostic {
  if (owned) {
    d.range.start.line = line;
    d.range.end.line = line;
    return d;
  }
  return { ...d, range: range(line, d.range.start.character, line, d.range.end.character) };
}

/** What the cross-line rules (multi-line objects, duplicate outputs) need from the pass that runs them. */
export interface PassHost {
  readonly settings: Settings;
  readonly diags: TaskDiagnostic[];
  /** Lines first..last form one multi-line object. */
  absorbed(first: number, last: number): void;
  /** Value range of a field on a line (whole line when the field is not found). */
  rangeOf(line: number, field: string | undefined): [number, number];
}

export class BatchPass implements PassHost {
  readonly diags: TaskDiagnostic[] = [];
  private tasks = 0;
  private contentLines = 0;
  private firstLineLength = 0;
  private blankRuns: Array<[number, number]> = [];
  private blankStart = -1;
  private lastLine = -1;
  private readonly multiLine: MultiLineTracker;
  private readonly outputs: DuplicateOutputs;
  /** Resolved path → every use of it (kept as parallel number arrays: a 100k-line file has few paths). */
  private readonly audioUses = new Map<string, PathUse>();
  private readonly textFileUses = new Map<string, PathUse>();
  private readonly resolved = new Map<string, string>();

  /**
   * `lineAt` gives a line's text back later (one-shot and document validation have it): value ranges are
   * then located only for lines that get a diagnostic. Streaming validation has no way back, so it locates
   * them as lines go by.
   */
  constructor(
    public settings: Settings,
    private readonly lineAt?: (line: number) => string,
  ) {
    this.multiLine = new MultiLineTracker((line, text, a, owned) => this.addResolved(line, text, a, owned), this);
    this.outputs = new DuplicateOutputs(this);
  }

  /** The profile may only change before the first task line (detection in streaming mode). */
  setSettings(settings: Settings): void {
    this.settings = settings;
  }

  add(line: number, text: string, a: LineAnalysis, owned: boolean): void {
    if (line === 0) this.firstLineLength = text.length;
    this.lastLine = line;
    this.multiLine.add(line, text, a, owned);
  }

  /** Called by the multi-line tracker for every line not absorbed into a multi-line object. */
  private addResolved(line: number, text: string, a: LineAnalysis, owned: boolean): void {
    if (a.kind === 'blank') {
      if (this.blankStart < 0) this.blankStart = line;
      return;
    }
    this.closeBlankRun(line);
    this.contentLines++;
    for (const d of a.diags) this.diags.push(placeOnLine(d, line, owned));
    if (a.kind !== 'object') return;
    this.tasks++;
    const profile = this.settings.profile;
    const outField = profile.fields.outputName;
    if (a.output !== undefined && outField) {
      this.outputs.add(a.output, line, this.lineAt ? undefined : fieldRange(text, a, outField), outField);
    } else if ((profile.output ?? 'name') === 'name' && outField && a.value && a.value[outField] === undefined) {
      this.outputs.add(defaultOutputName(line), line, [a.objStart, a.objEnd], undefined);
    }
    if (this.settings.files) {
      for (const ref of a.audio ?? []) this.use(this.audioUses, ref.raw, ref.field, line, text, a);
      if (a.textFile) this.use(this.textFileUses, a.textFile.raw, a.textFile.field, line, text, a);
    }
  }

  /** Counts a blank line inside a multi-line object as content, not as a blank line. */
  absorbed(line: number, _last?: number): void {
    this.closeBlankRun(line);
    this.contentLines++;
  }

  private closeBlankRun(line: number): void {
    if (this.blankStart >= 0) {
      this.blankRuns.push([this.blankStart, line - 1]);
      this.blankStart = -1;
    }
  }

  resolve(raw: string): string {
    let abs = this.resolved.get(raw);
    if (abs === undefined) {
      abs = resolvePath(this.settings.pathBase, raw);
      if (this.resolved.size < 100000) this.resolved.set(raw, abs);
    }
    return abs;
  }

  private use(map: Map<string, PathUse>, raw: string, field: string, line: number, text: string, a: LineAnalysis): void {
    const abs = this.resolve(raw);
    let u = map.get(abs);
    if (!u) {
      u = { abs, lines: [], starts: [], ends: [], raw, fields: [] };
      map.set(abs, u);
    }
    // Keeping one string per line would keep 100k strings alive; most lines spell the path the same way.
    if (raw !== u.raw) (u.otherRaws ??= new Map()).set(u.lines.length, raw);
    u.lines.push(line);
    u.fields.push(field);
    if (!this.lineAt) {
      const [s, e] = fieldRange(text, a, field);
      u.starts.push(s);
      u.ends.push(e);
    }
  }

  /** Value range of a field on an earlier line (whole line when the field is not found). */
  rangeOf(line: number, field: string | undefined): [number, number] {
    const text = this.lineAt?.(line) ?? '';
    return (field ? quickValueRange(text, field, 0) : undefined) ?? [0, text.length];
  }

  /** Ends the pass: flushes pending lines, adds whole-file diagnostics. */
  finishSync(): TaskDiagnostic[] {
    this.multiLine.flush();
    if (this.blankStart >= 0) {
      this.blankRuns.push([this.blankStart, this.lastLine]);
      this.blankStart = -1;
    }
    this.outputs.finish();
    if (this.contentLines === 0) {
      const d = emptyFileDiagnostic(this.settings);
      if (d) this.diags.push(d);
    }
    reportBlankRuns(this.blankRuns, this.settings, this.diags);
    checkBatchSize(this.tasks, this.firstLineLength, this.settings, this.diags);
    return this.diags;
  }

  get taskCount(): number {
    return this.tasks;
  }

  /** Disk checks (prompt audio, text files) for every distinct path seen; needs settings.files. */
  async diskDiagnostics(): Promise<TaskDiagnostic[]> {
    if (!this.settings.files) return [];
    return checkFilesOnDisk(this.settings, this.audioUses, this.textFileUses, (line, field) => this.rangeOf(line, field));
  }
}

export { depthDelta };
