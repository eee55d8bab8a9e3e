import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  diagnosticSource,
  explainRequest,
  ruleCatalogueUrl,
  ruleDocumentationUrl,
  type ExplainParams,
  type ExplainResult,
} from '../../server/src/protocol';
import type { ExplainPanel } from './explainPanel';

/** What a caller (a test, a link) may pass instead of the cursor: a document and a dependency key. */
export interface ExplainArgument {
  uri?: string;
  dependency?: string;
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
 * Opens a rule's documentation. The argument is a rule code, a rule name or nothing;
 * without one, the rule of an ase-lint diagnostic under the cursor is used, or the user picks.
 */
export async function showRuleDocumentation(rule?: unknown): Promise<void> {
  const url = typeof rule === 'string' && rule ? urlForRule(rule) : await urlFromEditor();
  if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
}

/** Diagnostics carry their docs link; a bare code can only be resolved through them. */
function urlForRule(rule: string): string {
  if (!/^ASE\d+$/i.test(rule)) return ruleDocumentationUrl(rule);
  const match = allOurDiagnostics().find((d) => codeOf(d)?.value === rule.toUpperCase());
  return match ? (codeOf(match)?.target?.toString() ?? ruleCatalogueUrl) : ruleCatalogueUrl;
}

async function urlFromEditor(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const ours = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === diagnosticSource) : [];
  const here = editor ? ours.filter((d) => d.range.contains(editor.selection.active)) : [];
  const candidates = here.length > 0 ? here : ours;
  const byCode = new Map<string, string>();
  for (const d of candidates) {
    const code = codeOf(d);
    if (code?.target) byCode.set(String(code.value), code.target.toString());
  }
  if (byCode.size === 0) return ruleCatalogueUrl;
  if (byCode.size === 1 || here.length > 0) return [...byCode.values()][0];
  const picked = await vscode.window.showQuickPick([...byCode.keys()].sort(), { placeHolder: 'Rule to show the documentation of' });
  return picked ? byCode.get(picked) : undefined;
}

function allOurDiagnostics(): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.filter((d) => d.source === diagnosticSource));
}

function codeOf(d: vscode.Diagnostic): { value: string | number; target?: vscode.Uri } | undefined {
  return typeof d.code === 'object' ? d.code : d.code !== undefined ? { value: d.code } : undefined;
}
