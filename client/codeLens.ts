// CodeLenses on a task file: line 1 "▶ Run 50 tasks · 3 problems" (or the run's progress and Cancel while it
// runs), failed lines "↻ Retry this task" / "Show log", succeeded lines "▶ Play" / "Reveal output".
import * as vscode from 'vscode';
import { failedLines, LOG_SOURCE, RUN_SOURCE } from './run/lineStates';
import { progressMessage } from './run/format';
import { planLineLenses, type LineLens } from './run/lensPlan';
import { codeLensEnabled } from './settings';
import type { LineStore } from './lineStore';
import type { RunController } from './runController';
import { t } from './runController';
import type { TaskFiles } from './taskFiles';

export interface TaskCounts {
  taskCount(uri: vscode.Uri): number | undefined;
}

export class TaskCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: LineStore,
    private readonly runs: RunController,
    private readonly taskFiles: TaskFiles,
    private readonly counts: TaskCounts,
  ) {
    this.disposables.push(
      store.onDidChange(() => this.refresh()),
      runs.onDidChangeRun(() => this.refresh()),
      taskFiles.onDidChange(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('ttsBatch.codeLens') && this.refresh()),
    );
  }

  /** Coalesced: diagnostics and run events can come many times a second. */
  refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, 200);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!codeLensEnabled(doc.uri) || !this.taskFiles.isTaskFile(doc)) return [];
    const lenses: vscode.CodeLens[] = [];
    const top = new vscode.Range(0, 0, 0, 0);
    const active = this.runs.running;
    const states = this.store.get(doc.uri);
    if (active && active.uri.toString() === doc.uri.toString()) {
      lenses.push(
        new vscode.CodeLens(top, { title: `$(sync~spin) ${active.tracker.header ? progressMessage(t, active.tracker.progress) : t('Starting…')}`, command: 'ttsBatch.showLog' }),
        new vscode.CodeLens(top, { title: `$(debug-stop) ${t('Cancel')}`, command: 'ttsBatch.cancelRun' }),
      );
    } else {
      const tasks = this.counts.taskCount(doc.uri) ?? countTasks(doc);
      const problems = countProblems(doc.uri);
      const run = tasks === 1 ? t('▶ Run 1 task') : t('▶ Run {0} tasks', tasks);
      const title = problems === 0 ? run : `${run} · ${problems === 1 ? t('1 problem') : t('{0} problems', problems)}`;
      lenses.push(new vscode.CodeLens(top, { title, command: 'ttsBatch.runBatch', arguments: [doc.uri] }));
      const failed = failedLines(states).length;
      if (failed > 0) {
        lenses.push(new vscode.CodeLens(top, { title: t('↻ Retry {0} failed', failed), command: 'ttsBatch.retryFailed', arguments: [doc.uri] }));
      }
    }

    for (const l of planLineLenses(states, doc.lineCount, { running: !!active })) {
      const range = new vscode.Range(l.line - 1, 0, l.line - 1, 0);
      lenses.push(new vscode.CodeLens(range, lensCommand(doc.uri, l)));
    }
    return lenses;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function lensCommand(uri: vscode.Uri, l: LineLens): vscode.Command {
  switch (l.kind) {
    case 'retry':
      return { title: t('↻ Retry this task'), command: 'ttsBatch.retryTask', arguments: [uri, l.line] };
    case 'show-log':
      return { title: t('Show log'), command: 'ttsBatch.showTaskLog', arguments: [uri, l.line] };
    case 'play':
      return { title: t('▶ Play'), command: 'ttsBatch.playOutput', arguments: [l.outputPath] };
    case 'reveal':
      return { title: t('Reveal output'), command: 'ttsBatch.revealOutput', arguments: [l.outputPath] };
    case 'running':
      return { title: `$(sync~spin) ${t('Running…')}`, command: 'ttsBatch.showLog' };
    case 'run-one':
      return { title: t('▶ Run this task'), command: 'ttsBatch.retryTask', arguments: [uri, l.line] };
  }
}

function countTasks(doc: vscode.TextDocument): number {
  let n = 0;
  for (let i = 0; i < doc.lineCount; i++) if (!doc.lineAt(i).isEmptyOrWhitespace) n++;
  return n;
}

/** Validation problems (errors and warnings) of the language server, not our run results. */
function countProblems(uri: vscode.Uri): number {
  let n = 0;
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source === RUN_SOURCE || d.source === LOG_SOURCE) continue;
    if (d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning) n++;
  }
  return n;
}
