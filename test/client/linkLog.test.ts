// "Link Log to Tasks": logs of GLM-TTS, IndexTTS2 and our own runner go through the real `tts-batch explain`
// (JSON form, as the extension calls it) and come out as problems on the right task lines; the text form
// parses to the same lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseExplainOutput, parseExplainReport, statesFromExplained } from '../../client/run/explainOutput';
import { problemsFromStates } from '../../client/run/lineStates';
import { findTaskInLog } from '../../client/run/logSearch';
import { distDir } from './repoRoot';
import { makeTaskFolder } from './taskFolder';

function explain(log: string, taskFile: string, json: boolean): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [path.join(distDir(), 'cli.js'), 'explain', log, taskFile, ...(json ? ['--format', 'json'] : [])], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout };
}

function glmTaskFile(dir: string): string {
  const file = path.join(dir, 'example_zh.jsonl');
  const lines = Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({ uttid: String(i), prompt_text: '他当时还跟线下其他的站姐吵架。', prompt_speech: 'examples/prompt/jiayan_zh.wav', syn_text: `第${i}句。` }),
  );
  fs.writeFileSync(file, lines.join('\n')); // GLM-TTS's own files end without a newline
  return file;
}

test('a GLM-TTS log: errors found through uttid land on their task lines', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tts-client-log-'));
  try {
    const taskFile = glmTaskFile(dir);
    const log = path.join(dir, 'glm.log');
    fs.writeFileSync(log, [
      '2025-12-10 10:00:00,001 - INFO - Output folder: /abs/outputs/pretrain_test/example_zh',
      '2025-12-10 10:00:00,002 - INFO - Using jsonl: examples/example_zh.jsonl',
      '2025-12-10 10:00:01,000 - INFO - Processing: 0, Syn_text: 第0句。',
      '2025-12-10 10:00:03,000 - INFO - Processing: 1, Syn_text: 第1句。',
      '2025-12-10 10:00:04,000 - ERROR - Error processing 1: CUDA out of memory. Tried to allocate 2.00 GiB',
      'Traceback (most recent call last):',
      '  File "glmtts_inference.py", line 120, in main',
      'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB',
      '2025-12-10 10:00:06,000 - ERROR - Error processing 7: [Errno 2] No such file or directory: \'examples/prompt/jiayan_zh.wav\'',
      '',
    ].join('\n'));
    const json = explain(log, taskFile, true);
    assert.equal(json.code, 1, 'explain exits 1 when the log has errors');
    const report = parseExplainReport(json.stdout);
    assert.equal(report.format, 'glm-tts');
    const problems = problemsFromStates(statesFromExplained(report.problems));
    assert.deepEqual(problems.map((p) => [p.line, p.source]), [[1, 'tts-batch log'], [7, 'tts-batch log']]);
    assert.match(problems[0].message, /CUDA out of memory/);
    // The text form names the same lines.
    assert.deepEqual(parseExplainOutput(explain(log, taskFile, false).stdout).map((p) => p.line), [2, 8]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an IndexTTS2 log: "batch file line N" errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tts-client-log-'));
  try {
    const taskFile = path.join(dir, 'batch.jsonl');
    fs.writeFileSync(taskFile, '{"text": "第一句。", "output": "out/001.wav"}\n{"text": "x", "prompt_audio": "a.wav", "output": "out/002.wav"}\n');
    const log = path.join(dir, 'index.log');
    fs.writeFileSync(log, 'Generated: out/001.wav\nERROR: batch file line 2 has unknown fields: prompt_audio\n');
    const report = parseExplainReport(explain(log, taskFile, true).stdout);
    assert.equal(report.format, 'indextts2');
    assert.deepEqual(report.problems.map((p) => p.line), [2]);
    assert.match(report.problems[0].message, /prompt_audio/);
    assert.ok(report.notes.length > 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('our own run log: the failures of the last run', () => {
  const f = makeTaskFolder();
  try {
    const cli = path.join(distDir(), 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'run', f.taskFile, '--audio-root', f.dir, '--ep', 'cpu', '--workers', '1'], { encoding: 'utf8', cwd: f.dir });
    assert.equal(r.status, 1, r.stderr);
    const log = path.join(f.dir, 'tasks.output', 'tasks.log');
    const report = parseExplainReport(explain(log, f.taskFile, true).stdout);
    assert.equal(report.format, 'tts-batch');
    assert.deepEqual(report.problems.map((p) => p.line), [2, 3]);
    // "Show log" on a failed line finds that task's failure in the log, not another task's.
    const logText = fs.readFileSync(log, 'utf8');
    const at = findTaskInLog(logText, 2, f.taskFile);
    assert.ok(at !== undefined);
    assert.match(logText.split('\n')[at], /\[✗\] Task 2 failed/);
    assert.equal(findTaskInLog(logText, 99, f.taskFile), undefined);
  } finally {
    f.cleanup();
  }
});

test('explain output forms: JSON object, JSON lines, text with columns and kinds; junk is ignored', () => {
  assert.deepEqual(parseExplainOutput('{"errors":[{"line":3,"message":"m"},{"message":"no line"}]}'), [{ line: 3, column: undefined, message: 'm', kind: undefined }]);
  assert.deepEqual(parseExplainOutput('{"line":2,"column":5,"message":"a","kind":"timeout"}\n{"line":4,"message":"b","code":"x"}').map((p) => [p.line, p.column, p.kind]), [[2, 5, 'timeout'], [4, undefined, 'x']]);
  assert.deepEqual(parseExplainOutput('/a/b.jsonl:17:5: [not-found] Audio file not found\nC:\\x\\t.jsonl:3: boom\n2 error(s).\nnote: x'), [
    { line: 17, column: 5, message: 'Audio file not found', kind: 'not-found' },
    { line: 3, column: undefined, message: 'boom', kind: undefined },
  ]);
  const states = statesFromExplained([{ line: 2, message: 'first' }, { line: 2, message: 'second' }]);
  assert.equal(states.get(2)?.message, 'first\nsecond');
});
