// Hover, completion, document symbols and the document-info request, as an editor sees them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CompletionRequest, DocumentSymbolRequest, HoverRequest,
  type CompletionItem, type CompletionList, type DocumentSymbol, type MarkupContent,
} from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';
import { task, TempProject } from './project';

const proj = new TempProject();
let client: TestClient;

async function hoverText(uri: string, line: number, character: number): Promise<string> {
  const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  return h ? (h.contents as MarkupContent).value : '';
}

async function completion(uri: string, line: number, character: number): Promise<CompletionItem[]> {
  const r = await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
  return Array.isArray(r) ? r : (r as CompletionList | null)?.items ?? [];
}

describe('hover, completion, symbols', () => {
  before(async () => {
    proj.wav('voices/alice.wav', 3.5, 24000, 1);
    proj.wav('voices/en/bob.wav', 2.5, 16000, 2);
    proj.write('voices/notes.txt', 'not audio');
    client = await TestClient.start({ pull: true, workspaceFolder: proj.root });
  });
  after(async () => {
    await client.stop();
    proj.remove();
  });

  test('hover on an audio path shows where it resolves and what the WAV is', async () => {
    const line = task('voices/alice.wav', '今天天气很好。', 'a');
    const uri = proj.uri('hover.jsonl');
    await client.open(uri, `${line}\n${task('voices/none.wav', '你好。', 'b')}\n`);
    const at = line.indexOf('alice');
    const text = await hoverText(uri, 0, at);
    assert.ok(text.includes(proj.path('voices/alice.wav')), text);
    assert.match(text, /3\.50 s/);
    assert.match(text, /24000 Hz/);
    assert.match(text, /mono/);
    assert.match(text, /16-bit/);
    const missing = await hoverText(uri, 1, line.indexOf('alice'));
    assert.match(missing, /not found/);
  });

  test('hover on a text gives its length in units against the limits; on a key its description', async () => {
    const line = task('voices/alice.wav', '今天天气很好。', 'a');
    const uri = proj.uri('hover2.jsonl');
    await client.open(uri, `${line}\n`);
    assert.match(await hoverText(uri, 0, line.indexOf('今天')), /6 units.*100.*200/);
    assert.match(await hoverText(uri, 0, 3), /prompt_audio[\s\S]*WAV/i);
  });

  test('completion: a whole task line on an empty line, the missing keys inside an object', async () => {
    const uri = proj.uri('complete.jsonl');
    const first = task('voices/alice.wav', '第一句。', 'a');
    await client.open(uri, `${first}\n\n{"prompt_audio": "voices/alice.wav", }\n`);
    const whole = await completion(uri, 1, 0);
    assert.equal(whole.length, 1);
    assert.match(whole[0].textEdit!.newText, /"prompt_audio": "\$\{1:voices\/alice\.wav\}"/, 'the previous line\'s voice is offered');
    assert.match(whole[0].textEdit!.newText, /"input_text"/);
    const keys = (await completion(uri, 2, '{"prompt_audio": "voices/alice.wav", '.length)).map((i) => i.label);
    assert.ok(keys.includes('input_text') && keys.includes('output_name'), keys.join(','));
    assert.ok(!keys.includes('prompt_audio'), 'keys already used are not offered again');
  });

  test('completion inside an audio path lists folders and .wav files, level by level', async () => {
    const uri = proj.uri('paths.jsonl');
    const line = '{"prompt_audio": "voices/", "input_text": "你好。"}';
    await client.open(uri, `${line}\n`);
    const items = await completion(uri, 0, line.indexOf('voices/') + 'voices/'.length);
    assert.deepEqual(items.map((i) => i.label).sort(), ['alice.wav', 'en/']);
    const root = await completion(uri, 0, line.indexOf('voices/'));
    assert.ok(root.some((i) => i.label === 'voices/'), root.map((i) => i.label).join(','));
  });

  test('document symbols: one per task, capped with a notice', async () => {
    const uri = proj.uri('outline.jsonl');
    const lines = Array.from({ length: 12 }, (_, i) => task('voices/alice.wav', `今天天气很好，第${i + 1}句。`, `output_${String(i + 1).padStart(3, '0')}`));
    await client.open(uri, lines.join('\n'));
    const syms = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(syms.length, 12);
    assert.match(syms[0].name, /^1 · output_001 · 今天天气很好/);
    assert.equal(syms[4].range.start.line, 4);

    client.settings = { outline: { maxItems: 5 } };
    const capped = proj.uri('outline2.jsonl');
    await client.open(capped, lines.join('\n'));
    const few = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: capped } })) as DocumentSymbol[];
    assert.equal(few.length, 5);
    const notice = await client.until(() => client.notifications.find((x) => x.method === 'ttsBatch/resultLimitReached'), 'limit notice');
    assert.deepEqual(notice.params, { uri: capped, feature: 'documentSymbols', limit: 5, total: 12 });
    client.settings = {};
  });

  test('ttsBatch/documentInfo reports profile, task count and problems; setProfile overrides', async () => {
    const uri = proj.uri('info.jsonl');
    const glm = JSON.stringify({ uttid: '1', prompt_text: '提示。', prompt_speech: 'voices/none.wav', syn_text: '你好。' });
    await client.open(uri, `${glm}\n${glm.replace('"1"', '"2"')}\n`);
    const info = await client.conn.sendRequest('ttsBatch/documentInfo', { uri }) as Record<string, unknown>;
    assert.equal(info.profile, 'glm-tts');
    assert.equal(info.profileSource, 'detected');
    assert.equal(info.taskCount, 2);
    assert.equal(info.problems, 2);
    await client.conn.sendNotification('ttsBatch/setProfile', { uri, profile: 'tts-batch' });
    const after = await client.conn.sendRequest('ttsBatch/documentInfo', { uri }) as Record<string, unknown>;
    assert.equal(after.profile, 'tts-batch');
    assert.equal(after.profileSource, 'override');
    const changed = await client.until(() => client.notifications.find((n) => n.method === 'ttsBatch/documentInfoChanged'
      && (n.params as { uri: string; profile: string }).uri === uri && (n.params as { profile: string }).profile === 'tts-batch'), 'documentInfoChanged');
    assert.equal((changed.params as { taskCount: number }).taskCount, 2);
    const profiles = await client.conn.sendRequest('ttsBatch/profiles', null) as Array<{ id: string }>;
    assert.deepEqual(profiles.map((p) => p.id), ['tts-batch', 'glm-tts', 'indextts2']);
  });
});
