// Measuring text the way TTS models do: one unit is one CJK character or one word of another script.
// Models budget GPU memory per unit, so limits are in units, not in characters or bytes.

/** CJK ideographs, kana and Hangul syllables: each one a unit. */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // CJK Unified Ideographs
    (code >= 0x3400 && code <= 0x4dbf) || // Extension A
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // Compatibility ideographs
    (code >= 0x20000 && code <= 0x3134f) || // Extensions B-H (astral)
    (code >= 0x31f0 && code <= 0x31ff) || // Katakana phonetic extensions
    code === 0x3007 // 〇
  );
}

/** Letters and digits of other scripts (word characters). Fast paths for ASCII; Unicode classes beyond. */
const wordChar = /[\p{L}\p{N}\p{M}]/u;
function isWordChar(code: number, ch: string): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  // CJK punctuation and full-width forms are common in Chinese text: decide them without a regex.
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xff00 && code <= 0xffef) return (code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a);
  if (code >= 0x2000 && code <= 0x206f) return false; // general punctuation: dashes, quotes, ellipsis
  return wordChar.test(ch);
}

/** Apostrophes and hyphens inside a word keep it one word ("don't", "well-known"). */
function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2d;
}

/** Number of units: one per CJK character, one per run of letters/digits of other scripts. */
export function textUnits(text: string, stopAt = Infinity): number {
  let units = 0;
  let inWord = false;
  for (let i = 0; i < text.length && units < stopAt; i++) {
    let code = text.charCodeAt(i);
    // CJK ideographs are the common case in Chinese task files: test them first.
    if (code >= 0x4e00 && code <= 0x9fff) {
      units++;
      inWord = false;
      continue;
    }
    let ch: string;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        ch = text.slice(i, i + 2);
        i++;
      } else ch = text[i];
    } else ch = text[i];
    if (isCjk(code)) {
      units++;
      inWord = false;
    } else if (isWordChar(code, ch)) {
      if (!inWord) units++;
      inWord = true;
    } else if (inWord && isJoiner(code) && i + 1 < text.length && isWordChar(text.charCodeAt(i + 1), text[i + 1])) {
      // stays in the word
    } else {
      inWord = false;
    }
  }
  return units;
}

const codes = (chars: string): Set<number> => new Set([...chars].map((c) => c.charCodeAt(0)));
/** Characters that end a sentence (CJK and Latin). */
const SENTENCE_END = codes('。！？!?.…；;\n');
/** Softer break points used when a single sentence is still too long. */
const CLAUSE_END = codes('，,、：:—　 ');
/** Closing marks that belong to the sentence before them. */
const CLOSER_CODES = codes('"\'”’」』）)】》〉]');

/** Marks a text may end with for models to stop cleanly. */
const FINAL_CODES = new Set([...'。！？!?.…；;~～♪'].map((c) => c.charCodeAt(0)));

/** Whether the text ends with sentence-final punctuation (closing quotes and brackets after it are fine). */
export function hasFinalPunctuation(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && (text.charCodeAt(i) <= 0x20 || text.charCodeAt(i) === 0x3000 || text.charCodeAt(i) === 0xa0)) i--;
  while (i >= 0 && CLOSER_CODES.has(text.charCodeAt(i))) i--;
  return i >= 0 && FINAL_CODES.has(text.charCodeAt(i));
}

/** The punctuation a quick fix should append: a CJK full stop after CJK text, "." otherwise. */
export function suggestedFinalPunctuation(text: string): string {
  const t = text.trimEnd();
  const last = t.codePointAt(t.length - 1) ?? 0x41;
  const lastCode = t.length >= 2 && last >= 0xdc00 && last <= 0xdfff ? (t.codePointAt(t.length - 2) ?? last) : last;
  return isCjk(lastCode) || /[\u3000-\u303f\uff00-\uffef]/.test(t[t.length - 1] ?? '') ? '。' : '.';
}

/** Offsets just after each break in `text` (sentence ends with their closers, or clause marks). */
function breakOffsets(text: string, marks: Set<number>): number[] {
  const out: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!marks.has(c)) continue;
    let j = i + 1;
    while (j < n && (marks.has(text.charCodeAt(j)) || CLOSER_CODES.has(text.charCodeAt(j)))) j++;
    // A dot inside a number or an abbreviation-like token ("3.5", "e.g") is not a sentence end.
    if (c === 0x2e && j < n && !/\s/.test(text[j])) continue;
    while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
    if (j < n) out.push(j);
    i = j - 1;
  }
  return out;
}

function hardSplit(piece: string, maxUnits: number): string[] {
  const out: string[] = [];
  let start = 0;
  let units = 0;
  let inWord = false;
  for (let i = 0; i < piece.length; i++) {
    const code = piece.charCodeAt(i);
    const cjk = isCjk(code);
    const word = !cjk && isWordChar(code, piece[i]);
    const startsUnit = cjk || (word && !inWord);
    inWord = word;
    if (startsUnit) {
      if (units === maxUnits) {
        out.push(piece.slice(start, i));
        start = i;
        units = 0;
      }
      units++;
    }
  }
  out.push(piece.slice(start));
  return out;
}

function pack(segments: string[], maxUnits: number, finer: (s: string) => string[]): string[] {
  const out: string[] = [];
  let current = '';
  let currentUnits = 0;
  for (const seg of segments) {
    const u = textUnits(seg);
    if (u > maxUnits) {
      if (current) out.push(current);
      current = '';
      currentUnits = 0;
      out.push(...finer(seg));
      continue;
    }
    if (current && currentUnits + u > maxUnits) {
      out.push(current);
      current = '';
      currentUnits = 0;
    }
    current += seg;
    currentUnits += u;
  }
  if (current) out.push(current);
  return out;
}

function cut(text: string, offsets: number[]): string[] {
  const out: string[] = [];
  let prev = 0;
  for (const o of offsets) {
    out.push(text.slice(prev, o));
    prev = o;
  }
  out.push(text.slice(prev));
  return out.filter((s) => s.length > 0);
}

/**
 * Splits text into pieces of at most `maxUnits` units, preferring sentence ends, then clause marks, then
 * a hard cut. The pieces joined give back the text exactly, so their lengths are the split offsets.
 */
export function splitSentences(text: string, maxUnits: number): string[] {
  const limit = Math.max(1, Math.floor(maxUnits));
  if (textUnits(text) <= limit) return text ? [text] : [];
  const sentences = cut(text, breakOffsets(text, SENTENCE_END));
  return pack(sentences, limit, (sentence) =>
    pack(cut(sentence, breakOffsets(sentence, CLAUSE_END)), limit, (clause) => hardSplit(clause, limit)),
  );
}

/** Offsets (in the text) where splitSentences cuts. */
export function splitOffsets(pieces: string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (let i = 0; i < pieces.length - 1; i++) {
    at += pieces[i].length;
    out.push(at);
  }
  return out;
}
