// The results journal `<output folder>/<batch name>.results.jsonl`: one JSON record per task, appended as each
// task finishes so a killed run loses nothing that was done. Reading keeps the last record of each line and
// skips a torn last line (a run killed mid-write); each run starts and ends by compacting it to one record per line.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { TaskErrorKind } from './events';

export type TaskStatus = 'succeeded' | 'failed' | 'cancelled';

export interface JournalRecord {
  /** 1-based task line. */
  line: number;
  status: TaskStatus;
  /** Output file relative to the output folder (`/` separators), when the task has a valid output name. */
  output?: string;
  outputPath?: string;
  errorKind?: TaskErrorKind;
  message?: string;
  startedAt?: string;
  finishedAt: string;
  /** Wall time from dispatch to the output in place, s. */
  wallSeconds?: number;
  /** Time the worker spent synthesizing, s. */
  synthSeconds?: number;
  audioSeconds?: number;
  /** synthSeconds / audioSeconds. */
  rtf?: number;
  sha256?: string;
  seed: number;
  sampleRate: number;
  provider?: string;
  model?: string;
  /** Fingerprint of the task line and the settings that shape its audio; resume reruns a task when it changes. */
  inputHash?: string;
  attempts?: number;
}

function isRecord(v: unknown): v is JournalRecord {
  const r = v as JournalRecord;
  return !!r && typeof r === 'object' && Number.isInteger(r.line) && r.line > 0 && typeof r.status === 'string';
}

/** Last record of each line. A missing journal is an empty one; unreadable lines are skipped. */
export async function readJournal(file: string): Promise<Map<number, JournalRecord>> {
  const latest = new Map<number, JournalRecord>();
  if (!fs.existsSync(file)) return latest;
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of rl) {
    if (!text.trim()) continue;
    try {
      const rec = JSON.parse(text) as unknown;
      if (isRecord(rec)) latest.set(rec.line, rec);
    } catch {
      // A torn line from a run killed while appending: the task it described is simply run again.
    }
  }
  return latest;
}

/** Rewrites the journal as one record per line, in line order, atomically (temp file + rename). */
export function writeJournalAtomically(file: string, records: Map<number, JournalRecord>, keep: (line: number) => boolean = () => true): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    const lines = [...records.keys()].filter(keep).sort((a, b) => a - b);
    let chunk = '';
    for (const line of lines) {
      chunk += JSON.stringify(records.get(line)) + '\n';
      if (chunk.length > 1 << 16) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) fs.writeSync(fd, chunk);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * Appends records. Each record is one write(2) on an O_APPEND descriptor, so a killed process leaves whole
 * lines; fsync is grouped (at most every `syncMs`) so durability does not cost a disk flush per task.
 */
export class JournalWriter {
  private fd: number;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly file: string,
    private readonly syncMs = 200,
  ) {
    this.fd = fs.openSync(file, 'a');
    // A torn last line from a killed run must not glue itself to the next record.
    const size = fs.fstatSync(this.fd).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      const rfd = fs.openSync(file, 'r');
      try {
        fs.readSync(rfd, last, 0, 1, size - 1);
      } finally {
        fs.closeSync(rfd);
      }
      if (last[0] !== 0x0a) fs.writeSync(this.fd, '\n');
    }
  }

  append(rec: JournalRecord): void {
    fs.writeSync(this.fd, JSON.stringify(rec) + '\n');
    this.dirty = true;
    if (!this.timer) {
      this.timer = setTimeout(() => this.sync(), this.syncMs);
      this.timer.unref();
    }
  }

  sync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty && this.fd >= 0) {
      fs.fsyncSync(this.fd);
      this.dirty = false;
    }
  }

  close(): void {
    if (this.fd < 0) return;
    this.sync();
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}
