// Resume at scale: the journal is read and compacted through fixed buffers (records that straddle a read, one
// longer than the buffer), and done outputs are confirmed by hashing them a few at a time, over several batches,
// files longer than one read included. Whatever was damaged on disk runs again; nothing else does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compactJournal, JournalWriter, journalRecords, readJournal, type JournalRecord } from '../../inference/runner/journal';
import { assertJournalMatchesDisk, makeBatch, runCli, task, tempDir } from './helpers';

test('the journal reads and compacts records across read boundaries, a 2.5 MB record included, and keeps the index in step', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'j.results.jsonl');
  const rec = (line: number, status: JournalRecord['status'], extra: Partial<JournalRecord> = {}): JournalRecord => ({
    line,
    status,
    seed: 42,
    sampleRate: 24000,
    finishedAt: `2026-01-01T00:00:00.${String(line % 1000).padStart(3, '0')}Z`,
    message: `record of line ${line} ${'x'.repeat(400 + (line % 97))}`,
    ...extra,
  });
  const latest = new Map<number, JournalRecord>();
  const written: string[] = [];
  const add = (r: JournalRecord) => {
    written.push(JSON.stringify(r));
    latest.set(r.line, r);
  };
  for (let line = 1; line <= 3000; line++) add(rec(line, line % 7 === 0 ? 'failed' : 'cancelled'));
  add(rec(1500, 'failed', { message: 'é'.repeat(1_250_000) })); // 2.5 MB of UTF-8: longer than the read buffer
  for (let line = 1; line <= 3000; line += 3) add(rec(line, 'succeeded', { sha256: 'cd'.repeat(32), inputHash: `h${line}`, output: `t${line}.wav` }));
  fs.writeFileSync(file, written.join('\n') + '\n{"line": 3001, "status": "succ'); // torn last line
  assert.ok(fs.statSync(file).size > 4 * 1024 * 1024);

  const index = readJournal(file);
  assert.equal(index.maxLine, 3000, 'the torn record is skipped');
  const expected = [...latest.keys()].sort((a, b) => a - b).map((l) => latest.get(l)!);
  assert.deepEqual([...journalRecords(file, index)], expected, 'each line reads back its last record, byte for byte');

  const compacted = compactJournal(file, index, (line) => line <= 2500);
  const kept = expected.filter((r) => r.line <= 2500);
  assert.equal(fs.readFileSync(file, 'utf8'), kept.map((r) => JSON.stringify(r)).join('\n') + '\n', 'one record per line, in line order');
  assert.equal(compacted.maxLine, 2500);
  assert.equal(compacted.statusOf(2501), undefined, 'a dropped line is gone from the index');
  assert.equal(compacted.statusOf(1500), 'failed');
  assert.deepEqual([...journalRecords(file, compacted)], kept, 'the index points into the rewritten file');
  assert.deepEqual(fs.readdirSync(dir), ['j.results.jsonl'], 'no temp file left');

  const w = new JournalWriter(file, compacted);
  w.append(rec(2600, 'succeeded'));
  w.close();
  assert.deepEqual([...journalRecords(file, compacted)].slice(-1), [rec(2600, 'succeeded')]);
  assert.deepEqual([...journalRecords(file, readJournal(file))], [...kept, rec(2600, 'succeeded')], 'a fresh read agrees with the kept index');
});

// Outputs of about 1 KB, and 96 KB (more than one 64 KB read) for texts that say "long".
const quickVoice = `'use strict';
exports.load = async () => ({
  info: { name: 'quick test voice', sampleRate: 24000 },
  synthesize: (seg) => {
    const n = seg.text.includes('long') ? 48000 : 480;
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = 0.2 * Math.sin((i * (200 + seg.text.length)) / 1000);
    return a;
  },
});
`;

test('a rerun over 700 finished tasks hashes every output and reruns exactly the damaged ones', async (t) => {
  const dir = tempDir(t);
  const voice = path.join(dir, 'quick-voice.js');
  fs.writeFileSync(voice, quickVoice);
  const n = 700; // more than two hashing batches of 256
  const lines = Array.from({ length: n }, (_, i) => task(`Task ${i + 1}${(i + 1) % 50 === 0 ? ', a long one' : ''}.`, `t${i + 1}`));
  makeBatch(dir, lines);
  const out = path.join(dir, 'out');
  const args = ['run', 'tasks.jsonl', '--out', 'out', '--voice', voice, '--workers', '1', '--format', 'json'];
  const started = (r: { events: any[] }) => r.events.filter((e) => e.type === 'task-started').map((e) => e.line).sort((a: number, b: number) => a - b);
  const skipped = (r: { events: any[] }) => r.events.filter((e) => e.type === 'task-skipped').length;

  const first = await runCli(args, { cwd: dir, timeoutMs: 120000 });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(fs.statSync(path.join(out, 't100.wav')).size > 64 * 1024, true, 'a long output needs more than one read');

  const flipByte = (name: string, at: number) => {
    const buf = fs.readFileSync(path.join(out, name));
    buf[at] ^= 0xff;
    fs.writeFileSync(path.join(out, name), buf);
  };
  flipByte('t7.wav', 100); // same size, other content
  flipByte('t300.wav', 70 * 1024); // past the first 64 KB read of a long output
  fs.rmSync(path.join(out, 't450.wav'));
  fs.rmSync(path.join(out, 't451.wav'));
  fs.mkdirSync(path.join(out, 't451.wav')); // a folder where the WAV was: not done; the run reports it
  fs.appendFileSync(path.join(out, 't600.wav'), Buffer.alloc(10)); // longer
  let fifo = false;
  if (process.platform !== 'win32') {
    fs.rmSync(path.join(out, 't650.wav'));
    fifo = spawnSync('mkfifo', [path.join(out, 't650.wav')]).status === 0; // must not hang the plan
  }

  const second = await runCli(args, { cwd: dir, timeoutMs: 120000 });
  const damaged = [7, 300, 450, 451, 600, ...(fifo ? [650] : [])];
  assert.deepEqual(started(second), damaged, second.stderr);
  assert.equal(skipped(second), n - damaged.length);
  const failed = second.events.filter((e) => e.type === 'task-failed');
  assert.deepEqual(failed.map((e) => e.line), [451], 'only the folder in the way fails');
  assert.equal(second.code, 1);

  fs.rmdirSync(path.join(out, 't451.wav'));
  const third = await runCli(args, { cwd: dir, timeoutMs: 120000 });
  assert.equal(third.code, 0, third.stderr);
  assert.deepEqual(started(third), [451]);
  const fourth = await runCli(args, { cwd: dir, timeoutMs: 120000 });
  assert.deepEqual(started(fourth), [], 'everything intact: nothing runs');
  assert.equal(skipped(fourth), n);
  assertJournalMatchesDisk(out, path.join(out, 'tasks.results.jsonl'));
});
