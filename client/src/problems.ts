import * as vscode from 'vscode';
import { diagnosticSource } from '../../server/src/query/protocol';

/** Opens the Problems view filtered to this extension's findings (the status menu's first entry). */
export const showProblemsCommand = 'aseLint.showProblems';

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
