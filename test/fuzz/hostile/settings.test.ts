// Five hundred settings changes with a 20,000-entry aseLint.parameterFiles map (and
// 5,000 unknown rules): the server reads the settings once per burst, each read is
// linear, the log gets a bounded number of lines, requests are answered meanwhile, and
// the settings that win are the latest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ConfigurationRequest, DidChangeConfigurationNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { within } from './patience';

const fixtures = join(root, 'test', 'fixtures', 'lsp');
const codes = (ds: { code?: string | number }[]) => ds.map((d) => String(d.code));

test('a burst of settings changes with a huge map is read once, and requests are answered meanwhile', { timeout: 90_000 }, async (t) => {
  ensureBuilt();
  const parameterFiles: Record<string, string> = {};
  for (let i = 0; i < 20_000; i++) parameterFiles[`Infra/Env-${i}/ase.json`] = `infra/env-${i}/ase.parameters.json`;
  const rules: Record<string, string> = {};
  for (let i = 0; i < 5_000; i++) rules[`no-such-rule-${i}`] = 'off';
  const settings: Record<string, unknown> = { parameterFiles, rules };
  const client = new TestClient(settings, [pathToFileURL(fixtures).href]);
  t.after(() => client.kill());
  let reads = 0;
  client.connection.onRequest(ConfigurationRequest.type, (p) => {
    reads++;
    return p.items.map(() => settings);
  });
  await client.initialize();
  const template = pathToFileURL(join(fixtures, 'parameterised.json')).href;
  const first = await within(client.open(template, readFileSync(join(fixtures, 'parameterised.json'), 'utf8')), 30_000, 'the template');
  assert.ok(!codes(first.diagnostics).includes('ASE101'), 'no parameters file for it yet');
  const others = Array.from({ length: 20 }, (_, i) => `file:///settings/doc-${i}.json`);
  const small = readFileSync(join(fixtures, 'deny-all-first.json'), 'utf8');
  await Promise.all(others.map((u) => client.open(u, small)));

  const readsBefore = reads;
  // The last change names a parameters file for the template, in another case than its path.
  const applied = client.next(template, (p) => codes(p.diagnostics).includes('ASE101'));
  for (let i = 0; i < 500; i++) {
    if (i === 499) parameterFiles['PARAMETERISED.json'] = 'strict-deny.params.json';
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }
  await within(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: others[0] }, position: { line: 1, character: 4 } }), 10_000, 'a hover right after the burst');
  await within(applied, 30_000, 'the latest settings applied');
  assert.ok(reads - readsBefore <= 3, `${reads - readsBefore} reads of the settings for one burst`);
  const problems = client.logs.filter((l) => /aseLint\.rules|more problems in the aseLint settings/.test(l));
  assert.ok(problems.length <= 21 * (reads - readsBefore + 1), `${problems.length} log lines about the settings`);
  assert.match(problems.at(-1) ?? '', /and 4980 more problems in the aseLint settings/);
  assert.equal(await client.shutdown(), 0);
});
