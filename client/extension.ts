// Entry of dist/client.js: wires the language client, the status item, the run UI and the result commands.
// Each piece lives in its own file; the logic they share (events, journal, logs → line states) is pure and
// lives in client/run/.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TaskLanguageClient } from './languageClient';
import { ProfileStatus } from './languageStatus';
import { LineStore } from './lineStore';
import { RunController } from './runController';
import { ResultCommands } from './resultCommands';
import { TaskCodeLenses } from './codeLens';
import { TaskFiles } from './taskFiles';
import { TtsBatchTaskProvider } from './taskProvider';

let lsp: TaskLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const dist = path.join(context.extensionPath, 'dist');
  const cliPath = path.join(dist, 'cli.js');
  const output = vscode.window.createOutputChannel('TTS Batch', { log: true });
  const taskFiles = new TaskFiles();
  const store = new LineStore(context.workspaceState);
  const runs = new RunController(cliPath, store, taskFiles, output);
  const results = new ResultCommands(cliPath, store, runs);
  lsp = new TaskLanguageClient(path.join(dist, 'server.js'));
  const status = new ProfileStatus(lsp, runs, taskFiles);
  const lenses = new TaskCodeLenses(store, runs, taskFiles, { taskCount: (uri) => lsp?.info(uri)?.taskCount });
  void vscode.commands.executeCommand('setContext', 'ttsBatch.running', false);

  const command = (id: string, fn: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    output, taskFiles, store, runs, status, lenses,
    vscode.languages.registerCodeLensProvider({ language: 'jsonl' }, lenses),
    vscode.tasks.registerTaskProvider('tts-batch', new TtsBatchTaskProvider(cliPath)),
    command('ttsBatch.runBatch', (uri?: vscode.Uri) => runs.runBatch(uri)),
    command('ttsBatch.retryFailed', (uri?: vscode.Uri) => runs.retryFailed(uri)),
    command('ttsBatch.retryTask', (uri: vscode.Uri, line: number) => runs.retryTask(uri, line)),
    command('ttsBatch.cancelRun', () => runs.cancel()),
    command('ttsBatch.writeFailed', (uri?: vscode.Uri) => results.writeFailed(uri)),
    command('ttsBatch.openOutputFolder', (uri?: vscode.Uri) => results.openOutputFolder(uri)),
    command('ttsBatch.linkLog', (uri?: vscode.Uri) => results.linkLog(uri)),
    command('ttsBatch.showLog', () => results.showLog()),
    command('ttsBatch.showTaskLog', (uri: vscode.Uri, line: number) => results.showTaskLog(uri, line)),
    command('ttsBatch.playOutput', (file: string) => results.play(file)),
    command('ttsBatch.revealOutput', (file: string) => results.reveal(file)),
    command('ttsBatch.clearRunResults', async (uri?: vscode.Uri) => {
      const doc = await runs.taskDocument(uri);
      if (doc) store.clear(doc.uri);
    }),
    command('ttsBatch.selectProfile', (uri?: vscode.Uri) => status.selectProfile(uri)),
  );

  // Results of earlier runs (also from a terminal) show up when a task file opens, and when its journal changes.
  const loadFor = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme === 'file' && taskFiles.isTaskFile(doc) && !store.has(doc.uri)) void store.loadJournal(doc.uri);
  };
  vscode.workspace.textDocuments.forEach(loadFor);
  const journals = vscode.workspace.createFileSystemWatcher('**/*.results.jsonl');
  const onJournal = (uri: vscode.Uri) => {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === 'file' && store.places(doc.uri).journalFile === uri.fsPath && !store.live.has(doc.uri.toString())) {
        void store.loadJournal(doc.uri);
      }
    }
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(loadFor),
    journals, journals.onDidChange(onJournal), journals.onDidCreate(onJournal),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ttsBatch.taskFiles')) void lsp?.restart();
    }),
  );

  try {
    await lsp.start();
  } catch (err) {
    output.error(vscode.l10n.t('The TTS Batch language server did not start: {0}', err instanceof Error ? err.message : String(err)));
  }
}

export async function deactivate(): Promise<void> {
  await lsp?.dispose();
  lsp = undefined;
}
