// `{...},` — a habit from JSON arrays; line-based loaders reject the whole line.
import type { LineReporter } from '../lineReporter';

/** Offset of a trailing comma after the value ending at `valueEnd` (only whitespace around it), or -1. */
export function trailingCommaAt(text: string, valueEnd: number): number {
  const rest = text.slice(valueEnd);
  const m = /^\s*,\s*$/.exec(rest);
  return m ? valueEnd + rest.indexOf(',') : -1;
}

export function reportTrailingComma(at: number, rep: LineReporter): void {
  rep.report('trailing-comma', at, at + 1, {}, { removeRange: { start: at, end: at + 1 } });
}
