// Reads the ttsBatch.* settings the client needs. Path settings that load code or write files (voice, output
// folder) are `restrictedConfigurations` in the manifest: in Restricted Mode VS Code hands back only the
// user's own values for them, never the workspace's.
import * as vscode from 'vscode';
import type { RunSettings } from './run/cliArgs';

export function runSettings(resource: vscode.Uri): RunSettings {
  const c = vscode.workspace.getConfiguration('ttsBatch', resource);
  return {
    voice: c.get<string>('run.voice', ''),
    executionProvider: c.get<'auto' | 'cpu' | 'cuda'>('run.executionProvider', 'auto'),
    workers: c.get<number>('run.workers', 0),
    timeoutSeconds: c.get<number>('run.timeoutSeconds', 0),
    seed: c.get<number>('run.seed', 42),
    sampleRate: c.get<number>('run.sampleRate', 24000),
    outputFolder: c.get<string>('run.outputFolder', ''),
    autoSplitLongText: c.get<boolean>('run.autoSplitLongText', false),
    profile: c.get<string>('profile', 'auto'),
    audioRoot: c.get<string>('audioRoot', ''),
  };
}

export function taskFileGlobs(): string[] {
  return vscode.workspace.getConfiguration('ttsBatch').get<string[]>('taskFiles', []).filter((g) => typeof g === 'string' && g.trim());
}

export function codeLensEnabled(resource?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('ttsBatch', resource).get<boolean>('codeLens.enabled', true);
}

export function workspaceFolderOf(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
}
