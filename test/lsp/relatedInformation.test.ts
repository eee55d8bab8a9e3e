// Related information in the Problems view, over a real JSON-RPC connection: only the
// places that add something, not the same two rows (the ASE, its subnet) under every
// finding.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const fixtures = join(root, 'test', 'fixtures', 'lsp');
const fixture = (...parts: string[]) => ({ uri: pathToFileURL(join(fixtures, ...parts)).href, text: readFileSync(join(fixtures, ...parts), 'utf8') });

before(() => ensureBuilt());

test('related information: the ASE and its subnet only when they are in another file; never the element the finding sits in', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const denyAll = fixture('deny-all-first.json');
  const opened = await client.open(denyAll.uri, denyAll.text);
  const rules = opened.diagnostics.filter((d) => /^ASE1/.test(String(d.code)));
  assert.ok(rules.length >= 3);
  // One template, one ASE: the messages name it; the same two rows under every finding would add nothing.
  for (const d of rules) assert.deepEqual(d.relatedInformation ?? [], [], `${d.code}: ${JSON.stringify(d.relatedInformation)}`);

  // The ASEv3 template's zone is in a module: ASE504 is reported there, with the ASE (in the template) as the way back.
  const v3 = fixture('v3', 'ase-v3.bicep');
  const dns = fixture('v3', 'modules', 'dns.bicep');
  const inModule = client.next(dns.uri, () => true);
  await client.open(v3.uri, v3.text, 'bicep');
  const [ase504] = (await inModule).diagnostics;
  assert.equal(ase504.code, 'ASE504');
  const related = (ase504.relatedInformation ?? []).map((r) => [r.location.uri, r.message]);
  assert.deepEqual(related, [
    [v3.uri, "App Service Environment 'contoso-v3'"],
    [v3.uri, "Its subnet 'ase'"],
  ], 'the zone itself (where the finding is) is not repeated');
});
