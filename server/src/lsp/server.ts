// The language server's entry point. The transport (--stdio, --node-ipc, --socket=N,
// --pipe=NAME) comes from the command line, which vscode-languageserver reads itself.
// The same bundle runs in the engine's worker threads (see worker/): one file to ship,
// and the protocol thread and its workers can never come from different builds.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, LogMessageNotification, MessageType, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';
import { consoleToLog, transportFromArgs, watchReader } from './transport';
import { engineWorkerData } from './worker/messages';
import { runEngineWorker } from './worker/engineWorker';
import { indexWorkerData, runIndexWorker } from './worker/indexWorker';

const role = (workerData as { role?: unknown } | undefined)?.role;
if (!isMainThread && parentPort && role === engineWorkerData.role) {
  runEngineWorker(parentPort);
} else if (!isMainThread && parentPort && role === indexWorkerData.role) {
  runIndexWorker(parentPort);
} else {
  const transport = transportFromArgs(process.argv.slice(2));
  if (!transport) {
    // No transport named: the library says what it expects.
    startServer(createConnection(ProposedFeatures.all), { workerScript: __filename });
  } else {
    const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
    if (transport.stdio) consoleToLog(connection.console);
    const server = startServer(connection, { workerScript: __filename });
    let exiting = false;
    watchReader(
      transport.reader,
      (why) => {
        if (exiting) return;
        exiting = true;
        const line = `ase-lint: the connection to the client is broken (${why}); the server exits so that the client can start it again`;
        process.stderr.write(`${line}\n`);
        // The process ends once the client's log has the line: a write to a pipe completes
        // later than this call. The writer may be broken too, so not later than a second.
        const exit = () => process.exit(1);
        setTimeout(exit, 1000);
        try {
          connection.sendNotification(LogMessageNotification.type, { type: MessageType.Error, message: line }).then(exit, exit);
        } catch {
          exit();
        }
      },
      (why) => connection.console.error(`ase-lint: a message from the client is not JSON and was ignored (${why})`),
      () => process.exit(server.shutdownReceived() ? 0 : 1),
    );
  }
}
