// A minimal LSP client for the protocol tests and the benchmark: starts the built dist/server.js over stdio
// and speaks to it with vscode-languageserver-protocol, the way an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, ExitNotification,
  InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest,
  StreamMessageReader, StreamMessageWriter,
  type ClientCapabilities, type Diagnostic, type FileEvent, type ProtocolConnection, type PublishDiagnosticsParams,
  type Registration, type TextDocumentContentChangeEvent, type TextEdit,
} from 'vscode-languageserver-protocol/node';

export function distDir(): string {
  return process.env.TTS_BATCH_DIST ?? resolve(__dirname, '../../dist');
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface StartOptions {
  pull?: boolean;
  locale?: string;
  workspaceFolder?: string;
  settings?: Record<string, unknown>;
}

export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in arrival order. */
  readonly publishLog: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  settings: Record<string, unknown>;
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();

  private constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection, opts: StartOptions) {
    this.settings = opts.settings ?? {};
  }

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const server = join(distDir(), 'server.js');
    if (!existsSync(server)) throw new Error(`${server} is missing: build first (node scripts/build.mjs)`);
    // TTS_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof" when profiling the benchmark.
    const nodeArgs = (process.env.TTS_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(proc, conn, opts);
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.published.set(p.uri, p);
      client.publishLog.push(p);
      client.wake();
    });
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((it) => (it.section === 'ttsBatch' ? client.settings : null)));
    conn.onRequest(RegistrationRequest.type, (p) => {
      client.registrations.push(...p.registrations);
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      client.notifications.push({ method: 'workspace/diagnostic/refresh', params: null });
      client.wake();
      return null;
    });
    conn.onUnhandledNotification((n) => {
      client.notifications.push({ method: n.method, params: n.params });
      client.wake();
    });
    conn.onNotification('window/logMessage', () => undefined);
    proc.on('exit', (code) => {
      if (code && code !== 0) process.stderr.write(`server exited with ${code}: ${stderr}\n`);
    });
    conn.listen();
    const pull = opts.pull ?? false;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: pull ? { refreshSupport: true } : undefined,
        workspaceFolders: true,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
        diagnostic: pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true },
      },
    };
    const folder = opts.workspaceFolder;
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ? fileUri(folder) : null,
      workspaceFolders: folder ? [{ uri: fileUri(folder), name: 'ws' }] : null,
      capabilities,
      locale: opts.locale,
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get pid(): number {
    return this.proc.pid!;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `ready()` holds, re-evaluated on every message from the server. */
  async until<T>(ready: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = ready();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, Math.min(left, 200));
        this.waiters.push(() => { clearTimeout(t); res(); });
      });
    }
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'jsonl', version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Push mode: the first published diagnostics for `uri` at or after `version`. */
  async pushed(uri: string, version = 1, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.until(() => {
      const p = this.published.get(uri);
      return p && (p.version ?? 0) >= version ? p.diagnostics : undefined;
    }, `diagnostics of ${uri} v${version}`, timeoutMs);
  }

  async pulled(uri: string): Promise<Diagnostic[]> {
    const r = await this.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    if (r.kind !== 'full') throw new Error('expected a full report');
    return r.items;
  }

  /** Diagnostics in either mode, for the current version of the document. */
  async diagnostics(uri: string, pull: boolean): Promise<Diagnostic[]> {
    return pull ? this.pulled(uri) : this.pushed(uri, this.versions.get(uri) ?? 1);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      /* already gone */
    }
    await Promise.race([new Promise((r) => this.proc.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}

/** Applies LSP text edits (non-overlapping, as a WorkspaceEdit holds them) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) =>
    p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line] + p.character, p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] - 1 : text.length);
  const sorted = edits.map((e) => ({ from: offset(e.range.start), to: offset(e.range.end), text: e.newText })).sort((a, b) => b.from - a.from);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** A real PCM WAV file (a quiet tone) of the given length. */
export function wavBytes(seconds: number, sampleRate = 24000, channels = 1, bits = 16): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const bytesPer = bits / 8;
  const dataLen = frames * channels * bytesPer;
  const b = Buffer.alloc(44 + dataLen);
  b.write('RIFF', 0); b.writeUInt32LE(36 + dataLen, 4); b.write('WAVE', 8);
  b.write('fmt ', 12); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(sampleRate, 24); b.writeUInt32LE(sampleRate * channels * bytesPer, 28);
  b.writeUInt16LE(channels * bytesPer, 32); b.writeUInt16LE(bits, 34);
  b.write('data', 36); b.writeUInt32LE(dataLen, 40);
  if (bits === 16) {
    for (let i = 0; i < frames; i++) {
      const v = Math.round(3000 * Math.sin((2 * Math.PI * 220 * i) / sampleRate));
      for (let c = 0; c < channels; c++) b.writeInt16LE(v, 44 + (i * channels + c) * 2);
    }
  }
  return b;
}
