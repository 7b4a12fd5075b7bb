// Opening a task file gives the problems users expect, on the right lines and columns, with the links and
// related lines an editor shows; in pull and in push mode; settings and the non-task-file guard apply.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';
import { task, TempProject } from './project';

const lines = [
  task('voices/alice.wav', '今天天气很好。', 'a1'),
  task('voices/alice.wav', '明天见。', 'a1'),
  task('voices/missing.wav', '你好。', 'a3'),
  task('voices/bob.wav', '你好。', 'a4'),
  '{"prompt_audio": "voices/alice.wav", "prompt_txt": "这是提示音频的文字。", "input_text": "好的。", "output_name": "a5"}',
  `${task('voices/alice.wav', '再见。', 'a6')},`,
];
const text = lines.join('\n') + '\n';

function find(diags: Diagnostic[], line: number, code: string): Diagnostic {
  const d = diags.find((x) => x.range.start.line === line && x.code === code);
  assert.ok(d, `expected ${code} on line ${line + 1}; got ${diags.map((x) => `${x.range.start.line + 1}:${x.code}`).join(', ')}`);
  return d;
}

for (const pull of [true, false]) {
  describe(`diagnostics (${pull ? 'pull' : 'push'})`, () => {
    const proj = new TempProject();
    let client: TestClient;
    before(async () => {
      proj.wav('voices/alice.wav', 4);
      proj.wav('voices/Bob.wav', 4);
      proj.write('tasks.jsonl', text);
      client = await TestClient.start({ pull, workspaceFolder: proj.root });
    });
    after(async () => {
      await client.stop();
      proj.remove();
    });

    test('each problem on its line, with code, range, link and related line', async () => {
      const uri = proj.uri('tasks.jsonl');
      await client.open(uri, text);
      const diags = await client.diagnostics(uri, pull);
      for (const d of diags) {
        assert.equal(d.source, 'tts-batch');
        assert.equal(typeof d.code, 'string');
        assert.equal(d.codeDescription?.href, `https://github.com/tts-batch/tts-batch#rule-${d.code}`);
      }
      assert.deepEqual(diags.filter((d) => d.range.start.line === 0 && d.severity! <= DiagnosticSeverity.Warning), [],
        'a correct line has no problems');

      const dup = find(diags, 1, 'duplicate-output');
      assert.equal(dup.severity, DiagnosticSeverity.Error);
      assert.equal(dup.relatedInformation?.[0].location.uri, uri);
      assert.equal(dup.relatedInformation?.[0].location.range.start.line, 0, 'related information points at the first use');

      find(diags, 2, 'audio-not-found');
      const caseDiag = find(diags, 3, 'audio-case-mismatch');
      assert.equal(lines[3].slice(caseDiag.range.start.character, caseDiag.range.end.character), '"voices/bob.wav"');

      const unknown = find(diags, 4, 'unknown-key');
      assert.equal(lines[4].slice(unknown.range.start.character, unknown.range.end.character), '"prompt_txt"');
      assert.match(String(unknown.message), /prompt_text/, 'the message suggests the right key');

      const comma = find(diags, 5, 'trailing-comma');
      assert.deepEqual(comma.range, { start: { line: 5, character: lines[5].length - 1 }, end: { line: 5, character: lines[5].length } });
      assert.ok(comma.tags?.includes(1), 'a deletable comma is tagged unnecessary');
    });

    test('a .jsonl file that is not a task file stays quiet, unless the profile setting forces one', async () => {
      const uri = proj.uri('other.jsonl');
      const other = '{"foo": 1, "bar": [1, 2]}\n{"foo": 2, "bar": []}\n';
      await client.open(uri, other);
      assert.deepEqual(await client.diagnostics(uri, pull), []);
      await client.close(uri);

      client.settings = { profile: 'tts-batch' };
      const forced = proj.uri('forced.jsonl');
      await client.open(forced, other);
      const diags = await client.diagnostics(forced, pull);
      find(diags, 0, 'missing-field');
      find(diags, 1, 'missing-field');
      await client.close(forced);
      client.settings = {};
    });

    test('per-rule severities, "off", and the problem cap come from the settings', async () => {
      client.settings = { severity: { 'duplicate-output': 'off', 'audio-not-found': 'warning' } };
      const uri = proj.uri('sev.jsonl');
      await client.open(uri, text);
      let diags = await client.diagnostics(uri, pull);
      assert.ok(!diags.some((d) => d.code === 'duplicate-output'));
      assert.equal(find(diags, 2, 'audio-not-found').severity, DiagnosticSeverity.Warning);
      await client.close(uri);

      client.settings = { maxProblems: 2 };
      const capped = proj.uri('capped.jsonl');
      await client.open(capped, text);
      diags = await client.diagnostics(capped, pull);
      assert.ok(diags.length <= 2 && diags.length > 0, `got ${diags.length}`);
      await client.close(capped);
      client.settings = {};
    });
  });
}

describe('diagnostics in the client\'s language', () => {
  test('zh-cn gives Chinese messages and quick-fix titles', async () => {
    const proj = new TempProject();
    const client = await TestClient.start({ pull: true, workspaceFolder: proj.root, locale: 'zh-CN' });
    try {
      const uri = proj.uri('zh.jsonl');
      await client.open(uri, `${task('voices/none.wav', '你好。', 'x')},\n`);
      const diags = await client.pulled(uri);
      assert.match(String(find(diags, 0, 'audio-not-found').message), /找不到音频文件/);
      const comma = find(diags, 0, 'trailing-comma');
      const actions = await client.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: comma.range, context: { diagnostics: [comma], only: ['quickfix'] },
      }) as Array<{ title: string }>;
      assert.equal(actions[0]?.title, '删除末尾的逗号');
    } finally {
      await client.stop();
      proj.remove();
    }
  });
});
