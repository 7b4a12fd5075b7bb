// A task file with no task at all (0 bytes, or only blank lines).
import type { TaskDiagnostic } from '../types';
import { makeDiagnostic, range, type Settings } from '../settings';

export function emptyFileDiagnostic(settings: Settings): TaskDiagnostic | undefined {
  return makeDiagnostic(settings, 'empty-file', range(0, 0, 0, 0));
}
