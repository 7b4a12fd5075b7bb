// Where each key and value of a one-line object sits, found by a small scanner instead of a full parser.
// Only called for lines that need a range (a problem to point at, or the editor asking), so the fast path
// stays JSON.parse + ajv. Tolerant: it only skips strings and brackets, so it also works on lines whose
// raw control characters made JSON.parse fail.

export interface Member {
  key: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

function skipWs(t: string, i: number): number {
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) i++;
    else break;
  }
  return i;
}

/** From an opening quote to just past the closing quote (or the end of the text). */
export function skipString(t: string, i: number): number {
  let j = i + 1;
  while (j < t.length) {
    const c = t.charCodeAt(j);
    if (c === 0x5c) j += 2;
    else if (c === 0x22) return j + 1;
    else j++;
  }
  return t.length;
}

function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x22) return skipString(t, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    let j = i;
    while (j < t.length) {
      const d = t.charCodeAt(j);
      if (d === 0x22) {
        j = skipString(t, j);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return t.length;
  }
  let j = i;
  while (j < t.length) {
    const d = t.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x09) break;
    j++;
  }
  return j;
}

/** The top-level members of the object starting at or after `from`. */
export function locateMembers(t: string, from = 0): Member[] {
  let i = skipWs(t, from);
  if (t.charCodeAt(i) !== 0x7b) return [];
  i++;
  const out: Member[] = [];
  while (i < t.length) {
    i = skipWs(t, i);
    const c = t.charCodeAt(i);
    if (c === 0x7d) break;
    if (c === 0x2c) {
      i++;
      continue;
    }
    if (c !== 0x22) break;
    const keyStart = i;
    const keyEnd = skipString(t, i);
    const raw = t.slice(keyStart + 1, keyEnd - 1);
    let key = raw;
    if (raw.includes('\\')) {
      try {
        key = JSON.parse(t.slice(keyStart, keyEnd)) as string;
      } catch {
        key = raw;
      }
    }
    i = skipWs(t, keyEnd);
    if (t.charCodeAt(i) === 0x3a) i++;
    i = skipWs(t, i);
    const valueStart = i;
    const valueEnd = skipValue(t, i);
    out.push({ key, keyStart, keyEnd, valueStart, valueEnd });
    if (valueEnd <= i) break;
    i = valueEnd;
  }
  return out;
}

/** End offset of the object starting at `from` (just past its closing brace). */
export function objectEnd(t: string, from: number): number {
  return skipValue(t, skipWs(t, from));
}

/** Net `{`/`[` depth change over a line, ignoring brackets in strings (used to find multi-line objects). */
export function depthDelta(t: string): number {
  let depth = 0;
  for (let j = 0; j < t.length; j++) {
    const d = t.charCodeAt(j);
    if (d === 0x22) {
      j = skipString(t, j) - 1;
      continue;
    }
    if (d === 0x7b || d === 0x5b) depth++;
    else if (d === 0x7d || d === 0x5d) depth--;
  }
  return depth;
}

/**
 * Value range of a top-level key, found with the engine's native indexOf instead of a scan. Checked to be
 * a real key (not text inside a value); falls back to the full scanner when in doubt.
 */
export function quickValueRange(t: string, key: string, from = 0): [number, number] | undefined {
  const needle = JSON.stringify(key);
  const at = t.indexOf(needle, from);
  if (at > 0 && t.indexOf(needle, at + needle.length) < 0) {
    let i = at - 1;
    while (i >= 0 && (t.charCodeAt(i) === 0x20 || t.charCodeAt(i) === 0x09)) i--;
    const before = t.charCodeAt(i);
    let j = at + needle.length;
    while (j < t.length && (t.charCodeAt(j) === 0x20 || t.charCodeAt(j) === 0x09)) j++;
    if ((before === 0x7b || before === 0x2c) && t.charCodeAt(j) === 0x3a) {
      j++;
      while (j < t.length && (t.charCodeAt(j) === 0x20 || t.charCodeAt(j) === 0x09)) j++;
      return [j, skipValue(t, j)];
    }
  }
  for (const m of locateMembers(t, from)) if (m.key === key) return [m.valueStart, m.valueEnd];
  return undefined;
}
