// `--write-failed FILE`: the original lines of the tasks the journal marks failed, as a new task file to fix and
// rerun. Lines are copied byte for byte; relative audio paths keep working when FILE sits beside the task file.
import * as fs from 'node:fs';
import type { JournalRecord } from './journal';
import { readTaskLines } from './taskLines';

export async function writeFailedTasks(taskFile: string, journal: Map<number, JournalRecord>, target: string): Promise<number> {
  const failed = new Set<number>();
  for (const [line, rec] of journal) if (rec.status === 'failed') failed.add(line);
  const tmp = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  let n = 0;
  try {
    for await (const { line, text } of readTaskLines(taskFile)) {
      if (!failed.has(line)) continue;
      fs.writeSync(fd, text + '\n');
      n++;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
  return n;
}
