// Findings where the user typed the value, over a real JSON-RPC connection: a finding a
// value of a `.bicepparam` file or an ARM parameters file causes is published on that
// value too, with the template's place as related information.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const fixtures = join(root, 'test', 'fixtures', 'lsp');
const fixture = (...parts: string[]) => ({ uri: pathToFileURL(join(fixtures, ...parts)).href, text: readFileSync(join(fixtures, ...parts), 'utf8') });

before(() => ensureBuilt());

test('a .bicepparam file opened alone shows the findings its values cause, and they go when the value is fixed', { timeout: 60_000 }, async (t) => {
  const client = new TestClient({}, [pathToFileURL(fixtures).href]);
  t.after(() => client.kill());
  await client.initialize();
  const params = fixture('params', 'main.bicepparam');
  const network = fixture('params', 'network.bicep');
  const opened = await client.open(params.uri, params.text, 'bicep-params');
  assert.deepEqual(
    opened.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
    [['ASE401', DiagnosticSeverity.Error, 2, 24, 37]],
    'on the value itself: the string after `param aseSubnetPrefix =`',
  );
  const [ase401] = opened.diagnostics;
  assert.match(String(ase401.message), /is a \/28, below the \/27 minimum/);
  // The way back to the template's line that uses the value (in the module the main template deploys).
  const related = (ase401.relatedInformation ?? []).map((r) => [r.location.uri, r.location.range.start.line, r.message]);
  assert.deepEqual(related, [[network.uri, 22, 'The template uses this value here']]);

  const fixed = await client.change(params.uri, params.text.replace('10.0.1.0/28', '10.0.1.0/24'));
  assert.deepEqual(fixed.diagnostics, [], 'a /24 is large enough: nothing left on the value');
});

test('a template and its ARM parameters file: the finding in the template, and on the value in the parameters file, once', { timeout: 60_000 }, async (t) => {
  const client = new TestClient({ parameterFiles: { 'parameterised.json': 'strict-deny.params.json' } }, [pathToFileURL(fixtures).href]);
  t.after(() => client.kill());
  await client.initialize();
  const template = fixture('parameterised.json');
  const params = fixture('strict-deny.params.json');
  // The template alone: its analysis publishes on the parameters file's value too.
  const onValue = client.next(params.uri, (p) => p.diagnostics.length > 0);
  const inTemplate = await client.open(template.uri, template.text);
  const templateCodes = inTemplate.diagnostics.map((d) => d.code).filter((c) => /^ASE10/.test(String(c)));
  assert.deepEqual(templateCodes, ['ASE101', 'ASE102', 'ASE103']);
  const shown = await onValue;
  const valueRange = { start: { line: 4, character: 33 }, end: { line: 4, character: 39 } };
  assert.deepEqual(shown.diagnostics.map((d) => [d.code, d.range]), [
    ['ASE101', valueRange],
    ['ASE102', valueRange],
    ['ASE103', valueRange],
  ]);
  // The parameters file opened as well: analysed through its template, each finding still once.
  const opened = await client.open(params.uri, params.text);
  assert.deepEqual(opened.diagnostics.map((d) => d.code), ['ASE101', 'ASE102', 'ASE103']);
  for (const d of opened.diagnostics) {
    assert.equal(d.relatedInformation?.[0].location.uri, template.uri);
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 20, 'the deny rule whose access the file sets');
  }
  // An allow there ends them in both files.
  const allowed = await client.change(params.uri, params.text.replace('"Deny"', '"Allow"'));
  assert.deepEqual(allowed.diagnostics.filter((d) => /^ASE10/.test(String(d.code))), []);
});
