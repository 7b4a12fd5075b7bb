// Collects the diagnostics of one line, with line-relative ranges (line 0); the document pass moves them
// to their real line. Keeping them relative is what lets a line's result be cached by its text.
import type { Severity, TaskDiagnostic } from './types';
import { makeDiagnostic, range, type Settings } from './settings';

/** Shared by every clean line: most lines have nothing to say, so they allocate nothing. */
const NONE: TaskDiagnostic[] = [];
Object.freeze(NONE);

export class LineReporter {
  diags: TaskDiagnostic[] = NONE;
  constructor(readonly settings: Settings) {}

  report(
    code: string,
    start: number,
    end: number,
    params: Record<string, string | number> = {},
    data?: unknown,
    profileSeverity?: Severity,
  ): void {
    const d = makeDiagnostic(this.settings, code, range(0, start, 0, Math.max(end, start)), params, data, profileSeverity);
    if (!d) return;
    if (this.diags === NONE) this.diags = [];
    this.diags.push(d);
  }
}
