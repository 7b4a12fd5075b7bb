// Decoding task-file bytes without hiding encoding problems: a file saved as GBK or Latin-1 must be
// reported with line and column, not silently turned into U+FFFD. Follows the WHATWG UTF-8 decoder, so
// each reported position is exactly where the replacement character sits in the decoded text.

export interface Utf8Problem {
  line: number;
  /** UTF-16 column of the replacement character in the decoded line. */
  character: number;
  byteOffset: number;
  /** The offending byte(s) in hex, e.g. "0xC4 0xE3". */
  bytes: string;
}

export interface DecodedText {
  text: string;
  invalid: Utf8Problem[];
  /** Number of invalid sequences in all (invalid holds at most the first 1000). */
  invalidCount: number;
  /** Looks like a binary (or UTF-16) file: many control bytes near the start (one stray NUL is not enough). */
  binary: boolean;
}

const MAX_REPORTED = 1000;

function hexBytes(bytes: Uint8Array, from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < Math.min(to, from + 4); i++) out.push(`0x${bytes[i].toString(16).toUpperCase().padStart(2, '0')}`);
  return out.join(' ');
}

function locateInvalid(bytes: Uint8Array): { invalid: Utf8Problem[]; count: number } {
  const invalid: Utf8Problem[] = [];
  let count = 0;
  let line = 0;
  let col = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let seqStart = 0;
  let cp = 0;
  let lastWasCr = false;
  const emit = (code: number): void => {
    if (code === 0x0a) {
      if (!lastWasCr) line++;
      col = 0;
      lastWasCr = false;
      return;
    }
    if (code === 0x0d) {
      line++;
      col = 0;
      lastWasCr = true;
      return;
    }
    lastWasCr = false;
    col += code > 0xffff ? 2 : 1;
  };
  const error = (from: number, to: number): void => {
    count++;
    if (invalid.length < MAX_REPORTED) invalid.push({ line, character: col, byteOffset: from, bytes: hexBytes(bytes, from, Math.max(to, from + 1)) });
    lastWasCr = false;
    col += 1;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (needed === 0) {
      if (b <= 0x7f) emit(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
        seqStart = i;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0x0f;
        seqStart = i;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x07;
        seqStart = i;
      } else error(i, i + 1);
      continue;
    }
    if (b < lower || b > upper) {
      error(seqStart, i);
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
      i--; // the byte starts over as a possible lead byte
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      emit(cp);
      needed = seen = cp = 0;
    }
  }
  if (needed) error(seqStart, bytes.length);
  return { invalid, count };
}

/** Control bytes other than tab, line breaks and form feed: rare in text, common in binary and UTF-16. */
function looksBinary(head: Uint8Array): boolean {
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  return controls >= 2 && controls * 100 > head.length;
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const binary = looksBinary(bytes.subarray(0, 8000));
  try {
    // ignoreBOM keeps a BOM in the text so it can be reported (loaders such as Python's json reject it).
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, invalid: [], invalidCount: 0, binary };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    const { invalid, count } = locateInvalid(bytes);
    return { text, invalid, invalidCount: count, binary };
  }
}
