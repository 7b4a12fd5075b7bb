// Blank lines: harmless for tts-batch (skipped), fatal for GLM-TTS, whose loader json.loads every line and
// stops the whole run on the first blank one, including an extra empty line at the end of the file.
// One diagnostic per run of consecutive blank lines, so a million blank lines cost one diagnostic.
import type { TaskDiagnostic } from '../types';
import { makeDiagnostic, range, type Settings } from '../settings';

export function reportBlankRuns(runs: Array<[number, number]>, settings: Settings, out: TaskDiagnostic[]): void {
  if (settings.profile.blankLines !== 'error') return;
  for (const [start, end] of runs) {
    const n = end - start + 1;
    const d = makeDiagnostic(
      settings,
      'blank-line',
      range(start, 0, end, 0),
      {
        lines: n === 1 ? 'Blank line' : `${n} blank lines (${start + 1}-${end + 1})`,
        linesZh: n === 1 ? '空行' : `${n} 个空行（第 ${start + 1}-${end + 1} 行）`,
        profile: settings.profile.title.split(' (')[0],
      },
      { startLine: start, endLine: end },
    );
    if (d) out.push(d);
  }
}
