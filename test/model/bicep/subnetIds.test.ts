// A declared VNet's inline subnets read back as Azure returns them: `vnet.properties.subnets[i]`
// has an `id` (and `name`, `properties`), so a reference written that way links to the model's subnet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import { isUnknown } from '../../../server/src/core/value';
import { parameterSymbol } from '../../../server/src/core/symbolic';
import { hostOf } from '../../support/model';
import { BICEP_URI, buildBicep, lines, rangeOf } from './helpers';

const VNET = [
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'app-vnet'",
  "  location: 'westeurope'",
  '  properties: {',
  "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
  '    subnets: [',
  "      { name: 'ase', properties: { addressPrefix: '10.0.0.0/28' } }",
  "      { name: 'integration', properties: { addressPrefix: '10.0.1.0/26', delegations: [ { name: 'd', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ] } }",
  '    ]',
  '  }',
  '}',
];

/** A site whose `virtualNetworkSubnetId` is `expr`. */
const site = (symbol: string, expr: string) => [
  `resource ${symbol} 'Microsoft.Web/sites@2022-03-01' = {`,
  `  name: '${symbol}'`,
  "  location: 'westeurope'",
  `  properties: { virtualNetworkSubnetId: ${expr} }`,
  '}',
];

/** An ASEv3 whose `virtualNetwork.id` is `expr`. */
const ase = (expr: string) => [
  "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  "  name: 'my-ase'",
  "  location: 'westeurope'",
  "  kind: 'ASEV3'",
  `  properties: { virtualNetwork: { id: ${expr} } }`,
  '}',
];

test('vnet.properties.subnets[i].id is the subnet id resourceId() gives, and links to the model subnet', () => {
  const text = lines(
    ...VNET,
    ...site('byIndex', 'vnet.properties.subnets[1].id'),
    ...site('byResourceId', "resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')"),
    ...site('byInterpolation', "'${vnet.id}/subnets/integration'"),
  );
  const model = buildBicep(text);
  const integration = model.subnets.find((s) => s.subnetName === 'integration');
  assert.ok(integration);
  const [byIndex, byResourceId, byInterpolation] = model.sites;
  assert.equal(typeof byIndex.integrationSubnet?.id, 'string');
  assert.equal(byIndex.integrationSubnet?.id, byResourceId.integrationSubnet?.id);
  assert.equal(byIndex.integrationSubnet?.id, byInterpolation.integrationSubnet?.id);
  assert.match(byIndex.integrationSubnet!.id as string, /\/providers\/Microsoft\.Network\/virtualNetworks\/app-vnet\/subnets\/integration$/);
  assert.equal(byIndex.integrationSubnet?.target, integration);
  // The reference is located where it is written.
  assert.deepEqual(byIndex.integrationSubnet?.ref, {
    uri: BICEP_URI,
    range: rangeOf(text, 'vnet.properties.subnets[1].id'),
    path: ['byIndex', 'properties', 'virtualNetworkSubnetId'],
  });
  assert.deepEqual(model.unverified, [], 'nothing is left unverified');
});

test("an ASE's virtualNetwork.id written as vnet.properties.subnets[0].id links to its subnet", () => {
  const model = buildBicep(lines(...VNET, ...ase('vnet.properties.subnets[0].id')));
  const subnet = model.subnets.find((s) => s.subnetName === 'ase');
  assert.ok(subnet);
  assert.equal(model.ases[0].subnet?.target, subnet);
  assert.ok(subnet.users.some((u) => u.kind === 'ase'));
});

test('.name and .properties.addressPrefix of an inline subnet resolve to the declared values', () => {
  const text = lines(
    ...VNET,
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'nsg'",
    '  properties: {',
    '    securityRules: [',
    "      { name: 'allow-${vnet.properties.subnets[1].name}', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: vnet.properties.subnets[1].properties.addressPrefix, sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
    '    ]',
    '  }',
    '}',
  );
  const rules = buildBicep(text).nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.equal(rules[0].name, 'allow-integration');
  assert.deepEqual(rules[0].sourceAddressPrefixes, ['10.0.1.0/26']);
});

test('the VNet itself is read as written: its subnets keep their refs and gain no id', () => {
  const text = lines(...VNET, ...ase('vnet.properties.subnets[0].id'));
  const model = buildBicep(text);
  const subnet = model.vnets[0].subnets[0];
  assert.deepEqual(subnet.ref, { uri: BICEP_URI, range: rangeOf(text, "'ase'"), path: ['vnet', 'properties', 'subnets', 0] });
  assert.equal(model.vnets[0].subnets.length, 2);
  assert.equal(model.subnets.length, 2, 'no subnet is added by reading an id');
});

test('subnets made by a for loop get their ids too', () => {
  const model = buildBicep(
    lines(
      "var specs = [ { name: 'ase', prefix: '10.0.0.0/24' }, { name: 'apps', prefix: '10.0.1.0/26' } ]",
      "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
      "  name: 'app-vnet'",
      '  properties: {',
      "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
      '    subnets: [for s in specs: { name: s.name, properties: { addressPrefix: s.prefix } }]',
      '  }',
      '}',
      ...ase('vnet.properties.subnets[0].id'),
    ),
  );
  assert.equal(model.ases[0].subnet?.target, model.subnets.find((s) => s.subnetName === 'ase'));
});

test('a VNet name from a parameter without a value: the id is symbolic, and links as the interpolated form does', () => {
  const vnetFromParam = VNET.map((l) => (l === "  name: 'app-vnet'" ? '  name: vnetName' : l));
  const byIndex = buildBicep(lines('param vnetName string', ...vnetFromParam, ...ase('vnet.properties.subnets[0].id')));
  const byInterpolation = buildBicep(lines('param vnetName string', ...vnetFromParam, ...ase("'${vnet.id}/subnets/ase'")));
  for (const model of [byIndex, byInterpolation]) {
    assert.ok(String(model.ases[0].subnet?.id).endsWith(`/virtualNetworks/${parameterSymbol('vnetName')}/subnets/ase`));
    assert.equal(model.ases[0].subnet?.target, model.subnets.find((s) => s.subnetName === 'ase'));
  }
});

test('an existing VNet: its subnets are known only at deployment, so the id stays UNKNOWN', () => {
  const model = buildBicep(
    lines(
      "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' existing = {",
      "  name: 'app-vnet'",
      '}',
      ...ase('vnet.properties.subnets[0].id'),
    ),
  );
  assert.ok(isUnknown(model.ases[0].subnet?.id));
  assert.equal(model.ases[0].subnet?.target, undefined);
});

test('an index past the inline subnets stays UNKNOWN', () => {
  const model = buildBicep(lines(...VNET, ...ase('vnet.properties.subnets[2].id')));
  const id = model.ases[0].subnet?.id;
  assert.ok(isUnknown(id));
  assert.match(id.reason, /outside the array/);
});

test('the rules see the subnet: an ASEv3 on a /28 named as vnet.properties.subnets[0].id gets ASE401', () => {
  const text = lines(...VNET, ...ase('vnet.properties.subnets[0].id'));
  const analysis = analyze(BICEP_URI, text, hostOf({}));
  assert.deepEqual(analysis.failures, []);
  const sizes = analysis.findings.filter((f) => f.code === 'ASE401');
  assert.equal(sizes.length, 1);
  assert.equal(sizes[0].severity, 'error');
  assert.deepEqual(sizes[0].at.range, rangeOf(text, "'10.0.0.0/28'"));
  assert.deepEqual(analysis.findings.filter((f) => f.code === 'ASE902'), [], 'nothing is reported as unverified');
});
