// Starts the TTS Batch language server (dist/server.js over Node IPC) for the task files and keeps what it
// says about each document (profile, task count, problems) for the status item and the CodeLens.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { taskFileSelector } from './taskFiles';

export interface DocumentInfo {
  uri: string;
  profile: string | null;
  profileTitle: string | null;
  profileSource: 'setting' | 'override' | 'detected' | 'none';
  taskCount: number;
  lineCount: number;
  problems: number;
}

export interface ProfileChoice {
  id: string;
  title: string;
}

export class TaskLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly infos = new Map<string, DocumentInfo>();
  private readonly emitter = new vscode.EventEmitter<DocumentInfo>();
  readonly onDidChangeInfo = this.emitter.event;
  readonly outputChannel = vscode.window.createOutputChannel('TTS Batch Language Server', { log: true });

  constructor(private readonly serverModule: string) {}

  async start(): Promise<void> {
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: taskFileSelector(),
      synchronize: { configurationSection: 'ttsBatch' },
      outputChannel: this.outputChannel,
      // The server's messages follow the editor's display language (also sent as `initialize` → locale).
      initializationOptions: { locale: vscode.env.language },
    };
    const client = new LanguageClient('ttsBatch', 'TTS Batch Language Server', serverOptions, clientOptions);
    this.client = client;
    await client.start();
    client.onNotification('ttsBatch/documentInfoChanged', (info: DocumentInfo) => this.remember(info));
  }

  async restart(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    this.infos.clear();
    if (old) await old.stop().catch(() => undefined);
    await this.start();
  }

  info(uri: vscode.Uri): DocumentInfo | undefined {
    return this.infos.get(uri.toString());
  }

  /** Asks the server for a document's facts (it answers null for documents it does not have). */
  async requestInfo(uri: vscode.Uri): Promise<DocumentInfo | undefined> {
    if (!this.client?.isRunning()) return undefined;
    try {
      const info = await this.client.sendRequest<DocumentInfo | null>('ttsBatch/documentInfo', { uri: uri.toString() });
      if (info) this.remember(info);
      return info ?? undefined;
    } catch {
      return undefined;
    }
  }

  async profiles(): Promise<ProfileChoice[]> {
    if (this.client?.isRunning()) {
      try {
        const list = await this.client.sendRequest<ProfileChoice[] | null>('ttsBatch/profiles', null);
        if (list?.length) return list;
      } catch {
        // fall back to the built-in list
      }
    }
    return [
      { id: 'tts-batch', title: 'TTS Batch' },
      { id: 'glm-tts', title: 'GLM-TTS' },
      { id: 'indextts2', title: 'IndexTTS2' },
    ];
  }

  private remember(info: DocumentInfo): void {
    this.infos.set(info.uri, info);
    this.emitter.fire(info);
  }

  async dispose(): Promise<void> {
    await this.client?.stop().catch(() => undefined);
    this.outputChannel.dispose();
    this.emitter.dispose();
  }
}
