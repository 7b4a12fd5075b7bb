// Tasks sent ahead to workers (pipelining) as users see it in a run: with several workers, a slow task does not
// hold back the tasks after it near the end of a batch, and a task's wall time counts from when its worker began it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureVoice, makeBatch, runCli, task, tempDir } from './helpers';

test('two workers, a slow first task: the other tasks go to the free worker, not queued behind it', async (t) => {
  const dir = tempDir(t);
  // The tone fixture, with "SLOW" taking 6 s (yielding, so heartbeats continue).
  const voice = path.join(dir, 'slow-voice.js');
  fs.writeFileSync(
    voice,
    `const tone = require(${JSON.stringify(fixtureVoice('tone'))});
     exports.load = async (ctx) => {
       const v = await tone.load(ctx);
       return { ...v, async synthesize(seg) {
         if (seg.text.includes('SLOW')) await new Promise((r) => setTimeout(r, 6000));
         return v.synthesize({ ...seg, text: seg.text.replace('SLOW', '') });
       } };
     };`,
  );
  makeBatch(dir, [task('SLOW first', 'one'), task('second', 'two'), task('third', 'three'), task('fourth', 'four')]);
  const res = await runCli(['run', 'tasks.jsonl', '--out', 'out', '--voice', voice, '--workers', '2', '--format', 'json'], { cwd: dir, timeoutMs: 60000 });
  assert.equal(res.code, 0, res.stderr);
  const done = res.events.filter((e) => e.type === 'task-succeeded');
  assert.deepEqual(done.map((e) => e.line), [2, 3, 4, 1], 'lines 2–4 ran on the second worker while line 1 was slow');
  // wallSeconds runs from the worker beginning the task: the quick ones are not charged for waiting.
  for (const e of done.slice(0, 3)) assert.ok(e.wallSeconds < 2, `line ${e.line} took ${e.wallSeconds} s`);
  assert.ok(done[3].wallSeconds >= 6);
});
