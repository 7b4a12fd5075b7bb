// Text without sentence-final punctuation: some models never emit the end token and hang or babble.
import type { TaskInput } from '../taskInput';
import { hasFinalPunctuation, suggestedFinalPunctuation } from '../text';

export function checkFinalPunctuation(input: TaskInput, field: string, text: string): void {
  if (!text.trim() || hasFinalPunctuation(text)) return;
  const [start, end] = input.valueRange(field);
  const append = suggestedFinalPunctuation(text);
  input.rep.report('text-no-final-punctuation', start, end, {}, { field, append, replacement: text.trimEnd() + append });
}
