// A missing prompt WAV recorded (or renamed into place) while the file is open clears "audio not found"
// once the client reports the file event; the server asked the client to watch audio files.
import assert from 'node:assert/strict';
import { renameSync, rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { fileUri, TestClient } from './lspClient';
import { task, TempProject } from './project';

for (const pull of [true, false]) {
  describe(`audio files changing on disk (${pull ? 'pull' : 'push'})`, () => {
    test('create, rename and delete re-check the lines that use the file', async () => {
      const proj = new TempProject();
      const client = await TestClient.start({ pull, workspaceFolder: proj.root });
      try {
        await client.until(() => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'watcher registration');
        const reg = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
        assert.match(JSON.stringify(reg.registerOptions), /wav/);

        proj.wav('voices/other.wav', 3);
        const uri = proj.uri('tasks.jsonl');
        const text = [task('voices/other.wav', '有的。', 'a'), task('voices/new.wav', '还没有录。', 'b'), task('voices/new.wav', '也用它。', 'c')].join('\n');
        await client.open(uri, text);
        let diags = await client.diagnostics(uri, pull);
        assert.deepEqual(diags.map((d) => [d.range.start.line, d.code]), [[1, 'audio-not-found'], [2, 'audio-not-found']]);

        const recorded = proj.wav('voices/new.wav', 4);
        const before = client.published.get(uri);
        await client.filesChanged([{ uri: fileUri(recorded), type: FileChangeType.Created }]);
        if (pull) {
          await client.until(() => client.notifications.some((n) => n.method === 'workspace/diagnostic/refresh'), 'a diagnostics refresh');
          diags = await client.pulled(uri);
        } else {
          diags = await client.until(() => client.published.get(uri) !== before && client.published.get(uri)!.diagnostics, 'republished diagnostics');
        }
        assert.deepEqual(diags, [], 'the new file clears "audio not found"');

        // Renamed away: the problem is back.
        const moved = proj.path('voices/renamed.wav');
        renameSync(recorded, moved);
        const before2 = client.published.get(uri);
        await client.filesChanged([{ uri: fileUri(recorded), type: FileChangeType.Deleted }, { uri: fileUri(moved), type: FileChangeType.Created }]);
        diags = pull ? await client.pulled(uri)
          : await client.until(() => client.published.get(uri) !== before2 && client.published.get(uri)!.diagnostics, 'republished diagnostics');
        assert.deepEqual(diags.map((d) => [d.range.start.line, d.code]), [[1, 'audio-not-found'], [2, 'audio-not-found']]);
        rmSync(moved);
      } finally {
        await client.stop();
        proj.remove();
      }
    });
  });
}
