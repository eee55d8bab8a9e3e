import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { diagnosticSource, explainDependencyCommand, showRuleDocumentationCommand } from '../../server/src/protocol';
import { documentationCommandUri, RuleDocs } from './ruleDocs';
import { explainDependency, showRuleDocumentation, type ExplainArgument } from './commands';
import { ExplainPanel } from './explainPanel';
import { showProblems, showProblemsCommand, StatusBar } from './statusBar';

// The one client of this extension host (one server per window); `deactivate` needs it to stop the server.
let client: LanguageClient | undefined;

/** Languages whose documents go to the server; it analyses those that are ARM templates. */
const languages = ['json', 'jsonc', 'bicep', 'bicep-params'];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ASE Network Lint', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(output, status);

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['file', 'untitled'].flatMap((scheme) => languages.map((language) => ({ scheme, language }))),
    outputChannel: output,
    // The project file can change outside the editor (a checkout, another tool): the server re-reads it.
    synchronize: { configurationSection: 'aseLint', fileEvents: vscode.workspace.createFileSystemWatcher('**/ase-lint.json') },
    // Read at every (re)start, so granting trust and restarting picks it up.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    // Seeing the documents go out and the diagnostics come back is what "analysing" means.
    middleware: {
      didOpen: (doc, next) => (status.sent(doc.uri), next(doc)),
      didChange: (e, next) => (status.sent(e.document.uri), next(e)),
      didClose: (doc, next) => (status.closed(doc.uri), next(doc)),
      handleDiagnostics: (uri, diagnostics, next) => (status.answered(uri), next(uri, diagnostics.map(linkToPreview))),
    },
  };
  // The id matches the `aseLint.trace.server` setting in package.json.
  const languageClient = new LanguageClient('aseLint', 'ASE Network Lint', serverOptions, clientOptions);
  client = languageClient;
  const panel = new ExplainPanel(languageClient, output);
  const docs = new RuleDocs(context.extensionUri);

  context.subscriptions.push(
    panel,
    languageClient.onDidChangeState((e) => {
      if (e.newState === State.Running) status.setState({ kind: 'running' });
      else if (e.newState === State.Starting) status.setState({ kind: 'starting' });
      else status.setState({ kind: 'error', message: 'the language server is not running' });
    }),
    vscode.commands.registerCommand(explainDependencyCommand, (arg?: ExplainArgument) => explainDependency(languageClient, panel, output, arg)),
    vscode.commands.registerCommand(showRuleDocumentationCommand, (rule?: unknown) => showRuleDocumentation(docs, rule)),
    vscode.commands.registerCommand(showProblemsCommand, () => showProblems()),
    // Parameter files named in settings are only read once the workspace is trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.restart()),
  );

  try {
    await languageClient.start();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    status.setState({ kind: 'error', message });
    output.error(`The ASE language server did not start: ${message}`);
  }
}

/**
 * The server links each code to its page on disk (any editor can open that); in VS Code
 * the link runs our command instead, which shows the page rendered.
 */
function linkToPreview(d: vscode.Diagnostic): vscode.Diagnostic {
  if (d.source === diagnosticSource && typeof d.code === 'object') d.code = { value: d.code.value, target: documentationCommandUri(String(d.code.value)) };
  return d;
}

export async function deactivate(): Promise<void> {
  const stopping = client?.stop();
  client = undefined;
  await stopping;
}
