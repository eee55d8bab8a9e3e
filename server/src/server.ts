// The language server's entry point. The transport (--stdio, --node-ipc, --socket=N,
// --pipe=NAME) comes from the command line, which vscode-languageserver reads itself.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

startServer(createConnection(ProposedFeatures.all));
