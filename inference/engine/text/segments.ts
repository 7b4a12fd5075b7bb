// Splitting long text into segments a TTS model handles well, the way GLM-TTS does internally: cut at sentence
// punctuation, pack whole sentences into segments of at most maxUnits, and cut an over-long sentence at commas,
// then (last resort) between units. A unit is one CJK character or one word of another script.
// (server/core will carry the same two functions for validation; these live here so the engine depends on nothing.)

const cjk = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[\u{20000}-\u{2ffff}]/u;
const unitPattern = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[\u{20000}-\u{2ffff}]|[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** Number of units in text: one CJK character or one word (letters/digits) of another script. */
export function textUnits(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(unitPattern)) n++;
  return n;
}

/** Sentence ends: Chinese/Japanese and Western terminators (with closing quotes), and line breaks. */
// A '.' ends a sentence only before white space or the end ("3.5" and "e.g" stay inside).
const sentenceEnd = /(?:[^。！？!?；;…\n.]|\.(?!\s|$))*(?:[。！？!?；;…]+|\.+(?=\s|$)|\n+|$)["'”’」』）)]*/gu;
const clauseEnd = /[^，,、：:]*(?:[，,、：:]+|$)/gu;

function pieces(text: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(pattern)) {
    const s = m[0];
    if (s.trim()) out.push(s);
  }
  return out;
}

/** Cuts text at unit boundaries into runs of at most maxUnits units. */
function hardSplit(text: string, maxUnits: number): string[] {
  const out: string[] = [];
  let start = 0;
  let count = 0;
  for (const m of text.matchAll(unitPattern)) {
    if (count === maxUnits) {
      out.push(text.slice(start, m.index));
      start = m.index!;
      count = 0;
    }
    count++;
  }
  out.push(text.slice(start));
  return out.filter((s) => s.trim());
}

function pack(parts: string[], maxUnits: number, splitFurther: (s: string) => string[]): string[] {
  const out: string[] = [];
  let current = '';
  let units = 0;
  for (const part of parts) {
    const n = textUnits(part);
    if (n > maxUnits) {
      if (current.trim()) out.push(current);
      current = '';
      units = 0;
      out.push(...splitFurther(part));
      continue;
    }
    if (units + n > maxUnits && current.trim()) {
      out.push(current);
      current = '';
      units = 0;
    }
    current += part;
    units += n;
  }
  if (current.trim()) out.push(current);
  return out;
}

/**
 * Segments of at most maxUnits units each, cut at sentence punctuation where possible. Text without any unit
 * (punctuation only) gives one segment as is, so the caller can decide what silence means.
 */
export function splitSentences(text: string, maxUnits: number): string[] {
  const limit = Math.max(1, Math.floor(maxUnits));
  const sentences = pieces(text, sentenceEnd);
  const segments = pack(sentences, limit, (sentence) =>
    pack(pieces(sentence, clauseEnd), limit, (clause) => hardSplit(clause, limit)),
  );
  const cleaned = segments.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return cleaned.length ? cleaned : text.trim() ? [text.trim()] : [];
}

export function isCjk(ch: string): boolean {
  return cjk.test(ch);
}
