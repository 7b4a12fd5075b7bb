// The results journal `<output folder>/<batch name>.results.jsonl`: one JSON record per task, appended as each
// task finishes so a killed run loses nothing that was done. Reading keeps the last record of each line and
// skips a torn line (a run killed mid-write); each run starts and ends by compacting the file to one record per
// line, in line order. In memory the journal is an index of 78 bytes per line (status, hashes, where the record
// sits in the file), never the records themselves: a 100,000-task journal costs about 10 MB.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
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

const STATUS: TaskStatus[] = ['succeeded', 'failed', 'cancelled'];
const DIGESTS = 64; // per line: sha256 of the output file, then sha256 of (inputHash, output)

type HashOnce = (algorithm: string, data: string | Buffer, outputEncoding: 'hex') => string;
// crypto.hash (Node 20.12+) digests without a Hash object. A Hash object wraps native state, so V8 promotes it
// before it can be freed, and planning 100,000 lines made hundreds of thousands of them.
const hashOnce = (crypto as unknown as { hash?: HashOnce }).hash;

/** sha256 of a string (UTF-8) or bytes, hex. */
export function sha256Hex(data: string | Buffer): string {
  return hashOnce ? hashOnce('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

/** What resume compares: the task's fingerprint and its output name, in one digest (hex). */
export function doneKey(inputHash: string, output: string): string {
  return sha256Hex(`${inputHash}\0${output}`);
}

function isRecord(v: unknown): v is JournalRecord {
  const r = v as JournalRecord;
  return !!r && typeof r === 'object' && Number.isInteger(r.line) && r.line > 0 && STATUS.includes(r.status);
}

/** Latest journal facts per line, in typed arrays. */
export class JournalIndex {
  private status = new Uint8Array(1024); // 0 none, else 1 + STATUS index
  private offsets: Float64Array = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private digests = Buffer.alloc(1024 * DIGESTS);
  private hasDigest = new Uint8Array(1024);
  private readonly scratch = Buffer.alloc(32);
  maxLine = 0;

  private grow(line: number): void {
    if (line < this.status.length) return;
    let cap = this.status.length;
    while (cap <= line) cap *= 2;
    const s = new Uint8Array(cap);
    s.set(this.status);
    this.status = s;
    const o = new Float64Array(cap);
    o.set(this.offsets);
    this.offsets = o;
    const l = new Uint32Array(cap);
    l.set(this.lengths);
    this.lengths = l;
    const d = Buffer.alloc(cap * DIGESTS);
    this.digests.copy(d);
    this.digests = d;
    const h = new Uint8Array(cap);
    h.set(this.hasDigest);
    this.hasDigest = h;
  }

  /** Notes a record that sits at [offset, offset + length) of the journal file. */
  set(rec: JournalRecord, offset: number, length: number): void {
    this.grow(rec.line);
    this.status[rec.line] = 1 + STATUS.indexOf(rec.status);
    this.offsets[rec.line] = offset;
    this.lengths[rec.line] = length;
    const ok = rec.status === 'succeeded' && !!rec.sha256 && /^[0-9a-f]{64}$/.test(rec.sha256) && !!rec.inputHash && rec.output !== undefined;
    this.hasDigest[rec.line] = ok ? 1 : 0;
    if (ok) {
      this.digests.write(rec.sha256!, rec.line * DIGESTS, 32, 'hex');
      this.digests.write(doneKey(rec.inputHash!, rec.output!), rec.line * DIGESTS + 32, 32, 'hex');
    }
    if (rec.line > this.maxLine) this.maxLine = rec.line;
  }

  /** A fresh array for the offsets of a rewritten file (compaction). */
  newOffsets(): Float64Array {
    return new Float64Array(this.offsets.length);
  }

  /** The file was rewritten: records now sit at `offsets`, and the `dropped` lines are gone. */
  moved(offsets: Float64Array, dropped: number[]): void {
    this.offsets = offsets;
    for (const line of dropped) {
      this.status[line] = 0;
      this.hasDigest[line] = 0;
    }
    while (this.maxLine > 0 && !this.status[this.maxLine]) this.maxLine--;
  }

  statusOf(line: number): TaskStatus | undefined {
    const s = line < this.status.length ? this.status[line] : 0;
    return s ? STATUS[s - 1] : undefined;
  }

  /** Whether the line succeeded with an output digest on record: only then is `doneSha256` worth a key. */
  mayBeDone(line: number): boolean {
    return this.statusOf(line) === 'succeeded' && !!this.hasDigest[line];
  }

  /** The recorded output sha256 when the line succeeded with this fingerprint and output name (`doneKey`). */
  doneSha256(line: number, key: string): string | undefined {
    if (!this.mayBeDone(line)) return undefined;
    const at = line * DIGESTS;
    if (this.scratch.write(key, 0, 32, 'hex') !== 32 || this.digests.compare(this.scratch, 0, 32, at + 32, at + 64) !== 0) return undefined;
    return this.digests.toString('hex', at, at + 32);
  }

  *lines(): Generator<number> {
    for (let line = 1; line <= this.maxLine; line++) if (this.status[line]) yield line;
  }

  location(line: number): { offset: number; length: number } {
    return { offset: this.offsets[line], length: this.lengths[line] };
  }

  offsetOf(line: number): number {
    return this.offsets[line];
  }

  lengthOf(line: number): number {
    return this.lengths[line];
  }
}

/**
 * Calls back with each whole line of a file as `buf[start, end)` and its byte offset; a last line without "\n" is
 * passed too. One read buffer serves the whole file (a line's unfinished tail moves to its front), so reading a
 * 100,000-record journal allocates no buffer per chunk or per line.
 */
function forEachLine(file: string, cb: (buf: Buffer, start: number, end: number, offset: number) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(1 << 20);
    let filled = 0; // bytes of buf in use: an unfinished line carried over from the last read
    let bufAt = 0; // file offset of buf[0]
    for (;;) {
      if (filled === buf.length) {
        // One line longer than the buffer: make room for the rest of it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, filled, buf.length - filled, bufAt + filled);
      if (n === 0) break;
      const end = filled + n;
      const data = buf.subarray(0, end); // indexOf must not look at what an earlier read left past `end`
      let start = 0;
      for (let i = data.indexOf(0x0a, filled); i !== -1; i = data.indexOf(0x0a, start)) {
        cb(buf, start, i, bufAt + start);
        start = i + 1;
      }
      buf.copy(buf, 0, start, end);
      filled = end - start;
      bufAt += start;
    }
    if (filled) cb(buf, 0, filled, bufAt);
  } finally {
    fs.closeSync(fd);
  }
}

/** Index of the last record of each line. A missing journal is an empty one; unreadable lines are skipped. */
export function readJournal(file: string): JournalIndex {
  const index = new JournalIndex();
  if (!fs.existsSync(file)) return index;
  forEachLine(file, (buf, start, end, offset) => {
    if (end - start < 2) return;
    try {
      const rec = JSON.parse(buf.toString('utf8', start, end)) as unknown;
      if (isRecord(rec)) index.set(rec, offset, end - start);
    } catch {
      // A torn line from a run killed while appending: the task it described is simply run again.
    }
  });
  return index;
}

/** Every latest record, in line order (read back from the file through the index). */
export function* journalRecords(file: string, index: JournalIndex): Generator<JournalRecord> {
  if (!fs.existsSync(file)) return;
  const fd = fs.openSync(file, 'r');
  try {
    for (const line of index.lines()) {
      const { offset, length } = index.location(line);
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, offset);
      yield JSON.parse(buf.toString('utf8')) as JournalRecord;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Rewrites the journal as one record per line, in line order, atomically (temp file + rename), and returns the
 * index of the new file: `index` itself, updated (only the offsets change, so it is not copied). Lines for which
 * `keep` says no (no longer in the task file) are dropped. Records are read straight into one output buffer,
 * so a 100,000-record journal is rewritten without an allocation per record. If this throws, the file and the
 * index are as they were.
 */
export function compactJournal(file: string, index: JournalIndex, keep: (line: number) => boolean = () => true): JournalIndex {
  if (!fs.existsSync(file)) return new JournalIndex();
  const tmp = `${file}.${process.pid}.tmp`;
  const offsets = index.newOffsets();
  const dropped: number[] = [];
  const out = fs.openSync(tmp, 'w');
  const src = fs.openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    let pos = 0;
    for (const line of index.lines()) {
      if (!keep(line)) {
        dropped.push(line);
        continue;
      }
      const length = index.lengthOf(line);
      if (used + length + 1 > buf.length) {
        writeAll(out, buf, used);
        used = 0;
        if (length + 1 > buf.length) buf = Buffer.allocUnsafe(length + 1);
      }
      const n = fs.readSync(src, buf, used, length, index.offsetOf(line));
      if (n !== length) throw new Error(`the journal ${file} changed while it was being compacted`);
      buf[used + length] = 0x0a;
      used += length + 1;
      offsets[line] = pos;
      pos += length + 1;
    }
    writeAll(out, buf, used);
    fs.fsyncSync(out);
  } catch (err) {
    fs.closeSync(out);
    fs.closeSync(src);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(out);
  fs.closeSync(src);
  fs.renameSync(tmp, file);
  index.moved(offsets, dropped);
  return index;
}

function writeAll(fd: number, buf: Buffer, length: number): void {
  for (let at = 0; at < length; ) at += fs.writeSync(fd, buf, at, length - at);
}

/**
 * Appends records and keeps the index in step. Each record is one write(2) on an O_APPEND descriptor, so a
 * killed process leaves whole lines; fsync is grouped (at most every `syncMs`) so durability does not cost a
 * disk flush per task.
 */
export class JournalWriter {
  private fd: number;
  private size: number;
  private dirty = false;
  private syncing = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly file: string,
    private readonly index: JournalIndex,
    private readonly syncMs = 200,
  ) {
    this.fd = fs.openSync(file, 'a');
    this.size = fs.fstatSync(this.fd).size;
    // A torn last line from a killed run must not glue itself to the next record.
    if (this.size > 0) {
      const last = Buffer.alloc(1);
      const rfd = fs.openSync(file, 'r');
      try {
        fs.readSync(rfd, last, 0, 1, this.size - 1);
      } finally {
        fs.closeSync(rfd);
      }
      if (last[0] !== 0x0a) this.size += fs.writeSync(this.fd, '\n');
    }
  }

  append(rec: JournalRecord): void {
    const buf = Buffer.from(JSON.stringify(rec) + '\n', 'utf8');
    fs.writeSync(this.fd, buf);
    this.index.set(rec, this.size, buf.length - 1);
    this.size += buf.length;
    this.dirty = true;
    if (!this.timer) {
      this.timer = setTimeout(() => this.syncSoon(), this.syncMs);
      this.timer.unref();
    }
  }

  /** fsync off the main thread: a slow disk must not hold up the next task's dispatch. */
  private syncSoon(): void {
    this.timer = undefined;
    if (!this.dirty || this.fd < 0 || this.syncing) return;
    this.dirty = false;
    this.syncing = true;
    fs.fsync(this.fd, () => {
      this.syncing = false;
      if (this.dirty && !this.timer && this.fd >= 0) {
        this.timer = setTimeout(() => this.syncSoon(), this.syncMs);
        this.timer.unref();
      }
    });
  }

  close(): void {
    if (this.fd < 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}
