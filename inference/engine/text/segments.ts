// Splitting long text into segments a TTS model handles well, the way GLM-TTS does internally: cut at sentence
// punctuation, pack whole sentences into segments of at most maxUnits, cut an over-long sentence at commas, then
// (last resort) between units. A unit is one CJK character or one word of another script. The measuring and
// cutting are the validation core's (server/core/text.ts), so the length the editor checks is the length the
// engine splits by; here the segments are only trimmed for synthesis.
import { splitSentences as splitExactly, textUnits } from '../../../server/core/text';

export { textUnits };

/** Segments of at most maxUnits units each, trimmed, white space collapsed; none for blank text. */
export function splitSentences(text: string, maxUnits: number): string[] {
  return splitExactly(text, maxUnits)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
