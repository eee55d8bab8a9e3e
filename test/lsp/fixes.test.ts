// Quick fixes over the real JSON-RPC connection: a fix that sets a value defined in a
// `.bicepparam` edits that file (a WorkspaceEdit across files), and a fix the engine
// cannot write safely is not offered at all.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, type CodeAction, type Range } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const folder = join(root, 'test', 'fixtures', 'lsp', 'params');
const uriOf = (name: string) => pathToFileURL(join(folder, name)).href;
const textOf = (name: string) => readFileSync(join(folder, name), 'utf8');

before(() => ensureBuilt());

test('widening a module subnet whose prefix is in main.bicepparam edits main.bicepparam, and nothing else', { timeout: 60_000 }, async (t) => {
  const client = new TestClient({}, [pathToFileURL(folder).href]);
  t.after(() => client.kill());
  await client.initialize();
  const main = uriOf('main.bicep');
  const network = uriOf('network.bicep');
  const params = uriOf('main.bicepparam');
  const inModule = client.next(network, () => true);
  await client.open(main, textOf('main.bicep'), 'bicep');
  const published = await inModule;
  const size = published.diagnostics.find((d) => d.code === 'ASE401');
  assert.ok(size, `ASE401 in the module, got ${published.diagnostics.map((d) => d.code).join(', ')}`);
  assert.ok(!published.diagnostics.some((d) => d.code === 'ASE106'), 'the load balancer rule follows the same parameter');

  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: network },
    range: size.range,
    context: { diagnostics: [size], only: ['quickfix'] },
  })) as CodeAction[] | null;
  assert.deepEqual(actions?.map((a) => a.title), ["Widen the subnet to 10.0.1.0/24 (sets parameter 'aseSubnetPrefix' in main.bicepparam)", 'Suppress ASE401 on this line']);
  const changes = actions![0].edit?.changes ?? {};
  assert.deepEqual(Object.keys(changes), [params], 'the edit is in the .bicepparam only');
  const after = TextDocument.applyEdits(TextDocument.create(params, 'bicep-params', 1, textOf('main.bicepparam')), changes[params]);
  assert.equal(after, "using 'main.bicep'\n\nparam aseSubnetPrefix = '10.0.1.0/24'\n");
  assert.equal(await client.shutdown(), 0);
});

test('the intra-subnet fix is not offered when the subnet prefix is a parameter of another template scope', { timeout: 60_000 }, async (t) => {
  const client = new TestClient({}, [pathToFileURL(folder).href]);
  t.after(() => client.kill());
  await client.initialize();
  const uri = uriOf('nested-scope.json');
  const opened = await client.open(uri, textOf('nested-scope.json'));
  const intra = opened.diagnostics.find((d) => d.code === 'ASE103');
  assert.ok(intra, `ASE103 expected, got ${opened.diagnostics.map((d) => d.code).join(', ')}`);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: intra.range,
    context: { diagnostics: [intra], only: ['quickfix'] },
  })) as CodeAction[] | null;
  assert.deepEqual(actions?.map((a) => a.title), ['Suppress ASE103 on this line'], 'no broader rule in place of one naming the subnet');
  assert.equal(await client.shutdown(), 0);
});

test('source.fixAll.aseLint: every safe fix of a template in one action, for codeActionsOnSave; a template left with nothing to fix gets none', { timeout: 60_000 }, async (t) => {
  const examples = join(root, 'examples');
  const client = new TestClient({}, [pathToFileURL(examples).href]);
  t.after(() => client.kill());
  const init = await client.initialize();
  const provider = init.capabilities.codeActionProvider;
  assert.ok(typeof provider === 'object' && provider.codeActionKinds?.includes('source.fixAll.aseLint'), 'the kind is advertised');

  const uri = pathToFileURL(join(examples, 'ase-v2-broken-nsg.json')).href;
  const text = readFileSync(join(examples, 'ase-v2-broken-nsg.json'), 'utf8');
  const opened = await client.open(uri, text);
  const errors = (d: { severity?: number; code?: string | number }[]) => d.filter((x) => x.severity === 1).map((x) => x.code).sort();
  assert.deepEqual(errors(opened.diagnostics), ['ASE101', 'ASE102', 'ASE103', 'ASE301', 'ASE901']);
  const ask = async (only: string[]) =>
    (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only, triggerKind: 2 },
    })) as CodeAction[] | null;
  assert.deepEqual(await ask(['quickfix']), [], 'not among the quick fixes');
  for (const only of [['source.fixAll'], ['source'], ['source.fixAll.aseLint']]) {
    const actions = await ask(only);
    assert.deepEqual(actions?.map((a) => [a.kind, a.title]), [['source.fixAll.aseLint', 'Fix all ASE findings that have a safe fix (4 fixes)']], only.join());
  }
  const [all] = (await ask(['source.fixAll.aseLint']))!;
  assert.deepEqual(Object.keys(all.edit?.changes ?? {}), [uri]);
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), all.edit!.changes![uri]);
  assert.match(fixed, /"name": "AllowAppServiceManagementInbound"/);
  assert.match(fixed, /"nextHopType": "Internet"/);
  assert.doesNotMatch(fixed, /firewallAddress/, 'the parameter the route fix leaves unused goes');
  const after = await client.change(uri, fixed);
  // ASE901 stays: "Convert to ASEv3" changes the ASE's version and its plans' tiers, which fix-all leaves to a person.
  assert.deepEqual(errors(after.diagnostics), ['ASE901']);
  assert.deepEqual(await ask(['source.fixAll.aseLint']), [], 'nothing left to fix');
  assert.equal(await client.shutdown(), 0);
});

test('source.fixAll.aseLint edits the .bicepparam where a value is defined', { timeout: 60_000 }, async (t) => {
  const client = new TestClient({}, [pathToFileURL(folder).href]);
  t.after(() => client.kill());
  await client.initialize();
  const main = uriOf('main.bicep');
  const params = uriOf('main.bicepparam');
  await client.open(main, textOf('main.bicep'), 'bicep');
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: main },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.aseLint'] },
  })) as CodeAction[] | null;
  assert.equal(actions?.length, 1);
  const changes = actions![0].edit?.changes ?? {};
  assert.ok(Object.keys(changes).includes(params), `edits ${Object.keys(changes).join(', ')}`);
  const after = TextDocument.applyEdits(TextDocument.create(params, 'bicep-params', 1, textOf('main.bicepparam')), changes[params]);
  assert.equal(after, "using 'main.bicep'\n\nparam aseSubnetPrefix = '10.0.1.0/24'\n");
  assert.equal(await client.shutdown(), 0);
});

test('two findings of one rule on one line: their suppression is listed once, for both', { timeout: 60_000 }, async (t) => {
  const examples = join(root, 'examples');
  const client = new TestClient({}, [pathToFileURL(examples).href]);
  t.after(() => client.kill());
  await client.initialize();
  const uri = pathToFileURL(join(examples, 'outbound-denied.json')).href;
  const denyOut = `{ "name": "DenyAllOutbound", "properties": { "priority": 4096, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }`;
  const text = readFileSync(join(examples, 'ase-v2-broken-nsg.json'), 'utf8').replace('        "securityRules": [\n', `        "securityRules": [\n          ${denyOut},\n`);
  const opened = await client.open(uri, text);
  const line = text.split('\n').findIndex((l) => l.includes('DenyAllOutbound'));
  const onLine = opened.diagnostics.filter((d) => d.range.start.line === line);
  const codes = onLine.map((d) => String(d.code));
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  assert.ok(twice, `two findings of one rule on the deny rule's line, got ${codes.join(', ')}`);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: onLine[0].range,
    context: { diagnostics: onLine, only: ['quickfix'] },
  })) as CodeAction[];
  const titles = actions.map((a) => a.title);
  assert.deepEqual(
    titles.filter((x) => x.startsWith('Suppress ')),
    [...new Set(codes)].map((c) => `Suppress ${c} on this line`),
    'one suppression per rule',
  );
  assert.equal(new Set(titles).size, titles.length, `no title twice: ${titles.join(' | ')}`);
  const suppress = actions.find((a) => a.title === `Suppress ${twice} on this line`)!;
  assert.equal(suppress.diagnostics?.filter((d) => String(d.code) === twice).length, 2, 'for both findings');
  assert.equal(await client.shutdown(), 0);
});

test('a client that takes snippet edits gets the new rule name and the suppression reason as placeholders; the text is otherwise the same', { timeout: 60_000 }, async (t) => {
  const fixtures = join(root, 'test', 'fixtures', 'lsp');
  const uri = pathToFileURL(join(fixtures, 'deny-all-first.json')).href;
  const text = readFileSync(join(fixtures, 'deny-all-first.json'), 'utf8');
  const ask = async (snippets: boolean) => {
    const client = new TestClient({}, [pathToFileURL(fixtures).href]);
    t.after(() => client.kill());
    await client.initialize(undefined, snippets ? { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } : {});
    const opened = await client.open(uri, text);
    const lb = opened.diagnostics.find((d) => d.code === 'ASE102')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: lb.range,
      context: { diagnostics: [lb], only: ['quickfix'] },
    })) as CodeAction[];
    assert.equal(await client.shutdown(), 0);
    return actions;
  };
  const plain = await ask(false);
  const snippet = await ask(true);
  assert.deepEqual(snippet.map((a) => a.title), plain.map((a) => a.title));
  const [fix, suppress] = snippet;
  const edits = fix.edit?.documentChanges?.[0];
  assert.ok(edits && 'edits' in edits && edits.textDocument.uri === uri);
  const [edit] = edits.edits as { range: unknown; snippet: { kind: string; value: string } }[];
  assert.equal(edit.snippet.kind, 'snippet');
  // From the start of the line the name is on, so the whole name is the placeholder.
  assert.match(edit.snippet.value, /^ +"name": "\$\{1:AllowAzureLoadBalancerInbound\}"/);
  // Filled in as proposed, the snippet is the plain edit.
  const plainEdit = plain[0].edit!.changes![uri][0];
  const apply = (e: { range: Range; newText: string }) => TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), [e]);
  const filled = edit.snippet.value.replace('${1:AllowAzureLoadBalancerInbound}', 'AllowAzureLoadBalancerInbound').replace(/\\([$}\\])/g, '$1');
  assert.equal(apply({ range: edit.range as Range, newText: filled }), apply(plainEdit));
  const reason = suppress.edit?.documentChanges?.[0];
  assert.ok(reason && 'edits' in reason);
  assert.match((reason.edits[0] as { snippet: { value: string } }).snippet.value, /^\s*\/\/ ase-lint-disable-next-line ASE102 -- \$\{1:reason\}\r?\n$/);
  assert.equal(plain[1].edit?.changes?.[uri]?.[0].newText.trim(), '// ase-lint-disable-next-line ASE102', 'without snippets, no reason is written');
});
