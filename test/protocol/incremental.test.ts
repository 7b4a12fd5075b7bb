// Incremental sync: edits sent as ranges give the same problems as opening the edited text afresh, and
// typing a fix makes the problem go away (push waits for the pause, pull answers at once).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { applyEdits, TestClient } from './lspClient';
import { task, TempProject } from './project';

function summary(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}` +
    (d.relatedInformation ?? []).map((r) => ` ->${r.location.range.start.line}`).join('')).sort();
}

// Deterministic pseudo-random numbers, so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

for (const pull of [true, false]) {
  describe(`incremental edits (${pull ? 'pull' : 'push'})`, () => {
    const proj = new TempProject();
    let client: TestClient;
    before(async () => {
      proj.wav('voices/a.wav', 4);
      client = await TestClient.start({ pull, workspaceFolder: proj.root });
    });
    after(async () => {
      await client.stop();
      proj.remove();
    });

    test('typing a fix removes the problem; inserted lines move the others', async () => {
      const uri = proj.uri('typing.jsonl');
      const l0 = task('voices/a.wav', '第一句。', 'one');
      const l1 = `${task('voices/a.wav', '第二句。', 'two')},`;
      await client.open(uri, `${l0}\n${l1}\n`);
      let diags = await client.diagnostics(uri, pull);
      assert.deepEqual(diags.map((d) => [d.range.start.line, d.code]), [[1, 'trailing-comma']]);

      await client.change(uri, [{ range: { start: { line: 1, character: l1.length - 1 }, end: { line: 1, character: l1.length } }, text: '' }]);
      assert.deepEqual(await client.diagnostics(uri, pull), []);

      // Two new lines above, the second a duplicate of "two": problems land on the shifted lines.
      await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        text: `${task('voices/a.wav', '新的。', 'zero')}\n${task('voices/a.wav', '重复。', 'two')}\n` }]);
      diags = await client.diagnostics(uri, pull);
      assert.deepEqual(diags.map((d) => [d.range.start.line, d.code]), [[3, 'duplicate-output']]);
      assert.equal(diags[0].relatedInformation?.[0].location.range.start.line, 1);

      // Deleting the first of the two lines makes the later one unique again.
      await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
      assert.deepEqual(await client.diagnostics(uri, pull), []);
    });

    test('CRLF files: positions count \\r\\n as one line break', async () => {
      const uri = proj.uri('crlf.jsonl');
      const l0 = task('voices/a.wav', '第一句。', 'one');
      const l1 = `${task('voices/a.wav', '第二句。', 'two')},`;
      await client.open(uri, `${l0}\r\n${l1}\r\n`);
      assert.deepEqual((await client.diagnostics(uri, pull)).map((d) => [d.range.start.line, d.code]), [[1, 'trailing-comma']]);
      await client.change(uri, [{ range: { start: { line: 1, character: l1.length - 1 }, end: { line: 1, character: l1.length } }, text: '' }]);
      assert.deepEqual(await client.diagnostics(uri, pull), []);
      await client.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: `${task('voices/a.wav', '第三句话。', 'one')}\r\n` }]);
      assert.deepEqual((await client.diagnostics(uri, pull)).map((d) => [d.range.start.line, d.code]), [[2, 'duplicate-output']]);
    });

    // Push only: in pull mode the client decides when to ask.
    if (!pull) test('a burst of typing is checked once it pauses; stale results are never published', async () => {
      const uri = proj.uri('burst.jsonl');
      const line = task('voices/a.wav', '第一句。', 'one');
      await client.open(uri, `${line}\n`);
      await client.pushed(uri, 1);
      const versions: number[] = [];
      const from = client.publishLog.length;
      // Ten keystrokes 20 ms apart, each appending a character to the text value (the last one breaks the line).
      for (let i = 0; i < 10; i++) {
        const at = line.length + i;
        versions.push(await client.change(uri, [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text: i === 9 ? ',' : ' ' }]));
        await new Promise((r) => setTimeout(r, 20));
      }
      const diags = await client.pushed(uri, versions[versions.length - 1]);
      const seen = client.publishLog.slice(from).filter((p) => p.uri === uri).map((p) => p.version ?? -1);
      assert.deepEqual(diags.map((d) => d.code), ['trailing-comma'], 'the last state is published');
      assert.ok(seen.length <= 3, `a burst of 10 edits gave ${seen.length} publications`);
      assert.deepEqual([...seen].sort((a, b) => a - b), seen, 'versions only move forward');
    });

    // Keystrokes that keep the line count: the server patches its previous result line by line when it can.
    if (pull) test('keystrokes inside lines give the same diagnostics as a fresh check', async () => {
      const random = rng(3);
      client.settings = { profile: 'tts-batch' };
      const lines = [
        task('voices/a.wav', '今天天气很好。', 'o1'), task('voices/a.wav', '明天见。', 'o2'), task('voices/missing.wav', '你好呀朋友。', 'o3'),
        task('voices/a.wav', '好的没问题。', 'o1'), '{"prompt_audio": "voices/a.wav",', '  "input_text": "跨行的任务。"}', '',
        task('voices/a.wav', '最后一句话', 'o9'), '{"prompt_audio": "voices/a.wav", "prompt_txt": "提示。", "input_text": "键名错了。"}',
        ...Array.from({ length: 12 }, (_, i) => task('voices/a.wav', `第${i}句普通的话。`, `n${i}`)),
      ];
      let text = lines.join('\n');
      const uri = proj.uri('keys.jsonl');
      await client.open(uri, text);
      await client.pulled(uri);
      const chars = ['x', '。', ' ', ',', '"', '1', 'o', '\\'];
      for (let round = 0; round < 60; round++) {
        const ls = text.split('\n');
        const line = 1 + Math.floor(random() * (ls.length - 1));
        const ch = Math.floor(random() * (ls[line].length + 1));
        const del = random() < 0.4 && ch < ls[line].length;
        const range = { start: { line, character: ch }, end: { line, character: del ? ch + 1 : ch } };
        const ins = del ? '' : chars[Math.floor(random() * chars.length)];
        await client.change(uri, [{ range, text: ins }]);
        text = applyEdits(text, [{ range, newText: ins }]);
        const incremental = summary(await client.pulled(uri));
        const fresh = proj.uri(`keys-${round}.jsonl`);
        await client.open(fresh, text);
        const expected = summary(await client.pulled(fresh));
        await client.close(fresh);
        assert.deepEqual(incremental, expected, `round ${round}, line ${line + 1}:\n${text.split('\n')[line]}`);
      }
      client.settings = {};
    });

    test('random edits give the same diagnostics as a fresh open of the same text', async () => {
      const random = rng(pull ? 7 : 11);
      const pieces = ['a', ',', '"', '}', '{', ' ', '\n', '"x": 1', 'voices/b.wav', '。', '\n\n'];
      const base = [
        task('voices/a.wav', '今天天气很好。', 'o1'), task('voices/a.wav', '明天见。', 'o2'),
        task('voices/missing.wav', '你好。', 'o3'), task('voices/a.wav', '好的。', 'o1'),
        '{"prompt_audio": "voices/a.wav",', '  "input_text": "跨行。"}', '', task('voices/a.wav', '最后。', 'o9'),
      ];
      let text = base.join('\n');
      // Forced profile: a broken first line must not make the fresh copy undetectable.
      client.settings = { profile: 'tts-batch' };
      const uri = proj.uri('random.jsonl');
      await client.open(uri, text);
      await client.diagnostics(uri, pull);
      for (let round = 0; round < (pull ? 12 : 4); round++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        for (let k = 0; k < 8; k++) {
          const lines = text.split('\n');
          const line = Math.floor(random() * lines.length);
          const ch = Math.floor(random() * (lines[line].length + 1));
          const del = random() < 0.4 ? Math.floor(random() * 6) : 0;
          const endLine = random() < 0.1 && line + 1 < lines.length ? line + 1 : line;
          const endCh = endLine === line ? Math.min(lines[line].length, ch + del) : Math.min(lines[endLine].length, del);
          const ins = random() < 0.7 ? pieces[Math.floor(random() * pieces.length)] : '';
          const range = { start: { line, character: ch }, end: { line: endLine, character: endCh } };
          changes.push({ range, text: ins });
          text = applyEdits(text, [{ range, newText: ins }]);
        }
        await client.change(uri, changes);
        const incremental = summary(await client.diagnostics(uri, pull));
        const fresh = proj.uri(`fresh-${round}.jsonl`);
        await client.open(fresh, text);
        const expected = summary(await client.diagnostics(fresh, pull));
        await client.close(fresh);
        assert.deepEqual(incremental, expected, `round ${round}, text:\n${text}`);
      }
    });
  });
}
