// Runs inside the real extension host (code-server's, or a desktop VS Code's through
// @vscode/test-electron): the extension as installed from its folder, its real language
// server, VS Code's own command and provider plumbing.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { busyAfterMs, LanguageStatus } from '../../../client/src/languageStatus';
import { codeOf, diagnosticsWhen, report, runTests, tabWhen } from './harness';

const template = 'deny-all-first.json';

function fileIn(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function openTemplate(): Promise<{ editor: vscode.TextEditor; uri: vscode.Uri }> {
  const uri = fileIn(template);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  return { editor, uri };
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' not in ${doc.uri.path}`);
  return doc.positionAt(offset + delta);
}

export async function run(): Promise<void> {
  await runTests([
    {
      name: 'diagnostics appear for an ARM template',
      run: async () => {
        const { uri } = await openTemplate();
        const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'ASE102'));
        const lb = ds.find((d) => codeOf(d) === 'ASE102')!;
        assert.equal(lb.severity, vscode.DiagnosticSeverity.Error);
        assert.match(lb.message, /AzureLoadBalancer/);
        for (const code of ['ASE101', 'ASE103']) assert.ok(ds.some((d) => codeOf(d) === code), `${code} expected`);
      },
    },
    {
      name: 'diagnostics appear for a Bicep file (language bicep, contributed by the extension)',
      run: async () => {
        const doc = await vscode.workspace.openTextDocument(fileIn('deny-all-first.bicep'));
        await vscode.window.showTextDocument(doc);
        assert.equal(doc.languageId, 'bicep');
        const ds = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'ASE102'));
        assert.ok(ds.some((d) => codeOf(d) === 'ASE101'), 'ASE101 expected');
        assert.match(doc.getText(ds.find((d) => codeOf(d) === 'ASE102')!.range), /DenyAllInbound/);
      },
    },
    {
      name: 'findings in a .bicepparam file: on the value that causes them, with the template line as related information; its hover says where the value goes',
      run: async () => {
        const doc = await vscode.workspace.openTextDocument(fileIn('params/main.bicepparam'));
        await vscode.window.showTextDocument(doc);
        assert.equal(doc.languageId, 'bicep-params');
        const ds = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'ASE401'));
        const size = ds.find((d) => codeOf(d) === 'ASE401')!;
        assert.equal(size.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(doc.getText(size.range), "'10.0.1.0/28'");
        assert.match(size.message, /is a \/28, below the \/27 minimum/);
        const back = size.relatedInformation?.[0];
        assert.ok(back, 'the template line is related information');
        assert.match(back.location.uri.path, /\/params\/network\.bicep$/);
        assert.equal(back.message, 'The template uses this value here');
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, "'10.0.1.0/28'", 2));
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
        assert.match(text, /Given to\*\* `main\.bicep` from `main\.bicepparam`/);
        assert.match(text, /the prefix of subnet 'ase-subnet': `10\.0\.1\.0\/28`/);
      },
    },
    {
      name: 'hover on a port explains the documented dependency',
      run: async () => {
        const { editor } = await openTemplate();
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '"454-455"'));
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
        assert.match(text, /454-455/);
        assert.match(text, /ASE101/);
      },
    },
    {
      name: 'the explain command opens its panel',
      run: async () => {
        const { editor } = await openTemplate();
        const at = positionOf(editor.document, '"Microsoft.Web/hostingEnvironments"', 3);
        editor.selection = new vscode.Selection(at, at);
        const shown = await vscode.commands.executeCommand<{ subject: string; focus: string[] } | undefined>('aseLint.explainDependency');
        assert.ok(shown, 'the command showed an explanation');
        assert.match(shown.subject, /^ASEv2 /);
        assert.ok(shown.focus.length > 5, 'every dependency of the ASE is in focus');
        // The workbench reports the new tab to the extension host a moment later: wait for the event.
        const panel = await tabWhen((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('aseLint.explain'));
        assert.match(panel.label, /^ASE: ASEv2/);
      },
    },
    {
      name: 'the ASE102 quick fix through executeCodeActionProvider removes the diagnostic',
      run: async () => {
        const { uri } = await openTemplate();
        const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'ASE102'));
        const lb = ds.find((d) => codeOf(d) === 'ASE102')!;
        const ask = () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, lb.range, vscode.CodeActionKind.QuickFix.value);
        const titled = (list: vscode.CodeAction[]) => list.find((a) => a.title === 'Allow AzureLoadBalancer inbound');
        const first = await ask();
        let fix = titled(first);
        if (!fix) {
          // Once in CI the first request came back with no action at all (never reproduced since). The
          // workbench answers a request with nothing when the code action providers of the document
          // change while it runs (another extension registering one, such as the JSON language
          // server's, as it starts): say what the editor had then, and ask again as the lightbulb does.
          const shown = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`);
          report(`# note: the first code action request gave [${first.map((a) => a.title).join(', ')}] with diagnostics ${shown.join(' ')}; asking again`);
          await new Promise((r) => setTimeout(r, 1000));
          fix = titled(await ask());
        }
        assert.ok(fix?.edit, `no edit titled 'Allow AzureLoadBalancer inbound' among: ${first.map((a) => a.title).join(', ')}`);
        assert.ok(await vscode.workspace.applyEdit(fix.edit));
        const after = await diagnosticsWhen(uri, (d) => !d.some((x) => codeOf(x) === 'ASE102'));
        assert.ok(after.some((d) => codeOf(d) === 'ASE101'), 'the other findings stay');
        const doc = await vscode.workspace.openTextDocument(uri);
        assert.match(doc.getText(), /"AllowAzureLoadBalancerInbound"/);
        // Leave the fixture as it was for whoever runs next (the edit was never saved).
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      },
    },
    {
      name: 'fix all on save: editor.codeActionsOnSave with source.fixAll.aseLint writes every safe fix into the saved file',
      run: async () => {
        // A copy, so the other tests keep their template as it is.
        const copy = fileIn('fix-all-on-save.json');
        await vscode.workspace.fs.writeFile(copy, await vscode.workspace.fs.readFile(fileIn(template)));
        const editor = vscode.workspace.getConfiguration('editor', { languageId: 'json' });
        await editor.update('codeActionsOnSave', { 'source.fixAll.aseLint': 'explicit' }, vscode.ConfigurationTarget.Global, true);
        try {
          const doc = await vscode.workspace.openTextDocument(copy);
          const shown = await vscode.window.showTextDocument(doc);
          await diagnosticsWhen(copy, (d) => ['ASE101', 'ASE102', 'ASE103'].every((c) => d.some((x) => codeOf(x) === c)));
          // A keystroke first (a save of an unchanged file is no save), then Save as a person does it.
          await shown.edit((b) => b.insert(new vscode.Position(0, 0), ' '));
          await vscode.commands.executeCommand('workbench.action.files.save');
          const after = await diagnosticsWhen(copy, (d) => !d.some((x) => ['ASE101', 'ASE102', 'ASE103'].includes(codeOf(x))));
          // ASE901 (an ASEv2) stays: converting to ASEv3 changes version and plan tiers, which fix-all leaves to a person.
          assert.deepEqual(after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(codeOf), ['ASE901'], 'no error is left but the retired version');
          assert.equal(doc.isDirty, false, 'the fixes are part of the save');
          const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(copy));
          assert.equal(saved, doc.getText());
          for (const name of ['AllowAppServiceManagementInbound', 'AllowAzureLoadBalancerInbound', 'AllowAseSubnetInbound']) assert.match(saved, new RegExp(`"name": "${name}"`));
        } finally {
          await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
          await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        }
      },
    },
    {
      name: 'a rule severity set in the settings applies live, and resetting it restores the default',
      run: async () => {
        const { uri } = await openTemplate();
        await diagnosticsWhen(uri, (d) => d.find((x) => codeOf(x) === 'ASE102')?.severity === vscode.DiagnosticSeverity.Error);
        const config = vscode.workspace.getConfiguration('aseLint');
        // User settings: nothing is written into the workspace folder.
        await config.update('rules', { ASE102: 'warning', 'inbound-intra-subnet': 'off' }, vscode.ConfigurationTarget.Global);
        try {
          const changed = await diagnosticsWhen(uri, (d) => d.find((x) => codeOf(x) === 'ASE102')?.severity === vscode.DiagnosticSeverity.Warning);
          assert.ok(!changed.some((d) => codeOf(d) === 'ASE103'), 'a rule set to off by name is gone');
        } finally {
          await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
        }
        const restored = await diagnosticsWhen(uri, (d) => d.find((x) => codeOf(x) === 'ASE102')?.severity === vscode.DiagnosticSeverity.Error);
        assert.ok(restored.some((d) => codeOf(d) === 'ASE103'));
      },
    },
    {
      name: "a diagnostic's code links to its page, which Show Rule Documentation opens as a preview",
      run: async () => {
        const { uri } = await openTemplate();
        const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'ASE102'));
        const code = ds.find((d) => codeOf(d) === 'ASE102')!.code;
        assert.ok(typeof code === 'object' && code.target.scheme === 'command', 'the code runs our command, offline');
        assert.equal(code.target.path, 'aseLint.showRuleDocumentation');
        assert.deepEqual(JSON.parse(decodeURIComponent(code.target.query)), ['ASE102']);
        const page = await vscode.commands.executeCommand<{ name: string; uri: vscode.Uri } | undefined>('aseLint.showRuleDocumentation', 'ASE102');
        assert.equal(page?.name, 'inbound-load-balancer');
        const tab = await tabWhen((t) => /inbound-load-balancer\.md/.test(t.label));
        assert.match(tab.label, /^Preview /, `a rendered preview, got tab '${tab.label}'`);
        assert.equal(tab.label, 'Preview ASE102 inbound-load-balancer.md', 'titled with the code and the name');
      },
    },
    {
      name: 'the code lens above the ASEv3 counts its dependencies and opens the panel on it',
      run: async () => {
        const doc = await vscode.workspace.openTextDocument(fileIn('v3/ase-v3.bicep'));
        await vscode.window.showTextDocument(doc);
        await diagnosticsWhen(doc.uri, () => true);
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        assert.equal(lenses.length, 1, 'one ASE, one lens');
        const [lens] = lenses;
        assert.equal(lens.command?.title, '5 dependencies: 4 allowed, 1 blocked · Explain');
        assert.equal(lens.range.start.line, doc.positionAt(doc.getText().indexOf('resource ase ')).line, 'above the ASE');
        // What a click does: the lens's own command with its own arguments.
        const shown = await vscode.commands.executeCommand<{ subject: string; focus: string[] } | undefined>(lens.command!.command, ...(lens.command!.arguments ?? []));
        assert.equal(shown?.subject, "ASEv3 'contoso-v3'");
        assert.equal(shown?.focus.length, 5);
        const panel = await tabWhen((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('aseLint.explain') && t.label === "ASE: ASEv3 'contoso-v3'");
        assert.ok(panel);
      },
    },
    {
      name: 'outline and go to definition in a Bicep file, from the language server',
      run: async () => {
        const doc = await vscode.workspace.openTextDocument(fileIn('v3/ase-v3.bicep'));
        await vscode.window.showTextDocument(doc);
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
        assert.deepEqual(
          symbols.map((s) => s.name),
          ['import ./modules/types.bicep', 'location', 'aseName', 'subnetPrefix', 'firewallIp', 'inboundRules', 'nsg', 'routes', 'vnet', 'ase', 'dns', 'zoneId'],
        );
        assert.deepEqual(symbols.find((s) => s.name === 'vnet')?.children.map((c) => c.name), ['aseSubnet']);
        assert.equal(symbols.find((s) => s.name === 'ase')?.kind, vscode.SymbolKind.Object);
        const at = doc.positionAt(doc.getText().indexOf('dns.outputs.zoneId') + 14);
        const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
        assert.equal(found.length, 1);
        const target = found[0];
        const uri = 'targetUri' in target ? target.targetUri : target.uri;
        assert.match(uri.path, /\/v3\/modules\/dns\.bicep$/);
      },
    },
    {
      name: 'Bicep editing: comments toggle with //, brackets and quotes close, Enter indents after {',
      run: async () => {
        const doc = await vscode.workspace.openTextDocument({ language: 'bicep', content: "param location string = 'westeurope'\n" });
        const editor = await vscode.window.showTextDocument(doc);
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        await vscode.commands.executeCommand('editor.action.commentLine');
        assert.equal(doc.lineAt(0).text, "// param location string = 'westeurope'");
        await vscode.commands.executeCommand('editor.action.commentLine');
        assert.equal(doc.lineAt(0).text, "param location string = 'westeurope'");
        const end = doc.lineAt(1).range.end;
        editor.selection = new vscode.Selection(end, end);
        await vscode.commands.executeCommand('type', { text: 'var tags = {' });
        assert.equal(doc.lineAt(1).text, 'var tags = {}', 'the brace closes');
        await vscode.commands.executeCommand('type', { text: '\n' });
        assert.equal(doc.lineAt(2).text.length > 0 && doc.lineAt(2).text.trim() === '', true, 'the new line is indented');
        assert.equal(doc.lineAt(3).text, '}', 'the closing brace moves below');
        await vscode.commands.executeCommand('type', { text: 'owner: ' });
        // Whether a quote closes depends on the tokens before it (not inside a string or a
        // comment); the editor tokenizes in the background, and a person types slower than
        // this test: bring the tokens up to date first, as they are by the time a person types.
        await vscode.commands.executeCommand('editor.action.forceRetokenize');
        await vscode.commands.executeCommand('type', { text: "'" });
        assert.match(doc.lineAt(2).text, /^\s+owner: ''$/, 'the quote closes');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      },
    },
    {
      name: 'the language status item: only for templates, counts by severity without ASE902, "analysing" only after 500 ms, and its menu',
      run: async () => {
        const { uri } = await openTemplate();
        const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'ASE102'));
        // The class the extension uses, driven as the client drives it, on its own item.
        const status = new LanguageStatus('aseLint.status.test');
        try {
          status.setState({ kind: 'running' });
          status.templateStatus(uri.toString(), true);
          const item = status.item;
          const doc = vscode.window.activeTextEditor!.document;
          assert.deepEqual(item.selector, [{ language: doc.languageId, scheme: 'file', pattern: uri.fsPath }], 'shown for this template');
          const errors = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error && codeOf(d) !== 'ASE902').length;
          const notes = ds.filter((d) => codeOf(d) === 'ASE902').length;
          const findings = ds.length - notes;
          assert.equal(item.text, `ASE: ${findings} findings`);
          assert.match(item.detail ?? '', new RegExp(`^${errors} errors?, `));
          assert.equal(item.busy, false);
          // A keystroke goes out: nothing moves at once.
          status.sent(uri);
          assert.equal(item.text, `ASE: ${findings} findings`);
          assert.equal(item.busy, false);
          // No answer for longer than half a second: now it says so.
          await new Promise((r) => setTimeout(r, busyAfterMs + 300));
          assert.equal(item.busy, true);
          assert.equal(item.text, 'ASE: analysing');
          status.answered(uri);
          assert.equal(item.busy, false);
          assert.equal(item.text, `ASE: ${findings} findings`);
          // A JSON file that is no template: no item.
          const other = await vscode.workspace.openTextDocument(fileIn('not-a-template.json'));
          await vscode.window.showTextDocument(other);
          status.templateStatus(other.uri.toString(), false);
          assert.deepEqual(item.selector, []);
        } finally {
          status.dispose();
        }
        // The extension's own item links to the menu: its first entry opens the Problems view.
        await openTemplate();
        const menu = vscode.commands.executeCommand<string | undefined>('aseLint.showStatusMenu');
        let chosen: string | undefined | null = null;
        void menu.then((c) => (chosen = c));
        while (chosen === null) {
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(chosen, 'problems');
      },
    },
    {
      name: 'aseLint.enable off stops the server and clears its findings; on brings them back',
      run: async () => {
        const { uri } = await openTemplate();
        await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'ASE102'));
        const config = vscode.workspace.getConfiguration('aseLint');
        await config.update('enable', false, vscode.ConfigurationTarget.Global);
        try {
          await diagnosticsWhen(uri, (d) => d.length === 0);
          const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
          assert.deepEqual(lenses, [], 'no code lens either');
        } finally {
          await config.update('enable', undefined, vscode.ConfigurationTarget.Global);
        }
        await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'ASE102'));
      },
    },
  ]);
}
