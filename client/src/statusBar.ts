import * as vscode from 'vscode';
import { diagnosticSource } from '../../server/src/protocol';

/** Command behind a click on the item: the Problems view, filtered to this extension's findings. */
export const showProblemsCommand = 'aseLint.showProblems';

type State = { kind: 'starting' } | { kind: 'running' } | { kind: 'error'; message: string };

/**
 * The status bar item: "analysing" while a document sent to the server has no answer
 * yet, then the number of ASE findings in all files, or the error that stopped the
 * server. Analysis is tracked per document: the server answers every change with a
 * diagnostics notification, even an empty one.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aseLint.status', vscode.StatusBarAlignment.Left, 10);
  private readonly pending = new Set<string>();
  private state: State = { kind: 'starting' };
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'ASE Network Lint';
    this.item.command = showProblemsCommand;
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.update());
    this.update();
  }

  sent(uri: vscode.Uri): void {
    this.pending.add(uri.toString());
    this.update();
  }

  answered(uri: vscode.Uri): void {
    this.pending.delete(uri.toString());
    this.update();
  }

  closed(uri: vscode.Uri): void {
    this.answered(uri);
  }

  setState(state: State): void {
    this.state = state;
    if (state.kind !== 'running') this.pending.clear();
    this.update();
  }

  private update(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    if (this.state.kind === 'error') {
      item.text = '$(error) ASE: error';
      item.tooltip = `ASE Network Lint stopped: ${this.state.message}. See the "ASE Network Lint" output.`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else if (this.state.kind === 'starting' || this.pending.size > 0) {
      item.text = '$(sync~spin) ASE: analysing';
      item.tooltip = 'ASE Network Lint is analysing';
    } else {
      const n = countFindings();
      item.text = `$(shield) ASE: ${n} ${n === 1 ? 'finding' : 'findings'}`;
      item.tooltip = 'ASE Network Lint findings: show them in the Problems view';
    }
    item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

export function countFindings(): number {
  let n = 0;
  for (const [, ds] of vscode.languages.getDiagnostics()) for (const d of ds) if (d.source === diagnosticSource) n++;
  return n;
}

/**
 * Opens the Problems view with its filter focused and, on the desktop, `@source:ase-lint`
 * in it. VS Code has no API to set that filter: the text goes through the clipboard into
 * the focused filter box, as a person would paste it, and the clipboard gets its previous
 * text back. A browser (code-server, vscode.dev) refuses that paste, so there the view
 * opens with the filter focused and the text is left to the person.
 */
export async function showProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  try {
    if (vscode.env.uiKind !== vscode.UIKind.Desktop) {
      await vscode.commands.executeCommand('problems.action.focusFilter');
      return;
    }
    const previous = await vscode.env.clipboard.readText();
    try {
      await vscode.env.clipboard.writeText(problemsFilter);
      await vscode.commands.executeCommand('problems.action.focusFilter');
      await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    } finally {
      await vscode.env.clipboard.writeText(previous);
    }
  } catch {
    // An editor build without these commands still shows the Problems view.
  }
}

/** The Problems view's filter syntax for a diagnostic source. */
export const problemsFilter = `@source:${diagnosticSource}`;
