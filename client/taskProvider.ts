// Tasks for tasks.json users: type `tts-batch` runs `tts-batch run FILE` in the terminal, and the `$tts-batch`
// problem matcher turns its `[✗] Task N failed: … (file:N)` lines into problems on the task lines. The Run Batch
// command stays the richer way (progress, cancel, CodeLens); this is for people who chain runs in tasks.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildRunArgs, type RunSelection } from './run/cliArgs';
import { looksLikeTaskFile } from './taskFileSniff';
import { runSettings } from './settings';

export interface TtsBatchTaskDefinition extends vscode.TaskDefinition {
  type: 'tts-batch';
  /** Task file, absolute or relative to the workspace folder. */
  file: string;
  retryFailed?: boolean;
  /** e.g. "3,17" or "5-9". */
  onlyLines?: string;
}

/** At most this many task files are offered in "Run Task" (each costs a read of its first bytes). */
const MAX_OFFERED = 50;

export class TtsBatchTaskProvider implements vscode.TaskProvider {
  constructor(private readonly cliPath: string) {}

  async provideTasks(token: vscode.CancellationToken): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    const files = await vscode.workspace.findFiles('**/*.jsonl', '**/{node_modules,.git,*.output}/**', 500, token);
    const tasks: vscode.Task[] = [];
    for (const uri of files) {
      if (tasks.length >= MAX_OFFERED || token.isCancellationRequested) break;
      if (!looksLikeTaskFile(await head(uri.fsPath))) continue;
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const file = folder ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
      const task = this.make({ type: 'tts-batch', file }, folder);
      if (task) tasks.push(task);
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const def = task.definition as TtsBatchTaskDefinition;
    if (!def.file) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : undefined;
    return this.make(def, folder, task);
  }

  private make(def: TtsBatchTaskDefinition, folder: vscode.WorkspaceFolder | undefined, original?: vscode.Task): vscode.Task | undefined {
    const base = folder?.uri.fsPath;
    const taskFile = path.resolve(base ?? process.cwd(), def.file);
    const selection: RunSelection = def.retryFailed
      ? { kind: 'retry-failed' }
      : def.onlyLines
        ? { kind: 'lines', lines: expandLines(def.onlyLines) }
        : { kind: 'all' };
    const args = buildRunArgs(this.cliPath, runSettings(vscode.Uri.file(taskFile)), { taskFile, workspaceFolder: base }, selection, 'text');
    const execution = new vscode.ProcessExecution(process.execPath, args, {
      cwd: base ?? path.dirname(taskFile),
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const name = original?.name ?? vscode.l10n.t('Run {0}', def.file);
    const task = new vscode.Task(def, folder ?? vscode.TaskScope.Workspace, name, 'tts-batch', execution, ['$tts-batch']);
    task.group = vscode.TaskGroup.Build;
    task.detail = vscode.l10n.t('Synthesize every task of {0} (TTS Batch)', def.file);
    return task;
  }
}

function expandLines(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(',')) {
    const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let i = a; i <= b && i - a < 1_000_000; i++) out.push(i);
  }
  return out;
}

async function head(file: string): Promise<string> {
  let fd: fs.promises.FileHandle | undefined;
  try {
    fd = await fs.promises.open(file, 'r');
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await fd?.close();
  }
}
