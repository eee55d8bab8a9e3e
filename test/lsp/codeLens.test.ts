// The code lens above each ASE and the ASEv3 side of the explain request, over a real
// JSON-RPC connection: the lens counts exactly what the panel draws, its command explains
// that ASE, and an ASEv3 is explained by its delegation, subnet size, route table
// (forced tunnelling allowed) and DNS records.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, CodeLensRequest, type CodeAction, type CodeLens } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExplainDependency, ExplainResult } from '../../server/src/query/protocol';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const fixture = (...parts: string[]) => {
  const path = join(root, 'test', 'fixtures', 'lsp', ...parts);
  return { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
};
const v3 = fixture('v3', 'ase-v3.bicep');
const dnsModule = fixture('v3', 'modules', 'dns.bicep');
const v2 = fixture('deny-all-first.json');

const explain = (client: TestClient, params: object) => client.connection.sendRequest('aseLint/explain', params) as Promise<ExplainResult>;
const lenses = (client: TestClient, uri: string) => client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as Promise<CodeLens[]>;
const byKind = (r: ExplainResult, kind: ExplainDependency['kind']) => {
  const d = r.ases[0].dependencies.find((x) => x.kind === kind);
  assert.ok(d, `no ${kind} dependency in ${r.ases[0].dependencies.map((x) => x.kind).join(', ')}`);
  return d;
};

function count(deps: ExplainDependency[]) {
  const n = (s: string) => deps.filter((d) => d.status === s).length;
  return { all: deps.length, allowed: n('allowed'), blocked: n('blocked'), unknown: n('unknown') };
}

before(() => ensureBuilt());

test('code lens: one per ASE, counting what the explain panel draws; its command explains that ASE', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  const init = await client.initialize();
  assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });

  for (const doc of [v2, v3]) {
    await client.open(doc.uri, doc.text, doc === v3 ? 'bicep' : 'json');
    const [lens, ...more] = await lenses(client, doc.uri);
    assert.equal(more.length, 0, 'one ASE, one lens');
    const whole = await explain(client, { uri: doc.uri });
    const c = count(whole.ases[0].dependencies);
    const unknown = c.unknown > 0 ? `, ${c.unknown} unknown` : '';
    assert.equal(lens.command?.title, `${c.all} dependencies: ${c.allowed} allowed, ${c.blocked} blocked${unknown} · Explain`);
    // Above the ASE's declaration: the `resource` line in Bicep, the object's `{` in ARM.
    const line = TextDocument.create('', 'x', 0, doc.text).positionAt(doc.text.indexOf(doc === v3 ? 'resource ase ' : '"Microsoft.Web/hostingEnvironments"')).line;
    assert.equal(lens.range.start.line, doc === v3 ? line : line - 1);
    // The command runs the explain command with the ASE's position: the panel is about this ASE.
    assert.equal(lens.command?.command, 'aseLint.explainDependency');
    const [argument] = lens.command!.arguments as [{ uri: string; position: { line: number; character: number } }];
    assert.equal(argument.uri, doc.uri);
    const shown = await explain(client, argument);
    assert.equal(shown.specific, true);
    assert.match(shown.subject, doc === v3 ? /^ASEv3 'contoso-v3'$/ : /^ASEv2 'contoso-ase'$/);
    assert.equal(shown.focus.length, c.all, 'every dependency of the ASE in focus');
  }
  assert.equal((await lenses(client, v3.uri))[0].command?.title, '5 dependencies: 4 allowed, 1 blocked · Explain');

  // A document without an ASE, and one that is no template, have none.
  const other = fixture('not-a-template.json');
  await client.open(other.uri, other.text);
  assert.deepEqual(await lenses(client, other.uri), []);
});

test('explain ASEv3: delegation, subnet size, route table (forced tunnelling allowed, said so) and DNS records, with their places', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  await client.open(v3.uri, v3.text, 'bicep');
  const whole = await explain(client, { uri: v3.uri });
  assert.equal(whole.ases[0].version, 'v3');
  assert.equal(whole.ases[0].mode, 'ILB');

  const delegation = byKind(whole, 'delegation');
  assert.equal(delegation.status, 'allowed');
  assert.equal(delegation.code, 'ASE403');
  assert.equal(delegation.direction, undefined, 'a property of the subnet, not a flow');
  assert.equal(delegation.decidedAt?.range.start.line, TextDocument.create('', 'bicep', 0, v3.text).positionAt(v3.text.indexOf("serviceName: 'Microsoft.Web/hostingEnvironments'")).line, 'Reveal goes to the service name');

  const size = byKind(whole, 'size');
  assert.equal(size.status, 'allowed');
  assert.match(size.detail, /\/24, 256 addresses/);

  const route = byKind(whole, 'routeTable');
  assert.equal(route.status, 'allowed', 'ASEv3 supports forced tunnelling');
  assert.match(route.detail, /route 'to-firewall' sends 0\.0\.0\.0\/0 to VirtualAppliance 10\.40\.0\.4 \(forced tunnelling\), which ASEv3 supports/);
  assert.ok(!whole.ases[0].dependencies.some((d) => d.kind === 'route'), 'the ASEv1/v2 forced-tunnel arrow is not drawn for ASEv3');

  // The zone lives in a module; ASE504 reports there, and the node says the same.
  const dns = byKind(whole, 'dns');
  assert.equal(dns.status, 'blocked');
  assert.match(dns.detail, /has no A record for '@'/);
  assert.equal(dns.decidedAt?.uri, dnsModule.uri);

  // Picker: the overview first; an ILB ASE is not offered ASE104 (app access from outside), the subnet checks are.
  assert.equal(whole.choices[0].key, 'overview');
  assert.equal(whole.choices[0].label, 'Overview of all dependencies');
  assert.equal(whole.choices[0].description, '5 dependencies: 4 allowed, 1 blocked');
  assert.ok(!whole.choices.some((c) => c.key === 'app-http' || c.description.includes('ASE104')));
  for (const key of ['ASE403', 'ASE401', 'ASE504', 'ASE301']) assert.ok(whole.choices.some((c) => c.key === key), `${key} offered`);
  const overview = await explain(client, { uri: v3.uri, dependency: 'overview' });
  assert.equal(overview.specific, true);
  assert.equal(overview.subject, 'all dependencies');
  assert.deepEqual(overview.focus, []);
  const picked = await explain(client, { uri: v3.uri, dependency: 'ASE403' });
  assert.equal(picked.subject, 'subnet delegation (ASE403)');
  assert.deepEqual(picked.focus, [delegation.id]);

  // Without the delegation the node is blocked, with the rule's quick fix, whose edit clears ASE403.
  const undelegated = v3.text.replace(/ {10}delegations: \[[\s\S]*?\n {10}\]\n/, '');
  assert.notEqual(undelegated, v3.text);
  const broken = await client.change(v3.uri, undelegated);
  assert.ok(broken.diagnostics.some((d) => d.code === 'ASE403'));
  const after = byKind(await explain(client, { uri: v3.uri }), 'delegation');
  assert.equal(after.status, 'blocked');
  assert.match(after.detail, /the subnet has no delegation/);
  assert.equal(after.fix?.title, 'Delegate the subnet to Microsoft.Web/hostingEnvironments');
  // The panel applies it as the verified quick fix of the diagnostic it names.
  const diagnostic = broken.diagnostics.find((d) => d.code === 'ASE403')!;
  assert.deepEqual(after.fix?.at, { uri: v3.uri, range: diagnostic.range });
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: v3.uri },
    range: after.fix!.at.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  })) as CodeAction[] | null;
  const quickFix = actions?.find((a) => a.title === after.fix?.title);
  assert.ok(quickFix?.edit?.changes?.[v3.uri], 'the panel’s fix is offered as a quick fix, in Bicep');
  const fixed = TextDocument.applyEdits(TextDocument.create(v3.uri, 'bicep', 1, undelegated), quickFix!.edit!.changes![v3.uri]);
  const clean = await client.change(v3.uri, fixed);
  assert.ok(!clean.diagnostics.some((d) => d.code === 'ASE403'), 'the node’s fix is the rule’s');
  assert.equal(byKind(await explain(client, { uri: v3.uri }), 'delegation').status, 'allowed');
});

test('explain: an External ASE is offered ASE104; an ASEv2 gets the delegation node (must not be delegated) and keeps its forced-tunnel arrow', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  await client.open(v2.uri, v2.text);
  const whole = await explain(client, { uri: v2.uri });
  assert.equal(whole.ases[0].mode, 'External');
  assert.ok(whole.choices.some((c) => c.key === 'app-http' && c.description.includes('ASE104')));
  const delegation = byKind(whole, 'delegation');
  assert.equal(delegation.status, 'allowed');
  assert.match(delegation.what, /not delegated/);
  assert.equal(byKind(whole, 'route').direction, 'Outbound');
  assert.ok(!whole.ases[0].dependencies.some((d) => d.kind === 'dns'), 'an External ASE needs no private DNS records');
});
