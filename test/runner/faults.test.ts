// Faults injected through fixture voices (no switch in production code): a hang, a silent (heartbeat-less)
// hang, a crash, a memory blow-up past the V8 heap limit and one past the runner's RSS ceiling, a model error.
// In each, the bad task fails alone with the right kind, its worker is replaced, and the later tasks succeed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  assertJournalMatchesDisk,
  assertLogFailure,
  assertLogSuccess,
  fixtureVoice,
  logLines,
  makeBatch,
  runCli,
  runnerFixture,
  task,
  tempDir,
} from './helpers';

async function runFault(t: any, voice: string, badText: string, extra: string[]) {
  const dir = tempDir(t);
  makeBatch(dir, [task('First task works.', 'one'), task(`This one ${badText} here.`, 'two'), task('Third task works.', 'three'), task('Fourth too.', 'four')]);
  const res = await runCli(['run', 'tasks.jsonl', '--out', 'out', '--voice', voice, '--format', 'json', ...extra], { cwd: dir, timeoutMs: 90000 });
  const out = path.join(dir, 'out');
  const journal = assertJournalMatchesDisk(out, path.join(out, 'tasks.results.jsonl'));
  const log = logLines(path.join(out, 'tasks.log'));
  for (const line of [1, 3, 4]) {
    assert.equal(journal.get(line)?.status, 'succeeded', `line ${line} succeeded: ${res.stdout}\n${res.stderr}`);
    // Tasks sent ahead to a worker that another task took down run again, not counted against them.
    assert.equal(journal.get(line)?.attempts, 1, `line ${line} counted one attempt`);
    assertLogSuccess(log, line);
  }
  assert.equal(res.code, 1, 'exit 1: a task failed');
  const finished = res.events.find((e) => e.type === 'batch-finished');
  assert.deepEqual(finished.failedLines, [2]);
  assert.equal(finished.succeeded, 3);
  return { res, journal, log, failure: res.events.find((e) => e.type === 'task-failed') };
}

test('a task that hangs times out, its worker is replaced and the later tasks succeed', async (t) => {
  const { journal, log, failure, res } = await runFault(t, fixtureVoice('hang'), 'HANG', ['--timeout', '2']);
  assert.equal(journal.get(2)?.errorKind, 'timeout');
  assertLogFailure(log, 2, /Timeout after 2 s - worker restarted/);
  assert.equal(failure.line, 2);
  assert.match(failure.location, /tasks\.jsonl:2:1$/);
  // The next task started right after the deadline: the loaded standby worker took over.
  const failedAt = Date.parse(failure.time);
  const next = res.events.find((e) => e.type === 'task-started' && Date.parse(e.time) >= failedAt);
  assert.ok(next, 'a task started after the timeout');
  assert.ok(Date.parse(next.time) - failedAt < 1500, `next task started ${Date.parse(next.time) - failedAt} ms after the timeout`);
});

test('a task that blocks its worker (no heartbeats) is failed as a timeout by the heartbeat watchdog', async (t) => {
  const { journal, log } = await runFault(t, fixtureVoice('hang'), 'SILENT', ['--timeout', '60', '--heartbeat-timeout', '2']);
  assert.equal(journal.get(2)?.errorKind, 'timeout');
  assertLogFailure(log, 2, /no heartbeat from the worker for \d+(\.\d)? s - worker restarted/);
});

test('a task that crashes its worker fails as crashed after one retry on a fresh worker', async (t) => {
  const { journal, log } = await runFault(t, fixtureVoice('crash'), 'CRASH', []);
  const rec = journal.get(2)!;
  assert.equal(rec.errorKind, 'crashed');
  assert.equal(rec.attempts, 2, 'retried once, not forever');
  assertLogFailure(log, 2, /Worker crashed: .*SIGABRT.*took down 2 workers/);
  assert.ok(log.some((l) => /\[!\] Task 2 warning: Worker crashed.*retrying on a fresh worker \(tasks\.jsonl:2\)$/.test(l)));
});

test('a worker over the V8 heap limit fails its task as out-of-memory', async (t) => {
  const { journal, log } = await runFault(t, fixtureVoice('oom'), 'OOM', ['--max-worker-memory', '300']);
  assert.equal(journal.get(2)?.errorKind, 'out-of-memory');
  assertLogFailure(log, 2, /Out of memory/);
});

test('a worker over the RSS ceiling (native memory) is killed by the watchdog: out-of-memory', async (t) => {
  const { journal, log } = await runFault(t, runnerFixture('bufferHog'), 'HOG', ['--max-worker-memory', '400']);
  assert.equal(journal.get(2)?.errorKind, 'out-of-memory');
  assertLogFailure(log, 2, /Out of memory: worker used \d+ MB, over the ceiling of 400 MB - worker restarted/);
});

test('a model error fails the task alone and keeps the worker', async (t) => {
  const { journal, log, res } = await runFault(t, fixtureVoice('tone'), 'FAIL', []);
  assert.equal(journal.get(2)?.errorKind, 'model-error');
  assertLogFailure(log, 2, /Unexpected error - .*failure requested/);
  assert.ok(!res.events.some((e) => e.type === 'log' && /retrying/.test(e.message)));
});
