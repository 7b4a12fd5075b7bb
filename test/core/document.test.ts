// The incremental document model the language server uses, and the streaming validator the runner uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TaskDocument, createLineValidator, readTask, builtinProfiles, validate } from '../../server/core';
import { NodeFileFacts } from '../../server/node/nodeFileFacts';
import { codes, project, task } from './helpers';

const p = project();
p.wav('prompts/ok.wav', 5);
test.after(() => p.cleanup());
const ctx = () => ({ projectRoot: p.dir, files: new NodeFileFacts(), locale: 'en' as const });

test('TaskDocument gives the same diagnostics as validate() and follows edits', async () => {
  const lines = [task({ output_name: 'a' }), task({ output_name: 'b' }), task({ output_name: 'c', prompt_audio: 'prompts/missing.wav' })];
  const text = `${lines.join('\n')}\n`;
  const doc = new TaskDocument(text, ctx());
  assert.equal(doc.lineCount, 4);
  assert.equal(doc.profile.id, 'tts-batch');
  assert.deepEqual(await doc.diagnostics(), await validate(text, ctx()));
  assert.deepEqual(codes(doc.diagnosticsSync()), []);
  assert.deepEqual(codes(await doc.diagnostics()), ['audio-not-found']);
  // Edit line 1 into a duplicate of line 0's output; only that line is re-read.
  doc.replaceLines(1, 2, [task({ output_name: 'a' })]);
  const d = doc.diagnosticsSync();
  assert.deepEqual(codes(d), ['duplicate-output']);
  assert.equal(d[0].range.start.line, 1);
  // Insert two lines at the top: everything moves down.
  doc.replaceLines(0, 0, ['', 'oops']);
  const moved = doc.diagnosticsSync();
  assert.deepEqual(codes(moved), ['invalid-json', 'duplicate-output']);
  assert.equal(moved[1].range.start.line, 3);
  assert.equal(moved[1].related?.[0].range.start.line, 2);
  // Delete them again.
  doc.replaceLines(0, 2, []);
  assert.equal(doc.lineText(0), task({ output_name: 'a' }));
});

test('TaskDocument: profile re-detected when the first lines change; setContext re-checks', () => {
  const doc = new TaskDocument(`${task()}\n`, ctx());
  assert.equal(doc.profile.id, 'tts-batch');
  doc.replaceLines(0, 1, [JSON.stringify({ uttid: '0', prompt_text: '稿子。', prompt_speech: 'prompts/ok.wav', syn_text: '句子。' })]);
  assert.equal(doc.profile.id, 'glm-tts');
  assert.deepEqual(codes(doc.diagnosticsSync()), []);
  doc.setContext({ ...ctx(), profile: 'tts-batch' });
  assert.equal(doc.profile.id, 'tts-batch');
  assert.ok(codes(doc.diagnosticsSync()).includes('missing-field'));
});

test('TaskDocument.task gives key and value ranges; linesReferencing and resolveAudioPath', () => {
  const l0 = task({ output_name: 'a' });
  const doc = new TaskDocument(`${l0}\nnot json\n${task({ prompt_audio: './prompts/ok.wav' })}\n${task({ prompt_audio: 'other.wav' })}`, ctx());
  const t = doc.task(0);
  assert.ok(t);
  assert.equal(t.value.output_name, 'a');
  const k = t.keys.find((x) => x.key === 'output_name');
  assert.deepEqual(k?.keyRange, { start: { line: 0, character: l0.indexOf('"output_name"') }, end: { line: 0, character: l0.indexOf('"output_name"') + 13 } });
  assert.deepEqual(k?.valueRange.start.character, l0.indexOf('"a"'));
  assert.equal(doc.task(1), undefined);
  const abs = path.join(p.dir, 'prompts/ok.wav');
  assert.equal(doc.resolveAudioPath('prompts/ok.wav'), abs);
  assert.deepEqual(doc.linesReferencing(abs), [0, 2]);
});

test('an edit costs what it changes: 20k-line document, one keystroke re-analyses one line', () => {
  const lines = Array.from({ length: 20000 }, (_, i) => task({ output_name: `o${i}` }));
  const doc = new TaskDocument(lines.join('\n'), { projectRoot: p.dir });
  doc.diagnosticsSync();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) {
    doc.replaceLines(500, 501, [task({ output_name: `o500${'x'.repeat(i)}` })]);
    doc.diagnosticsSync();
  }
  const perEdit = Number(process.hrtime.bigint() - t0) / 1e6 / 20;
  // A full validation of 20k lines takes far longer than this; the pass over cached lines is cheap.
  assert.ok(perEdit < 50, `${perEdit.toFixed(1)} ms per edit`);
});

test('createLineValidator: streaming gives the same result, profile from the first object line', async () => {
  const text = [
    '',
    JSON.stringify({ uttid: '0', prompt_text: '稿子。', prompt_speech: 'prompts/ok.wav', syn_text: '句子。' }),
    '{"uttid": "0"}',
    JSON.stringify({ uttid: '2', prompt_text: '稿子。', prompt_speech: 'prompts/gone.wav', syn_text: '句子。' }),
  ].join('\n');
  const v = createLineValidator(ctx());
  const before = v.profile;
  assert.equal(before, undefined);
  for (const line of text.split('\n')) v.push(line);
  const after: { id: string } | undefined = v.profile;
  assert.equal(after?.id, 'glm-tts');
  const streamed = await v.finish();
  assert.deepEqual(streamed, await validate(text, ctx()));
  assert.deepEqual(codes(streamed), ['blank-line', 'missing-field', 'missing-field', 'missing-field', 'duplicate-output', 'audio-not-found']);
  const gone = streamed[5];
  assert.equal(gone.range.start.line, 3);
  assert.equal(gone.range.start.character, text.split('\n')[3].indexOf('"prompts/gone.wav"'));
});

test('readTask: fields by role, paths resolved, default output names', () => {
  const [tts, glm, idx] = builtinProfiles();
  const c = { projectRoot: p.dir, taskFilePath: path.join(p.dir, 'sub/batch.jsonl') };
  assert.deepEqual(readTask(task(), 6, tts, c), {
    outputName: 'output_0007',
    text: '今天天气很好，我们去公园散步吧。',
    promptAudioPath: path.join(p.dir, 'prompts/ok.wav'),
    promptText: '这是提示音频的文字稿。',
  });
  assert.equal(readTask(JSON.stringify({ uttid: 12, prompt_text: '', prompt_speech: 'a.wav', syn_text: 'x' }), 0, glm, c)?.outputName, '12');
  const r = readTask(JSON.stringify({ text_file: 't.txt', voice: 'v.wav', output: 'out/1.wav' }), 0, idx, c);
  assert.deepEqual(r, { outputName: 'out/1.wav', textFile: path.join(p.dir, 'sub/t.txt'), promptAudioPath: path.join(p.dir, 'sub/v.wav') });
  assert.equal(readTask('not json', 0, tts, c), undefined);
  assert.equal(readTask(`${task({ output_name: 'z' })},`, 0, tts, c)?.outputName, 'z');
});
