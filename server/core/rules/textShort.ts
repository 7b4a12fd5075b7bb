// Very short text (under 3 characters, spaces not counted): known to make some models hang or babble.
import type { TaskInput } from '../taskInput';

export function checkTextShort(input: TaskInput, field: string, text: string): void {
  if (text.length > 12) return;
  const chars = [...text.replace(/\s+/g, '')].length;
  if (chars === 0 || chars >= 3) return;
  const [start, end] = input.valueRange(field);
  input.rep.report('text-too-short', start, end, { chars }, { field, chars });
}
