// Characters before or after the one object on a line (`data: {...}`, `{...} x`): the loader rejects the line.
import type { LineReporter } from '../lineReporter';

export function reportStray(text: string, start: number, end: number, before: boolean, rep: LineReporter): void {
  const shown = text.slice(start, end);
  const clipped = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
  rep.report(
    'stray-characters',
    start,
    end,
    { where: before ? 'before' : 'after', whereZh: before ? '前面' : '后面', text: JSON.stringify(clipped) },
    { removeRange: { start, end }, text: shown },
  );
}
