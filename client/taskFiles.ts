// Decides which documents are task files: the ttsBatch.taskFiles globs when set, else every .jsonl file whose
// first object looks like a task of a known profile (or any .jsonl when a profile is forced, or when the
// language server recognised one of the user's extra profiles). Keeps the `ttsBatch.isTaskFile` context key
// for the editor title buttons.
import * as vscode from 'vscode';
import { looksLikeTaskFile } from './taskFileSniff';
import { taskFileGlobs } from './settings';

export function taskFileSelector(): Array<{ language: string; pattern?: string }> {
  const globs = taskFileGlobs();
  if (!globs.length) return [{ language: 'jsonl' }];
  return globs.map((pattern) => ({ language: 'jsonl', pattern }));
}

export class TaskFiles implements vscode.Disposable {
  /** Documents the language server recognised a profile in (covers user-defined profiles). */
  private readonly serverRecognised = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor() {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ttsBatch.taskFiles') || e.affectsConfiguration('ttsBatch.profile')) {
          this.updateContext();
          this.emitter.fire();
        }
      }),
    );
    this.updateContext();
  }

  isTaskFile(doc: vscode.TextDocument): boolean {
    if (doc.languageId !== 'jsonl' || doc.uri.scheme === 'output') return false;
    const globs = taskFileGlobs();
    if (globs.length) return vscode.languages.match(taskFileSelector(), doc) > 0;
    const profile = vscode.workspace.getConfiguration('ttsBatch', doc.uri).get<string>('profile', 'auto');
    if (profile && profile !== 'auto') return true;
    if (this.serverRecognised.has(doc.uri.toString())) return true;
    return looksLikeTaskFile(firstLines(doc, 20));
  }

  /** The language server's view (ttsBatch/documentInfo): a profile was found or not. */
  setServerRecognised(uri: vscode.Uri, recognised: boolean): void {
    const key = uri.toString();
    if (recognised === this.serverRecognised.has(key)) return;
    if (recognised) this.serverRecognised.add(key);
    else this.serverRecognised.delete(key);
    this.updateContext();
    this.emitter.fire();
  }

  updateContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', 'ttsBatch.isTaskFile', !!doc && this.isTaskFile(doc));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function firstLines(doc: vscode.TextDocument, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.min(count, doc.lineCount); i++) {
    const text = doc.lineAt(i).text;
    lines.push(text);
    if (text.trim()) break;
  }
  return lines.join('\n');
}
