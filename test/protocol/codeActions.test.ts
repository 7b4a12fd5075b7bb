// Quick fixes: each fixable problem offers an action whose edit, applied, gives a file that re-validates
// without that problem; source.fixAll fixes every safe problem at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, TestClient } from './lspClient';
import { task, TempProject } from './project';

const proj = new TempProject();
let client: TestClient;
let n = 0;

async function check(text: string): Promise<{ uri: string; diags: Diagnostic[] }> {
  const uri = proj.uri(`case-${n++}.jsonl`);
  await client.open(uri, text);
  return { uri, diags: await client.pulled(uri) };
}

async function actionsFor(uri: string, d: Diagnostic, only = ['quickfix']): Promise<CodeAction[]> {
  const res = await client.conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: d.range, context: { diagnostics: [d], only },
  });
  return (res ?? []) as CodeAction[];
}

function applied(text: string, uri: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits?.length, `action "${action.title}" has edits`);
  return applyEdits(text, edits);
}

/** Fixes the first `code` problem with the action whose title matches, and returns the fixed text. */
async function fix(text: string, code: string | string[], pick?: RegExp): Promise<{ fixed: string; actions: CodeAction[] }> {
  const { uri, diags } = await check(text);
  const d = diags.find((x) => (Array.isArray(code) ? code : [code]).includes(String(x.code)));
  assert.ok(d, `expected ${code}; got ${diags.map((x) => x.code).join(', ')}`);
  const actions = await actionsFor(uri, d);
  const action = pick ? actions.find((a) => pick.test(a.title)) : actions.find((a) => a.isPreferred) ?? actions[0];
  assert.ok(action, `an action for ${code} (${actions.map((a) => a.title).join(' | ')})`);
  return { fixed: applied(text, uri, action), actions };
}

async function assertClean(text: string, allowed: string[] = []): Promise<Diagnostic[]> {
  const { diags } = await check(text);
  const left = diags.filter((d) => !allowed.includes(String(d.code)));
  assert.deepEqual(left.map((d) => `${d.range.start.line + 1}:${d.code}`), [], `fixed text:\n${text}`);
  return diags;
}

describe('quick fixes', () => {
  before(async () => {
    proj.wav('voices/alice.wav', 4);
    proj.wav('voices/Bob.wav', 4);
    proj.wav('voices/carol.wav', 4);
    client = await TestClient.start({ pull: true, workspaceFolder: proj.root });
  });
  after(async () => {
    await client.stop();
    proj.remove();
  });

  const ok = task('voices/alice.wav', '第一句。', 'first');

  test('remove a trailing comma', async () => {
    const { fixed } = await fix(`${ok}\n${task('voices/alice.wav', '第二句。', 'second')},\n`, 'trailing-comma');
    await assertClean(fixed);
  });

  test('join a multi-line object into one line', async () => {
    const text = `${ok}\n{"prompt_audio": "voices/alice.wav", "prompt_text": "提示。",\n  "input_text": "跨行的任务。", "output_name": "two"}\n`;
    const { fixed } = await fix(text, 'multi-line-object');
    assert.equal(fixed.split('\n').length, 3);
    await assertClean(fixed);
  });

  test('remove a BOM and stray characters', async () => {
    let { fixed } = await fix(`\uFEFF${ok}\n`, 'utf8-bom');
    await assertClean(fixed);
    ({ fixed } = await fix(`${ok}\ndata: ${task('voices/alice.wav', '第二句。', 'second')}\n`, 'stray-characters'));
    await assertClean(fixed);
    ({ fixed } = await fix(`${ok}\n${task('voices/alice.wav', '第二句。', 'second')} x\n`, ['stray-characters', 'invalid-json']));
    await assertClean(fixed);
  });

  test('put several objects on one line each', async () => {
    const two = `${task('voices/alice.wav', '第二句。', 'second')} ${task('voices/alice.wav', '第三句。', 'third')}`;
    const { fixed } = await fix(`${ok}\n${two}\n`, 'multiple-objects');
    assert.equal(fixed.trimEnd().split('\n').length, 3);
    await assertClean(fixed);
  });

  test('correct a file name\'s case to the real one', async () => {
    const { fixed } = await fix(`${task('voices/bob.wav', '你好。', 'x')}\n`, 'audio-case-mismatch');
    assert.match(fixed, /voices\/Bob\.wav/);
    await assertClean(fixed);
  });

  test('replace a missing file with one of the nearest names (at most three)', async () => {
    const text = `${task('voices/alise.wav', '你好。', 'x')}\n`;
    const { fixed, actions } = await fix(text, 'audio-not-found', /alice\.wav/);
    assert.ok(actions.length >= 1 && actions.length <= 3, actions.map((a) => a.title).join(' | '));
    assert.match(fixed, /"voices\/alice\.wav"/);
    await assertClean(fixed);
  });

  test('rename an unknown key to the suggestion', async () => {
    const text = '{"prompt_audio": "voices/alice.wav", "prompt_txt": "提示。", "input_text": "你好。", "output_name": "k"}\n';
    const { fixed } = await fix(text, 'unknown-key');
    assert.match(fixed, /"prompt_text": "提示。"/);
    await assertClean(fixed);
  });

  test('split an over-long text into several tasks at sentence ends', async () => {
    const sentence = '这是一个用来测试拆分功能的很长的句子，它包含了足够多的汉字来超过建议的长度限制，然后还有更多。';
    const long = sentence.repeat(3);
    const text = `${ok}\n${task('voices/carol.wav', long, 'long')}\n`;
    const { fixed } = await fix(text, 'text-too-long');
    const lines = fixed.trimEnd().split('\n');
    assert.ok(lines.length >= 3, fixed);
    const parts = lines.slice(1).map((l) => JSON.parse(l) as Record<string, string>);
    assert.deepEqual(parts.map((p) => p.output_name), parts.map((_, i) => `long_${String(i + 1).padStart(2, '0')}`));
    assert.ok(parts.every((p) => p.prompt_audio === 'voices/carol.wav' && p.prompt_text === JSON.parse(lines[0]).prompt_text));
    assert.equal(parts.map((p) => p.input_text).join(''), long, 'the pieces keep every character');
    await assertClean(fixed);
  });

  test('make a duplicate output name unique', async () => {
    const text = `${ok}\n${task('voices/alice.wav', '第二句。', 'first')}\n${task('voices/alice.wav', '第三句。', 'first_2')}\n`;
    const { fixed } = await fix(text, 'duplicate-output');
    await assertClean(fixed);
  });

  test('delete blank lines (glm-tts)', async () => {
    const glm = (id: string) => JSON.stringify({ uttid: id, prompt_text: '提示。', prompt_speech: 'voices/alice.wav', syn_text: '你好。' });
    const text = `${glm('1')}\n\n${glm('2')}\n\n\n${glm('3')}`;
    const { fixed } = await fix(text, 'blank-line');
    const { diags } = await check(text);
    assert.ok(diags.some((d) => d.code === 'blank-line'));
    const once = await check(fixed);
    assert.ok(once.diags.filter((d) => d.code === 'blank-line').length < diags.filter((d) => d.code === 'blank-line').length);
    const { fixed: all } = await fix(text, 'blank-line', /all|所有/i);
    assert.equal(all, `${glm('1')}\n${glm('2')}\n${glm('3')}`);
    await assertClean(all);
  });

  test('source.fixAll applies every safe fix, leaving the choices', async () => {
    const text = [
      `\uFEFF${ok},`,
      '{"prompt_audio": "voices/bob.wav", "prompt_txt": "提示。", "input_text": "你好。", "output_name": "first"}',
      '{"prompt_audio": "voices/alice.wav", "prompt_text": "提示。",',
      '   "input_text": "跨行。", "output_name": "m"}',
      `${task('voices/alice.wav', '再见。', 'last')} x`,
      task('voices/alise.wav', '找不到。', 'missing'),
    ].join('\n');
    const { uri, diags } = await check(text);
    assert.ok(diags.length >= 6, diags.map((d) => d.code).join(', '));
    const actions = await actionsFor(uri, diags[0], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.tts-batch');
    const fixed = applied(text, uri, actions[0]);
    const left = await assertClean(fixed, ['audio-not-found']);
    assert.equal(left.length, 1, 'the missing file is a choice for the user, not a safe fix');
  });
});
