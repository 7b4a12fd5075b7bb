// Splitting text into lines the way editors and Python's universal newlines do (\n, \r\n, \r).

/**
 * Calls `fn` for each line. A final line break does not start another line (a file "a\n" has one line),
 * matching how loaders iterate a file; a 0-byte text has no lines.
 */
export function forEachLine(text: string, fn: (line: number, text: string, start: number) => void): number {
  let line = 0;
  let start = 0;
  // Position of the next \r, found once and moved forward only when passed (no rescans: stays linear).
  let nextCr = text.indexOf('\r');
  let nextNl = text.indexOf('\n');
  while (start < text.length) {
    if (nextNl >= 0 && nextNl < start) nextNl = text.indexOf('\n', start);
    let end = nextNl < 0 ? text.length : nextNl;
    let next: number;
    next = end + 1;
    if (nextCr >= 0 && nextCr < start) nextCr = text.indexOf('\r', start);
    if (nextCr >= 0) {
      const cr = nextCr;
      if (cr < end) {
        end = cr;
        next = text.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1;
      }
    }
    fn(line++, text.slice(start, end), start);
    start = next;
  }
  return line;
}

/** All lines as the editor numbers them: a final line break is followed by one more (empty) line. */
export function editorLines(text: string): string[] {
  const out: string[] = [];
  forEachLine(text, (_, t) => out.push(t));
  if (text.length === 0 || /[\r\n]$/.test(text)) out.push('');
  return out;
}
