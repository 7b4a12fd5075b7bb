// The custom requests and notifications behind the client's language status item: which profile a file is
// checked with (and why), how many tasks and problems it has, and a way to choose the profile.
import { NotificationType, RequestType, type Connection } from 'vscode-languageserver';
import type { Diagnostics } from './diagnostics';
import type { OpenDocument, ProfileSource } from './openDocument';
import type { Session } from './session';

export interface DocumentInfo {
  uri: string;
  profile: string | null;
  profileTitle: string | null;
  profileSource: ProfileSource;
  taskCount: number;
  lineCount: number;
  problems: number;
}

export const documentInfoRequest = new RequestType<{ uri: string }, DocumentInfo | null, void>('ttsBatch/documentInfo');
export const documentInfoChanged = new NotificationType<DocumentInfo>('ttsBatch/documentInfoChanged');
export const profilesRequest = new RequestType<null, Array<{ id: string; title: string }>, void>('ttsBatch/profiles');
export const setProfileNotification = new NotificationType<{ uri: string; profile: string }>('ttsBatch/setProfile');

// Counting tasks walks the file: do it after typing pauses, not on every keystroke.
const infoDelayMs = 300;

export class DocumentInfoService {
  private sent = new Map<string, string>();
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private session: Session, private diagnostics: Diagnostics) {}

  info(doc: OpenDocument): DocumentInfo {
    const choice = doc.profileChoice;
    const profile = choice.id ? doc.doc.profile : undefined;
    return {
      uri: doc.uri,
      profile: profile?.id ?? null,
      profileTitle: profile?.title ?? null,
      profileSource: choice.source,
      taskCount: doc.taskCount(),
      lineCount: doc.doc.lineCount,
      problems: this.diagnostics.lastKnown(doc.uri)?.lsp.length ?? 0,
    };
  }

  /** After a check: tell the client when anything it shows changed. */
  checked(doc: OpenDocument): void {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(doc.uri, setTimeout(() => {
      this.timers.delete(doc.uri);
      if (this.session.documents.get(doc.uri) !== doc) return;
      const info = this.info(doc);
      const key = JSON.stringify(info);
      if (this.sent.get(doc.uri) === key) return;
      this.sent.set(doc.uri, key);
      void this.session.connection.sendNotification(documentInfoChanged, info);
    }, infoDelayMs));
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.sent.delete(uri);
  }

  register(connection: Connection, onProfileChosen: (doc: OpenDocument) => void): void {
    connection.onRequest(documentInfoRequest, async ({ uri }) => {
      const doc = await this.session.ready(uri);
      if (!doc) return null;
      await this.diagnostics.check(doc);
      return this.info(doc);
    });
    connection.onRequest(profilesRequest, () => {
      const any = this.session.documents.values().next().value as OpenDocument | undefined;
      const settings = any?.settings ?? this.session.pushedSettings;
      return this.session.profilesFor(settings, any?.filePath).map((p) => ({ id: p.id, title: p.title }));
    });
    connection.onNotification(setProfileNotification, ({ uri, profile }) => {
      this.session.queue(uri, () => {
        const doc = this.session.documents.get(uri);
        if (!doc) return;
        doc.profileOverride = profile && profile !== 'auto' ? profile : undefined;
        doc.refreshContext();
        onProfileChosen(doc);
      });
    });
  }
}
