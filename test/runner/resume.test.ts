// Picking up where a batch stopped: after kill -9 of the CLI every task is done exactly once with no partial
// WAV and a complete journal; reruns skip what is done (and redo what changed); --retry-failed after fixing a
// file; --write-failed; --only-lines; --force.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assertJournalMatchesDisk,
  assertLogFailure,
  assertLogSuccess,
  collect,
  fixtureVoice,
  lastRun,
  logLines,
  makeBatch,
  readJournalFile,
  runCli,
  runnerFixture,
  startCli,
  task,
  tempDir,
  writeWav,
} from './helpers';

test('kill -9 of the CLI mid-batch, then a rerun: every task done exactly once, no partial WAV, journal complete', async (t) => {
  const dir = tempDir(t);
  const n = 12;
  makeBatch(dir, Array.from({ length: n }, (_, i) => task(`Sentence number ${i + 1}.`, `clip_${i + 1}`)));
  const countFile = path.join(dir, 'count.txt');
  const env = { TTS_COUNT_FILE: countFile, TTS_DELAY_MS: '150' };
  const args = ['run', 'tasks.jsonl', '--out', 'out', '--voice', runnerFixture('counting'), '--workers', '2', '--format', 'json'];
  const child = startCli(args, { cwd: dir, env });
  let successes = 0;
  const first = await collect(child, 60000, (line) => {
    if (line.includes('"task-succeeded"') && ++successes === 4) child.kill('SIGKILL');
  });
  assert.equal(first.signal, 'SIGKILL');
  const journalFile = path.join(dir, 'out', 'tasks.results.jsonl');
  const doneFirst = new Set(readJournalFile(journalFile).filter((r) => r.status === 'succeeded').map((r) => r.line));
  assert.ok(doneFirst.size >= 4 && doneFirst.size < n, `run 1 finished ${doneFirst.size} tasks before the kill`);
  await new Promise((r) => setTimeout(r, 500)); // orphaned workers notice the parent is gone

  const second = await runCli(args, { cwd: dir, env });
  assert.equal(second.code, 0, second.stderr);
  const journal = assertJournalMatchesDisk(path.join(dir, 'out'), journalFile);
  assert.equal(journal.size, n);
  for (let line = 1; line <= n; line++) assert.equal(journal.get(line)?.status, 'succeeded', `line ${line}`);
  const skipped = second.events.filter((e) => e.type === 'task-skipped').map((e) => e.line);
  const started = second.events.filter((e) => e.type === 'task-started').map((e) => e.line);
  assert.deepEqual(new Set(skipped), doneFirst, 'the rerun skips exactly what run 1 finished');
  assert.equal(started.length + skipped.length, n, 'and runs each of the others once');
  for (const line of started) assert.ok(!doneFirst.has(line));
  // Tasks journaled in run 1 were synthesized exactly once over both runs.
  const counts = new Map<string, number>();
  for (const l of fs.readFileSync(countFile, 'utf8').split('\n').filter(Boolean)) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const line of doneFirst) assert.equal(counts.get(`Sentence number ${line}.`), 1, `line ${line} synthesized once`);
  assert.ok(!fs.existsSync(path.join(dir, 'out', '.tts-batch')), 'no temp files or lock left');
  const log = logLines(path.join(dir, 'out', 'tasks.log'));
  assert.ok(lastRun(log).some((l) => l.endsWith(`✅ Batch completed: ${n}/${n} tasks succeeded.`)), lastRun(log).join('\n'));
});

test('a rerun skips done tasks, redoes changed or damaged ones; --force and --only-lines rerun', async (t) => {
  const dir = tempDir(t);
  const lines = [task('One.', 'a'), task('Two.', 'b'), task('Three.', 'c')];
  const file = makeBatch(dir, lines);
  const voice = fixtureVoice('tone');
  const args = ['run', 'tasks.jsonl', '--out', 'out', '--voice', voice, '--format', 'json'];
  const started = (r: { events: any[] }) => r.events.filter((e) => e.type === 'task-started').map((e) => e.line).sort();
  assert.equal((await runCli(args, { cwd: dir })).code, 0);

  const again = await runCli(args, { cwd: dir });
  assert.equal(again.code, 0);
  assert.deepEqual(started(again), []);
  assert.deepEqual(again.events.filter((e) => e.type === 'task-skipped').map((e) => e.line), [1, 2, 3]);

  lines[2] = task('Three, changed.', 'c');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'out', 'a.wav'), 'damaged');
  const third = await runCli(args, { cwd: dir });
  assert.equal(third.code, 0);
  assert.deepEqual(started(third), [1, 3], 'the damaged output and the changed line rerun');
  assertJournalMatchesDisk(path.join(dir, 'out'), path.join(dir, 'out', 'tasks.results.jsonl'));

  assert.deepEqual(started(await runCli([...args, '--seed', '7'], { cwd: dir })), [1, 2, 3], 'another seed is other audio');
  assert.deepEqual(started(await runCli([...args, '--seed', '7', '--force'], { cwd: dir })), [1, 2, 3]);
  assert.deepEqual(started(await runCli([...args, '--seed', '7', '--only-lines', '2'], { cwd: dir })), [2]);
  assertJournalMatchesDisk(path.join(dir, 'out'), path.join(dir, 'out', 'tasks.results.jsonl'));
});

test('--retry-failed after fixing a file runs only the failed task; --write-failed writes its original line', async (t) => {
  const dir = tempDir(t);
  const lines = [task('One.', 'a'), task('Two needs b.wav.', 'b', 'prompt/b.wav'), task('Three.', 'c')];
  makeBatch(dir, lines);
  const args = ['run', 'tasks.jsonl', '--out', 'out', '--voice', fixtureVoice('tone'), '--format', 'json'];
  const first = await runCli([...args, '--write-failed', 'failed.jsonl'], { cwd: dir });
  assert.equal(first.code, 1);
  assert.equal(fs.readFileSync(path.join(dir, 'failed.jsonl'), 'utf8'), lines[1] + '\n');
  assertLogFailure(logLines(path.join(dir, 'out', 'tasks.log')), 2, /Audio file not found/);

  writeWav(path.join(dir, 'prompt', 'b.wav'));
  const retry = await runCli([...args, '--retry-failed'], { cwd: dir });
  assert.equal(retry.code, 0, retry.stderr);
  assert.deepEqual(retry.events.filter((e) => e.type === 'task-started').map((e) => e.line), [2]);
  const log = logLines(path.join(dir, 'out', 'tasks.log'));
  assertLogSuccess(log, 2);
  assert.ok(lastRun(log).some((l) => l.endsWith('✅ Batch completed: 1/1 tasks succeeded.')), lastRun(log).join('\n'));
  const journal = assertJournalMatchesDisk(path.join(dir, 'out'), path.join(dir, 'out', 'tasks.results.jsonl'));
  assert.deepEqual([...journal.values()].map((r) => r.status), ['succeeded', 'succeeded', 'succeeded']);
});

test('a torn last journal line (a run killed mid-append) is tolerated', async (t) => {
  const dir = tempDir(t);
  makeBatch(dir, [task('One.', 'a'), task('Two.', 'b')]);
  const args = ['run', 'tasks.jsonl', '--out', 'out', '--voice', fixtureVoice('tone'), '--format', 'json'];
  assert.equal((await runCli(args, { cwd: dir })).code, 0);
  const journalFile = path.join(dir, 'out', 'tasks.results.jsonl');
  const text = fs.readFileSync(journalFile, 'utf8').trimEnd().split('\n');
  fs.writeFileSync(journalFile, text[0] + '\n' + text[1].slice(0, 25)); // line 2's record torn
  const again = await runCli(args, { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(again.events.filter((e) => e.type === 'task-started').map((e) => e.line), [2]);
  assertJournalMatchesDisk(path.join(dir, 'out'), journalFile);
});
