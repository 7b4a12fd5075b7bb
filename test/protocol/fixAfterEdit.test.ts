// A quick fix offered after another line was edited: the editor asks for actions on a diagnostic it received
// before or after the edit, and the fix must still find its task and value (seen in the real VS Code: fixing a
// trailing comma on line 3, then the file-name case on line 2).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, TestClient } from './lspClient';
import { task, TempProject } from './project';

const proj = new TempProject();
let client: TestClient;

before(async () => {
  proj.wav('prompts/speaker_a.wav', 4);
  proj.wav('prompts/speaker_b.wav', 4);
  client = await TestClient.start({ pull: true, workspaceFolder: proj.root });
});
after(async () => {
  await client.stop();
  proj.remove();
});

async function actions(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  const res = await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }); // no `only`: what Ctrl+. in VS Code sends
  return (res ?? []) as CodeAction[];
}

test('the file-name case fix still works after a trailing comma on the next line was fixed', async () => {
  const uri = proj.uri('tasks.jsonl');
  let text = [
    task('prompts/speaker_a.wav', '第一句。', 'one'),
    task('prompts/Speaker_B.wav', '第二句。', 'two'),
    task('prompts/speaker_a.wav', '第三句。', 'three') + ',',
    '',
  ].join('\n');
  await client.open(uri, text);
  let diags = await client.pulled(uri);
  const comma = diags.find((d) => d.code === 'trailing-comma');
  assert.ok(comma, diags.map((d) => d.code).join(', '));
  const commaFix = (await actions(uri, comma)).find((a) => a.isPreferred) ?? (await actions(uri, comma))[0];
  const edits = commaFix.edit!.changes![uri];
  text = applyEdits(text, edits);
  await client.change(uri, edits.map((e) => ({ range: e.range, text: e.newText })));
  diags = await client.pulled(uri);
  const caseProblem = diags.find((d) => d.code === 'audio-case-mismatch');
  assert.ok(caseProblem, diags.map((d) => d.code).join(', '));
  const fixes = await actions(uri, caseProblem);
  const caseFix = fixes.find((a) => /case on disk/.test(a.title));
  assert.ok(caseFix, `actions: ${fixes.map((a) => a.title).join(' | ') || 'none'}`);
  assert.match(applyEdits(text, caseFix.edit!.changes![uri]), /"prompts\/speaker_b\.wav"/);
});
