import * as vscode from 'vscode';
import { diagnosticSource, explainDependencyCommand, showRuleDocumentationCommand } from '../../server/src/query/protocol';
import { bicepMarkdownPlugin } from './bicepHighlight';
import { explainDependency, showRuleDocumentation, type ExplainArgument } from './commands';
import { ExplainPanel } from './explainPanel';
import { LanguageServer } from './languageServer';
import { LanguageStatus, showStatusMenu, statusMenuCommand } from './languageStatus';
import { showProblems, showProblemsCommand } from './problems';
import { documentationCommandUri, RuleDocs } from './ruleDocs';

/** Commands of the status menu that are also in the palette. */
export const showOutputCommand = 'aseLint.showOutput';
export const restartServerCommand = 'aseLint.restartServer';

// The server of this extension host (one per window); `deactivate` needs it to stop it.
let server: LanguageServer | undefined;

/** What the extension gives other extensions: the Markdown preview takes the Bicep highlighting from it. */
export interface ExtensionExports {
  extendMarkdownIt: typeof bicepMarkdownPlugin;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionExports> {
  const output = vscode.window.createOutputChannel('ASE Network Lint', { log: true });
  const status = new LanguageStatus();
  const docs = new RuleDocs(context.extensionUri);
  const languageServer = new LanguageServer(context, output, status, linkToPreview);
  server = languageServer;
  const panel = new ExplainPanel(() => languageServer.current, output);
  context.subscriptions.push(output, status, languageServer, panel, docs);

  const running = () => {
    const client = languageServer.current;
    if (!client) void vscode.window.showInformationMessage('ASE Network Lint is disabled: set "aseLint.enable" to true to use it.');
    return client;
  };
  const actions = {
    problems: () => showProblems(),
    output: () => output.show(true),
    restart: () => languageServer.restart(),
    docs: () => showRuleDocumentation(docs),
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(explainDependencyCommand, async (arg?: ExplainArgument) => {
      const client = running();
      return client ? explainDependency(client, panel, output, arg) : undefined;
    }),
    vscode.commands.registerCommand(showRuleDocumentationCommand, (rule?: unknown) => showRuleDocumentation(docs, rule)),
    vscode.commands.registerCommand(showProblemsCommand, actions.problems),
    vscode.commands.registerCommand(showOutputCommand, actions.output),
    vscode.commands.registerCommand(restartServerCommand, actions.restart),
    vscode.commands.registerCommand(statusMenuCommand, () => showStatusMenu(actions)),
  );

  await languageServer.apply();
  return { extendMarkdownIt: bicepMarkdownPlugin };
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
  const stopping = server?.shutdown();
  server = undefined;
  await stopping;
}
