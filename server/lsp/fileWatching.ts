// Audio files change under the editor (recorded, renamed, deleted): forget what was known about them and
// re-check only the documents with lines that refer to them (or that already report a file problem).
import { DidChangeWatchedFilesNotification, type Connection, type FileEvent } from 'vscode-languageserver';
import type { Diagnostics } from './diagnostics';
import type { OpenDocument } from './openDocument';
import { Session } from './session';

export const audioGlob = '**/*.{wav,WAV,Wav,flac,FLAC,mp3,MP3,ogg,OGG}';

// Problems whose answer depends on the disk; a new file may fix them even when no line resolves to it exactly
// (a case mismatch, a file moved into place).
const diskCodes = new Set(['audio-not-found', 'audio-case-mismatch', 'audio-is-directory', 'audio-not-wav',
  'audio-too-short', 'audio-too-long', 'audio-over-limit', 'audio-low-sample-rate', 'text-file-not-found']);

export function registerFileWatching(connection: Connection, session: Session, diagnostics: Diagnostics): void {
  connection.onDidChangeWatchedFiles(({ changes }) => onFilesChanged(session, diagnostics, changes));
}

/** After `initialized`: ask the client to watch audio files, when it lets servers register watchers. */
export async function startWatching(connection: Connection, session: Session): Promise<void> {
  if (!session.support.watchedFilesDynamic) return;
  try {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: audioGlob }] });
  } catch (err) {
    connection.console.warn(`could not register the audio file watcher: ${(err as Error).message}`);
  }
}

export function onFilesChanged(session: Session, diagnostics: Diagnostics, changes: FileEvent[]): void {
  const paths: string[] = [];
  for (const c of changes) {
    const p = Session.uriToPath(c.uri);
    if (!p) continue;
    session.files.invalidate?.(p);
    paths.push(p);
  }
  if (!paths.length) return;
  const affected: OpenDocument[] = [];
  for (const doc of session.documents.values()) {
    if (!doc.checked) continue;
    const refers = paths.some((p) => doc.doc.linesReferencing(p).length > 0);
    const hasDiskProblem = diagnostics.lastKnown(doc.uri)?.core.some((d) => diskCodes.has(d.code)) ?? false;
    if (refers || hasDiskProblem) {
      doc.invalidate();
      affected.push(doc);
    }
  }
  diagnostics.refresh(affected);
}
