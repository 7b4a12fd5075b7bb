// Which .jsonl files are task files when the user has not listed them (ttsBatch.taskFiles): those whose first
// object carries the fields of a known profile. A cheap key check, the language server's detection decides the
// profile itself. Pure (no vscode import).

/** Keys that only task objects of a known profile carry (tts-batch, glm-tts, indextts2). */
const SIGNATURES: string[][] = [
  ['input_text'], ['prompt_audio'], // tts-batch
  ['syn_text'], ['prompt_speech'], // glm-tts
  ['text', 'output'], ['text_file', 'output'], // indextts2
];

export function looksLikeTaskFile(text: string): boolean {
  const first = firstObjectLine(text);
  if (first === undefined) return false;
  let value: unknown;
  try {
    value = JSON.parse(first.replace(/,\s*$/, ''));
  } catch {
    // A broken first line still counts when it names a task field: the user is writing a task file.
    return SIGNATURES.some((sig) => sig.every((k) => first.includes(`"${k}"`)));
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = new Set(Object.keys(value));
  return SIGNATURES.some((sig) => sig.every((k) => keys.has(k)));
}

function firstObjectLine(text: string): string | undefined {
  let start = 0;
  const limit = Math.min(text.length, 1 << 20);
  while (start < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/^\uFEFF/, '').trim();
    if (line) return line.startsWith('{') ? line : undefined;
    start = end + 1;
  }
  return undefined;
}
