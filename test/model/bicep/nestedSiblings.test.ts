import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import { isUnknown } from '../../../server/src/core/value';
import { hostOf } from '../../support/model';
import { BICEP_URI, buildBicep, lines, vnetWithAse } from './helpers';

const VNET = 'Microsoft.Network/virtualNetworks@2023-04-01';
const SUB = '/subscriptions/\uE000subscriptionId\uE001/resourceGroups/\uE000resourceGroupName\uE001';

test('a nested resource names a sibling by its bare symbol: values resolve and the sibling orders the deployment', () => {
  const model = buildBicep(
    lines(
      `resource vnet '${VNET}' = {`,
      "  name: 'v'",
      "  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }",
      "  resource subnetA 'subnets' = { name: 'a', properties: { addressPrefix: '10.0.1.0/24' } }",
      "  resource subnetB 'subnets' = {",
      "    name: '${subnetA.name}-b'",
      '    properties: { addressPrefix: cidrSubnet(subnetA.properties.addressPrefix, 25, 1) }',
      '    dependsOn: [ subnetA ]',
      '  }',
      "  resource subnetC 'subnets' = { name: 'c', properties: { addressPrefix: '10.0.3.0/24', serviceEndpoints: [ { service: subnetB.name } ] } }",
      '}',
    ),
  );
  assert.deepEqual(model.subnets.map((s) => s.name), ['v/a', 'v/a-b', 'v/c']);
  const b = model.subnets[1];
  assert.ok(!isUnknown(b.addressPrefixes));
  assert.deepEqual(b.addressPrefixes.map((p) => p.value), ['10.0.1.128/25']);
  const c = model.resources.find((r) => r.name === 'v/c')!;
  assert.deepEqual((c.properties as { serviceEndpoints: { service: string }[] }).serviceEndpoints[0].service, 'a-b');
  const keyA = model.subnets[0].key;
  const keyB = model.subnets[1].key;
  assert.ok(model.resources.find((r) => r.key === keyB)!.dependsOn.includes(keyA), 'dependsOn: [ subnetA ] resolves');
  assert.ok(c.dependsOn.includes(keyB), 'the reference alone orders subnetC after subnetB, as Bicep compiles it');
});

test('an ASE rule fires through a sibling reference: a deny-all rule whose priority is computed from its sibling', () => {
  const text = lines(
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'ase-nsg'",
    "  location: 'westeurope'",
    "  resource allowMgmt 'securityRules' = {",
    "    name: 'allow-mgmt'",
    "    properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '454-455' }",
    '  }',
    "  resource denyAll 'securityRules' = {",
    "    name: 'deny-all'",
    "    properties: { priority: allowMgmt.properties.priority - 10, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }",
    '  }',
    '}',
    ...vnetWithAse('nsg.id'),
  );
  const model = buildBicep(text);
  const rules = model.nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.deepEqual(rules.map((r) => [r.name, r.priority]), [['allow-mgmt', 100], ['deny-all', 90]]);
  const analysis = analyze(BICEP_URI, text, hostOf());
  const mgmt = analysis.findings.filter((f) => f.code === 'ASE101');
  assert.equal(mgmt.length, 1, analysis.findings.map((f) => `${f.code} ${f.message}`).join('\n'));
});

test('deeper nesting sees the siblings of every enclosing resource; a nested symbol shadows a top-level one', () => {
  const model = buildBicep(
    lines(
      "resource b 'Microsoft.Custom/others@2020-01-01' = { name: 'top-level-b' }",
      "resource a 'Microsoft.Custom/things@2020-01-01' = {",
      "  name: 'a'",
      "  resource b 'children' = { name: 'nested-b' }",
      "  resource c 'children' = {",
      "    name: 'c'",
      "    resource d 'grandchildren' = { name: 'd', properties: { uncle: b.name, uncleId: b.id } }",
      '  }',
      '}',
    ),
  );
  const d = model.resources.find((r) => r.type === 'Microsoft.Custom/things/children/grandchildren')!;
  assert.deepEqual(d.properties, { uncle: 'nested-b', uncleId: `${SUB}/providers/Microsoft.Custom/things/a/children/nested-b` });
});

test('siblings in a parent loop resolve per instance', () => {
  const model = buildBicep(
    lines(
      `resource vnets '${VNET}' = [for n in [ 'x', 'y' ]: {`,
      '  name: n',
      "  resource first 'subnets' = { name: '${n}-1', properties: { addressPrefix: '10.0.1.0/24' } }",
      "  resource second 'subnets' = { name: '${first.name}-2', properties: { addressPrefix: '10.0.2.0/24' } }",
      '}]',
    ),
  );
  assert.deepEqual(model.subnets.map((s) => s.name), ['x/x-1', 'x/x-1-2', 'y/y-1', 'y/y-1-2']);
});

test('siblings that refer to each other are UNKNOWN, never a hang or a crash', () => {
  const model = buildBicep(
    lines(
      `resource vnet '${VNET}' = {`,
      "  name: 'v'",
      "  resource a 'subnets' = { name: 'a', properties: { addressPrefix: b.properties.addressPrefix } }",
      "  resource b 'subnets' = { name: 'b', properties: { addressPrefix: a.properties.addressPrefix } }",
      "  resource self 'subnets' = { name: 'self', properties: { addressPrefix: self.name } }",
      '}',
    ),
  );
  const prefixes = model.subnets.map((s) => (isUnknown(s.addressPrefixes) ? s.addressPrefixes.reason : s.addressPrefixes.map((p) => (isUnknown(p.value) ? p.value.reason : p.value))));
  assert.deepEqual(prefixes, [["'a' refers to itself"], ["'a' refers to itself"], ["'self' refers to itself"]]);
});

test('a sibling under a parent that is not deployed is not a value', () => {
  const model = buildBicep(
    lines(
      `resource vnet '${VNET}' = if (false) {`,
      "  name: 'v'",
      "  resource a 'subnets' = { name: 'a' }",
      '}',
      "output x string = vnet::a.name",
    ),
  );
  assert.deepEqual(model.subnets, []);
});
