// The language server's entry point. The transport (--stdio, --node-ipc, --socket=N,
// --pipe=NAME) comes from the command line, which vscode-languageserver reads itself.
// The same bundle runs in the engine's worker threads (see worker/): one file to ship,
// and the protocol thread and its workers can never come from different builds.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';
import { engineWorkerData } from './worker/messages';
import { runEngineWorker } from './worker/engineWorker';

if (!isMainThread && parentPort && (workerData as { role?: unknown } | undefined)?.role === engineWorkerData.role) {
  runEngineWorker(parentPort);
} else {
  startServer(createConnection(ProposedFeatures.all), { workerScript: __filename });
}
