import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import { hostOf } from '../../support/model';
import { bicepTwin } from '../../support/twin';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'bicep');

function texts(): [string, string][] {
  const out: [string, string][] = [
    ['twin', bicepTwin({ rules: [{ name: 'DenyAll', priority: 100, direction: 'Inbound', access: 'Deny' }], routes: [['d', '0.0.0.0/0', 'Internet']] })],
  ];
  for (const f of ['ase-v3-network.bicep', 'hub.bicep', 'modules/ase-dns.bicep']) out.push([f, readFileSync(join(FIXTURES, f), 'utf8')]);
  return out;
}

test('every prefix of the test templates (half-typed Bicep) analyses without throwing or failing', () => {
  for (const [name, text] of texts()) {
    const step = Math.max(1, Math.floor(text.length / 150));
    for (let n = 0; n <= text.length; n += step) {
      const analysis = analyze('file:///work/infra/main.bicep', text.slice(0, n), hostOf());
      assert.deepEqual(analysis.failures, [], `${name} cut at ${n}`);
    }
  }
});

test('the real fixtures build a model with their modules and the network they declare', () => {
  const dir = 'file:///work/infra/';
  const files = Object.fromEntries(
    ['modules/ase-dns.bicep', 'modules/types.bicep', 'ase-v3.bicepparam'].map((f) => [dir + f, readFileSync(join(FIXTURES, f), 'utf8')]),
  );
  const analysis = analyze(`${dir}ase-v3-network.bicep`, readFileSync(join(FIXTURES, 'ase-v3-network.bicep'), 'utf8'), hostOf(files));
  assert.deepEqual(analysis.failures, []);
  assert.ok(analysis.model);
  assert.ok(analysis.model.ases.length >= 1, 'the ASE is in the model');
  assert.ok(analysis.model.ases[0].subnet?.target, 'the ASE links to its subnet');
});

test('deep and self-referencing expressions give UNKNOWN, not a stack overflow', () => {
  const deep = `var x = ${'('.repeat(5000)}1${')'.repeat(5000)}\nresource n 'Microsoft.Network/networkSecurityGroups@2023-04-01' = { name: string(x) }`;
  const analysis = analyze('file:///work/infra/main.bicep', deep, hostOf());
  assert.deepEqual(analysis.failures, []);
});
