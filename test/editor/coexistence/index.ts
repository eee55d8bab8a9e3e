// Runs in the real extension host with a second extension beside ours: a stand-in for the
// official Bicep extension (test/editor/standin-bicep: the id ms-azuretools.vscode-bicep,
// the `bicep` language id, a grammar, an outline and definitions of its own). The two must
// coexist: its outline and definitions alone, no entry twice; our diagnostics, hovers,
// code lenses and explain command still there.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, report, runTests } from '../suite/harness';

function fileIn(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileIn(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Our code lenses for the document, once our server answers for it. */
async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  for (;;) {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    if (lenses.length > 0) return lenses;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function run(): Promise<void> {
  await runTests([
    {
      name: 'both extensions are there, and a .bicep file is of the shared language id',
      run: async () => {
        report(`extensions: ${vscode.extensions.all.filter((e) => !e.packageJSON.isBuiltin).map((e) => `${e.id} ${e.extensionPath}`).join(', ')}`);
        const standIn = vscode.extensions.getExtension('ms-azuretools.vscode-bicep');
        assert.ok(standIn, 'the stand-in is loaded');
        assert.ok(vscode.extensions.getExtension('ase-network-lint.ase-network-lint'), 'ASE Network Lint is loaded');
        const doc = await open('deny-all-first.bicep');
        assert.equal(doc.languageId, 'bicep');
      },
    },
    {
      name: 'our diagnostics, hovers and code lenses still come for the Bicep file',
      run: async () => {
        const doc = await open('deny-all-first.bicep');
        const ds = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'ASE102'));
        assert.ok(ds.some((d) => codeOf(d) === 'ASE101'));
        const at = doc.positionAt(doc.getText().indexOf("'454-455'") + 2);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
        assert.match(text, /ASE101/);
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        assert.ok(lenses.some((l) => /dependencies: .* · Explain$/.test(l.command?.title ?? '')), 'the code lens above the ASE');
      },
    },
    {
      name: "the outline is the stand-in's alone: ours is off, nothing is listed twice",
      run: async () => {
        const doc = await open('v3/ase-v3.bicep');
        // The stand-in answers from the start; ours would once our server runs for this file: wait for its code lens first.
        await lensesOf(doc.uri);
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
        const names = symbols.map((s) => s.name);
        assert.ok(names.includes('stand-in ase'), `the stand-in's outline: ${names.join(', ')}`);
        assert.ok(names.every((n) => n.startsWith('stand-in ')), `no entry of ours: ${names.join(', ')}`);
        assert.equal(new Set(names).size, names.length, 'nothing twice');
      },
    },
    {
      name: "go to definition is the stand-in's alone",
      run: async () => {
        const doc = await open('v3/ase-v3.bicep');
        await lensesOf(doc.uri);
        const at = doc.positionAt(doc.getText().indexOf('routes.id') + 2);
        const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
        const targets = found.map((l) => ('targetRange' in l ? l.targetRange : l.range).start);
        assert.deepEqual(targets.map((p) => [p.line, p.character]), [[0, 0]], 'only the stand-in’s answer (the top of the file)');
      },
    },
    {
      name: 'the explain command still explains the ASE',
      run: async () => {
        const doc = await open('v3/ase-v3.bicep');
        const at = doc.positionAt(doc.getText().indexOf('resource ase ') + 10);
        const shown = await vscode.commands.executeCommand<{ subject: string } | undefined>('aseLint.explainDependency', { uri: doc.uri.toString(), position: at });
        assert.equal(shown?.subject, "ASEv3 'contoso-v3'");
      },
    },
  ]);
}
