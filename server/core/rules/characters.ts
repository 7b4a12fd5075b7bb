// Characters that are invisible in an editor yet change what a model or a line-based reader sees:
// control characters (invalid in JSON strings), zero-width and bidi marks, U+2028/U+2029 line separators.
import type { LineReporter } from '../lineReporter';

/** One regex test per line keeps the clean-line cost tiny; only lines that match are scanned. */
export const SPECIAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/;

const NAMES: Record<number, string> = {
  0x00ad: 'soft hyphen',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0xfeff: 'zero-width no-break space (BOM)',
};

const MAX_PER_LINE = 20;

export function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function jsonEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Reports special characters from `from` on. `tabsInStrings`: a raw tab inside a string is invalid JSON too
 * (only checked on lines that failed to parse, where it may be the cause).
 */
export function checkCharacters(text: string, rep: LineReporter, from: number, tabsInStrings: boolean): void {
  let count = 0;
  let inString = false;
  for (let i = from; i < text.length && count < MAX_PER_LINE; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a quote preceded by an odd number of backslashes is escaped
      let b = 0;
      for (let k = i - 1; k >= from && text.charCodeAt(k) === 0x5c; k--) b++;
      if (b % 2 === 0) inString = !inString;
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (c === 0x09 && !(tabsInStrings && inString)) continue;
      count++;
      rep.report('control-character', i, i + 1, { char: hex(c), escape: jsonEscape(c) }, { char: hex(c), replacement: inString ? jsonEscape(c) : '' });
    } else if (c === 0x2028 || c === 0x2029) {
      count++;
      const name = c === 0x2028 ? 'LINE SEPARATOR' : 'PARAGRAPH SEPARATOR';
      rep.report('line-separator', i, i + 1, { char: hex(c), name, escape: jsonEscape(c) }, { char: hex(c), replacement: inString ? jsonEscape(c) : ' ' });
    } else if (NAMES[c] || (c >= 0x2061 && c <= 0x2064)) {
      count++;
      rep.report('invisible-character', i, i + 1, { char: hex(c), name: NAMES[c] ?? 'invisible operator' }, { char: hex(c), replacement: '' });
    }
  }
}
