// "Run Batch" and its follow-ups: saves the file, checks it, starts the runner out of the extension host,
// shows progress with Cancel, streams the log to the "TTS Batch" output channel, turns failures into
// diagnostics on their lines, and ends with a summary. One run at a time: the engine wants the machine.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildRunArgs, type RunSelection } from './run/cliArgs';
import { logLinesForEvent, progressMessage, summaryMessage, type LogLine, type Translate } from './run/format';
import { failedLines, LineMapper } from './run/lineStates';
import { RunTracker, type BatchFinished } from './run/runTracker';
import { runnerAccepts, startRunProcess, type RunProcess } from './runnerProcess';
import type { LineStore } from './lineStore';
import type { TaskFiles } from './taskFiles';
import { runSettings, workspaceFolderOf } from './settings';
import { ensureTrustedForRun } from './trust';
import { RUN_SOURCE, LOG_SOURCE } from './run/lineStates';

export const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

interface ActiveRun {
  uri: vscode.Uri;
  process: RunProcess;
  tracker: RunTracker;
  mapper: LineMapper;
  cancelledByUser: boolean;
  /** A run of every task (not a retry): its end replaces all earlier results of the file. */
  wholeFile: boolean;
}

export class RunController implements vscode.Disposable {
  private active: ActiveRun | undefined;
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires on progress of a run (CodeLens of line 1, status item). */
  readonly onDidChangeRun = this.emitter.event;

  constructor(
    private readonly cliPath: string,
    private readonly store: LineStore,
    private readonly taskFiles: TaskFiles,
    readonly output: vscode.LogOutputChannel,
  ) {}

  get running(): ActiveRun | undefined {
    return this.active;
  }

  // ---- commands ----------------------------------------------------------------------------------

  async runBatch(arg?: vscode.Uri): Promise<void> {
    const doc = await this.taskDocument(arg);
    if (!doc) return;
    if (!(await this.prepare(doc))) return;
    const errors = this.validationErrors(doc.uri);
    if (errors.count > 0) {
      const runValid = t('Run the valid tasks only');
      const showProblems = t('Show Problems');
      const pick = await vscode.window.showWarningMessage(
        t('{0} has {1} error(s) on {2} line(s): those tasks cannot run. Fix them first, or run the valid tasks only (the others are reported as failed).', path.basename(doc.uri.fsPath), errors.count, errors.lines),
        runValid,
        showProblems,
      );
      if (pick === showProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
      if (pick !== runValid) return;
    }
    await this.start(doc.uri, { kind: 'all' });
  }

  async retryFailed(arg?: vscode.Uri): Promise<void> {
    const doc = await this.taskDocument(arg);
    if (!doc) return;
    await this.store.loadJournal(doc.uri);
    const failed = failedLines(this.store.get(doc.uri));
    if (failed.length === 0) {
      void vscode.window.showInformationMessage(t('No failed tasks in the last run of {0}.', path.basename(doc.uri.fsPath)));
      return;
    }
    if (!(await this.prepare(doc))) return;
    // Failures from a linked log are not in the journal: name the lines. Otherwise let the runner read its journal.
    // The same when lines moved since the last run: the journal still numbers them as they were.
    const fromLog = [...this.store.get(doc.uri)].some(([, s]) => s.status === 'failed' && s.origin === 'log');
    const moved = this.store.mappers.get(doc.uri.toString())?.edited ?? false;
    await this.start(doc.uri, fromLog || moved ? { kind: 'lines', lines: failed } : { kind: 'retry-failed' });
  }

  async retryTask(uri: vscode.Uri, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!(await this.prepare(doc))) return;
    await this.start(uri, { kind: 'lines', lines: [line] });
  }

  cancel(): void {
    if (!this.active) return;
    this.active.cancelledByUser = true;
    this.output.info(t('Cancelling the run…'));
    this.active.process.cancel();
  }

  // ---- the run -----------------------------------------------------------------------------------

  /** Trust, one run at a time, a saved file on disk. */
  private async prepare(doc: vscode.TextDocument): Promise<boolean> {
    if (!(await ensureTrustedForRun())) return false;
    if (this.active) {
      const show = t('Show Log');
      const cancel = t('Cancel Run');
      const pick = await vscode.window.showWarningMessage(t('A batch is already running ({0}).', path.basename(this.active.uri.fsPath)), show, cancel);
      if (pick === show) this.output.show(true);
      if (pick === cancel) this.cancel();
      return false;
    }
    if (doc.uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(t('Save the task file to disk before running it.'));
      return false;
    }
    if (doc.isDirty && !(await doc.save())) {
      void vscode.window.showErrorMessage(t('Could not save {0}; the batch was not started.', path.basename(doc.uri.fsPath)));
      return false;
    }
    return true;
  }

  private async start(uri: vscode.Uri, selection: RunSelection): Promise<void> {
    const taskFile = uri.fsPath;
    const workspaceFolder = workspaceFolderOf(uri);
    const settings = runSettings(uri);
    if (settings.autoSplitLongText && !(await runnerAccepts(this.cliPath, '--auto-split'))) {
      this.output.warn(t('"ttsBatch.run.autoSplitLongText" is on, but this runner has no --auto-split option: over-long texts fail as "invalid" (split them with the quick fix).'));
      settings.autoSplitLongText = false;
    }
    const args = buildRunArgs(this.cliPath, settings, { taskFile, workspaceFolder }, selection);
    const states = this.store.get(uri);
    // A new full run replaces the old results; a retry keeps the results of the lines it does not touch.
    if (selection.kind === 'lines') for (const line of selection.lines) states.delete(line);
    if (selection.kind === 'retry-failed') for (const line of failedLines(states)) states.delete(line);
    this.store.changed(uri, true);

    const mapper = new LineMapper();
    const tracker = new RunTracker(states, mapper);
    this.store.live.add(uri.toString());
    this.store.mappers.set(uri.toString(), mapper);
    this.output.show(true);
    this.output.info(`$ ${[process.execPath, ...args].map(quote).join(' ')}`);
    const onLine = (l: LogLine) => this.output[l.level](l.text);
    const proc = startRunProcess(
      args,
      workspaceFolder ?? path.dirname(taskFile),
      (item) => {
        if ('text' in item) return this.output.info(item.text);
        const e = item.event;
        for (const l of logLinesForEvent(t, e, taskFile)) onLine(l);
        const effect = tracker.apply(e);
        if (e.type === 'batch-started') {
          this.store.rememberRun(uri, { outputDir: e.header.outputDir, journalFile: e.header.journalFile, logFile: e.header.logFile });
        }
        if (effect.lines.length) this.store.changed(uri);
        if (effect.progressChanged) this.emitter.fire(uri);
      },
      (text) => this.output.warn(text),
    );
    const run: ActiveRun = { uri, process: proc, tracker, mapper, cancelledByUser: false, wholeFile: selection.kind === 'all' };
    this.active = run;
    void vscode.commands.executeCommand('setContext', 'ttsBatch.running', true);
    this.emitter.fire(uri);

    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('TTS Batch: {0}', path.basename(taskFile)), cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => this.cancel());
        let reported = 0;
        const listener = this.onDidChangeRun(() => {
          const p = tracker.progress;
          const fraction = p.total > 0 ? (p.done / p.total) * 100 : 0;
          progress.report({ message: progressMessage(t, p), increment: Math.max(0, fraction - reported) });
          reported = Math.max(reported, fraction);
        });
        progress.report({ message: t('Starting…') });
        try {
          await proc.exited.then((exit) => this.finish(run, exit));
        } finally {
          listener.dispose();
        }
      },
    );
  }

  private finish(run: ActiveRun, exit: { code: number | null; signal: NodeJS.Signals | null; stderr: string }): void {
    const abandoned = run.tracker.abandon();
    if (run.wholeFile && run.tracker.finished && !run.tracker.finished.stopped) run.tracker.dropUnseen();
    this.active = undefined;
    this.store.live.delete(run.uri.toString());
    this.store.changed(run.uri, true);
    // Tasks skipped as already done get their WAV paths (Play / Reveal) from the journal the run just compacted.
    void this.store.loadJournal(run.uri);
    void vscode.commands.executeCommand('setContext', 'ttsBatch.running', false);
    this.emitter.fire(run.uri);
    const finished = run.tracker.finished;
    if (finished) {
      this.showSummary(run.uri, finished);
      return;
    }
    if (run.cancelledByUser || abandoned.length) {
      void vscode.window.showWarningMessage(t('The batch was stopped before it finished.'));
      return;
    }
    // The runner refused to start (bad settings, unreadable file, missing voice): its message is on stderr.
    const why = exit.stderr.trim().split('\n').slice(-3).join(' ') || t('exit code {0}', String(exit.code ?? exit.signal));
    const show = t('Show Log');
    void vscode.window.showErrorMessage(t('The batch could not run: {0}', why), show).then((pick) => {
      if (pick === show) this.output.show();
    });
  }

  private showSummary(uri: vscode.Uri, f: BatchFinished): void {
    const retry = t('Retry Failed');
    const open = t('Open Folder');
    const show = t('Show Log');
    const buttons = f.failed > 0 ? [retry, open, show] : [open, show];
    const message = summaryMessage(t, f);
    const shown = f.failed > 0 || f.cancelled > 0 ? vscode.window.showWarningMessage(message, ...buttons) : vscode.window.showInformationMessage(message, ...buttons);
    void shown.then(async (pick) => {
      if (pick === retry) await this.retryFailed(uri);
      else if (pick === open) await vscode.commands.executeCommand('ttsBatch.openOutputFolder', uri);
      else if (pick === show) this.output.show();
    });
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** The task file a command is about: its argument, else the active editor's document. */
  async taskDocument(arg?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(t('Open a task file (.jsonl) first.'));
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!this.taskFiles.isTaskFile(doc)) {
      void vscode.window.showInformationMessage(t('{0} is not a TTS task file (see the "ttsBatch.taskFiles" and "ttsBatch.profile" settings).', path.basename(uri.fsPath)));
      return undefined;
    }
    return doc;
  }

  /** Errors the language server reports for the file (not our own run or log results). */
  private validationErrors(uri: vscode.Uri): { count: number; lines: number } {
    const lines = new Set<number>();
    let count = 0;
    for (const d of vscode.languages.getDiagnostics(uri)) {
      if (d.severity !== vscode.DiagnosticSeverity.Error || d.source === RUN_SOURCE || d.source === LOG_SOURCE) continue;
      count++;
      lines.add(d.range.start.line);
    }
    return { count, lines: lines.size };
  }

  dispose(): void {
    this.active?.process.cancel();
    this.emitter.dispose();
  }
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
