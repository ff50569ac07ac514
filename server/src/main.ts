#!/usr/bin/env node
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { clientProcessWatch } from './lsp/clientProcess';
import { startServer } from './lsp/server';

// The transport comes from the command line: --stdio (any LSP editor), --node-ipc (VS Code), --socket=N.
if (!process.argv.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
  process.stderr.write('Usage: kube-lookup-language-server --stdio\n');
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all, { messageStrategy: clientProcessWatch() }));
