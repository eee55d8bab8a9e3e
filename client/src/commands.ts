import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  diagnosticSource,
  explainRequest,
  type ExplainParams,
  type ExplainResult,
} from '../../server/src/query/protocol';
import type { ExplainPanel } from './explainPanel';
import type { RuleDoc, RuleDocs } from './ruleDocs';

/**
 * What a caller (a code lens, a test, a link) may pass instead of the cursor: a document
 * and either a dependency key or a position in it (a code lens passes its ASE's).
 */
export interface ExplainArgument {
  uri?: string;
  dependency?: string;
  position?: { line: number; character: number };
}

/**
 * Explains what the text under the cursor (an ASE, a security rule, a route, a port)
 * depends on; when it names nothing, the user picks one of the documented dependencies.
 * Resolves with the subject shown, or undefined when nothing was.
 */
export async function explainDependency(
  client: LanguageClient,
  panel: ExplainPanel,
  output: vscode.LogOutputChannel,
  arg?: ExplainArgument,
): Promise<{ subject: string; focus: string[] } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = arg?.uri ?? editor?.document.uri.toString() ?? '';
  let params: ExplainParams = arg?.dependency
    ? { uri, dependency: arg.dependency }
    : arg?.position
      ? { uri, position: arg.position }
      : editor && !arg?.uri
        ? { uri, position: editor.selection.active }
        : { uri };
  let result = await ask(client, output, params);
  if (!result) return undefined;
  if (!result.specific) {
    const picked = await vscode.window.showQuickPick(
      result.choices.map((c) => ({ label: c.label, description: c.description, key: c.key })),
      { placeHolder: 'ASE dependency to explain', matchOnDescription: true },
    );
    if (!picked) return undefined;
    params = { uri, dependency: picked.key };
    result = await ask(client, output, params);
    if (!result) return undefined;
  }
  panel.show(params, result);
  return { subject: result.subject, focus: result.focus };
}

async function ask(client: LanguageClient, output: vscode.LogOutputChannel, params: ExplainParams): Promise<ExplainResult | undefined> {
  try {
    return await client.sendRequest<ExplainResult>(explainRequest, params);
  } catch (e) {
    output.error(`aseLint/explain failed: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('ASE Network Lint: could not explain the dependency (see the output channel).');
    return undefined;
  }
}

/**
 * Opens a rule's documentation page (shipped with the extension) as a preview. The
 * argument is a rule code or name; without one, the rule of an ase-lint diagnostic
 * under the cursor is used, or the user picks among the rules. Resolves with the page
 * shown, or undefined.
 */
export async function showRuleDocumentation(docs: RuleDocs, rule?: unknown): Promise<RuleDoc | undefined> {
  let page: RuleDoc | undefined;
  if (typeof rule === 'string' && rule) {
    page = await docs.find(rule);
    if (!page) void vscode.window.showWarningMessage(`ASE Network Lint has no rule '${rule}'.`);
  } else {
    page = await pageFromEditor(docs);
  }
  if (page) await docs.open(page);
  return page;
}

async function pageFromEditor(docs: RuleDocs): Promise<RuleDoc | undefined> {
  const editor = vscode.window.activeTextEditor;
  const ours = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === diagnosticSource) : [];
  const here = editor ? ours.filter((d) => d.range.contains(editor.selection.active)) : [];
  const code = here.map((d) => codeOf(d)?.value).find((c) => c !== undefined);
  if (code !== undefined) return docs.find(String(code));
  const present = new Set(ours.map((d) => String(codeOf(d)?.value)));
  const pages = await docs.list();
  // The rules reported in this file first, then the whole catalogue.
  const items = [...pages.filter((p) => present.has(p.code)), ...pages.filter((p) => !present.has(p.code))].map((p) => ({
    label: p.code,
    description: p.name,
    detail: present.has(p.code) ? 'reported in this file' : undefined,
    page: p,
  }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Rule to show the documentation of', matchOnDescription: true });
  return picked?.page;
}

function codeOf(d: vscode.Diagnostic): { value: string | number; target?: vscode.Uri } | undefined {
  return typeof d.code === 'object' ? d.code : d.code !== undefined ? { value: d.code } : undefined;
}
