import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { explainRequest, type ExplainDependency, type ExplainLocation, type ExplainParams, type ExplainResult } from '../../server/src/query/protocol';
import { explainHtml } from './explainHtml';

/** The webview's view type; tests find the panel's tab by it. */
export const explainViewType = 'aseLint.explain';

/**
 * The one "Explain ASE dependency" panel of the window. It asks the server again
 * whenever the explained document's diagnostics change (the server publishes after each
 * analysis), so the diagram follows the template as it is edited or fixed.
 */
export class ExplainPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private params: ExplainParams | undefined;
  private result: ExplainResult | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = this.params?.uri;
        if (this.panel && uri && e.uris.some((u) => u.toString() === uri)) void this.refresh();
      }),
    );
  }

  /** Shows `result` for `params`, creating the panel or bringing it forward. */
  show(params: ExplainParams, result: ExplainResult): void {
    // After an edit the position may point elsewhere; the key names the same subject.
    this.params = result.focusKey ? { uri: params.uri, dependency: result.focusKey } : params;
    this.result = result;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(explainViewType, 'ASE dependencies', vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.subscriptions);
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m), undefined, this.subscriptions);
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = `ASE: ${result.subject}`;
    this.render();
  }

  private render(): void {
    if (!this.panel || !this.result) return;
    this.panel.webview.html = explainHtml(this.result, randomBytes(16).toString('base64'));
  }

  private async refresh(): Promise<void> {
    const params = this.params;
    const client = this.client();
    if (!params || !client) return;
    try {
      const result = await client.sendRequest<ExplainResult>(explainRequest, params);
      if (this.params !== params || !this.result) return; // a newer explanation replaced this one meanwhile
      // Asked again by key, the server names the subject by its rule codes; keep the words the person saw.
      this.result = { ...result, subject: this.result.subject };
      this.render();
    } catch (e) {
      this.output.warn(`aseLint/explain refresh failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private dependency(id: unknown): ExplainDependency | undefined {
    return this.result?.ases.flatMap((a) => a.dependencies).find((d) => d.id === id);
  }

  private async onMessage(message: unknown): Promise<void> {
    const m = message as { type?: unknown; id?: unknown };
    const d = this.dependency(m.id);
    if (!d) return;
    if (m.type === 'reveal' && d.decidedAt) await reveal(d.decidedAt);
    if (m.type === 'applyFix' && d.fix) await applyQuickFix(d.fix);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * Applies a dependency's fix as the editor's quick fix for its diagnostic: the server
 * offers that only after checking the fixed template, so the panel never applies a fix
 * the engine would refuse.
 */
async function applyQuickFix(fix: NonNullable<ExplainDependency['fix']>): Promise<void> {
  const uri = vscode.Uri.parse(fix.at.uri);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
    'vscode.executeCodeActionProvider',
    uri,
    toRange(fix.at.range),
    vscode.CodeActionKind.QuickFix.value,
  );
  // Ours by its title: the panel shows the title the server renders for it (the actions
  // the command returns do not say which diagnostic they fix).
  const ours = (actions ?? []).find((a) => a.edit && a.title === fix.title);
  if (!ours?.edit) {
    void vscode.window.showWarningMessage(`"${fix.title}" is not offered any more: the template changed, or the fix would add a problem or open more than the dependency needs.`);
    return;
  }
  if (!(await vscode.workspace.applyEdit(ours.edit))) void vscode.window.showWarningMessage(`Could not apply "${fix.title}": the document changed.`);
}

async function reveal(at: ExplainLocation): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(at.uri));
  const range = toRange(at.range);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range });
}

function toRange(r: ExplainLocation['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
