// Which CodeLenses each task line gets from its state: failed → Retry / Show log, succeeded → Play / Reveal,
// running → a spinner, cancelled → Run. Pure; the glue gives them titles and commands.
import type { LineStates } from './lineStates';

export type LineLensKind = 'retry' | 'show-log' | 'play' | 'reveal' | 'running' | 'run-one';

export interface LineLens {
  /** 1-based task line. */
  line: number;
  kind: LineLensKind;
  /** WAV path for play / reveal. */
  outputPath?: string;
}

/** Past this many lines with results, only failed and running lines get lenses (huge batches stay light). */
export const MAX_LINE_LENSES = 5000;

export function planLineLenses(states: LineStates, lineCount: number, opts: { running: boolean; max?: number }): LineLens[] {
  const max = opts.max ?? MAX_LINE_LENSES;
  const onlyProblems = states.size > max;
  const lenses: LineLens[] = [];
  let lines = 0;
  const sorted = [...states].sort((a, b) => a[0] - b[0]);
  for (const [line, s] of sorted) {
    if (line > lineCount) continue;
    if (lines >= max) break;
    if (s.status === 'failed') {
      lenses.push({ line, kind: 'retry' }, { line, kind: 'show-log' });
    } else if (s.status === 'running') {
      lenses.push({ line, kind: 'running' });
    } else if (onlyProblems) {
      continue;
    } else if (s.status === 'succeeded' && s.outputPath) {
      lenses.push({ line, kind: 'play', outputPath: s.outputPath }, { line, kind: 'reveal', outputPath: s.outputPath });
    } else if (s.status === 'cancelled' && !opts.running) {
      lenses.push({ line, kind: 'run-one' });
    } else {
      continue;
    }
    lines++;
  }
  return lenses;
}
