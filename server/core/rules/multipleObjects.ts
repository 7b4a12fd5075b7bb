// Two or more objects on one line (`{...}{...}` or `{...}, {...}`): each task needs its own line.
import type { LineReporter } from '../lineReporter';
import { objectEnd } from '../members';
import { parseJson } from '../safeParse';

/** Splits `text` from `from` into consecutive objects; undefined unless it is 2+ objects and nothing else. */
export function splitObjects(text: string, from: number): string[] | undefined {
  const pieces: string[] = [];
  let i = from;
  for (let guard = 0; guard < 10000; guard++) {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
    if (i >= text.length) break;
    if (text[i] !== '{') return undefined;
    const end = objectEnd(text, i);
    const piece = text.slice(i, end);
    const v = parseJson(piece);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    pieces.push(piece);
    i = end;
  }
  return pieces.length >= 2 ? pieces : undefined;
}

export function reportMultipleObjects(pieces: string[], start: number, end: number, rep: LineReporter): void {
  rep.report('multiple-objects', start, end, { count: pieces.length }, { pieces });
}
