// The explain request over a real JSON-RPC connection: what the "Explain ASE dependency"
// panel draws (statuses, deciding rules and their places, the quick fixes) must be
// available to any client, and must agree with the diagnostics.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import type { ExplainDependency, ExplainResult } from '../../server/src/query/protocol';
import { parseBicep } from '../../server/src/parse/bicep';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const name = 'deny-all-first.json';
const path = join(root, 'test', 'fixtures', 'lsp', name);
const uri = pathToFileURL(path).href;
const text = readFileSync(path, 'utf8');

function positionOf(source: string, needle: string, delta = 1) {
  const offset = source.indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' not in the text`);
  return TextDocument.create('', 'json', 0, source).positionAt(offset + delta);
}

function lineOf(source: string, needle: string): number {
  return positionOf(source, needle).line;
}

const explain = (client: TestClient, params: object) => client.connection.sendRequest('aseLint/explain', params) as Promise<ExplainResult>;
const byCode = (r: ExplainResult, code: string): ExplainDependency => {
  const d = r.ases[0].dependencies.find((x) => x.code === code);
  assert.ok(d, `no ${code} dependency in ${r.ases[0].dependencies.map((x) => x.code).join(', ')}`);
  return d;
};

before(() => ensureBuilt());

test('explain: statuses, deciding rules with their places, and quick-fix edits that clear the finding', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const opened = await client.open(uri, text);

  // Without a position: every dependency, nothing specific, choices for the quick pick.
  const whole = await explain(client, { uri });
  assert.equal(whole.specific, false);
  assert.deepEqual(whole.focus, []);
  assert.equal(whole.ases.length, 1);
  assert.equal(whole.ases[0].version, 'v2');
  assert.ok(whole.choices.some((c) => c.key === 'inbound-management'), 'the management row is offered');
  assert.ok(whole.choices.some((c) => c.key === 'ASE301'), 'the route check is offered for ASEv2');
  assert.ok(!whole.choices.some((c) => c.key === 'inbound-v3-load-balancer'), 'ASEv3-only rows are not offered for an ASEv2');

  // The blocked dependencies are exactly the ones reported as diagnostics, decided by the same rule.
  const blocked = whole.ases[0].dependencies.filter((d) => d.status === 'blocked');
  const reported = new Set(opened.diagnostics.map((d) => String(d.code)));
  for (const d of blocked) assert.ok(reported.has(d.code), `${d.code} blocked in explain but not reported`);
  const lb = byCode(whole, 'ASE102');
  assert.equal(lb.status, 'blocked');
  assert.equal(lb.decidedBy, 'DenyAllInbound');
  assert.equal(lb.decidedAt?.uri, uri);
  assert.equal(lb.decidedAt?.range.start.line, lineOf(text, '"DenyAllInbound"'));
  const lbDiagnostic = opened.diagnostics.find((d) => d.code === 'ASE102')!;
  assert.deepEqual(lb.decidedAt?.range, lbDiagnostic.range, 'the arrow names the rule the squiggle is on');
  assert.deepEqual(lb.rowIds, ['inbound-load-balancer']);
  assert.equal(lb.fix?.title, 'Allow AzureLoadBalancer inbound');
  // The DNS dependency goes out; it is not decided by the inbound deny rule.
  assert.equal(byCode(whole, 'ASE205').direction, 'Outbound');
  assert.notEqual(byCode(whole, 'ASE205').status, 'blocked');

  // On the deny rule: the dependencies it decides.
  const onRule = await explain(client, { uri, position: positionOf(text, '"priority": 1000') });
  assert.equal(onRule.specific, true);
  assert.match(onRule.subject, /security rule 'DenyAllInbound'/);
  const focused = onRule.ases[0].dependencies.filter((d) => onRule.focus.includes(d.id));
  assert.deepEqual([...new Set(focused.map((d) => d.code))].sort(), [...new Set(blocked.map((d) => d.code))].sort());

  // On a port: the rows that use it, and the dependencies that carry them.
  const onPort = await explain(client, { uri, position: positionOf(text, '"454-455"') });
  assert.match(onPort.subject, /port 454-455/);
  assert.ok(onPort.rows.some((r) => r.id === 'inbound-management'));
  assert.ok(onPort.ases[0].dependencies.some((d) => d.code === 'ASE101' && onPort.focus.includes(d.id)));
  assert.ok(onPort.focusKey?.includes('inbound-management'), 'a key to ask again after an edit');

  // By key, as the quick pick sends it.
  const picked = await explain(client, { uri, dependency: 'inbound-load-balancer' });
  assert.deepEqual(picked.rows.map((r) => r.id), ['inbound-load-balancer']);
  assert.deepEqual(picked.focus, [lb.id]);
  assert.match(picked.markdown, /AzureLoadBalancer/);

  // The panel applies the fix as the quick fix of the diagnostic it names (verified by the
  // engine); doing so clears ASE102 and the explanation follows: allowed by the new rule.
  assert.deepEqual({ code: lb.fix?.code, at: lb.fix?.at }, { code: 'ASE102', at: { uri, range: lbDiagnostic.range } });
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: lb.fix!.at.range,
    context: { diagnostics: [lbDiagnostic], only: ['quickfix'] },
  })) as CodeAction[] | null;
  const quickFix = actions?.find((a) => a.isPreferred);
  assert.equal(quickFix?.title, lb.fix?.title);
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), quickFix!.edit!.changes![uri]);
  const after = await client.change(uri, fixed);
  assert.ok(!after.diagnostics.some((d) => d.code === 'ASE102'), 'ASE102 is gone after the fix');
  const again = await explain(client, { uri, dependency: 'inbound-load-balancer' });
  const lbAfter = byCode(again, 'ASE102');
  assert.equal(lbAfter.status, 'allowed');
  assert.equal(lbAfter.decidedBy, 'AllowAzureLoadBalancerInbound');
  assert.equal(lbAfter.fix, undefined);
  assert.equal(lbAfter.decidedAt?.range.start.line, lineOf(fixed, '"AllowAzureLoadBalancerInbound"'));
});

test('explain: a document with no ASE still offers the documented dependencies of every version', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const other = pathToFileURL(join(root, 'test', 'fixtures', 'lsp', 'not-a-template.json')).href;
  await client.open(other, readFileSync(new URL(other), 'utf8'));
  const r = await explain(client, { uri: other, position: { line: 0, character: 0 } });
  assert.equal(r.specific, false);
  assert.deepEqual(r.ases, []);
  assert.ok(r.choices.some((c) => c.key === 'inbound-v3-load-balancer'));
  assert.ok(r.choices.some((c) => c.key === 'inbound-management'));
});

test('explain on a Bicep file: the panel\'s fix for a blocked NSG dependency writes Bicep, which parses and clears the finding', { timeout: 60_000 }, async (t) => {
  const bicepPath = join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.bicep');
  const bicepUri = pathToFileURL(bicepPath).href;
  const source = readFileSync(bicepPath, 'utf8');
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const opened = await client.open(bicepUri, source, 'bicep');

  const whole = await explain(client, { uri: bicepUri });
  const lb = byCode(whole, 'ASE102');
  assert.equal(lb.status, 'blocked');
  assert.equal(lb.decidedBy, 'DenyAllInbound');
  assert.equal(lb.fix?.title, 'Allow AzureLoadBalancer inbound');
  assert.equal(lb.fix?.at.uri, bicepUri);

  // As client/src/explainPanel.ts applies it: the quick fixes offered at the place the
  // panel names (the editor sends the diagnostics there), the one with the panel's title.
  const overlapping = opened.diagnostics.filter((d) => d.range.start.line <= lb.fix!.at.range.end.line && d.range.end.line >= lb.fix!.at.range.start.line);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: bicepUri },
    range: lb.fix!.at.range,
    context: { diagnostics: overlapping, only: ['quickfix'] },
  })) as CodeAction[] | null;
  const chosen = actions?.find((a) => a.edit && a.title === lb.fix!.title);
  assert.ok(chosen, `the panel's fix is among the quick fixes: ${actions?.map((a) => a.title).join(', ')}`);
  assert.deepEqual(Object.keys(chosen.edit!.changes!), [bicepUri], 'it edits the Bicep file only');
  const fixed = TextDocument.applyEdits(TextDocument.create(bicepUri, 'bicep', 1, source), chosen.edit!.changes![bicepUri]);

  // Bicep, not JSON: it parses with no new error, the new rule is written as Bicep writes objects.
  assert.deepEqual(parseBicep(fixed).diagnostics.map((d) => d.message), parseBicep(source).diagnostics.map((d) => d.message));
  assert.match(fixed, /\n {6}\{\n {8}name: 'AllowAzureLoadBalancerInbound'\n {8}properties: \{\n/);
  assert.doesNotMatch(fixed, /"name":|"properties":/);
  const after = await client.change(bicepUri, fixed);
  assert.ok(!after.diagnostics.some((d) => d.code === 'ASE102'), 'ASE102 is gone after the fix');
  assert.ok(after.diagnostics.every((d) => opened.diagnostics.some((o) => o.code === d.code && o.message === d.message)), 'and nothing new is reported');
  const again = byCode(await explain(client, { uri: bicepUri, dependency: 'inbound-load-balancer' }), 'ASE102');
  assert.equal(again.status, 'allowed');
  assert.equal(again.decidedBy, 'AllowAzureLoadBalancerInbound');
});
