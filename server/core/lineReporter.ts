// Collects the diagnostics of one line, with line-relative ranges (line 0); the document pass moves them
// to their real line. Keeping them relative is what lets a line's result be cached by its text.
import type { Severity, TaskDiagnostic } from './types';
import { makeDiagnostic, range, type Settings } from './settings';

/** Shared by every clean line: most lines have nothing to say, so they allocate nothing. */
const NONE: TaskDiagnostic[] = [];
Object.freeze(NONE);

export class LineReporter {
  diags: TaskDiagnostic[] = NONE;
  constructor(public settings: Settings) {}

  /** Ready for another line (one reporter serves every line of a pass: fewer short-lived objects). */
  reset(settings: Settings): this {
    this.settings = settings;
    this.diags = NONE;
    return this;
  }

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
