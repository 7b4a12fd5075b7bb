// Incremental document sync: didOpen builds the document once, didChange applies only the changed ranges,
// didClose forgets it. Settings are fetched per document (workspace/configuration, section ttsBatch).
import { TextDocumentSyncKind, type Connection } from 'vscode-languageserver';
import type { Diagnostics } from './diagnostics';
import type { OpenDocument } from './openDocument';
import type { Session } from './session';
import { parseSettings, settingsKey } from './settings';

export const textDocumentSync = { openClose: true, change: TextDocumentSyncKind.Incremental } as const;

export function registerDocumentSync(connection: Connection, session: Session, diagnostics: Diagnostics,
  onClosed: (uri: string) => void): void {
  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    // Settings are fetched before the (possibly large) first check so it runs once, with the right ones.
    const settings = session.settingsFor(t.uri);
    session.queue(t.uri, async () => {
      const doc = session.createDocument(t.uri, t.version, t.text, await settings);
      diagnostics.changed(doc, true);
    });
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    session.queue(t.uri, () => {
      const doc = session.documents.get(t.uri);
      if (!doc) return;
      doc.applyChanges(contentChanges, t.version ?? doc.version + 1);
      diagnostics.changed(doc);
    });
  });

  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    session.queue(t.uri, () => {
      session.documents.delete(t.uri);
      diagnostics.closed(t.uri);
      onClosed(t.uri);
    });
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { ttsBatch?: unknown } | undefined)?.ttsBatch;
    if (pushed !== undefined) session.pushedSettings = parseSettings(pushed);
    void recheckAll(session, diagnostics);
  });
}

/** Settings may have changed: re-read them per document and recheck the documents whose settings differ. */
export async function recheckAll(session: Session, diagnostics: Diagnostics): Promise<void> {
  const changed: OpenDocument[] = [];
  for (const doc of [...session.documents.values()]) {
    const settings = await session.settingsFor(doc.uri);
    const current = await session.ready(doc.uri);
    if (current !== doc) continue;
    if (settingsKey(settings) === settingsKey(doc.settings) && !settings.extraSchemas.length) continue;
    doc.settings = settings;
    doc.refreshContext();
    changed.push(doc);
  }
  diagnostics.refresh(changed);
}
