// Reading one line: JSON.parse first (the fast path for the common, clean line), the slower jsonc-parser
// only when that fails, to say where and why, and to recognise the usual slips (BOM, trailing comma,
// two objects, stray text, control characters) while still recovering the task behind them.
import type { LineReporter } from './lineReporter';
import { checkCharacters, SPECIAL } from './rules/characters';
import { checkBom } from './rules/bom';
import { firstError, reportInvalidJson } from './rules/invalidJson';
import { reportNotAnObject } from './rules/notAnObject';
import { reportTrailingComma, trailingCommaAt } from './rules/trailingComma';
import { reportMultipleObjects, splitObjects } from './rules/multipleObjects';
import { reportStray } from './rules/strayCharacters';
import { depthDelta, objectEnd, skipString } from './members';
import { ParseErrorCode } from 'jsonc-parser';
import { NO_VALUE, parseJson } from './safeParse';

export type LineKind = 'blank' | 'object' | 'other' | 'invalid';

export interface LineSyntax {
  kind: LineKind;
  value?: Record<string, unknown>;
  /** Offset of the object's "{" (after a BOM or leading spaces). */
  objStart: number;
  /** Offset just past the object's "}". */
  objEnd: number;
  /** An invalid line that opens an object it does not close: the start of a possible multi-line object. */
  opensObject?: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0x3000 || c === 0xfeff;
}

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function lastNonSpace(text: string): number {
  let i = text.length;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  const value = parseJson(text);
  return value === NO_VALUE ? { ok: false } : { ok: true, value };
}

function objectResult(text: string, value: unknown, start: number, rep: LineReporter): LineSyntax {
  const objStart = firstNonSpace(text, start);
  const end = lastNonSpace(text);
  if (!isObject(value)) {
    reportNotAnObject(value, objStart, end, rep);
    return { kind: 'other', objStart, objEnd: end };
  }
  return { kind: 'object', value, objStart, objEnd: end };
}

export function parseLine(text: string, rep: LineReporter, knownClean = false): LineSyntax {
  if (isBlank(text)) return { kind: 'blank', objStart: 0, objEnd: 0 };
  // Fast path: the line is clean JSON.
  const fast = parseJson(text);
  if (fast !== NO_VALUE) {
    if (!knownClean && SPECIAL.test(text)) checkCharacters(text, rep, 0, false);
    return objectResult(text, fast, 0, rep);
  }
  return slowPath(text, rep);
}

function slowPath(text: string, rep: LineReporter): LineSyntax {
  const start = checkBom(text, rep);
  const body = start ? text.slice(start) : text;
  const hasSpecial = SPECIAL.test(body) || body.includes('\t');
  if (hasSpecial) checkCharacters(text, rep, start, true);

  // Raw control characters make JSON.parse fail; judge the rest of the line without them, so one stray
  // character gives one precise diagnostic instead of "invalid JSON".
  const withoutControls = hasSpecial ? body.replace(/[\u0000-\u001f]/g, (c) => (c === '\t' || c === ' ' ? c : ' ')) : body;
  const tabsFixed = hasSpecial ? replaceTabsInStrings(withoutControls) : withoutControls;

  if (tabsFixed !== text) {
    const whole = tryParse(tabsFixed);
    if (whole.ok) return objectResult(text, whole.value, start, rep);
  }

  // An object first: find where it ends (string-aware bracket scan), then look at what follows it.
  const lead0 = firstNonSpace(tabsFixed, 0);
  if (tabsFixed[lead0] === '{') {
    const end = objectEnd(tabsFixed, lead0);
    const first = end < tabsFixed.length ? tryParse(tabsFixed.slice(lead0, end)) : { ok: false as const };
    if (first.ok && isObject(first.value)) {
      const comma = trailingCommaAt(tabsFixed, end);
      if (comma >= 0) {
        reportTrailingComma(start + comma, rep);
        return { kind: 'object', value: first.value, objStart: start + lead0, objEnd: start + end };
      }
      const pieces = splitObjects(tabsFixed, lead0);
      if (pieces) {
        reportMultipleObjects(pieces, start + lead0, start + lastNonSpace(tabsFixed), rep);
        return { kind: 'invalid', objStart: start + lead0, objEnd: start + end };
      }
      reportStray(text, start + firstNonSpace(tabsFixed, end), start + lastNonSpace(tabsFixed), false, rep);
      return { kind: 'object', value: first.value, objStart: start + lead0, objEnd: start + end };
    }
  }

  // jsonc-parser descends recursively: absurd nesting would overflow the stack, so it is reported here.
  const deep = tooDeepAt(tabsFixed);
  if (deep >= 0) {
    reportInvalidJson(text, { error: ParseErrorCode.InvalidSymbol, offset: start + deep, length: 1 }, rep, [
      `nested more than ${MAX_NESTING} levels deep`,
      `嵌套超过 ${MAX_NESTING} 层`,
    ]);
    return { kind: 'invalid', objStart: start, objEnd: start + lastNonSpace(tabsFixed) };
  }

  // Another value first (a list, a string...) followed by something: parse the first value alone.
  const err = firstError(tabsFixed);
  if (err && err.error === ParseErrorCode.EndOfFileExpected) {
    const valueEnd = err.offset;
    const first = tryParse(tabsFixed.slice(0, valueEnd));
    if (first.ok) {
      const comma = trailingCommaAt(tabsFixed, valueEnd);
      if (comma >= 0) {
        reportTrailingComma(start + comma, rep);
        return objectResult(text, first.value, start, rep);
      }
      const firstStart = firstNonSpace(tabsFixed, 0);
      if (isObject(first.value)) {
        const pieces = splitObjects(tabsFixed, firstStart);
        if (pieces) {
          reportMultipleObjects(pieces, start + firstStart, start + lastNonSpace(tabsFixed), rep);
          return { kind: 'invalid', objStart: start + firstStart, objEnd: start + valueEnd };
        }
        const strayStart = firstNonSpace(tabsFixed, valueEnd);
        reportStray(text, start + strayStart, start + lastNonSpace(tabsFixed), false, rep);
        return { kind: 'object', value: first.value, objStart: start + firstStart, objEnd: start + valueEnd };
      }
    }
  }

  // Stray text before an object: `data: {...}`, `1 {...}`.
  const brace = tabsFixed.indexOf('{');
  const lead = firstNonSpace(tabsFixed, 0);
  if (brace > lead) {
    const end = objectEnd(tabsFixed, brace);
    const candidate = tryParse(tabsFixed.slice(brace, end));
    if (candidate.ok && isObject(candidate.value) && !tabsFixed.slice(end).trim().replace(/^,$/, '')) {
      reportStray(text, start + lead, start + brace, true, rep);
      const comma = trailingCommaAt(tabsFixed, end);
      if (comma >= 0) reportTrailingComma(start + comma, rep);
      return { kind: 'object', value: candidate.value, objStart: start + brace, objEnd: start + end };
    }
  }

  if (err) reportInvalidJson(text.slice(0, start) + tabsFixed, { ...err, offset: err.offset + start }, rep);
  const trimmedStart = firstNonSpace(tabsFixed, 0);
  const opensObject = tabsFixed[trimmedStart] === '{' && depthDelta(tabsFixed) > 0;
  return { kind: 'invalid', objStart: start + trimmedStart, objEnd: start + lastNonSpace(tabsFixed), opensObject };
}

const MAX_NESTING = 500;

/** Offset of the bracket that goes deeper than MAX_NESTING (strings skipped), or -1. */
function tooDeepAt(t: string): number {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x22) {
      i = skipString(t, i) - 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_NESTING) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/** Raw tabs inside strings are invalid JSON; tabs between tokens are fine. Same length, so offsets hold. */
function replaceTabsInStrings(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && inString) {
      out += text.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    out += c === '\t' && inString ? ' ' : c;
  }
  return out;
}
