// JSON.parse for text that may well be broken. A thrown SyntaxError captures a stack trace, which costs
// more than the parse itself; on a file of broken lines that dominated. So: cheap shape checks first, and
// no stack capture while parsing.

const NO_VALUE = Symbol('not JSON');
export type Parsed = unknown | typeof NO_VALUE;
export { NO_VALUE };

function firstNonSpace(t: string): number {
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) i++;
    else break;
  }
  return i;
}

function lastNonSpace(t: string): number {
  let i = t.length - 1;
  while (i >= 0) {
    const c = t.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) i--;
    else break;
  }
  return i;
}

/** The parsed value, or NO_VALUE when the text is not one JSON value. Never throws. */
export function parseJson(text: string): Parsed {
  const a = firstNonSpace(text);
  if (a >= text.length) return NO_VALUE;
  const first = text.charCodeAt(a);
  const last = text.charCodeAt(lastNonSpace(text));
  // An object or list must end with its closing bracket; a string with its quote.
  if (first === 0x7b && last !== 0x7d) return NO_VALUE;
  if (first === 0x5b && last !== 0x5d) return NO_VALUE;
  if (first === 0x22 && last !== 0x22) return NO_VALUE;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NO_VALUE;
  } finally {
    Error.stackTraceLimit = limit;
  }
}
