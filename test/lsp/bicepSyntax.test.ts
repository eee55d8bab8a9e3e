// Bicep editing basics over a real JSON-RPC connection: the outline (document symbols)
// and go-to-definition for symbols, module paths, module parameters and outputs, imports
// and `.bicepparam` parameters; and that a client which has them from another extension
// (the official Bicep one) can turn them off.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DefinitionRequest, DocumentSymbolRequest, SymbolKind, type DocumentSymbol, type LocationLink, type Position } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const folder = join(root, 'test', 'fixtures', 'lsp', 'v3');
const file = (name: string) => ({ uri: pathToFileURL(join(folder, name)).href, text: readFileSync(join(folder, name), 'utf8') });
const main = file('ase-v3.bicep');
const params = file('ase-v3.bicepparam');
const dnsModule = file('modules/dns.bicep');
const types = file('modules/types.bicep');

/** The position `delta` characters into the `nth` occurrence (from 0) of `needle`. */
function positionOf(text: string, needle: string, delta = 1, nth = 0): Position {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `'${needle}' (#${nth}) not in the text`);
  return TextDocument.create('', 'bicep', 0, text).positionAt(offset + delta);
}

function lineOf(text: string, needle: string, nth = 0): number {
  return positionOf(text, needle, 0, nth).line;
}

async function definition(client: TestClient, uri: string, position: Position): Promise<LocationLink[]> {
  const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position })) as LocationLink[] | null;
  return r ?? [];
}

/** Asserts one link, to `uri` at the line of `needle` in `text`, with the selection on `name`; returns it. */
async function goesTo(client: TestClient, from: { uri: string; text: string }, at: Position, to: { uri: string; text: string }, needle: string, name: string): Promise<LocationLink> {
  const links = await definition(client, from.uri, at);
  assert.equal(links.length, 1, `one definition expected at ${JSON.stringify(at)}, got ${JSON.stringify(links)}`);
  const [link] = links;
  assert.equal(link.targetUri, to.uri);
  assert.equal(link.targetSelectionRange.start.line, lineOf(to.text, needle));
  const doc = TextDocument.create(to.uri, 'bicep', 0, to.text);
  assert.equal(doc.getText(link.targetSelectionRange), name);
  assert.ok(doc.offsetAt(link.targetRange.start) <= doc.offsetAt(link.targetSelectionRange.start), 'the range holds the name');
  return link;
}

before(() => ensureBuilt());

test('outline: declarations in order with their types, nested resources as children; a .bicepparam file; none for JSON', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  const init = await client.initialize();
  assert.ok(init.capabilities.documentSymbolProvider, 'offered by default');
  await client.open(main.uri, main.text, 'bicep');
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: main.uri } })) as DocumentSymbol[];
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind]),
    [
      ['import ./modules/types.bicep', SymbolKind.Package],
      ['location', SymbolKind.Field],
      ['aseName', SymbolKind.Field],
      ['subnetPrefix', SymbolKind.Field],
      ['firewallIp', SymbolKind.Field],
      ['inboundRules', SymbolKind.Variable],
      ['nsg', SymbolKind.Object],
      ['routes', SymbolKind.Object],
      ['vnet', SymbolKind.Object],
      ['ase', SymbolKind.Object],
      ['dns', SymbolKind.Module],
      ['zoneId', SymbolKind.Interface],
    ],
  );
  const byName = (name: string) => symbols.find((s) => s.name === name)!;
  assert.equal(byName('ase').detail, 'Microsoft.Web/hostingEnvironments@2022-03-01');
  assert.equal(byName('dns').detail, './modules/dns.bicep');
  assert.equal(byName('location').detail, 'string');
  assert.deepEqual(byName('import ./modules/types.bicep').children?.map((c) => c.name), ['ruleProperties']);
  const vnet = byName('vnet');
  assert.deepEqual(vnet.children?.map((c) => [c.name, c.kind, c.detail]), [['aseSubnet', SymbolKind.Object, 'subnets existing']]);
  // The range is the whole declaration (breadcrumbs follow the cursor inside it), the selection its name.
  assert.equal(vnet.range.start.line, lineOf(main.text, 'resource vnet'));
  assert.equal(vnet.range.end.line, lineOf(main.text, 'resource ase ') - 2);
  assert.deepEqual(vnet.selectionRange.start, positionOf(main.text, 'resource vnet', 9));

  await client.open(params.uri, params.text, 'bicep-params');
  const paramSymbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: params.uri } })) as DocumentSymbol[];
  assert.deepEqual(
    paramSymbols.map((s) => [s.name, s.kind, s.detail]),
    [
      ['using ./ase-v3.bicep', SymbolKind.File, undefined],
      ['aseName', SymbolKind.Field, "= 'contoso-v3'"],
      ['subnetPrefix', SymbolKind.Field, "= '10.40.1.0/24'"],
    ],
  );

  const json = pathToFileURL(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json')).href;
  await client.open(json, readFileSync(new URL(json), 'utf8'));
  assert.equal(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: json } }), null, 'JSON has the editor’s own outline');
});

test('go to definition: symbols, loop variables, nested resources, module paths, params and outputs, imports, .bicepparam', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  const init = await client.initialize();
  assert.ok(init.capabilities.definitionProvider, 'offered by default');
  await client.open(main.uri, main.text, 'bicep');

  // A resource symbol used in an expression.
  await goesTo(client, main, positionOf(main.text, 'routes.id', 2), main, 'resource routes', 'routes');
  // A parameter inside an interpolation.
  await goesTo(client, main, positionOf(main.text, "'${aseName}-nsg'", 4), main, 'param aseName', 'aseName');
  // The loop variable, at the end of the word (where a double click leaves the cursor).
  await goesTo(client, main, positionOf(main.text, 'rule.name', 4), main, 'for rule in', 'rule');
  // `vnet::aseSubnet`: the nested resource.
  await goesTo(client, main, positionOf(main.text, 'vnet::aseSubnet.id', 7), main, "resource aseSubnet 'subnets'", 'aseSubnet');
  // An imported function: into the file it comes from.
  await goesTo(client, main, positionOf(main.text, 'ruleProperties(rule', 3), types, 'func ruleProperties', 'ruleProperties');
  await goesTo(client, main, positionOf(main.text, '{ ruleProperties }', 4), types, 'func ruleProperties', 'ruleProperties');

  // The module's path: the file, with the whole string underlined.
  const pathLink = (await definition(client, main.uri, positionOf(main.text, "'./modules/dns.bicep'", 5)))[0];
  assert.equal(pathLink?.targetUri, dnsModule.uri);
  assert.deepEqual(pathLink.targetRange.start, { line: 0, character: 0 });
  const mainDoc = TextDocument.create(main.uri, 'bicep', 0, main.text);
  assert.equal(mainDoc.getText(pathLink.originSelectionRange!), "'./modules/dns.bicep'");
  // A key of the module's params, and one of its outputs.
  await goesTo(client, main, positionOf(main.text, 'zoneName:', 2), dnsModule, 'param zoneName', 'zoneName');
  await goesTo(client, main, positionOf(main.text, 'dns.outputs.zoneId', 14), dnsModule, 'output zoneId', 'zoneId');
  // The import's path.
  assert.equal((await definition(client, main.uri, positionOf(main.text, "'./modules/types.bicep'", 3)))[0]?.targetUri, types.uri);

  // Nothing is declared for a property key outside a module's params, a keyword, or a resource type.
  assert.deepEqual(await definition(client, main.uri, positionOf(main.text, 'addressPrefix: subnetPrefix', 2)), []);
  assert.deepEqual(await definition(client, main.uri, positionOf(main.text, "'Microsoft.Network/routeTables@2023-04-01'", 4)), []);

  // .bicepparam: a parameter goes to the template's declaration; `using` to the template.
  await client.open(params.uri, params.text, 'bicep-params');
  await goesTo(client, params, positionOf(params.text, 'param subnetPrefix', 7), main, 'param subnetPrefix', 'subnetPrefix');
  assert.equal((await definition(client, params.uri, positionOf(params.text, "'./ase-v3.bicep'", 2)))[0]?.targetUri, main.uri);

  // ARM JSON: the editor's JSON support navigates it; the server has nothing to add.
  const json = pathToFileURL(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json')).href;
  await client.open(json, readFileSync(new URL(json), 'utf8'));
  assert.equal(await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: json }, position: { line: 5, character: 8 } }), null);
});

test('a client without link support gets plain locations', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  // Same client, but declaring no linkSupport: the server must answer with Location[].
  const result = await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  assert.ok((result as { capabilities: { definitionProvider?: unknown } }).capabilities.definitionProvider);
  await client.connection.sendNotification('initialized', {});
  await client.open(main.uri, main.text, 'bicep');
  const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: main.uri }, position: positionOf(main.text, 'routes.id', 2) })) as { uri: string; range: unknown }[];
  assert.equal(r.length, 1);
  assert.equal(r[0].uri, main.uri);
  assert.equal((r[0].range as { start: Position }).start.line, lineOf(main.text, 'resource routes'));
});

test('with bicepSyntaxFeatures: false (the official Bicep extension is installed) the server offers no outline and no definitions', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  const init = await client.initialize({ bicepSyntaxFeatures: false });
  assert.equal(init.capabilities.documentSymbolProvider, undefined);
  assert.equal(init.capabilities.definitionProvider, undefined);
  // The rest stays: diagnostics, hovers, code lenses.
  assert.ok(init.capabilities.hoverProvider);
  assert.ok(init.capabilities.codeLensProvider);
  const opened = await client.open(pathToFileURL(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.bicep')).href, readFileSync(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.bicep'), 'utf8'), 'bicep');
  assert.ok(opened.diagnostics.some((d) => d.code === 'ASE102'));
});
