// Commands about a run's results: open the output folder, play or reveal a WAV, show a task's log lines,
// write the failed tasks to a new task file, link a log (ours, GLM-TTS, IndexTTS2) to the task lines.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseExplainReport, statesFromExplained } from './run/explainOutput';
import { findTaskInLog } from './run/logSearch';
import { failedLines } from './run/lineStates';
import { batchName } from './run/journal';
import type { LineStore } from './lineStore';
import type { RunController } from './runController';
import { t } from './runController';

export class ResultCommands {
  constructor(
    private readonly cliPath: string,
    private readonly store: LineStore,
    private readonly runs: RunController,
  ) {}

  async openOutputFolder(arg?: vscode.Uri): Promise<void> {
    const doc = await this.runs.taskDocument(arg);
    if (!doc) return;
    const { outputDir } = this.store.places(doc.uri);
    if (!fs.existsSync(outputDir)) {
      void vscode.window.showInformationMessage(t('No output yet: {0} does not exist. Run the batch first.', outputDir));
      return;
    }
    await revealPath(vscode.Uri.file(outputDir), true);
  }

  async play(outputPath: string): Promise<void> {
    if (!fs.existsSync(outputPath)) {
      void vscode.window.showWarningMessage(t('{0} no longer exists.', outputPath));
      return;
    }
    // The built-in media preview plays WAV files, locally and in the browser (code-server, vscode.dev).
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(outputPath), { preview: true });
  }

  async reveal(outputPath: string): Promise<void> {
    if (!fs.existsSync(outputPath)) {
      void vscode.window.showWarningMessage(t('{0} no longer exists.', outputPath));
      return;
    }
    await revealPath(vscode.Uri.file(outputPath), false);
  }

  /** Opens the run log at the task's failure; the Output channel when there is no log file. */
  async showTaskLog(uri: vscode.Uri, line: number): Promise<void> {
    const { logFile } = this.store.places(uri);
    if (logFile && fs.existsSync(logFile)) {
      const log = await vscode.workspace.openTextDocument(vscode.Uri.file(logFile));
      const at = findTaskInLog(log.getText(), line, uri.fsPath);
      const editor = await vscode.window.showTextDocument(log, { preview: true });
      if (at !== undefined) {
        const range = log.lineAt(at).range;
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
      }
      return;
    }
    this.runs.output.show();
  }

  async showLog(): Promise<void> {
    this.runs.output.show();
  }

  /** `<batch>.failed.jsonl` next to the task file: the failed lines, unchanged, so relative paths still resolve. */
  async writeFailed(arg?: vscode.Uri): Promise<void> {
    const doc = await this.runs.taskDocument(arg);
    if (!doc) return;
    await this.store.loadJournal(doc.uri);
    const failed = failedLines(this.store.get(doc.uri)).filter((line) => line <= doc.lineCount);
    if (failed.length === 0) {
      void vscode.window.showInformationMessage(t('No failed tasks in the last run of {0}.', path.basename(doc.uri.fsPath)));
      return;
    }
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const text = failed.map((line) => doc.lineAt(line - 1).text).join(eol) + eol;
    const target = freeName(path.join(path.dirname(doc.uri.fsPath), `${batchName(doc.uri.fsPath)}.failed.jsonl`));
    try {
      await fs.promises.writeFile(target, text, { encoding: 'utf8', flag: 'wx' });
    } catch (err) {
      void vscode.window.showErrorMessage(t('Could not write {0}: {1}', target, (err as Error).message));
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(target));
    void vscode.window.showInformationMessage(t('Wrote {0} failed task(s) to {1}.', failed.length, path.basename(target)));
  }

  /** Picks a log file and shows its errors as diagnostics on the task lines (`tts-batch explain`). */
  async linkLog(arg?: vscode.Uri): Promise<void> {
    const doc = await this.runs.taskDocument(arg);
    if (!doc) return;
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: t('Link Log'),
      title: t('Pick the log of a run of {0}', path.basename(doc.uri.fsPath)),
      defaultUri: vscode.Uri.file(path.dirname(doc.uri.fsPath)),
      filters: { [t('Logs')]: ['log', 'txt', 'out'], [t('All files')]: ['*'] },
    });
    if (!picked?.[0]) return;
    await this.linkLogFile(doc.uri, picked[0].fsPath);
  }

  async linkLogFile(taskUri: vscode.Uri, logFile: string): Promise<void> {
    const result = await explain(this.cliPath, logFile, taskUri.fsPath);
    const report = parseExplainReport(result.stdout);
    const problems = report.problems;
    // explain exits 1 when it found errors, 0 when it found none; anything else is a failure to read.
    if (result.code !== 0 && result.code !== 1) {
      void vscode.window.showErrorMessage(t('Could not read the log: {0}', result.stderr.trim() || String(result.code)));
      return;
    }
    const states = this.store.get(taskUri);
    for (const [line, s] of [...states]) if (s.origin === 'log') states.delete(line);
    for (const [line, s] of statesFromExplained(problems)) states.set(line, s);
    this.store.changed(taskUri, true);
    this.runs.output.info(t('Linked {0} ({1}) to {2}: {3} error(s).', logFile, report.format ?? t('unknown format'), taskUri.fsPath, problems.length));
    for (const p of problems) this.runs.output.error(`[✗] ${t('Task {0} failed: {1}', p.line, p.message)} ${taskUri.fsPath}:${p.line}:${p.column ?? 1}`);
    for (const note of report.notes) this.runs.output.info(note);
    if (problems.length === 0) {
      void vscode.window.showInformationMessage(t('No task errors found in {0}.', path.basename(logFile)));
    } else {
      const lines = new Set(problems.map((p) => p.line)).size;
      void vscode.window.showInformationMessage(t('{0}: {1} error(s) on {2} task line(s), shown in Problems.', path.basename(logFile), problems.length, lines));
    }
  }
}

function explain(cliPath: string, logFile: string, taskFile: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, 'explain', logFile, taskFile, '--format', 'json'],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 * 1024 * 1024, cwd: path.dirname(taskFile) },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? ((err as unknown as { code: number }).code) : null) : 0;
        resolve({ code, stdout, stderr: stderr || (err && code === null ? err.message : '') });
      },
    );
  });
}

/** Local desktop: the system file manager. Remote or web: the Explorer when inside the workspace, else a file picker. */
async function revealPath(uri: vscode.Uri, isFolder: boolean): Promise<void> {
  const local = vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop;
  if (local) {
    await vscode.commands.executeCommand('revealFileInOS', uri);
    return;
  }
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
    return;
  }
  const picked = await vscode.window.showOpenDialog({ defaultUri: isFolder ? uri : vscode.Uri.file(path.dirname(uri.fsPath)), canSelectMany: false, openLabel: t('Open') });
  if (picked?.[0]) await vscode.commands.executeCommand('vscode.open', picked[0]);
}

function freeName(file: string): string {
  if (!fs.existsSync(file)) return file;
  const ext = path.extname(file);
  const stem = file.slice(0, -ext.length);
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}
