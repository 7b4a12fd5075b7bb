// Diagnostics for open task files, pulled by the client when it can (textDocument/diagnostic), pushed
// otherwise. Pull answers from the document's current state; push waits until typing pauses. Work whose
// document changed while it ran is thrown away, so a slow disk never publishes stale problems.
import {
  DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError,
  type CancellationToken, type Diagnostic, type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TaskDiagnostic } from '../core';
import { toLspDiagnostic } from './lspDiagnostic';
import type { OpenDocument } from './openDocument';
import type { Session } from './session';

/** Pause in typing before a push during a burst; short enough to feel live, long enough to skip keystrokes. */
export const pushDelayMs = 150;

// Results of one server process must never be mistaken for another's after a restart.
const epoch = Date.now().toString(36);

export interface Checked {
  generation: number;
  core: TaskDiagnostic[];
  lsp: Diagnostic[];
}

export class Diagnostics {
  private timers = new Map<string, NodeJS.Timeout>();
  private last = new Map<string, Checked>();
  private lastPublish = new Map<string, number>();
  /** Called after every completed check (the document-info notifier listens). */
  onChecked: (doc: OpenDocument) => void = () => {};

  constructor(private session: Session) {}

  get pull(): boolean {
    return this.session.support.pullDiagnostics;
  }

  /** The latest completed check of a document, when it is still current. */
  current(doc: OpenDocument): Checked | undefined {
    const c = this.last.get(doc.uri);
    return c && c.generation === doc.generation ? c : undefined;
  }

  lastKnown(uri: string): Checked | undefined {
    return this.last.get(uri);
  }

  /** Everything the core finds, disk checks included; undefined when the document changed meanwhile. */
  async check(doc: OpenDocument): Promise<Checked | undefined> {
    const done = this.current(doc);
    if (done) return done;
    const generation = doc.generation;
    let core: TaskDiagnostic[] = [];
    if (doc.checked) {
      // The core's document is incremental: this costs what changed since the last check, not the file.
      core = await doc.doc.diagnostics();
    }
    if (generation !== doc.generation || this.session.documents.get(doc.uri) !== doc) return undefined;
    if (core.length > doc.settings.maxProblems) core = core.slice(0, doc.settings.maxProblems);
    const checked = { generation, core, lsp: core.map((d) => toLspDiagnostic(d, doc.uri)) };
    this.last.set(doc.uri, checked);
    this.onChecked(doc);
    return checked;
  }

  /**
   * A document was opened or changed. Push mode publishes at once after a pause in typing (an isolated
   * keystroke is answered immediately), and while keystrokes keep coming, once they pause for pushDelayMs.
   */
  changed(doc: OpenDocument, immediately = false): void {
    if (this.pull) return;
    const pending = this.timers.get(doc.uri);
    clearTimeout(pending);
    const run = () => {
      this.timers.delete(doc.uri);
      this.lastPublish.set(doc.uri, Date.now());
      void this.publish(doc);
    };
    const quiet = Date.now() - (this.lastPublish.get(doc.uri) ?? 0) >= pushDelayMs;
    if (immediately || (!pending && quiet)) run();
    else this.timers.set(doc.uri, setTimeout(run, pushDelayMs));
  }

  private async publish(doc: OpenDocument): Promise<void> {
    try {
      const checked = await this.check(doc);
      if (!checked) return; // superseded: the newer change has its own timer
      await this.session.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: checked.lsp });
    } catch (err) {
      this.session.connection.console.error(`diagnostics for ${doc.uri} failed: ${(err as Error).stack ?? err}`);
    }
  }

  /** Disk facts or settings changed behind these documents' backs: get fresh diagnostics to the client. */
  refresh(docs: OpenDocument[]): void {
    if (!docs.length) return;
    if (!this.pull) {
      for (const d of docs) this.changed(d, true);
      return;
    }
    if (this.session.support.diagnosticRefresh) {
      this.session.connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.last.delete(uri);
    this.lastPublish.delete(uri);
    if (!this.pull) void this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** textDocument/diagnostic */
  async answerPull(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const doc = await this.session.ready(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    while (this.session.documents.get(uri) === doc) {
      const resultId = `${epoch}:${doc.generation}`;
      if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      const checked = await this.check(doc);
      if (token.isCancellationRequested) {
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      }
      // The document moved on while the disk was read: answer for the state it is in now.
      if (checked) return { kind: DocumentDiagnosticReportKind.Full, resultId: `${epoch}:${checked.generation}`, items: checked.lsp };
    }
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
}
