// Wires one object per feature to the connection; every feature lives in its own file.
import {
  DidChangeConfigurationNotification,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { codeActions, codeActionKinds } from './codeActions';
import { complete, completionTriggers } from './completion';
import { Diagnostics } from './diagnostics';
import { DocumentInfoService } from './documentInfo';
import { recheckAll, registerDocumentSync, textDocumentSync } from './documentSync';
import { registerFileWatching, startWatching } from './fileWatching';
import { hover } from './hover';
import { toLocale } from './locale';
import { Session } from './session';
import { parseSettings } from './settings';
import { documentSymbols } from './symbols';

export function startServer(connection: Connection): void {
  const session = new Session(connection);
  const diagnostics = new Diagnostics(session);
  const info = new DocumentInfoService(session, diagnostics);
  diagnostics.onChecked = (doc) => info.checked(doc);
  let hierarchicalSymbols = false;
  let dynamicConfiguration = false;
  let folderChanges = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const init = params.initializationOptions as { settings?: unknown; locale?: unknown } | undefined;
    // LSP 3.16 clients send `locale`; older ones may pass it in the initialization options.
    session.locale = toLocale(params.locale ?? (typeof init?.locale === 'string' ? init.locale : undefined));
    session.support = {
      pullDiagnostics: !!caps.textDocument?.diagnostic,
      diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
      configuration: !!caps.workspace?.configuration,
      watchedFilesDynamic: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      snippets: !!caps.textDocument?.completion?.completionItem?.snippetSupport,
      markdownHover: !!caps.textDocument?.hover?.contentFormat?.includes('markdown'),
    };
    hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    dynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    folderChanges = !!caps.workspace?.workspaceFolders;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    session.workspaceFolders = folders.map((u) => Session.uriToPath(u)).filter((p): p is string => !!p);
    if (init?.settings !== undefined) session.pushedSettings = parseInitSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync,
        diagnosticProvider: session.support.pullDiagnostics
          ? { identifier: 'tts-batch', interFileDependencies: false, workspaceDiagnostics: false }
          : undefined,
        codeActionProvider: { codeActionKinds, resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: completionTriggers, resolveProvider: false },
        documentSymbolProvider: { label: 'TTS Batch tasks' },
        workspace: caps.workspace?.workspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
      },
      serverInfo: { name: 'tts-batch', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ttsBatch' });
    if (folderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const gone = new Set(e.removed.map((f) => Session.uriToPath(f.uri)));
        session.workspaceFolders = [...session.workspaceFolders.filter((f) => !gone.has(f)),
          ...e.added.map((f) => Session.uriToPath(f.uri)).filter((p): p is string => !!p)];
        void recheckAll(session, diagnostics);
      });
    }
    void startWatching(connection, session);
  });

  registerDocumentSync(connection, session, diagnostics, (uri) => info.closed(uri));
  registerFileWatching(connection, session, diagnostics);
  info.register(connection, (doc) => diagnostics.refresh([doc]));

  connection.languages.diagnostics.on((params, token) => diagnostics.answerPull(params.textDocument.uri, params.previousResultId, token));
  connection.onCodeAction((params) => codeActions(session, diagnostics, params));
  connection.onHover((params) => hover(session, params));
  connection.onCompletion((params) => complete(session, params));
  connection.onDocumentSymbol((params) => documentSymbols(session, params, hierarchicalSymbols));

  connection.listen();
}

function parseInitSettings(raw: unknown) {
  // Editors without workspace/configuration (some Neovim setups) may pass settings at start-up.
  const r = raw as { ttsBatch?: unknown } | undefined;
  return parseSettings(r && typeof r === 'object' && 'ttsBatch' in r ? r.ttsBatch : raw);
}
