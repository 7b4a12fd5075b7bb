// Stopping a batch (SIGTERM / Ctrl+C to the CLI, an AbortSignal through the API) is clean: finished tasks stay,
// unfinished ones are journaled `cancelled`, nothing is half-written, and a rerun finishes the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBatch } from '../../inference/runner';
import {
  assertJournalMatchesDisk,
  collect,
  dist,
  lastRun,
  logLines,
  makeBatch,
  runCli,
  runnerFixture,
  startCli,
  task,
  tempDir,
} from './helpers';

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} mid-batch: unfinished tasks cancelled, nothing half-written, a rerun finishes the rest`, async (t) => {
    const dir = tempDir(t);
    const n = 8;
    makeBatch(dir, Array.from({ length: n }, (_, i) => task(`Line ${i + 1}.`, `c${i + 1}`)));
    const args = ['run', 'tasks.jsonl', '--out', 'out', '--voice', runnerFixture('counting'), '--format', 'json'];
    const env = { TTS_DELAY_MS: '300' };
    const child = startCli(args, { cwd: dir, env });
    let successes = 0;
    const res = await collect(child, 60000, (line) => {
      if (line.includes('"task-succeeded"') && ++successes === 2) child.kill(signal);
    });
    assert.equal(res.code, 1, res.stderr);
    const out = path.join(dir, 'out');
    const journal = assertJournalMatchesDisk(out, path.join(out, 'tasks.results.jsonl'));
    assert.equal(journal.size, n, 'every task has a record');
    const statuses = [...journal.values()].map((r) => r.status);
    assert.ok(statuses.filter((s) => s === 'succeeded').length >= 2);
    assert.ok(statuses.filter((s) => s === 'cancelled').length >= 1);
    assert.ok(statuses.every((s) => s === 'succeeded' || s === 'cancelled'), statuses.join(','));
    for (const r of journal.values()) if (r.status === 'cancelled') assert.equal(r.errorKind, 'cancelled');
    const finished = res.events.find((e) => e.type === 'batch-finished');
    assert.equal(finished.stopped, true);
    assert.ok(!fs.existsSync(path.join(out, '.tts-batch')), 'temp files and lock removed');
    const log = lastRun(logLines(path.join(out, 'tasks.log')));
    assert.ok(log.some((l) => /⏹ Batch stopped: \d+\/8 tasks succeeded, \d+ cancelled\./.test(l)), log.join('\n'));
    const cancelledLine = [...journal.values()].find((r) => r.status === 'cancelled')!.line;
    assert.ok(log.some((l) => l.includes(`[✗] Task ${cancelledLine} failed: Cancelled`) && l.endsWith(`(tasks.jsonl:${cancelledLine})`)));

    const rerun = await runCli(args, { cwd: dir, env: { TTS_DELAY_MS: '10' } });
    assert.equal(rerun.code, 0, rerun.stderr);
    const after = assertJournalMatchesDisk(out, path.join(out, 'tasks.results.jsonl'));
    assert.ok([...after.values()].every((r) => r.status === 'succeeded'));
  });
}

test('an AbortSignal through the API stops the batch the same way', async (t) => {
  const dir = tempDir(t);
  makeBatch(dir, Array.from({ length: 6 }, (_, i) => task(`Line ${i + 1}.`, `c${i + 1}`)));
  const controller = new AbortController();
  const prev = process.env.TTS_DELAY_MS;
  const summary = await runBatch(
    {
      taskFile: 'tasks.jsonl',
      cwd: dir,
      outputDir: 'out',
      voice: { kind: 'module', modulePath: runnerFixture('counting') },
      workerPath: path.join(dist, 'worker.js'),
      workerEnv: { TTS_DELAY_MS: '300' },
    },
    (e) => {
      if (e.type === 'task-succeeded') controller.abort();
    },
    controller.signal,
  );
  process.env.TTS_DELAY_MS = prev;
  assert.equal(summary.stopped, true);
  assert.ok(summary.succeeded >= 1 && summary.cancelled >= 1, JSON.stringify(summary));
  assert.equal(summary.succeeded + summary.cancelled, 6);
  const journal = assertJournalMatchesDisk(path.join(dir, 'out'), summary.journalFile);
  assert.equal(journal.size, 6);
});
