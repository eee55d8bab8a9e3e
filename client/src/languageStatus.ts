import * as vscode from 'vscode';
import { diagnosticSource } from '../../server/src/query/protocol';

/** The command behind the item's link: a menu of what a person may want from the linter. */
export const statusMenuCommand = 'aseLint.showStatusMenu';

/** The context key that is true while the active editor shows a template (menus use it). */
export const isTemplateContext = 'aseLint.isTemplate';

/** Only this long without an answer shows "analysing": typing at normal speed never does. */
export const busyAfterMs = 500;

/** The note on what could not be verified: it is not a finding, and is counted apart. */
const notesCode = 'ASE902';

type ServerState = { kind: 'starting' } | { kind: 'running' } | { kind: 'stopped'; message: string };

export interface FindingCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
  /** ASE902 notes: what could not be verified. */
  notes: number;
}

/**
 * The language status item of templates (in the `{}` entry of the status bar, or pinned
 * by the person): the findings in the active template by severity, "analysing" when the
 * server has kept a change waiting for more than half a second, or why the server is not
 * running. Shown only for documents the server says are templates; its link opens a menu
 * (Problems, Output, Restart Server, Rule Documentation). Also keeps the
 * `aseLint.isTemplate` context key in step with the active editor.
 */
export class LanguageStatus implements vscode.Disposable {
  /** The item itself (the editor tests read what it shows). */
  readonly item: vscode.LanguageStatusItem;
  private readonly templates = new Map<string, boolean>();
  /** Documents sent to the server without an answer yet, with when they were sent. */
  private readonly pending = new Map<string, number>();
  private state: ServerState = { kind: 'starting' };
  private timer: NodeJS.Timeout | undefined;
  /** The document the item's counts are about. */
  private shownFor: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(id = 'aseLint.status') {
    this.item = vscode.languages.createLanguageStatusItem(id, []);
    this.item.name = 'ASE Network Lint';
    this.item.command = { title: 'Menu', command: statusMenuCommand, tooltip: 'Problems, Output, Restart Server, Rule Documentation' };
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  /** The server says whether a document is a template. */
  templateStatus(uri: string, isTemplate: boolean): void {
    this.templates.set(uri, isTemplate);
    this.update();
  }

  sent(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.pending.has(key)) this.pending.set(key, Date.now());
    this.schedule();
  }

  answered(uri: vscode.Uri): void {
    this.pending.delete(uri.toString());
    this.update();
  }

  closed(uri: vscode.Uri): void {
    this.pending.delete(uri.toString());
    this.templates.delete(uri.toString());
    this.update();
  }

  setState(state: ServerState): void {
    this.state = state;
    if (state.kind !== 'running') this.pending.clear();
    this.update();
  }

  /** The extension is disabled: nothing is known about any document, and the item is hidden. */
  disabled(): void {
    this.templates.clear();
    this.pending.clear();
    this.state = { kind: 'starting' };
    this.update();
  }

  /** Whether the server said the document is a template (undefined: it has not said yet). */
  isTemplate(uri: vscode.Uri): boolean | undefined {
    return this.templates.get(uri.toString());
  }

  /** Re-evaluates once the oldest pending change of the active document is old enough to call "analysing". */
  private schedule(): void {
    if (this.timer) return;
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const since = active ? this.pending.get(active) : undefined;
    if (since === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
      this.schedule();
    }, Math.max(0, since + busyAfterMs - Date.now()) + 10);
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const template = doc ? this.templates.get(doc.uri.toString()) === true : false;
    void vscode.commands.executeCommand('setContext', isTemplateContext, template);
    const item = this.item;
    // Shown for this document only: the selector names it (an exact path matches without glob rules).
    item.selector = template && doc ? [{ language: doc.languageId, scheme: doc.uri.scheme, pattern: doc.uri.fsPath }] : [];
    if (!template || !doc) return;
    if (this.state.kind === 'stopped') {
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.busy = false;
      this.shownFor = undefined;
      item.text = 'ASE: server stopped';
      item.detail = this.state.message;
      return;
    }
    item.severity = vscode.LanguageStatusSeverity.Information;
    const since = this.pending.get(doc.uri.toString());
    const slow = this.state.kind === 'starting' || (since !== undefined && Date.now() - since >= busyAfterMs);
    item.busy = slow;
    if (slow) {
      this.shownFor = undefined;
      item.text = 'ASE: analysing';
      item.detail = this.state.kind === 'starting' ? 'starting the language server' : 'the findings follow in a moment';
      return;
    }
    // While a change waits less than half a second the item keeps what it showed: it does not flicker as you type.
    if (since !== undefined) this.schedule();
    if (since !== undefined && this.shownFor === doc.uri.toString()) return;
    this.shownFor = doc.uri.toString();
    const counts = countFindings(doc.uri);
    const findings = counts.error + counts.warning + counts.information + counts.hint;
    item.text = findings === 0 ? 'ASE: no findings' : `ASE: ${findings} ${findings === 1 ? 'finding' : 'findings'}`;
    item.detail = countsText(counts);
    item.accessibilityInformation = { label: `ASE Network Lint: ${item.text.slice(5)}; ${item.detail}` };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

/** The ase-lint findings of one document by severity, ASE902 notes apart. */
export function countFindings(uri: vscode.Uri): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, information: 0, hint: 0, notes: 0 };
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== diagnosticSource) continue;
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    if (String(code) === notesCode) counts.notes++;
    else if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
    else if (d.severity === vscode.DiagnosticSeverity.Information) counts.information++;
    else counts.hint++;
  }
  return counts;
}

/** "2 errors, 1 warning, 0 information, 0 hints; 1 note on what could not be verified". */
export function countsText(c: FindingCounts): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const levels = [plural(c.error, 'error', 'errors'), plural(c.warning, 'warning', 'warnings'), `${c.information} information`, plural(c.hint, 'hint', 'hints')].join(', ');
  return c.notes > 0 ? `${levels}; ${plural(c.notes, 'note', 'notes')} on what could not be verified` : levels;
}

/** The item's menu. Resolves with the entry chosen (tests read it), or undefined. */
export async function showStatusMenu(actions: Record<'problems' | 'output' | 'restart' | 'docs', () => unknown>): Promise<string | undefined> {
  const items: (vscode.QuickPickItem & { action: keyof typeof actions })[] = [
    { label: '$(warning) Show Problems', description: 'the findings of ASE Network Lint', action: 'problems' },
    { label: '$(output) Show Output', description: 'the language server’s log', action: 'output' },
    { label: '$(debug-restart) Restart Server', description: 'analyse every open template again', action: 'restart' },
    { label: '$(book) Rule Documentation', description: 'the page of a rule', action: 'docs' },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'ASE Network Lint' });
  if (!picked) return undefined;
  await actions[picked.action]();
  return picked.action;
}
