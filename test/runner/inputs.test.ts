// Bad input never reaches the model and never stops the batch: a missing prompt file, a malformed line, a
// corrupt WAV, a duplicate output name, an output name that tries to leave the output folder, an output that
// cannot be written. Each fails alone, named by its line; an unwritable output folder is a set-up error (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assertJournalMatchesDisk,
  assertLogFailure,
  assertLogSuccess,
  fixtureVoice,
  logLines,
  makeBatch,
  runCli,
  task,
  tempDir,
} from './helpers';

test('bad tasks fail alone with the validator message and their line; the good ones succeed', async (t) => {
  const dir = tempDir(t);
  const lines = [
    task('The first task is fine.', 'one'), // 1
    task('Its prompt file is missing.', 'two', 'prompt/missing.wav'), // 2
    '{"prompt_audio": "prompt/a.wav", "input_text": "trailing comma",}', // 3
    task('Its prompt is not a WAV at all.', 'four', 'prompt/corrupt.wav'), // 4
    task('Same output name as line one.', 'one'), // 5
    task('Tries to escape the output folder.', '../../x'), // 6
    '', // 7: blank, not a task
    task('Its output path is taken by a folder.', 'blocker'), // 8
    task('The last task is fine too.', 'last'), // 9
  ];
  makeBatch(dir, lines);
  fs.writeFileSync(path.join(dir, 'prompt', 'corrupt.wav'), Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunkjunk garbage that is no audio'));
  fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'out', 'blocker.wav', 'keep'), { recursive: true });
  const res = await runCli(['run', 'tasks.jsonl', '--out', 'out', '--voice', fixtureVoice('tone'), '--format', 'json'], { cwd: dir });
  assert.equal(res.code, 1, res.stderr);
  const out = path.join(dir, 'out');
  const journal = assertJournalMatchesDisk(out, path.join(out, 'tasks.results.jsonl'));
  const log = logLines(path.join(out, 'tasks.log'));

  for (const line of [1, 9]) {
    assert.equal(journal.get(line)?.status, 'succeeded');
    assertLogSuccess(log, line);
  }
  assert.equal(journal.get(2)?.errorKind, 'not-found');
  assertLogFailure(log, 2, /Audio file not found - prompt\/missing\.wav \(looked for .*missing\.wav\)/);
  assert.equal(journal.get(3)?.errorKind, 'invalid');
  assertLogFailure(log, 3, /Invalid input - /);
  assert.equal(journal.get(4)?.errorKind, 'invalid');
  assertLogFailure(log, 4, /Invalid input - /);
  assert.equal(journal.get(5)?.errorKind, 'invalid');
  assertLogFailure(log, 5, /duplicate output name "one": task 1 already writes one\.wav/);
  assert.equal(journal.get(6)?.errorKind, 'invalid');
  assertLogFailure(log, 6, /Invalid (input - Output name|output name) "\.\.\/\.\.\/x" .*(\.\.|outside the output folder)/);
  assert.ok(!fs.existsSync(path.join(dir, 'x.wav')) && !fs.existsSync(path.join(path.dirname(dir), 'x.wav')), 'nothing written outside');
  assert.equal(journal.get(7), undefined, 'a blank line is not a task');
  assert.equal(journal.get(8)?.errorKind, 'write-error');
  assertLogFailure(log, 8, /Cannot write output - /);
  assert.ok(fs.statSync(path.join(out, 'blocker.wav', 'keep')).isDirectory(), 'what was in the way is untouched');

  // The invalid tasks never reached the model: only lines 1, 8 and 9 were started.
  const started = res.events.filter((e) => e.type === 'task-started').map((e) => e.line);
  assert.deepEqual(started.sort((a, b) => a - b), [1, 8, 9]);
  const finished = res.events.find((e) => e.type === 'batch-finished');
  assert.deepEqual(finished.failedLines.sort((a: number, b: number) => a - b), [2, 3, 4, 5, 6, 8]);
  assert.ok(log.some((l) => l.endsWith('✅ Batch completed: 2/8 tasks succeeded.')), log.join('\n'));
  // Validation failures carry the column of the offending text for the editor.
  const f3 = res.events.find((e) => e.type === 'task-failed' && e.line === 3);
  assert.match(f3.location, /tasks\.jsonl:3:\d+$/);
});

test('an output folder that cannot be created is a set-up error: exit 2, a plain message, nothing run', async (t) => {
  const dir = tempDir(t);
  makeBatch(dir, [task('Hello.', 'one')]);
  fs.writeFileSync(path.join(dir, 'file'), 'not a folder');
  const res = await runCli(['run', 'tasks.jsonl', '--out', 'file/out', '--voice', fixtureVoice('tone')], { cwd: dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /Cannot write to the output folder .*file\/out/);
  assert.doesNotMatch(res.stderr, /internal error|at .*\.js:\d+/);
});

test('a read-only output folder is a set-up error (skipped as root, who can write anywhere)', { skip: process.getuid?.() === 0 }, async (t) => {
  const dir = tempDir(t);
  makeBatch(dir, [task('Hello.', 'one')]);
  const out = path.join(dir, 'ro');
  fs.mkdirSync(out);
  fs.chmodSync(out, 0o555);
  t.after(() => fs.chmodSync(out, 0o755));
  const res = await runCli(['run', 'tasks.jsonl', '--out', 'ro', '--voice', fixtureVoice('tone')], { cwd: dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /Cannot write to the output folder/);
});

test('usage errors exit 2 with a plain message', async (t) => {
  const dir = tempDir(t);
  makeBatch(dir, [task('Hello.', 'one')]);
  for (const args of [['run'], ['run', 'missing.jsonl'], ['run', 'tasks.jsonl', '--workers', 'zero'], ['run', 'tasks.jsonl', '--voice', 'nope.onnx'], ['run', 'tasks.jsonl', '--only-lines', 'x']]) {
    const res = await runCli(args, { cwd: dir });
    assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
    assert.match(res.stderr, /^tts-batch run: /);
  }
});

test('a text over the length limit fails as invalid, or runs split with --auto-split', async (t) => {
  const dir = tempDir(t);
  const long = Array.from({ length: 60 }, (_, i) => `Sentence ${i} is here.`).join(' ');
  makeBatch(dir, [task('Short.', 'short'), task(long, 'long')]);
  const args = ['run', 'tasks.jsonl', '--out', 'out', '--voice', fixtureVoice('tone'), '--format', 'json'];
  const strict = await runCli(args, { cwd: dir });
  assert.equal(strict.code, 1);
  const failure = strict.events.find((e) => e.type === 'task-failed');
  assert.equal(failure.line, 2);
  assert.equal(failure.kind, 'invalid');
  assert.equal(failure.code, 'text-over-limit');
  const split = await runCli([...args, '--auto-split'], { cwd: dir });
  assert.equal(split.code, 0, split.stderr);
  assert.deepEqual(split.events.filter((e) => e.type === 'task-started').map((e) => e.line), [2]);
  assertJournalMatchesDisk(path.join(dir, 'out'), path.join(dir, 'out', 'tasks.results.jsonl'));
});
