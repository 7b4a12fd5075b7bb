// How editors start the server: --node-ipc (VS Code) as well as --stdio; no transport is a usage error.
// The real GLM-TTS example files open clean, with their profile detected.
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  createProtocolConnection, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, InitializeRequest,
  IPCMessageReader, IPCMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { distDir, TestClient } from './lspClient';
import { TempProject } from './project';

describe('starting the server', () => {
  test('--node-ipc speaks LSP over the IPC channel', async () => {
    const proc = fork(join(distDir(), 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    conn.listen();
    try {
      const init = await conn.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: null, workspaceFolders: null, locale: 'en',
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
      });
      assert.equal(init.serverInfo?.name, 'tts-batch');
      assert.ok(init.capabilities.diagnosticProvider, 'pull diagnostics offered to a client that supports them');
      assert.equal(init.capabilities.textDocumentSync && typeof init.capabilities.textDocumentSync === 'object'
        ? init.capabilities.textDocumentSync.change : undefined, 2, 'incremental sync');
      await conn.sendNotification('initialized', {});
      const uri = 'untitled:Untitled-1';
      await conn.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'jsonl', version: 1, text: '{"prompt_audio": "a.wav", "input_text": "你好。"},\n' },
      });
      const r = await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      assert.ok(r.kind === 'full' && r.items.some((d) => d.code === 'trailing-comma'), JSON.stringify(r));
    } finally {
      conn.dispose();
      proc.kill();
    }
  });

  test('without a transport flag it prints usage and exits 2', () => {
    const r = spawnSync(process.execPath, [join(distDir(), 'server.js')], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--stdio/);
  });
});

describe('the shared GLM-TTS corpus', () => {
  const corpus = '/work/shared/corpus/glm-tts';
  let files: string[] = [];
  try {
    files = readdirSync(corpus).filter((f) => f.endsWith('.jsonl'));
  } catch {
    files = [];
  }
  test('every example file opens clean as glm-tts once its prompt WAVs exist', { skip: files.length ? false : `no corpus at ${corpus}` }, async () => {
    const proj = new TempProject();
    const client = await TestClient.start({ pull: true, workspaceFolder: proj.root });
    try {
      for (const f of files) {
        const text = readFileSync(join(corpus, f), 'utf8');
        for (const m of text.matchAll(/"prompt_speech": "([^"]+)"/g)) proj.wav(m[1], 5);
        const uri = proj.uri(f);
        await client.open(uri, text);
        // Valid for GLM-TTS: no errors (advice such as "add a final full stop" may remain).
        const serious = (await client.pulled(uri)).filter((d) => (d.severity ?? 1) === 1);
        assert.deepEqual(serious.map((d) => `${d.range.start.line + 1}:${d.code}`), [], f);
        const info = await client.conn.sendRequest('ttsBatch/documentInfo', { uri }) as { profile: string; taskCount: number };
        assert.equal(info.profile, 'glm-tts', f);
        assert.equal(info.taskCount, text.trimEnd().split('\n').length, f);
      }
    } finally {
      await client.stop();
      proj.remove();
    }
  });
});
