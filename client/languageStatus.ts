// The language status item of a task file: "GLM-TTS · 50 tasks", with "Change Profile" (a quick pick that
// writes ttsBatch.profile) and the run's progress while a batch runs.
import * as vscode from 'vscode';
import type { TaskLanguageClient } from './languageClient';
import type { RunController } from './runController';
import { t } from './runController';
import { progressMessage } from './run/format';
import type { TaskFiles } from './taskFiles';

export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('ttsBatch.profile', { language: 'jsonl' });
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly lsp: TaskLanguageClient,
    private readonly runs: RunController,
    private readonly taskFiles: TaskFiles,
  ) {
    this.item.name = t('TTS Batch profile');
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update(true)),
      lsp.onDidChangeInfo((info) => {
        this.taskFiles.setServerRecognised(vscode.Uri.parse(info.uri), info.profile !== null);
        if (info.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.update(false);
      }),
      runs.onDidChangeRun(() => this.update(false)),
    );
    this.update(true);
  }

  private update(ask: boolean): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'jsonl') return;
    const info = this.lsp.info(doc.uri);
    if (ask) {
      void this.lsp.requestInfo(doc.uri).then((fresh) => fresh && this.update(false));
    }
    const active = this.runs.running;
    const running = active && active.uri.toString() === doc.uri.toString();
    this.item.busy = !!running;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    if (running) {
      this.item.text = active.tracker.header ? progressMessage(t, active.tracker.progress) : t('Starting…');
      this.item.detail = t('TTS Batch run');
      this.item.command = { title: t('Cancel'), command: 'ttsBatch.cancelRun' };
      return;
    }
    if (info?.profile) {
      this.item.text = `${info.profileTitle ?? info.profile} · ${info.taskCount === 1 ? t('1 task') : t('{0} tasks', info.taskCount)}`;
      this.item.detail = info.profileSource === 'detected' ? t('TTS Batch profile, detected from the first task') : t('TTS Batch profile, chosen in the settings');
    } else if (this.taskFiles.isTaskFile(doc)) {
      this.item.text = t('TTS Batch');
      this.item.detail = t('Checking…');
    } else {
      this.item.text = t('No TTS profile');
      this.item.detail = t('The first line matches no task profile: the file is not checked');
    }
    this.item.command = { title: t('Change Profile'), command: 'ttsBatch.selectProfile', arguments: [doc.uri] };
  }

  /** Quick pick of the profiles; writes ttsBatch.profile for the task file's workspace folder (or the user). */
  async selectProfile(arg?: vscode.Uri): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const config = vscode.workspace.getConfiguration('ttsBatch', uri);
    const current = config.get<string>('profile', 'auto');
    const info = uri ? this.lsp.info(uri) : undefined;
    const choices = await this.lsp.profiles();
    type Item = vscode.QuickPickItem & { id: string };
    const items: Item[] = [
      {
        id: 'auto',
        label: t('Detect automatically'),
        description: info?.profileSource === 'detected' && info.profileTitle ? t('now: {0}', info.profileTitle) : undefined,
        detail: t('From the fields of the first task line'),
      },
      ...choices.map((c) => ({ id: c.id, label: c.title, description: c.id })),
    ];
    for (const i of items) if (i.id === current) i.picked = true;
    const pick = await vscode.window.showQuickPick(items, { title: t('Task file profile'), placeHolder: t('Which tool are these task files for?') });
    if (!pick) return;
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
    await config.update('profile', pick.id, target);
    if (uri) setTimeout(() => void this.lsp.requestInfo(uri), 300);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
