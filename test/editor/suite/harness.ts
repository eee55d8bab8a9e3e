import * as vscode from 'vscode';

/**
 * A tiny sequential runner for tests inside the extension host: each test gets a time
 * limit as a hang guard (never as an assertion), and results go to process.stdout, the
 * only stream that reaches the editor's log (console.log goes to the browser console).
 */
export type EditorTest = { name: string; run: () => Promise<void> };

export async function runTests(tests: EditorTest[], limitMs = 60_000): Promise<void> {
  let failed = 0;
  for (const t of tests) {
    try {
      await withLimit(t.run(), limitMs, t.name);
      report(`ok - ${t.name}`);
    } catch (e) {
      failed++;
      report(`not ok - ${t.name}\n  ${e instanceof Error ? (e.stack ?? e.message).split('\n').join('\n  ') : String(e)}`);
    }
  }
  report(`# editor tests: ${tests.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} editor test(s) failed`);
}

export function report(line: string): void {
  process.stdout.write(`[ase-editor-test] ${line.split('\n').join('\n[ase-editor-test] ')}\n`);
}

function withLimit<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`'${name}' did not finish within ${ms} ms`)), ms)));
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** Resolves with the document's ase-lint diagnostics once `accept` holds for them (now or after a later change). */
export function diagnosticsWhen(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ase-lint');
  return new Promise((resolve) => {
    const now = ours();
    if (accept(now)) return resolve(now);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = ours();
      if (!accept(ds)) return;
      sub.dispose();
      resolve(ds);
    });
  });
}

export const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

/** Resolves with the first open tab that `accept` holds for (now or once the tabs change). */
export function tabWhen(accept: (t: vscode.Tab) => boolean): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(accept);
  return new Promise((resolve) => {
    const now = find();
    if (now) return resolve(now);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      sub.dispose();
      resolve(tab);
    });
  });
}
