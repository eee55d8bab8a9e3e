import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { explainDependencyCommand, showRuleDocumentationCommand } from '../../server/src/protocol';
import { explainDependency, showRuleDocumentation } from './commands';

// The one client of this extension host; `deactivate` needs it to stop the server.
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ASE Network Lint', { log: true });
  context.subscriptions.push(output);

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['file', 'untitled'].flatMap((scheme) =>
      ['json', 'jsonc'].map((language) => ({ scheme, language })),
    ),
    outputChannel: output,
    synchronize: { configurationSection: 'aseLint' },
    // Read at every (re)start, so granting trust and restarting picks it up.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
  };
  // The id matches the `aseLint.trace.server` setting in package.json.
  const languageClient = new LanguageClient('aseLint', 'ASE Network Lint', serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    vscode.commands.registerCommand(explainDependencyCommand, () => explainDependency(languageClient, output)),
    vscode.commands.registerCommand(showRuleDocumentationCommand, (rule?: unknown) => showRuleDocumentation(rule)),
    // Parameter files named in settings are only read once the workspace is trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.restart()),
  );

  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  const stopping = client?.stop();
  client = undefined;
  await stopping;
}
