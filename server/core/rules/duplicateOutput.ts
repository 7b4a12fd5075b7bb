// Two tasks writing the same output: the second silently overwrites the first. Reported on each later use,
// with related information pointing at the first, and a unique name the quick fix can use.
import type { TaskDiagnostic } from '../types';
import type { PassHost } from '../pass';
import { makeDiagnostic, range } from '../settings';

/** The output name a tts-batch task without output_name gets: output_NNNN, NNNN = task (line) number. */
export function defaultOutputName(line: number): string {
  return `output_${String(line + 1).padStart(4, '0')}`;
}

interface Use {
  line: number;
  /** Undefined until needed: located through the pass from the line text. */
  range?: [number, number];
  field?: string;
  name: string;
}

/** Outputs that name the same file: "./out/a.wav" and "out//a.wav" are one file. */
export function keyOf(name: string): string {
  if (name.indexOf('/') < 0 && name.indexOf('\\') < 0) return name;
  return name.replace(/\\/g, '/').replace(/\/{2,}/g, '/').replace(/(^|\/)\.\//g, '$1');
}

/**
 * `tried` remembers, per stem and extension, the first number not yet known to be free: names only become
 * taken during one pass, so the search for the next duplicate of the same name starts there (100 copies of a
 * name cost 100 look-ups, not 5,000).
 */
function uniqueName(name: string, taken: (n: string) => boolean, tried: Map<string, number>): string {
  const m = /^(.*?)(\.[A-Za-z0-9]{1,5})?$/.exec(name);
  const stem = m?.[1] ?? name;
  const ext = m?.[2] ?? '';
  const slot = `${stem}\u0000${ext}`;
  for (let i = tried.get(slot) ?? 2; i < 1_000_000; i++) {
    const candidate = `${stem}_${i}${ext}`;
    if (!taken(candidate)) {
      tried.set(slot, i + 1);
      return candidate;
    }
  }
  return `${stem}_dup${ext}`;
}

/**
 * Column ranges by line in one typed array (two numbers a line, -1 for none): a 100k-task file streamed through
 * the runner's plan kept 100k two-number arrays in a Map, about 10 MB for what fits in under 1 MB.
 */
class LineRanges {
  private cols = new Int32Array(0);

  set(line: number, at: [number, number]): void {
    if (2 * line + 1 >= this.cols.length) {
      const grown = new Int32Array(Math.max(1024, 2 * (line + 1), this.cols.length * 2)).fill(-1);
      grown.set(this.cols);
      this.cols = grown;
    }
    this.cols[2 * line] = at[0];
    this.cols[2 * line + 1] = at[1];
  }

  get(line: number): [number, number] | undefined {
    const start = this.cols[2 * line];
    return start === undefined || start < 0 ? undefined : [start, this.cols[2 * line + 1]];
  }
}

export class DuplicateOutputs {
  /** First use of each name: the line alone (a 100k-task file makes 100k entries; keep them small). */
  private readonly firstLine = new Map<string, number>();
  /** Ranges of first uses, kept only when they cannot be located later (streaming). */
  private readonly firstRange = new LineRanges();
  private readonly dups: Use[] = [];

  /**
   * `isTaken`: whether a name (its key) is used anywhere in the file. Without it, only the names added here
   * count, which is every name when the pass adds all of them; the document adds only the shared names and
   * knows the rest from its own index. One rule for both, so both suggest the same unused name.
   */
  constructor(
    private readonly pass: PassHost,
    private readonly isTaken?: (key: string) => boolean,
  ) {}

  add(name: string, line: number, at: [number, number] | undefined, field: string | undefined): void {
    const key = keyOf(name);
    const prior = this.firstLine.get(key);
    if (prior === undefined) {
      this.firstLine.set(key, line);
      if (at && field) this.firstRange.set(line, at);
    } else this.dups.push({ line, range: at, field, name });
  }

  private get first(): Map<string, Use> {
    const field = this.pass.settings.profile.fields.outputName;
    const view = new Map<string, Use>();
    for (const d of this.dups) {
      const key = keyOf(d.name);
      const line = this.firstLine.get(key);
      if (line !== undefined && !view.has(key)) view.set(key, { line, range: this.firstRange.get(line), field: d.field ?? field, name: d.name });
    }
    return view;
  }

  private rangeOf(u: Use): [number, number] {
    return u.range ?? this.pass.rangeOf(u.line, u.field);
  }

  finish(): void {
    if (!this.dups.length) return;
    const settings = this.pass.settings;
    const suggested = new Set<string>();
    const tried = new Map<string, number>();
    const first = this.first;
    const used = this.isTaken ?? ((key: string) => this.firstLine.has(key));
    const taken = (n: string): boolean => used(keyOf(n)) || suggested.has(keyOf(n));
    for (const d of this.dups) {
      const prior = first.get(keyOf(d.name));
      if (!prior) continue;
      const suggestion = uniqueName(d.name, taken, tried);
      suggested.add(keyOf(suggestion));
      const diag: TaskDiagnostic | undefined = makeDiagnostic(
        settings,
        'duplicate-output',
        range(d.line, this.rangeOf(d)[0], d.line, this.rangeOf(d)[1]),
        { name: d.name, first: prior.line + 1, suggestion },
        { name: d.name, firstLine: prior.line, suggestion, field: settings.profile.fields.outputName },
      );
      if (!diag) continue;
      diag.related = [
        {
          range: range(prior.line, this.rangeOf(prior)[0], prior.line, this.rangeOf(prior)[1]),
          message: settings.locale === 'zh-cn' ? `"${d.name}" 首次使用于此` : `"${d.name}" is first used here`,
        },
      ];
      this.pass.diags.push(diag);
    }
  }
}
