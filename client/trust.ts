// Workspace Trust: a task file can name voice modules (JavaScript) and engine paths, so running a batch in an
// untrusted folder could run code from it. Validation stays on; running asks for trust first.
import * as vscode from 'vscode';

export async function ensureTrustedForRun(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const pick = await vscode.window.showWarningMessage(
    vscode.l10n.t('Running a batch is turned off in Restricted Mode: it loads voice models and can run voice modules named in this workspace. Trust the workspace to run batches; validation works either way.'),
    manage,
  );
  if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
