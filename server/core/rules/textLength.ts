// Text longer than the recommended length (warning) or the safe maximum (error), in units (one CJK
// character or one word). `data` carries the sentence-boundary split so a quick fix can make several tasks.
import type { TaskInput } from '../taskInput';
import { splitOffsets, splitSentences, textUnits } from '../text';

export function checkTextLength(input: TaskInput, field: string, text: string): void {
  const { recommendedUnits, maxUnits } = input.settings.textLimits;
  // Cheap bound first: a text cannot have more units than UTF-16 code units.
  if (text.length <= recommendedUnits) return;
  const units = textUnits(text);
  if (units <= recommendedUnits) return;
  const over = units > maxUnits;
  const pieces = splitSentences(text, recommendedUnits);
  const [start, end] = input.valueRange(field);
  input.rep.report(
    over ? 'text-over-limit' : 'text-too-long',
    start,
    end,
    { units, limit: over ? maxUnits : recommendedUnits, pieces: pieces.length },
    { field, units, limit: over ? maxUnits : recommendedUnits, pieces, splitOffsets: splitOffsets(pieces) },
  );
}
