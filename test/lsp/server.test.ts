// Drives the built language server (dist/server.js) over a real JSON-RPC connection on
// stdio, as an editor would. No sleeps: every step waits on the server's own messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const fixtures = join(root, 'test', 'fixtures', 'lsp');
const fixtureUri = (name: string) => pathToFileURL(join(fixtures, name)).href;
const fixtureText = (name: string) => readFileSync(join(fixtures, name), 'utf8');

/** The position just inside the first occurrence of `needle` (plus `delta` characters). */
function positionOf(text: string, needle: string, delta = 1): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' not in the text`);
  return TextDocument.create('', 'json', 0, text).positionAt(offset + delta);
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

before(() => ensureBuilt());

test('a deny-all-first NSG: diagnostics, quick fix, re-analysis, hover', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const uri = fixtureUri('deny-all-first.json');
  const text = fixtureText('deny-all-first.json');

  const first = await client.open(uri, text);
  for (const code of ['ASE101', 'ASE102', 'ASE103']) {
    assert.ok(codes(first.diagnostics).includes(code), `${code} expected, got ${codes(first.diagnostics).join(', ')}`);
  }
  const lb = first.diagnostics.find((d) => d.code === 'ASE102')!;
  assert.equal(lb.source, 'ase-lint');
  assert.equal(lb.severity, 1);
  assert.match(lb.codeDescription?.href ?? '', /\/docs\/rules\/inbound-load-balancer\.md$/);
  assert.equal(typeof (lb.data as { fingerprint?: unknown }).fingerprint, 'string');
  for (const r of lb.relatedInformation ?? []) assert.ok(r.location.uri.length > 0);

  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: lb.range,
    context: { diagnostics: [lb], only: ['quickfix'] },
  })) as CodeAction[] | null;
  assert.deepEqual(actions?.map((a) => a.title), ['Allow AzureLoadBalancer inbound', 'Suppress ASE102 on this line'], 'the fix first, then the suppression');
  const [fix] = actions!;
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.equal(fix.command, undefined, 'the edit is inline, no command round trip');
  assert.deepEqual(fix.diagnostics, [lb]);
  const edits = fix.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, 'the fix edits this document');

  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), edits);
  assert.doesNotThrow(() => JSON.parse(fixed), 'the fixed template is still JSON');
  const second = await client.change(uri, fixed);
  assert.ok(!codes(second.diagnostics).includes('ASE102'), `ASE102 should be fixed, got ${codes(second.diagnostics).join(', ')}`);
  assert.ok(codes(second.diagnostics).includes('ASE101'), 'the other findings stay');

  const position = positionOf(fixed, '"454-455"', 2);
  const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
  const markdown = hoverText(hover);
  assert.match(markdown, /management/i);
  assert.match(markdown, /454/);
  assert.match(markdown, /ASE101/);
  assert.ok(hover?.range, 'the hover names the range it describes');
  assert.equal(hover.range.start.line, position.line);

  const explained = (await client.connection.sendRequest('aseLint/explain', { uri, position })) as {
    rows: { id: string; rule?: string }[];
    markdown: string;
  };
  assert.ok(explained.rows.some((r) => r.rule === 'ASE101'), 'explain lists the management row');
  assert.match(explained.markdown, /454/);

  const onAse = (await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(fixed, '"Microsoft.Web/hostingEnvironments"', 5),
  })) as Hover | null;
  const aseMarkdown = hoverText(onAse);
  assert.match(aseMarkdown, /Dependencies in this template/);
  assert.match(aseMarkdown, /\| `ASE101` \| TCP 454-455 from AppServiceManagement \| \*\*blocked\*\* \| by rule 'DenyAllInbound', priority 1000 \|/);
  assert.match(aseMarkdown, /\| `ASE102` \| [^|]+ \| allowed \| by rule 'AllowAzureLoadBalancerInbound', priority 990 \|/, 'the fix shows up as allowed');

  assert.equal(await client.shutdown(), 0);
});

test('the same round trip on a Bicep file: diagnostics, the ASE102 fix as Bicep, re-analysis', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const uri = fixtureUri('deny-all-first.bicep');
  const text = fixtureText('deny-all-first.bicep');

  const first = await client.open(uri, text, 'bicep');
  for (const code of ['ASE101', 'ASE102', 'ASE103']) {
    assert.ok(codes(first.diagnostics).includes(code), `${code} expected, got ${codes(first.diagnostics).join(', ')}`);
  }
  const lb = first.diagnostics.find((d) => d.code === 'ASE102')!;
  assert.deepEqual(lb.range.start, positionOf(text, "'DenyAllInbound'", 0), 'on the deny rule\'s name');

  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: lb.range,
    context: { diagnostics: [lb], only: ['quickfix'] },
  })) as CodeAction[] | null;
  assert.deepEqual(actions?.map((a) => a.title), ['Allow AzureLoadBalancer inbound', 'Suppress ASE102 on this line'], 'the fix first, then the suppression');
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'bicep', 1, text), actions![0].edit!.changes![uri]);
  assert.ok(
    fixed.includes(
      [
        '    securityRules: [',
        '      {',
        "        name: 'AllowAzureLoadBalancerInbound'",
        '        properties: {',
        '          priority: 990',
        "          direction: 'Inbound'",
        "          access: 'Allow'",
        "          protocol: '*'",
        "          sourceAddressPrefix: 'AzureLoadBalancer'",
        "          sourcePortRange: '*'",
        "          destinationAddressPrefix: '*'",
        "          destinationPortRange: '*'",
        '        }',
        '      }',
        '      {',
        "        name: 'DenyAllInbound'",
      ].join('\n'),
    ),
    `the allow rule is written in Bicep before the deny rule, its properties in the order of the NSG's other rules:\n${fixed}`,
  );
  const second = await client.change(uri, fixed);
  assert.ok(!codes(second.diagnostics).includes('ASE102'), `ASE102 should be fixed, got ${codes(second.diagnostics).join(', ')}`);
  assert.ok(codes(second.diagnostics).includes('ASE101'), 'the other findings stay');
  assert.equal(await client.shutdown(), 0);
});

test('hovers on an address prefix in ARM and on a Bicep file; explain at a Bicep position', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const hoverAt = async (uri: string, position: Position) =>
    (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;

  const armUri = fixtureUri('deny-all-first.json');
  const armText = fixtureText('deny-all-first.json');
  await client.open(armUri, armText);
  const onPrefix = await hoverAt(armUri, positionOf(armText, '"10.10.1.0/24"', 3));
  const prefix = hoverText(onPrefix);
  assert.match(prefix, /^\*\*Subnet prefix\*\* `10\.10\.1\.0\/24` of subnet `ase-subnet` in VNet `ase-vnet`$/m);
  assert.match(prefix, /^- `10\.10\.1\.0` – `10\.10\.1\.255`: 256 addresses, 251 usable /m);
  assert.match(prefix, /^- Large enough for ASEv2 `contoso-ase`/m);
  assert.deepEqual(onPrefix?.range?.start, positionOf(armText, '"10.10.1.0/24"', 0), 'the range starts at the string');

  const bicepUri = fixtureUri('deny-all-first.bicep');
  const bicepText = fixtureText('deny-all-first.bicep');
  await client.open(bicepUri, bicepText, 'bicep');
  const onPort = await hoverAt(bicepUri, positionOf(bicepText, "'454-455'", 2));
  assert.match(hoverText(onPort), /^\*\*Port\*\* `454-455` carries this documented dependency of an ASE \(inbound ASEv2\)/);
  assert.deepEqual(onPort?.range, {
    start: positionOf(bicepText, "'454-455'", 0),
    end: positionOf(bicepText, "'454-455'", "'454-455'".length),
  });
  const onAse = hoverText(await hoverAt(bicepUri, positionOf(bicepText, 'resource ase', 10)));
  assert.match(onAse, /\| `ASE101` \| TCP 454-455 from AppServiceManagement \| \*\*blocked\*\* \| by rule 'DenyAllInbound', priority 1000 \|/);
  assert.equal(await hoverAt(bicepUri, positionOf(bicepText, "kind: 'ASEV2'", 1)), null, 'nothing on the other properties of the ASE');

  const explained = (await client.connection.sendRequest('aseLint/explain', {
    uri: bicepUri,
    position: positionOf(bicepText, 'priority: 1000'),
  })) as { subject: string; specific: boolean };
  assert.equal(explained.specific, true);
  assert.equal(explained.subject, "security rule 'DenyAllInbound'");
  assert.equal(await client.shutdown(), 0);
});

test('the server keeps answering after garbage, and ignores non-templates', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();

  const half = 'file:///tmp/ase-lint-test/half-typed.json';
  const halfText = '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ {';
  const opened = await client.open(half, halfText);
  // JSON syntax errors belong to the editor's JSON service, not to us.
  assert.ok(opened.diagnostics.every((d) => d.source === 'ase-lint'));
  assert.equal(opened.diagnostics.filter((d) => /expected|syntax|parse/i.test(typeof d.message === 'string' ? d.message : d.message.value)).length, 0);
  const onSchema = await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: half },
    position: positionOf(halfText, 'schema.management', 3),
  });
  assert.equal(onSchema, null);

  const garbled = await client.change(half, '\u0000{{{[[[ "resources": ]]] :: \ufffd');
  assert.ok(Array.isArray(garbled.diagnostics));
  assert.equal(
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: half }, position: { line: 999, character: 5 } }),
    null,
  );

  const other = fixtureUri('not-a-template.json');
  const otherText = fixtureText('not-a-template.json');
  const plain = await client.open(other, otherText);
  assert.deepEqual(plain.diagnostics, []);
  assert.equal(
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: other }, position: positionOf(otherText, '"454-455"', 2) }),
    null,
    'no hovers in JSON that is not a template',
  );
  assert.deepEqual(
    await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: other },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      context: { diagnostics: [] },
    }),
    [],
  );

  // Still answering: a real template after all of the above.
  const uri = fixtureUri('deny-all-first.json');
  const published = await client.open(uri, fixtureText('deny-all-first.json'));
  assert.equal(published.uri, uri);

  const cleared = await client.close(uri);
  assert.deepEqual(cleared.diagnostics, []);
  assert.equal(client.serverStderr.includes('Error'), false, client.serverStderr);
  assert.equal(await client.shutdown(), 0);
});

test('a burst of changes is analysed once, for the latest version only', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const uri = 'file:///tmp/ase-lint-test/burst.json';
  const text = fixtureText('deny-all-first.json');
  await client.open(uri, text);
  const v2 = client.change(uri, text.replace('"priority": 1000', '"priority": 1001'));
  const v3 = client.change(uri, text.replace('"priority": 1000', '"priority": 1002'));
  const latest = await client.change(uri, text);
  assert.equal(latest.version, 4);
  assert.deepEqual(client.publishedVersions(uri), [1, 4], 'versions 2 and 3 were superseded before their run');
  void v2;
  void v3;
  assert.equal(await client.shutdown(), 0);
});

test('edits sent as ranges (incremental sync) are applied to the text the server analyses', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  const init = await client.initialize();
  assert.equal((init.capabilities.textDocumentSync as { change?: number }).change, 2, 'incremental');
  const uri = 'file:///tmp/ase-lint-test/ranges.json';
  const text = fixtureText('deny-all-first.json');
  const opened = await client.open(uri, text);
  assert.ok(codes(opened.diagnostics).includes('ASE101'), 'the deny-all rule first');
  // The deny rule becomes an allow rule, one range at a time, then back: each version as a full analysis of its text gives.
  const allowed = text.replace('"access": "Deny"', '"access": "Allow"');
  const afterAllow = await client.edit(uri, text, allowed);
  const fresh = new TestClient();
  t.after(() => fresh.kill());
  await fresh.initialize();
  const expected = await fresh.open('file:///tmp/ase-lint-test/ranges-fresh.json', allowed);
  assert.deepEqual(codes(afterAllow.diagnostics), codes(expected.diagnostics));
  assert.ok(!codes(afterAllow.diagnostics).includes('ASE101'));
  const back = await client.edit(uri, allowed, text);
  assert.deepEqual(
    back.diagnostics.map((d) => [d.code, d.range]),
    opened.diagnostics.map((d) => [d.code, d.range]),
    'back to the first text: the same diagnostics at the same places',
  );
  // A range over several lines, replaced by more lines: every later diagnostic moves down.
  const from = text.indexOf('"priority": 1000');
  const to = text.indexOf('"access": "Deny"');
  const spread = `${text.slice(0, from)}"priority": 1000,\n\n\n              "direction": "Inbound",\n              ${text.slice(to)}`;
  assert.ok(spread.split('\n').length > text.split('\n').length);
  const moved = await client.edit(uri, text, spread);
  const freshSpread = await fresh.open('file:///tmp/ase-lint-test/ranges-spread.json', spread);
  assert.deepEqual(
    moved.diagnostics.map((d) => [d.code, d.range, d.message]),
    freshSpread.diagnostics.map((d) => [d.code, d.range, d.message]),
  );
  assert.equal(await client.shutdown(), 0);
  assert.equal(await fresh.shutdown(), 0);
});

test('aseLint.parameterFiles picks the parameters file for a template', { timeout: 60_000 }, async (t) => {
  const folder = pathToFileURL(fixtures).href;
  const uri = fixtureUri('parameterised.json');
  const text = fixtureText('parameterised.json');

  const plain = new TestClient({}, [folder]);
  t.after(() => plain.kill());
  await plain.initialize();
  const withDefaults = await plain.open(uri, text);
  assert.ok(!codes(withDefaults.diagnostics).includes('ASE101'), 'the default value allows everything');
  assert.equal(await plain.shutdown(), 0);

  const configured = new TestClient({ parameterFiles: { 'parameterised.json': 'strict-deny.params.json' } }, [folder]);
  t.after(() => configured.kill());
  await configured.initialize();
  const withParameters = await configured.open(uri, text);
  assert.ok(codes(withParameters.diagnostics).includes('ASE101'), `ASE101 expected, got ${codes(withParameters.diagnostics).join(', ')}`);
  assert.equal(await configured.shutdown(), 0);
});
