// Entry of dist/server.js: `node dist/server.js --stdio` (any LSP editor) or `--node-ipc` (the VS Code client).
// The transport is chosen by vscode-languageserver from those same command-line flags.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
if (!process.argv.some((a) => transports.some((t) => a === t || a.startsWith(`${t}=`)))) {
  process.stderr.write('usage: node server.js --stdio | --node-ipc\n' +
    'TTS Batch language server: checks JSONL task files for TTS batch runs (see README.md, "TTS Batch language server").\n');
  process.exit(2);
}

startServer(createConnection(ProposedFeatures.all));
