// Keeps each rule's `reads` true: every rule runs over every template of the rule tables,
// the samples and the rule pages' examples with the model wrapped in a recording proxy
// (readRecorder.ts). A part the rule reads and does not declare fails, and so does a
// declared part no template shows it reading: ASE902 names the rules an unresolved value
// silences from these declarations, so a wrong one is a wrong note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { allRules } from '../../server/src/rules/index';
import { allModelParts, type ModelPart } from '../../server/src/rules/reads';
import type { NetworkModel } from '../../server/src/model/types';
import type { Finding } from '../../server/src/core/findings';
import { hostOf } from '../support/tester';
import { recordReads } from './readRecorder';
import { readsCorpus, type CorpusModel } from './readsCorpus';

/**
 * Templates for reads the tables and pages do not show. An External ASEv2 with an
 * IP-based SSL app (ASE105's case) behind a subnet that also has a route table: the NSG
 * checks read the table's routes, since a 0.0.0.0/0 route makes `VirtualNetwork` hold
 * every address.
 */
const extra: CorpusModel[] = [
  {
    source: 'an External ASEv2 with an IP-based SSL app and a route table',
    template: JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name: 'nsg', location: 'westeurope', properties: { securityRules: [] } },
        {
          type: 'Microsoft.Network/routeTables',
          apiVersion: '2023-04-01',
          name: 'routes',
          location: 'westeurope',
          properties: { routes: [{ name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }] },
        },
        {
          type: 'Microsoft.Network/virtualNetworks',
          apiVersion: '2023-04-01',
          name: 'vnet',
          location: 'westeurope',
          properties: {
            addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
            subnets: [
              {
                name: 'ase',
                properties: {
                  addressPrefix: '10.0.1.0/24',
                  networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]" },
                  routeTable: { id: "[resourceId('Microsoft.Network/routeTables', 'routes')]" },
                },
              },
            ],
          },
        },
        {
          type: 'Microsoft.Web/hostingEnvironments',
          apiVersion: '2022-03-01',
          name: 'ase',
          location: 'westeurope',
          kind: 'ASEV2',
          properties: { internalLoadBalancingMode: 'None', virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'ase')]" } },
        },
        {
          type: 'Microsoft.Web/sites',
          apiVersion: '2022-09-01',
          name: 'orders',
          location: 'westeurope',
          properties: {
            hostingEnvironmentProfile: { id: "[resourceId('Microsoft.Web/hostingEnvironments', 'ase')]" },
            hostNameSslStates: [{ name: 'orders.contoso.com', sslState: 'IpBasedEnabled', thumbprint: 'ABC' }],
          },
        },
      ],
    }),
  },
].map(({ source, template }) => ({ source, model: analyze('file:///reads/extra.json', template, hostOf()).model as NetworkModel }));

const corpus = [...readsCorpus(), ...extra];

/** What a rule reports, to compare a run over the view with a run over the model. */
function outcome(found: Finding[]): string {
  return JSON.stringify(found.map((f) => [f.at, f.message, f.severity, f.related, f.fix]));
}

/** By rule code: each part read, with the first template that shows it. */
const observed = new Map<string, Map<ModelPart, string>>();
const unmapped = new Set<string>();
const opaque: string[] = [];
for (const { source, model } of corpus) {
  for (const rule of allRules) {
    const recording = recordReads(model);
    const viewed = outcome(rule.check(recording.model, allRules));
    if (viewed !== outcome(rule.check(model, allRules))) opaque.push(`${rule.code} over ${source}`);
    const parts = observed.get(rule.code) ?? new Map<ModelPart, string>();
    for (const p of recording.parts()) if (!parts.has(p)) parts.set(p, source);
    observed.set(rule.code, parts);
    for (const u of recording.unmapped) unmapped.add(`${rule.code} reads ${u}`);
  }
}

test('the corpus holds the rule tables, the samples and the pages', () => {
  assert.ok(corpus.length > 500, `${corpus.length} templates`);
});

test('a rule reports the same over the recording view as over the model', () => {
  assert.deepEqual(opaque, []);
});

test('every field a rule reads belongs to a part of the vocabulary', () => {
  assert.deepEqual([...unmapped], [], 'give the field a part in test/meta/readRecorder.ts (and rules/reads.ts when none fits)');
});

for (const rule of allRules) {
  test(`${rule.code} ${rule.name} reads what it declares`, () => {
    const seen = observed.get(rule.code) ?? new Map<ModelPart, string>();
    const undeclared = [...seen].filter(([p]) => !rule.reads.includes(p)).map(([p, source]) => `${p} (read over ${source})`);
    assert.deepEqual(undeclared, [], `add to ${rule.name}'s reads`);
    const unread = rule.reads.filter((p) => !seen.has(p));
    assert.deepEqual(unread, [], `declared but read over no template: remove them, or add a template that shows the read`);
    assert.deepEqual([...rule.reads], allModelParts.filter((p) => rule.reads.includes(p)), 'each part once, in the order of rules/reads.ts');
  });
}
