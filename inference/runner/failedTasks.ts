// `--write-failed FILE`: the original lines of the tasks the journal marks failed, as a new task file to fix and
// rerun. Lines are copied byte for byte; relative audio paths keep working when FILE sits beside the task file.
import * as fs from 'node:fs';
import type { JournalIndex } from './journal';
import { readTaskLines } from './taskLines';

export async function writeFailedTasks(taskFile: string, journal: JournalIndex, target: string): Promise<number> {
  const tmp = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  let n = 0;
  try {
    for await (const { line, text } of readTaskLines(taskFile)) {
      if (journal.statusOf(line) !== 'failed') continue;
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
