// An object split over several lines (pretty-printed JSON pasted into a JSONL file). Lines that open an
// object they do not close are held back until the brackets balance; if the lines together parse as one
// object, one diagnostic covers them all (with the joined one-line form for the quick fix) instead of one
// "invalid JSON" per line. Bounded: at most 100 lines or 1 MB are held, so nothing can make it hang.
import type { LineAnalysis } from '../analyze';
import type { PassHost } from '../pass';
import { depthDelta } from '../members';
import { makeDiagnostic, range } from '../settings';
import { parseJson } from '../safeParse';

const MAX_LINES = 100;
const MAX_CHARS = 1 << 20;
const KEEP = new Set(['control-character', 'invisible-character', 'line-separator', 'utf8-bom']);

interface Held {
  line: number;
  text: string;
  a: LineAnalysis;
  owned: boolean;
}

type Sink = (line: number, text: string, a: LineAnalysis, owned: boolean) => void;

/** The one-line form of the object's lines (JSON strings cannot hold raw newlines, so a space is safe). */
export function joinLines(texts: string[]): string {
  let s = texts.map((t) => t.trim()).filter(Boolean).join(' ');
  s = s.replace(/,\s*$/, '');
  return s.replace(/^\{\s+/, '{').replace(/\s+\}$/, '}');
}

export class MultiLineTracker {
  private held: Held[] = [];
  private depth = 0;
  private chars = 0;

  constructor(
    private readonly sink: Sink,
    private readonly pass: PassHost,
  ) {}

  /** Lines are being held back (an object opened and not yet closed). */
  get holding(): boolean {
    return this.held.length > 0;
  }

  add(line: number, text: string, a: LineAnalysis, owned: boolean): void {
    if (!this.held.length) {
      if (a.kind === 'invalid' && a.opensObject) {
        this.held.push({ line, text, a, owned });
        this.depth = depthDelta(text);
        this.chars = text.length;
      } else {
        this.sink(line, text, a, owned);
      }
      return;
    }
    this.held.push({ line, text, a, owned });
    this.depth += depthDelta(text);
    this.chars += text.length;
    if (this.depth <= 0) this.tryJoin();
    else if (this.held.length >= MAX_LINES || this.chars >= MAX_CHARS) this.release();
  }

  private tryJoin(): void {
    const held = this.held;
    const joined = joinLines(held.map((h) => h.text));
    const v = parseJson(joined);
    const ok = typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!ok) {
      this.giveUp();
      return;
    }
    this.held = [];
    const first = held[0];
    const last = held[held.length - 1];
    this.pass.absorbed(first.line, last.line);
    const settings = this.pass.settings;
    const end = last.text.trimEnd().length;
    const d = makeDiagnostic(
      settings,
      'multi-line-object',
      range(first.line, first.a.objStart, last.line, end),
      { from: first.line + 1, to: last.line + 1 },
      { joined, startLine: first.line, endLine: last.line },
    );
    if (d) this.pass.diags.push(d);
    for (const h of held) {
      for (const x of h.a.diags) {
        if (KEEP.has(x.code)) this.pass.diags.push({ ...x, range: range(h.line, x.range.start.character, h.line, x.range.end.character) });
      }
    }
  }

  /** Not a multi-line object after all: the first held line stands alone, the rest are looked at again. */
  private giveUp(): void {
    const [first, ...rest] = this.held;
    this.held = [];
    this.depth = 0;
    this.chars = 0;
    if (!first) return;
    this.sink(first.line, first.text, first.a, first.owned);
    for (const h of rest) this.add(h.line, h.text, h.a, h.owned);
  }

  /** Too long to be one object: every held line stands alone (no second look, so this stays linear). */
  private release(): void {
    const held = this.held;
    this.held = [];
    this.depth = 0;
    this.chars = 0;
    for (const h of held) this.sink(h.line, h.text, h.a, h.owned);
  }

  /** End of input: brackets never balanced, so no held line was part of an object. */
  flush(): void {
    this.release();
  }
}
