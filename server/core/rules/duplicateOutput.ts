// Two tasks writing the same output: the second silently overwrites the first. Reported on each later use,
// with related information pointing at the first, and a unique name the quick fix can use.
import type { TaskDiagnostic } from '../types';
import type { BatchPass } from '../pass';
import { makeDiagnostic, range } from '../settings';

/** The output name a tts-batch task without output_name gets: output_NNNN, NNNN = task (line) number. */
export function defaultOutputName(line: number): string {
  return `output_${String(line + 1).padStart(4, '0')}`;
}

interface Use {
  line: number;
  start: number;
  end: number;
  name: string;
}

/** Outputs that name the same file: "./out/a.wav" and "out//a.wav" are one file. */
function keyOf(name: string): string {
  return name.replace(/\\/g, '/').replace(/\/{2,}/g, '/').replace(/(^|\/)\.\//g, '$1');
}

function uniqueName(name: string, taken: (n: string) => boolean): string {
  const m = /^(.*?)(\.[A-Za-z0-9]{1,5})?$/.exec(name);
  const stem = m?.[1] ?? name;
  const ext = m?.[2] ?? '';
  for (let i = 2; i < 1_000_000; i++) {
    const candidate = `${stem}_${i}${ext}`;
    if (!taken(candidate)) return candidate;
  }
  return `${stem}_dup${ext}`;
}

export class DuplicateOutputs {
  private readonly first = new Map<string, Use>();
  private readonly dups: Use[] = [];

  constructor(private readonly pass: BatchPass) {}

  add(name: string, line: number, where: () => [number, number]): void {
    const key = keyOf(name);
    const prior = this.first.get(key);
    const [start, end] = where();
    if (!prior) this.first.set(key, { line, start, end, name });
    else this.dups.push({ line, start, end, name });
  }

  finish(): void {
    const settings = this.pass.settings;
    const suggested = new Set<string>();
    const taken = (n: string): boolean => this.first.has(keyOf(n)) || suggested.has(keyOf(n));
    for (const d of this.dups) {
      const prior = this.first.get(keyOf(d.name));
      if (!prior) continue;
      const suggestion = uniqueName(d.name, taken);
      suggested.add(keyOf(suggestion));
      const diag: TaskDiagnostic | undefined = makeDiagnostic(
        settings,
        'duplicate-output',
        range(d.line, d.start, d.line, d.end),
        { name: d.name, first: prior.line + 1, suggestion },
        { name: d.name, firstLine: prior.line, suggestion, field: settings.profile.fields.outputName },
      );
      if (!diag) continue;
      diag.related = [
        {
          range: range(prior.line, prior.start, prior.line, prior.end),
          message: settings.locale === 'zh-cn' ? `"${d.name}" 首次使用于此` : `"${d.name}" is first used here`,
        },
      ];
      this.pass.diags.push(diag);
    }
  }
}
