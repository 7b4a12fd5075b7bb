// `tts-batch explain LOG TASKFILE` points the errors of a run log at task lines: our own logs, GLM-TTS logs
// (through uttid, including a run that died and a file GLM-TTS could not parse) and IndexTTS2 logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureVoice, makeBatch, runCli, task, tempDir } from './helpers';

test('our own log: failed tasks come back as tasks.jsonl:N: message (the latest run counts)', async (t) => {
  const dir = tempDir(t);
  makeBatch(dir, [task('One.', 'a'), task('Two.', 'b', 'prompt/missing.wav'), task('Three FAIL.', 'c')]);
  const run = await runCli(['run', 'tasks.jsonl', '--out', 'out', '--voice', fixtureVoice('tone')], { cwd: dir });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /\[✗\] Task 2 failed: Audio file not found.*\(tasks\.jsonl:2\)/);
  const res = await runCli(['explain', 'out/tasks.log', 'tasks.jsonl'], { cwd: dir });
  assert.equal(res.code, 1, res.stderr);
  const lines = res.stdout.trim().split('\n');
  assert.match(lines[0], /^tasks\.jsonl:2: Audio file not found/);
  assert.match(lines[1], /^tasks\.jsonl:3: Unexpected error - /);
  assert.match(lines[2], /^2 error\(s\) in this tts-batch log\.$/);
});

test('GLM-TTS log: errors matched through uttid, duplicate uttids named, a run that died located', async (t) => {
  const dir = tempDir(t);
  const tasks = [
    { uttid: 0, prompt_text: 'a', prompt_speech: 'examples/prompt/jiayan_zh.wav', syn_text: '你好' },
    { uttid: 'utt_b', prompt_text: 'a', prompt_speech: 'examples/prompt/jiayan_zh.wav', syn_text: '世界' },
    { uttid: 'utt_b', prompt_text: 'a', prompt_speech: 'examples/prompt/jiayan_zh.wav', syn_text: '重复' },
    { uttid: 3, prompt_text: 'a', prompt_speech: 'examples/prompt/jiayan_zh.wav', syn_text: '最后' },
  ];
  fs.writeFileSync(path.join(dir, 'example_zh.jsonl'), tasks.map((x) => JSON.stringify(x)).join('\n'));
  fs.writeFileSync(
    path.join(dir, 'glm.log'),
    [
      '2025-12-20 10:00:00,001 - INFO - Output folder: /x/outputs/pretrain_test/example_zh',
      '2025-12-20 10:00:00,002 - INFO - Using jsonl: examples/example_zh.jsonl',
      '2025-12-20 10:00:01,000 - INFO - Processing: 0, Syn_text: 你好',
      '2025-12-20 10:00:02,000 - INFO - Processing: utt_b, Syn_text: 世界',
      '2025-12-20 10:00:02,500 - ERROR - Error processing utt_b: CUDA out of memory. Tried to allocate 2.00 GiB',
      'Traceback (most recent call last):',
      '  File "glmtts_inference.py", line 200, in main',
      'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB',
      '2025-12-20 10:00:03,000 - INFO - Processing: 3, Syn_text: 最后',
      'Traceback (most recent call last):',
      '  File "glmtts_inference.py", line 210, in main',
      'RuntimeError: CUDA error: device-side assert triggered',
    ].join('\n'),
  );
  const res = await runCli(['explain', 'glm.log', 'example_zh.jsonl'], { cwd: dir });
  assert.equal(res.code, 1, res.stderr);
  const out = res.stdout;
  assert.match(out, /^example_zh\.jsonl:2: CUDA out of memory\. Tried to allocate 2\.00 GiB \(uttid utt_b is used on lines 2, 3/m);
  assert.match(out, /^example_zh\.jsonl:3: CUDA out of memory/m);
  assert.match(out, /^example_zh\.jsonl:4: The run stopped while processing this task: RuntimeError: CUDA error: device-side assert triggered/m);
  assert.match(out, /3 error\(s\) in this GLM-TTS log/);
});

test('GLM-TTS log of a file it could not parse: the blank line is found', async (t) => {
  const dir = tempDir(t);
  const line = JSON.stringify({ uttid: 0, prompt_text: 'a', prompt_speech: 'p.wav', syn_text: 'b' });
  fs.writeFileSync(path.join(dir, 'ex.jsonl'), `${line}\n${line}\n\n${line}`);
  fs.writeFileSync(
    path.join(dir, 'glm.log'),
    'Traceback (most recent call last):\n  File "glmtts_inference.py", line 30\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n',
  );
  const res = await runCli(['explain', 'glm.log', 'ex.jsonl'], { cwd: dir });
  assert.equal(res.code, 1);
  assert.match(res.stdout, /^ex\.jsonl:3: json\.decoder\.JSONDecodeError: Expecting value: .* - a blank line/m);
});

test('IndexTTS2 log: "batch file line N" errors map to lines; an unknown log is exit 2', async (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'batch.jsonl'), '{"text": "a", "output": "out/1.wav"}\n{"text": "b", "prompt_audio": "x", "output": "out/2.wav"}\n');
  fs.writeFileSync(path.join(dir, 'index.log'), 'Generated: out/1.wav\nERROR: batch file line 2 has unknown fields: prompt_audio\n');
  const res = await runCli(['explain', 'index.log', 'batch.jsonl'], { cwd: dir });
  assert.equal(res.code, 1);
  assert.match(res.stdout, /^batch\.jsonl:2: has unknown fields: prompt_audio$/m);
  assert.match(res.stdout, /IndexTTS2 stops at the first failure/);

  fs.writeFileSync(path.join(dir, 'other.log'), 'hello\nworld\n');
  const unknown = await runCli(['explain', 'other.log', 'batch.jsonl'], { cwd: dir });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /does not look like/);
});
