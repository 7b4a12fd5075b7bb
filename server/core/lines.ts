// Splitting text into lines the way editors and Python's universal newlines do (\n, \r\n, \r).

/**
 * Calls `fn` for each line. A final line break does not start another line (a file "a\n" has one line),
 * matching how loaders iterate a file; a 0-byte text has no lines.
 */
export function forEachLine(text: string, fn: (line: number, text: string, start: number) => void): number {
  // Two loops, chosen once: the single loop that handled \r as well, once V8 optimised it for a text
  // without \r, spent time proportional to the whole text on every line (100k lines: minutes, not
  // seconds). Which call got optimised first decided it, so validate() became slow after a TaskDocument
  // had split a file. The LF-only loop is the one almost every file takes.
  return text.indexOf('\r') < 0 ? forEachLfLine(text, fn) : forEachAnyLine(text, fn);
}

function forEachLfLine(text: string, fn: (line: number, text: string, start: number) => void): number {
  let line = 0;
  let start = 0;
  const len = text.length;
  while (start < len) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = len;
    fn(line++, text.slice(start, end), start);
    start = end + 1;
  }
  return line;
}

function forEachAnyLine(text: string, fn: (line: number, text: string, start: number) => void): number {
  // A regular expression scan, not cached indexOf positions: the latter hit the same slowdown whenever
  // one kind of line break never occurs again (a lone \r at the end of the file).
  const breaks = /\r\n?|\n/g;
  let line = 0;
  let start = 0;
  const len = text.length;
  while (start < len) {
    breaks.lastIndex = start;
    const m = breaks.exec(text);
    const end = m ? m.index : len;
    fn(line++, text.slice(start, end), start);
    start = m ? end + m[0].length : len;
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
