// A batch of more than 100 tasks: hard to review and to rerun when something fails part-way.
import type { TaskDiagnostic } from '../types';
import { makeDiagnostic, range, type Settings } from '../settings';

export const BATCH_LIMIT = 100;

export function checkBatchSize(tasks: number, firstLineLength: number, settings: Settings, out: TaskDiagnostic[]): void {
  if (tasks <= BATCH_LIMIT) return;
  const files = Math.ceil(tasks / BATCH_LIMIT);
  const d = makeDiagnostic(settings, 'batch-too-large', range(0, 0, 0, firstLineLength), { tasks, files }, { tasks, files, tasksPerFile: BATCH_LIMIT });
  if (d) out.push(d);
}
