// Rules about the shape of lines (1-4 and 10 of the issue): each with a failing and a passing case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, only, project, task } from './helpers';

const p = project();
p.wav('prompts/ok.wav', 5);
test.after(() => p.cleanup());

test('a clean task file has no diagnostics at all', async () => {
  const diags = await p.check(`${task({ output_name: 'a' })}\n${task({ output_name: 'b' })}\n`);
  assert.deepEqual(diags, []);
});

test('invalid-json: position and readable reason from the parser', async () => {
  const line = '{"prompt_audio": "prompts/ok.wav" "input_text": "你好。"}';
  const diags = await p.check(`${task()}\n${line}\n`);
  const [d] = only(diags, 'invalid-json');
  assert.ok(d, codes(diags).join());
  assert.equal(d.severity, 'error');
  assert.equal(d.range.start.line, 1);
  assert.equal(d.range.start.character, line.indexOf('"input_text"'));
  assert.match(d.message, /expected "," between fields \(column 35\)/);
  assert.deepEqual(codes(await p.check(`${task()}\n`)), []);
});

test('invalid-json: single quotes and unclosed strings are explained', async () => {
  const diags = await p.check("{'prompt_audio': 'a.wav'}\n{\"input_text\": \"abc}\n");
  assert.match(only(diags, 'invalid-json')[0].message, /single quotes/);
  assert.match(only(diags, 'invalid-json')[1].message, /string is not closed/);
});

test('trailing-comma: the comma itself is the range, and the task is still checked', async () => {
  const line = `${task({ output_name: 'x' })},`;
  const diags = await p.check(`${line}\n`);
  const [d] = only(diags, 'trailing-comma');
  assert.deepEqual(d.range, { start: { line: 0, character: line.length - 1 }, end: { line: 0, character: line.length } });
  assert.deepEqual(d.data, { removeRange: { start: line.length - 1, end: line.length } });
  assert.deepEqual(codes(diags), ['trailing-comma']);
  assert.deepEqual(codes(await p.check(`${task()}\n`)), []);
});

test('multi-line-object: one diagnostic over the lines, joined form in data', async () => {
  const text = `${task()}\n{\n  "prompt_audio": "prompts/ok.wav",\n  "input_text": "分成了三行。"\n}\n${task({ output_name: 'z' })}\n`;
  const diags = await p.check(text);
  assert.deepEqual(codes(diags), ['multi-line-object']);
  const d = diags[0];
  assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 4, character: 1 } });
  const data = d.data as { joined: string; startLine: number; endLine: number };
  assert.equal(data.joined, '{"prompt_audio": "prompts/ok.wav", "input_text": "分成了三行。"}');
  assert.deepEqual(JSON.parse(data.joined), { prompt_audio: 'prompts/ok.wav', input_text: '分成了三行。' });
  assert.equal(data.startLine, 1);
  assert.equal(data.endLine, 4);
});

test('multi-line-object: lines that never close stay plain invalid-json (no hang, no false join)', async () => {
  const diags = await p.check('{"a": 1,\n"b": [1,\n');
  assert.ok(!codes(diags).includes('multi-line-object'));
  assert.ok(codes(diags).includes('invalid-json'));
});

test('not-an-object: arrays, strings, numbers', async () => {
  const diags = await p.check('[1, 2]\n"text"\n42\n');
  assert.deepEqual(codes(diags), ['not-an-object', 'not-an-object', 'not-an-object']);
  assert.match(diags[0].message, /a list, not an object/);
  assert.deepEqual(diags[1].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
});

test('multiple-objects: two objects on one line, pieces in data', async () => {
  const a = task({ output_name: 'a' });
  const b = task({ output_name: 'b' });
  const diags = await p.check(`${a} ${b}\n`);
  assert.deepEqual(codes(diags), ['multiple-objects']);
  assert.deepEqual((diags[0].data as { pieces: string[] }).pieces, [a, b]);
  const glued = await p.check(`${a},${b}\n`);
  assert.deepEqual(codes(glued), ['multiple-objects']);
});

test('stray-characters: before and after the object', async () => {
  const t = task();
  const after = await p.check(`${t} xyz\n`);
  assert.deepEqual(codes(after), ['stray-characters']);
  assert.deepEqual(after[0].range, { start: { line: 0, character: t.length + 1 }, end: { line: 0, character: t.length + 4 } });
  const before = await p.check(`data: ${t}\n`);
  assert.deepEqual(codes(before), ['stray-characters']);
  assert.deepEqual(before[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
});

test('utf8-bom: reported at the start of the line, the task is still read', async () => {
  const diags = await p.check(`\uFEFF${task()}\n`);
  assert.deepEqual(codes(diags), ['utf8-bom']);
  assert.deepEqual(diags[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
});

test('control-character: a NUL inside a string and a raw tab in a string', async () => {
  const line = task({ input_text: 'AAA\u0000BBB。' });
  // JSON.stringify escapes it; put a raw NUL in the file the way a broken tool would.
  const raw = line.replace('\\u0000', '\u0000');
  const diags = await p.check(`${raw}\n`);
  assert.deepEqual(codes(diags), ['control-character']);
  assert.equal(diags[0].range.start.character, raw.indexOf('\u0000'));
  assert.deepEqual(diags[0].data, { char: 'U+0000', replacement: '\\u0000' });
  const tab = task({ input_text: 'A\tB。' }).replace('\\t', '\t');
  assert.deepEqual(codes(await p.check(`${tab}\n`)), ['control-character']);
  // A tab between tokens is ordinary JSON whitespace.
  assert.deepEqual(codes(await p.check(`{\t"prompt_audio": "prompts/ok.wav", "prompt_text": "稿子。", "input_text": "好的，没问题。"}\n`)), []);
});

test('invisible-character: zero-width space inside the text', async () => {
  const line = task({ input_text: '你好\u200b世界。' });
  const diags = await p.check(`${line}\n`);
  assert.deepEqual(codes(diags), ['invisible-character']);
  assert.equal(diags[0].range.start.character, line.indexOf('\u200b'));
  assert.equal(diags[0].severity, 'warning');
});

test('line-separator: U+2028 inside a string', async () => {
  const line = task({ input_text: '第一句。\u2028第二句。' });
  const diags = await p.check(`${line}\n`);
  assert.deepEqual(codes(diags), ['line-separator']);
  assert.deepEqual(diags[0].data, { char: 'U+2028', replacement: '\\u2028' });
});

test('empty-file: 0 bytes and only blank lines', async () => {
  assert.deepEqual(codes(await p.check('')), ['empty-file']);
  assert.deepEqual(codes(await p.check('\n\n  \n')), ['empty-file']);
  assert.deepEqual(codes(await p.check(`${task()}`)), []);
});

test('batch-too-large: more than 100 tasks gets one hint with a split suggestion', async () => {
  const lines = Array.from({ length: 101 }, (_, i) => task({ output_name: `t${i}` }));
  const diags = await p.check(lines.join('\n'));
  assert.deepEqual(codes(diags), ['batch-too-large']);
  assert.equal(diags[0].severity, 'information');
  assert.deepEqual(diags[0].data, { tasks: 101, files: 2, tasksPerFile: 100 });
  assert.deepEqual(codes(await p.check(lines.slice(0, 100).join('\n'))), []);
});

test('blank-line: ignored in tts-batch, an error (one per run) in glm-tts, including an extra line at the end', async () => {
  assert.deepEqual(codes(await p.check(`${task()}\n\n${task({ output_name: 'b' })}\n`)), []);
  const glm = (id: string): string =>
    JSON.stringify({ uttid: id, prompt_text: '提示文字稿。', prompt_speech: 'prompts/ok.wav', syn_text: '要合成的句子。' });
  const diags = await p.check(`${glm('0')}\n\n\n${glm('1')}\n\n`);
  const blank = only(diags, 'blank-line');
  assert.equal(blank.length, 2, JSON.stringify(diags));
  assert.equal(blank[0].severity, 'error');
  assert.deepEqual(blank[0].data, { startLine: 1, endLine: 2 });
  assert.deepEqual(blank[1].data, { startLine: 4, endLine: 4 });
  // One final line break is not a blank line.
  assert.deepEqual(codes(await p.check(`${glm('0')}\n${glm('1')}\n`)), []);
});

test('CRLF line endings are fine and do not shift columns', async () => {
  const diags = await p.check(`${task()}\r\n${task({ input_txt: 'x' })}\r\n`);
  const [d] = only(diags, 'unknown-key');
  assert.equal(d.range.start.line, 1);
  assert.ok(!codes(diags).includes('control-character'));
});
