// State shared by every feature of the server: the open documents, the cached disk facts, the client's
// capabilities and language, and how a document's settings become the core's ValidationContext.
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { builtinProfiles, type Locale, type Profile, type ValidationContext } from '../core';
import { NodeFileFacts } from '../node/nodeFileFacts';
import { ExtraProfiles } from './extraProfiles';
import { OpenDocument } from './openDocument';
import { defaultSettings, parseSettings, type ServerSettings } from './settings';

export interface ClientSupport {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configuration: boolean;
  watchedFilesDynamic: boolean;
  snippets: boolean;
  markdownHover: boolean;
}

export class Session {
  readonly documents = new Map<string, OpenDocument>();
  /** Documents whose didOpen is still waiting for their settings; later notifications queue behind it. */
  private pending = new Map<string, Promise<void>>();
  readonly files = new NodeFileFacts();
  locale: Locale = 'en';
  support: ClientSupport = {
    pullDiagnostics: false, diagnosticRefresh: false, configuration: false,
    watchedFilesDynamic: false, snippets: false, markdownHover: false,
  };
  workspaceFolders: string[] = [];
  /** Settings pushed in didChangeConfiguration, for clients without workspace/configuration. */
  pushedSettings: ServerSettings = defaultSettings;
  private builtins: Profile[] | undefined;
  readonly extraProfiles: ExtraProfiles;

  constructor(readonly connection: Connection) {
    this.extraProfiles = new ExtraProfiles((m) => connection.console.warn(m));
  }

  static uriToPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }

  workspaceFolderOf(path: string | undefined): string | undefined {
    if (!path) return this.workspaceFolders[0];
    let best: string | undefined;
    for (const f of this.workspaceFolders) {
      if ((path === f || path.startsWith(f.endsWith(sep) ? f : f + sep)) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  profilesFor(settings: ServerSettings, filePath: string | undefined): Profile[] {
    this.builtins ??= builtinProfiles();
    if (!settings.extraSchemas.length) return this.builtins;
    return [...this.builtins, ...this.extraProfiles.load(settings.extraSchemas, this.workspaceFolderOf(filePath))];
  }

  contextFor(doc: OpenDocument): ValidationContext {
    const s = doc.settings;
    const folder = this.workspaceFolderOf(doc.filePath);
    const base = folder ?? (doc.filePath ? dirname(doc.filePath) : process.cwd());
    const projectRoot = s.audioRoot ? (isAbsolute(s.audioRoot) ? s.audioRoot : resolve(base, s.audioRoot)) : base;
    return {
      projectRoot,
      taskFilePath: doc.filePath,
      profile: doc.profileChoice.id,
      extraProfiles: s.extraSchemas.length ? this.profilesFor(s, doc.filePath).slice(this.builtins!.length) : undefined,
      files: this.files,
      textLimits: s.text,
      audioLimits: s.promptAudio,
      severities: s.severity,
      maxProblems: s.maxProblems,
      locale: this.locale,
    };
  }

  async settingsFor(uri: string | undefined): Promise<ServerSettings> {
    if (!this.support.configuration) return this.pushedSettings;
    try {
      const raw = await this.connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: 'ttsBatch' } : { section: 'ttsBatch' });
      return parseSettings(raw);
    } catch (err) {
      this.connection.console.warn(`could not read settings: ${(err as Error).message}`);
      return this.pushedSettings;
    }
  }

  createDocument(uri: string, version: number, text: string, settings: ServerSettings): OpenDocument {
    const filePath = Session.uriToPath(uri);
    const doc = new OpenDocument(uri, filePath, version, text, settings, {
      contextFor: (d) => this.contextFor(d),
      profilesFor: (d) => this.profilesFor(d.settings, d.filePath),
    });
    this.documents.set(uri, doc);
    return doc;
  }

  /** Runs `work` after any pending open of `uri`, in arrival order. */
  queue(uri: string, work: () => void | Promise<void>): void {
    const before = this.pending.get(uri);
    if (!before) {
      const r = work();
      if (r) this.track(uri, r);
      return;
    }
    this.track(uri, before.then(work));
  }

  private track(uri: string, p: Promise<void>): void {
    const guarded = p.catch((err) => this.connection.console.error(`${uri}: ${(err as Error).stack ?? err}`));
    this.pending.set(uri, guarded);
    void guarded.then(() => {
      if (this.pending.get(uri) === guarded) this.pending.delete(uri);
    });
  }

  /** The document once every notification received so far for it has been applied. */
  async ready(uri: string): Promise<OpenDocument | undefined> {
    for (let p = this.pending.get(uri); p; p = this.pending.get(uri)) await p;
    return this.documents.get(uri);
  }
}
