// The runner's small pure pieces: output names that stay inside the output folder, the length-scaled timeout,
// line lists, the log's own wording and its parser (which `explain` relies on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveOutputName } from '../../inference/runner/outputPaths';
import { taskTimeoutSeconds, batchNameOf } from '../../inference/runner/options';
import { compactLines, describeEvent, parseOwnLogLine } from '../../inference/runner/logFormat';
import { parseLineList } from '../../cli/commands/run';
import { pythonStr } from '../../inference/runner/explain';

test('output names stay inside the output folder', () => {
  const out = path.resolve('/tmp/out');
  for (const bad of ['../../x', '/etc/passwd', 'a/../../b', 'C:\\x', '\\\\server\\share', '', '  ', 'a\u0000b', '..']) {
    const r = resolveOutputName(bad, out, 'linux');
    assert.equal(r.ok, false, `refused: ${JSON.stringify(bad)}`);
  }
  const ok = resolveOutputName('sub/dir/utt_1', out, 'linux');
  assert.ok(ok.ok);
  assert.equal(ok.relative, 'sub/dir/utt_1.wav');
  assert.equal(ok.absolute, path.join(out, 'sub', 'dir', 'utt_1.wav'));
  const wav = resolveOutputName('out/001.wav', out, 'linux');
  assert.ok(wav.ok && wav.relative === 'out/001.wav', 'an IndexTTS2 output path keeps its extension');
  const a = resolveOutputName('Clip', out, 'darwin');
  const b = resolveOutputName('clip', out, 'darwin');
  assert.ok(a.ok && b.ok && a.key === b.key, 'case-folding file systems see one file');
  const c = resolveOutputName('Clip', out, 'linux');
  const d = resolveOutputName('clip', out, 'linux');
  assert.ok(c.ok && d.ok && c.key !== d.key);
});

test('the default timeout grows with the text; --timeout fixes it', () => {
  assert.equal(taskTimeoutSeconds(0), 60);
  assert.equal(taskTimeoutSeconds(100), 160);
  assert.ok(taskTimeoutSeconds(1e6) <= 1800);
  assert.equal(taskTimeoutSeconds(100, 5), 5);
  assert.equal(batchNameOf('/a/b/tasks.jsonl'), 'tasks');
});

test('line lists: parse and print', () => {
  assert.deepEqual(parseLineList('3,17,5-7'), [3, 17, 5, 6, 7]);
  assert.equal(parseLineList('x'), undefined);
  assert.equal(parseLineList('0'), undefined);
  assert.equal(parseLineList('5-3'), undefined);
  assert.equal(compactLines([17, 3, 5, 6, 7, 9, 10]), '3,5-7,9,10,17');
});

test('the log says what users know, and explain parses it back', () => {
  const ctx = { taskFileArg: 'examples/tasks.jsonl' };
  const ok = describeEvent(
    { type: 'task-succeeded', time: '', line: 16, outputName: 'output_016', outputPath: '/x', audioSeconds: 2.31, wallSeconds: 0.5, synthSeconds: 0.4, rtf: 0.17 },
    ctx,
  )!;
  assert.equal(ok[0], '[✓] Task 16 succeeded: output_016 (examples/tasks.jsonl:16, 2.31 s audio in 0.40 s, RTF 0.17)');
  const bad = describeEvent(
    { type: 'task-failed', time: '', line: 17, column: 1, kind: 'not-found', message: 'Audio file not found - examples/prompt/audio17.wav' },
    ctx,
  )!;
  assert.equal(bad[0], '[✗] Task 17 failed: Audio file not found - examples/prompt/audio17.wav (examples/tasks.jsonl:17)');
  assert.deepEqual(parseOwnLogLine(`2026-11-26 01:45:31.123 ${bad[0]}`), {
    kind: 'failed',
    line: 17,
    message: 'Audio file not found - examples/prompt/audio17.wav',
    file: 'examples/tasks.jsonl',
  });
  const end = describeEvent(
    { type: 'batch-finished', time: '', succeeded: 49, failed: 1, skipped: 0, cancelled: 0, total: 50, failedLines: [17], logFile: 'l', journalFile: 'j' },
    ctx,
  )!;
  assert.equal(end[0], '✅ Batch completed: 49/50 tasks succeeded.');
  assert.equal(end[1], 'Failed task lines (1): 17');
});

test('uttids print like Python prints them', () => {
  assert.equal(pythonStr(0), '0');
  assert.equal(pythonStr('a'), 'a');
  assert.equal(pythonStr(true), 'True');
  assert.equal(pythonStr(null), 'None');
});

test('the journal index keeps the last record per line, skips torn lines, and compacts in line order', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const { readJournal, compactJournal, journalRecords, JournalWriter, doneKey } = await import('../../inference/runner/journal');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tts-journal-'));
  try {
    const file = path.join(dir, 'j.results.jsonl');
    const rec = (line: number, status: 'succeeded' | 'failed', extra: object = {}) => JSON.stringify({ line, status, seed: 42, sampleRate: 24000, finishedAt: 'x', ...extra });
    const sha = 'ab'.repeat(32);
    fs.writeFileSync(file, [rec(3, 'failed'), rec(1, 'succeeded', { sha256: sha, inputHash: 'h1', output: 'a.wav' }), rec(3, 'succeeded'), '{"line": 2, "sta'].join('\n'));
    const index = readJournal(file);
    assert.equal(index.statusOf(1), 'succeeded');
    assert.equal(index.statusOf(2), undefined, 'torn record ignored');
    assert.equal(index.statusOf(3), 'succeeded', 'last record wins');
    assert.equal(index.doneSha256(1, doneKey('h1', 'a.wav')), sha);
    assert.equal(index.doneSha256(1, doneKey('h2', 'a.wav')), undefined, 'another fingerprint is not done');
    const compacted = compactJournal(file, index);
    assert.deepEqual(fs.readFileSync(file, 'utf8').trim().split('\n').map((l: string) => JSON.parse(l).line), [1, 3]);
    const w = new JournalWriter(file, compacted);
    w.append({ line: 2, status: 'failed', errorKind: 'timeout', seed: 42, sampleRate: 24000, finishedAt: 'y' });
    w.close();
    assert.deepEqual([...journalRecords(file, compacted)].map((r) => `${r.line}:${r.status}`), ['1:succeeded', '2:failed', '3:succeeded']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
