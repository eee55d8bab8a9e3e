// Fix all (server/src/engine/fixAll.ts): the safe fixes of errors and warnings, one at a
// time with the template analysed again in between, until none is left; fixes that change
// more than the network and findings meant to be read are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import type { Host } from '../../server/src/core/host';
import { fixAll } from '../../server/src/engine/fixAll';
import { offerFix } from '../../server/src/engine/safeFixes';
import { integrationTemplate } from '../support/templates';
import { plan } from '../support/integration';
import { root } from '../support/ensureBuilt';

const host: Host = { readFile: () => undefined };
const example = (name: string) => readFileSync(join(root, 'examples', name), 'utf8');

test('the broken ASEv2 example: every error with a fix is fixed, in order, and the result is stable', () => {
  const uri = 'file:///w/ase-v2-broken-nsg.json';
  const first = analyze(uri, example('ase-v2-broken-nsg.json'), host);
  const result = fixAll(first, host);
  assert.deepEqual(
    result.applied.map((a) => a.code),
    ['ASE101', 'ASE102', 'ASE103', 'ASE301'],
  );
  assert.equal(result.bounded, false);
  assert.deepEqual([...result.texts.keys()], [uri]);
  // ASE901 stays: "Convert to ASEv3" changes the version and the plans' tiers, a person's choice.
  const errors = result.final.findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors.map((f) => f.code), ['ASE901']);
  assert.ok(errors[0].fix, 'its quick fix is still offered');
  // ASE104 (information: an External ASE closed to the internet may be meant) keeps its finding and its fix.
  const info = result.final.findings.find((f) => f.code === 'ASE104');
  assert.ok(info, 'ASE104 stays');
  assert.equal(analyze(uri, result.texts.get(uri)!, host).findings.length, result.final.findings.length);
  const again = fixAll(result.final, host);
  assert.deepEqual(again.applied, []);
  assert.equal(again.texts.size, 0);
});

test('the bound stops the run and says so', () => {
  const uri = 'file:///w/ase-v2-broken-nsg.json';
  const result = fixAll(analyze(uri, example('ase-v2-broken-nsg.json'), host), host, 2);
  assert.equal(result.applied.length, 2);
  assert.equal(result.bounded, true);
  assert.deepEqual(
    result.final.findings.filter((f) => f.severity === 'error').map((f) => f.code),
    ['ASE103', 'ASE301', 'ASE901'],
  );
});

test('a fix only a person may choose (a plan moved to a priced tier) is offered as a quick fix, never applied by fix-all', () => {
  const uri = 'file:///w/integration.json';
  const first = analyze(uri, integrationTemplate(plan('"name": "F1"')), host);
  const finding = first.findings.find((f) => f.code === 'ASE704');
  assert.ok(finding?.fix?.chosenOnly);
  assert.equal(offerFix(first, finding, host)?.title, "Change plan 'app-plan' to the Basic tier (B1)");
  const result = fixAll(first, host);
  assert.deepEqual(result.applied, []);
  assert.ok(result.final.findings.some((f) => f.code === 'ASE704'));
});

test('Bicep: the broken ASEv3 example', () => {
  const uri = 'file:///w/ase-v3-broken.bicep';
  const result = fixAll(analyze(uri, example('ase-v3-broken.bicep'), host), host);
  assert.deepEqual(result.applied.map((a) => a.code), ['ASE106', 'ASE403']);
  assert.deepEqual(result.final.findings.filter((f) => f.severity === 'error'), []);
});
