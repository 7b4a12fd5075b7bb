// A UTF-8 byte order mark at the start of a line: Python's json.loads refuses it ("Unexpected UTF-8 BOM"),
// which stops GLM-TTS before the first task. Any line can carry one when files are concatenated.
import type { LineReporter } from '../lineReporter';

export function checkBom(text: string, rep: LineReporter): number {
  if (text.charCodeAt(0) !== 0xfeff) return 0;
  rep.report('utf8-bom', 0, 1, {}, { removeRange: { start: 0, end: 1 } });
  return 1;
}
