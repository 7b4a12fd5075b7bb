// Ordering and capping: diagnostics sorted by position, cut at maxProblems with a note saying how many more.
import type { TaskDiagnostic } from './types';
import { makeDiagnostic, range, type Settings } from './settings';
import { message } from './messages';

export function sortDiagnostics(diags: TaskDiagnostic[]): TaskDiagnostic[] {
  return diags.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

export function finalize(diags: TaskDiagnostic[], settings: Settings): TaskDiagnostic[] {
  sortDiagnostics(diags);
  if (diags.length <= settings.maxProblems) return diags;
  const more = diags.length - settings.maxProblems;
  const kept = diags.slice(0, settings.maxProblems);
  const last = kept[kept.length - 1]?.range.end.line ?? 0;
  const note = makeDiagnostic(settings, 'too-many-problems', range(last, 0, last, 0), { more, limit: settings.maxProblems }, { more });
  if (note) kept.push(note);
  return kept;
}

/** The validator never throws: an unexpected failure becomes one diagnostic saying so. */
export function internalError(err: unknown, locale: Settings['locale'] | undefined): TaskDiagnostic {
  const reason = err instanceof Error ? err.message : String(err);
  return { code: 'internal-error', severity: 'error', range: range(0, 0, 0, 0), message: message('internal-error', locale, { reason }), data: { reason } };
}
