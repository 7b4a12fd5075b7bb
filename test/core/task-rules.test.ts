// Per-task rules (5, 7, 8, 9 of the issue): schema, text, prompt text, output names. Failing and passing cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, only, project, task } from './helpers';
import { splitSentences, textUnits } from '../../server/core';

const p = project();
p.wav('prompts/ok.wav', 5);
test.after(() => p.cleanup());

const glm = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({ uttid: '0', prompt_text: '提示文字稿。', prompt_speech: 'prompts/ok.wav', syn_text: '要合成的句子。', ...fields });

test('missing-field: names the field and the misspelt key to rename', async () => {
  const line = JSON.stringify({ prompt_audio: 'prompts/ok.wav', prompt_text: '稿子。', input_txt: '你好，世界。' });
  const diags = await p.check(`${line}\n`);
  const [missing] = only(diags, 'missing-field');
  assert.equal(missing.severity, 'error');
  assert.deepEqual(missing.data, { field: 'input_text', rename: 'input_txt' });
  assert.deepEqual(missing.range, { start: { line: 0, character: 0 }, end: { line: 0, character: line.length } });
  const [unknown] = only(diags, 'unknown-key');
  assert.deepEqual(unknown.data, { key: 'input_txt', suggestion: 'input_text' });
  assert.match(unknown.message, /did you mean "input_text"/);
  assert.equal(unknown.range.start.character, line.indexOf('"input_txt"'));
  assert.equal(unknown.range.end.character, line.indexOf('"input_txt"') + '"input_txt"'.length);
  assert.deepEqual(codes(await p.check(`${task()}\n`)), []);
});

test('unknown-key: in glm-tts prompt_audio suggests prompt_speech; IndexTTS2 makes unknown keys errors', async () => {
  const line = JSON.stringify({ uttid: '0', prompt_text: '稿子。', prompt_audio: 'prompts/ok.wav', syn_text: '句子。' });
  const diags = await p.check(`${line}\n`, { profile: 'glm-tts' });
  assert.deepEqual(only(diags, 'unknown-key')[0].data, { key: 'prompt_audio', suggestion: 'prompt_speech' });
  assert.equal(only(diags, 'unknown-key')[0].severity, 'warning');
  assert.deepEqual(only(diags, 'missing-field')[0].data, { field: 'prompt_speech', rename: 'prompt_audio' });
  const idx = await p.check(`${JSON.stringify({ text: '你好。', output: 'out/1.wav', prompt_audio: 'a.wav' })}\n`, { profile: 'indextts2' });
  assert.equal(only(idx, 'unknown-key')[0].severity, 'error');
  assert.deepEqual(only(idx, 'unknown-key')[0].data, { key: 'prompt_audio', suggestion: 'voice' });
});

test('wrong-type: range is the value, data offers the string form', async () => {
  const line = task({ input_text: 123 });
  const diags = await p.check(`${line}\n`);
  const [d] = only(diags, 'wrong-type');
  assert.equal(d.range.start.character, line.indexOf('123'));
  assert.equal(d.range.end.character, line.indexOf('123') + 3);
  assert.deepEqual(d.data, { field: 'input_text', expected: 'string', actual: 'number', replacement: '"123"' });
  assert.match(d.message, /"input_text" must be a string, not a number/);
});

test('empty-field and empty-text: empty required strings', async () => {
  const diags = await p.check(`${task({ prompt_audio: '', input_text: '' })}\n`);
  assert.deepEqual(codes(diags).sort(), ['empty-field', 'empty-text']);
  assert.deepEqual(only(diags, 'empty-text')[0].data, { field: 'input_text' });
});

test('invalid-value, conflicting-fields, missing-one-of, sum-too-large (IndexTTS2 rules)', async () => {
  const ctx = { profile: 'indextts2' };
  const both = await p.check(`${JSON.stringify({ text: '你好。', text_file: 't.txt', output: 'o.wav' })}\n`, ctx);
  assert.deepEqual(only(both, 'conflicting-fields')[0].data, { fields: ['text', 'text_file'], keep: 'text', remove: ['text_file'] });
  const none = await p.check(`${JSON.stringify({ output: 'o.wav' })}\n`, ctx);
  assert.deepEqual(codes(none), ['missing-one-of']);
  const vec = await p.check(`${JSON.stringify({ text: '你好。', output: 'o.wav', emotion_vector: [0.5, 0.5, 0, 0, 0, 0, 0, 0] })}\n`, ctx);
  assert.deepEqual(codes(vec), ['sum-too-large']);
  const range = await p.check(`${JSON.stringify({ text: '你好。', output: 'o.wav', emotion_weight: 2 })}\n`, ctx);
  assert.deepEqual(codes(range), ['invalid-value']);
  assert.match(range[0].message, /"emotion_weight" must be <= 1/);
  const ok = await p.check(`${JSON.stringify({ text: '你好。', output: 'o.wav', emotion_vector: [0.4, 0, 0, 0, 0, 0, 0, 0.4], emotion_weight: 0.7 })}\n`, ctx);
  assert.deepEqual(codes(ok), []);
});

test('text-too-long and text-over-limit: units, split pieces at sentence ends', async () => {
  const sentence = '这是一个用来测试长度的句子。'; // 13 units
  const long = sentence.repeat(9); // 117 units
  const diags = await p.check(`${task({ input_text: long })}\n`);
  const [d] = only(diags, 'text-too-long');
  assert.equal(d.severity, 'warning');
  const data = d.data as { units: number; pieces: string[]; splitOffsets: number[] };
  assert.equal(data.units, 117);
  assert.equal(data.pieces.join(''), long);
  assert.ok(data.pieces.every((x) => textUnits(x) <= 100 && x.endsWith('。')));
  assert.deepEqual(data.splitOffsets, [data.pieces[0].length]);
  const over = await p.check(`${task({ input_text: sentence.repeat(16) })}\n`);
  assert.equal(only(over, 'text-over-limit')[0].severity, 'error');
  assert.deepEqual(codes(await p.check(`${task({ input_text: sentence.repeat(7) })}\n`)), []);
  // Limits are settings.
  assert.deepEqual(codes(await p.check(`${task({ input_text: sentence.repeat(3) })}\n`, { textLimits: { recommendedUnits: 20 } })), ['text-too-long']);
});

test('text units: one CJK character or one word of other scripts', () => {
  assert.equal(textUnits('你好，世界。'), 4);
  assert.equal(textUnits("Don't stop me now, it's well-known."), 6);
  assert.equal(textUnits('GPU 显存 8GB'), 4);
  assert.equal(textUnits(''), 0);
  const pieces = splitSentences('First sentence here. Second one! Third?', 3);
  assert.deepEqual(pieces, ['First sentence here. ', 'Second one! Third?']);
  assert.equal(splitSentences('无标点的超长文本'.repeat(10), 30).join(''), '无标点的超长文本'.repeat(10));
  assert.ok(splitSentences('无标点的超长文本'.repeat(10), 30).every((x) => textUnits(x) <= 30));
});

test('text-too-short and text-no-final-punctuation: the known hangs', async () => {
  const diags = await p.check(`${task({ input_text: '嗯' })}\n`);
  assert.deepEqual(codes(diags).sort(), ['text-no-final-punctuation', 'text-too-short']);
  assert.match(only(diags, 'text-too-short')[0].message, /hang/);
  const noPunct = await p.check(`${task({ input_text: '今天天气很好' })}\n`);
  assert.deepEqual(codes(noPunct), ['text-no-final-punctuation']);
  assert.deepEqual(noPunct[0].data, { field: 'input_text', append: '。', replacement: '今天天气很好。' });
  assert.equal((await p.check(`${task({ input_text: 'Hello there' })}\n`))[0].data && 'ok', 'ok');
  assert.deepEqual(codes(await p.check(`${task({ input_text: '他说：“好的。”' })}\n`)), []);
  assert.deepEqual(codes(await p.check(`${task({ input_text: 'Yes.' })}\n`)), []);
});

test('prompt-text-missing / -empty / -too-long', async () => {
  const missing = await p.check(`${JSON.stringify({ prompt_audio: 'prompts/ok.wav', input_text: '你好，世界。' })}\n`);
  assert.deepEqual(codes(missing), ['prompt-text-missing']);
  const empty = await p.check(`${task({ prompt_text: '' })}\n`);
  assert.deepEqual(codes(empty), ['prompt-text-empty']);
  const long = await p.check(`${task({ prompt_text: '这是一段非常长的提示音频文字稿，它比要合成的文本长得多得多得多，真的很长。', input_text: '好的。' })}\n`);
  assert.deepEqual(codes(long), ['prompt-text-too-long']);
  // glm-tts: a missing prompt_text is a schema error (KeyError), not a second warning
  const glmMissing = await p.check(`${JSON.stringify({ uttid: '0', prompt_speech: 'prompts/ok.wav', syn_text: '句子。' })}\n`, { profile: 'glm-tts' });
  assert.deepEqual(codes(glmMissing), ['missing-field']);
});

test('duplicate-output: error on the later use, related information to the first, unique suggestion', async () => {
  const text = [task({ output_name: 'a' }), task({ output_name: 'b' }), task({ output_name: 'a' }), task({ output_name: 'a_2' })].join('\n');
  const diags = await p.check(text);
  const [d] = only(diags, 'duplicate-output');
  assert.equal(d.range.start.line, 2);
  assert.equal(d.related?.[0].range.start.line, 0);
  const line0 = task({ output_name: 'a' });
  assert.equal(d.related?.[0].range.start.character, line0.indexOf('"a"'));
  assert.deepEqual(d.data, { name: 'a', firstLine: 0, suggestion: 'a_3', field: 'output_name' });
  assert.match(d.message, /already used on line 1/);
  // The default name output_NNNN collides with an explicit one.
  const clash = await p.check(`${task()}\n${task({ output_name: 'output_0001' })}\n`);
  assert.deepEqual(codes(clash), ['duplicate-output']);
  // glm-tts: uttid 0 and "0" write the same file.
  const ids = await p.check(`${glm({ uttid: 0 })}\n${glm({ uttid: '0' })}\n`);
  assert.deepEqual(codes(ids), ['duplicate-output']);
  assert.deepEqual(codes(await p.check(`${glm({ uttid: '0' })}\n${glm({ uttid: '1' })}\n`)), []);
});

test('unsafe-output-name and output-creates-folders', async () => {
  const diags = await p.check(`${task({ output_name: '../escape' })}\n${task({ output_name: 'a:b?' })}\n${task({ output_name: '/abs' })}\n${task({ output_name: 'CON' })}\n`);
  assert.deepEqual(codes(diags), ['unsafe-output-name', 'unsafe-output-name', 'unsafe-output-name', 'unsafe-output-name']);
  assert.deepEqual(diags[0].data, { field: 'output_name', name: '../escape', suggestion: 'escape' });
  assert.deepEqual((diags[1].data as { suggestion: string }).suggestion, 'a_b_');
  const glmSlash = await p.check(`${glm({ uttid: 'spk1/0001' })}\n`);
  assert.deepEqual(codes(glmSlash), ['output-creates-folders']);
  assert.equal(glmSlash[0].severity, 'warning');
  const idxPath = await p.check(`${JSON.stringify({ text: '你好。', output: 'out/001.wav' })}\n`, { profile: 'indextts2' });
  assert.deepEqual(codes(idxPath), []);
  assert.deepEqual(codes(await p.check(`${task({ output_name: '第一章_001' })}\n`)), []);
});

test('severities: a code can be turned off or changed', async () => {
  const line = `${task({ input_text: '今天天气很好' })}\n`;
  assert.deepEqual(codes(await p.check(line, { severities: { 'text-no-final-punctuation': 'off' } })), []);
  const [d] = await p.check(line, { severities: { 'text-no-final-punctuation': 'error' } });
  assert.equal(d.severity, 'error');
});

test('messages in Simplified Chinese', async () => {
  const [d] = await p.check(`${task({ input_text: '今天天气很好' })}\n`, { locale: 'zh-cn' });
  assert.match(d.message, /句末标点/);
});

test('maxProblems caps the list with a note', async () => {
  const text = Array.from({ length: 20 }, () => 'bad').join('\n');
  const diags = await p.check(text, { maxProblems: 5 });
  assert.equal(diags.length, 6);
  assert.equal(diags[5].code, 'too-many-problems');
  assert.deepEqual(diags[5].data, { more: 15 });
});

test('every code has an English and a Chinese message, and is documented', async () => {
  const { diagnosticCodes } = await import('../../server/core');
  const { message } = await import('../../server/core/messages');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { repoRoot } = await import('../support/repo');
  // Every diagnostic links (codeDescription) to its rule's anchor in the README.
  const docs = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  for (const code of diagnosticCodes()) {
    const params = { field: 'f', reason: 'must be <= 1', reasonZh: '必须 <= 1', name: 'n', kind: 'a list', kindZh: '列表' };
    const en = message(code, 'en', params);
    const zh = message(code, 'zh-cn', params);
    assert.ok(en.length > 10 && zh.length > 5 && en !== zh, code);
    assert.match(zh, /[\u4e00-\u9fff]/, code);
    assert.ok(docs.includes(`<a id="rule-${code}"></a>\`${code}\``), `${code} has no rule entry (#rule-${code}) in README.md`);
  }
});
