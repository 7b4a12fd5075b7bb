// prompt_text missing or empty (cloning similarity drops), or much longer than the text to speak (usually
// the wrong transcript, or a prompt far longer than needed).
import type { TaskInput } from '../taskInput';
import { textUnits } from '../text';

export function checkPromptText(input: TaskInput, reported: ReadonlySet<string>, text: string | undefined): void {
  const field = input.profile.fields.promptText;
  if (!field || reported.has(field)) return;
  const v = input.value[field];
  if (v === undefined) {
    // Point at the prompt audio: that is what the transcript belongs to.
    const [start, end] = input.valueRange(input.profile.fields.promptAudio);
    input.rep.report('prompt-text-missing', start, end, { field }, { field });
    return;
  }
  if (typeof v !== 'string') return;
  if (!v.trim()) {
    const [start, end] = input.valueRange(field);
    input.rep.report('prompt-text-empty', start, end, { field }, { field });
    return;
  }
  if (text === undefined || !text.trim()) return;
  // Units never exceed characters: a prompt under 20 characters cannot be 20 units longer.
  if (v.length < 20) return;
  const promptUnits = textUnits(v);
  if (promptUnits < 20) return;
  // Counting the text can stop as soon as it is long enough not to matter.
  const units = textUnits(text, Math.ceil(promptUnits / 3));
  if (promptUnits > 3 * units && promptUnits - units >= 20) {
    const [start, end] = input.valueRange(field);
    input.rep.report('prompt-text-too-long', start, end, { promptUnits, textUnits: units }, { field, promptUnits, textUnits: units });
  }
}
