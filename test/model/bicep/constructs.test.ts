import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../../../server/src/core/value';
import { parameterSymbol } from '../../../server/src/core/symbolic';
import { buildBicep, lines } from './helpers';

const NSG = 'Microsoft.Network/networkSecurityGroups@2023-04-01';
const VNET = 'Microsoft.Network/virtualNetworks@2023-04-01';
const SUB = '/subscriptions/\uE000subscriptionId\uE001/resourceGroups/\uE000resourceGroupName\uE001';

test('params: default values, interpolation, vars and member access', () => {
  const model = buildBicep(
    lines(
      "param prefix string = 'contoso'",
      "param space object = { prefixes: [ '10.1.0.0/16' ] }",
      "var vnetName = '${prefix}-vnet'",
      `resource vnet '${VNET}' = {`,
      '  name: vnetName',
      '  properties: {',
      '    addressSpace: { addressPrefixes: space.prefixes }',
      "    subnets: [ { name: 'a', properties: { addressPrefix: cidrSubnet(space.prefixes[0], 24, 2) } } ]",
      '  }',
      '}',
    ),
  );
  assert.equal(model.vnets[0].name, 'contoso-vnet');
  assert.equal(model.vnets[0].key, 'microsoft.network/virtualnetworks/contoso-vnet');
  const prefixes = model.vnets[0].addressPrefixes;
  assert.ok(!isUnknown(prefixes));
  assert.deepEqual(prefixes.map((p) => p.value), ['10.1.0.0/16']);
  const subnetPrefixes = model.subnets[0].addressPrefixes;
  assert.ok(!isUnknown(subnetPrefixes));
  assert.deepEqual(subnetPrefixes.map((p) => p.value), ['10.1.2.0/24']);
});

test('resource.id is the id resourceId() builds, so references link by key', () => {
  const model = buildBicep(
    lines(
      `resource nsg '${NSG}' = { name: 'n1', properties: { securityRules: [] } }`,
      `resource vnet '${VNET}' = {`,
      "  name: 'v'",
      '  properties: {',
      "    subnets: [ { name: 's', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: nsg.id } } } ]",
      '  }',
      '}',
      "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
      "  name: 'e'",
      "  kind: 'ASEV3'",
      "  properties: { virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 's') } }",
      '}',
    ),
  );
  const subnet = model.subnets[0];
  assert.equal(subnet.networkSecurityGroup?.id, `${SUB}/providers/Microsoft.Network/networkSecurityGroups/n1`);
  assert.equal(subnet.networkSecurityGroup?.target, model.nsgs[0]);
  assert.equal(model.ases[0].subnet?.target, subnet);
  assert.equal(model.ases[0].version, 'v3');
});

test('a string param without a value is a symbol: the name and the id built from it link', () => {
  const model = buildBicep(
    lines(
      'param nsgName string',
      `resource nsg '${NSG}' = { name: nsgName, properties: { securityRules: [] } }`,
      `resource vnet '${VNET}' = {`,
      "  name: 'v'",
      "  properties: { subnets: [ { name: 's', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: nsg.id } } } ] }",
      '}',
    ),
  );
  assert.equal(model.nsgs[0].name, parameterSymbol('nsgName'));
  assert.equal(model.subnets[0].networkSecurityGroup?.id, `${SUB}/providers/Microsoft.Network/networkSecurityGroups/${parameterSymbol('nsgName')}`);
  assert.equal(model.subnets[0].networkSecurityGroup?.target, model.nsgs[0]);
  assert.deepEqual(model.unverified, [], 'a name used by identity only is nothing unverified');
});

test('params without a value that are no string are UNKNOWN, yet references still link through the identity twin', () => {
  const model = buildBicep(
    lines(
      'param nsgIndex int',
      `resource nsg '${NSG}' = { name: 'nsg-\${nsgIndex}', properties: { securityRules: [] } }`,
      `resource vnet '${VNET}' = {`,
      "  name: 'v'",
      "  properties: { subnets: [ { name: 's', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: nsg.id } } } ] }",
      '}',
    ),
  );
  assert.ok(isUnknown(model.nsgs[0].name));
  assert.match((model.nsgs[0].name as { reason: string }).reason, /parameter 'nsgIndex' has no value/);
  assert.ok(isUnknown(model.subnets[0].networkSecurityGroup?.id));
  assert.equal(model.subnets[0].networkSecurityGroup?.target, model.nsgs[0]);
});

test('property loops expand with their index; ternary, ?? and operators evaluate', () => {
  const model = buildBicep(
    lines(
      "var ports = [ '443', '80', '22' ]",
      'param open bool = true',
      'param missing string?',
      `resource nsg '${NSG}' = {`,
      "  name: missing ?? 'fallback'",
      '  properties: {',
      "    securityRules: [for (p, i) in filter(ports, x => x != '22'): {",
      "      name: 'allow-${p}'",
      "      properties: { priority: 100 + i * 10, direction: 'Inbound', access: open ? 'Allow' : 'Deny', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: p }",
      '    }]',
      '  }',
      '}',
    ),
  );
  const nsg = model.nsgs[0];
  assert.equal(nsg.name, 'fallback');
  assert.ok(!isUnknown(nsg.securityRules));
  assert.deepEqual(nsg.securityRules.map((r) => [r.name, r.priority, r.access]), [
    ['allow-443', 100, 'Allow'],
    ['allow-80', 110, 'Allow'],
  ]);
});

test('resource loops give one resource per item, filtered by their if; a loop over an unknown list is one undecided stand-in', () => {
  const model = buildBicep(
    lines(
      "param names array = [ 'a', 'b' ]",
      'param unknownNames array',
      `resource nsgs '${NSG}' = [for n in names: { name: 'nsg-` + '${n}' + `' }]`,
      `resource more '${NSG}' = [for n in unknownNames: { name: n }]`,
      `resource some '${NSG}' = [for (n, i) in names: if (i > 0) { name: 'some-` + '${n}' + `' }]`,
    ),
  );
  assert.deepEqual(model.nsgs.slice(0, 2).map((n) => n.name), ['nsg-a', 'nsg-b']);
  assert.equal(model.nsgs.length, 4);
  assert.ok(isUnknown(model.nsgs[2].condition));
  assert.equal(model.nsgs[3].name, 'some-b');
  assert.ok(model.unverified.some((u) => /loop collection could not be resolved/.test(u.what)));
});

test('conditions are three-valued: false drops the resource, unknown keeps it undecided', () => {
  const model = buildBicep(
    lines(
      'param deployA bool = false',
      'param deployB bool',
      `resource a '${NSG}' = if (deployA) { name: 'a' }`,
      `resource b '${NSG}' = if (deployB) { name: 'b' }`,
      `resource c '${NSG}' = if (!deployA) { name: 'c' }`,
    ),
  );
  assert.deepEqual(model.nsgs.map((n) => [n.name, isUnknown(n.condition) ? '?' : n.condition]), [
    ['b', '?'],
    ['c', true],
  ]);
});

test('nested children and parent: compose types and names', () => {
  const model = buildBicep(
    lines(
      `resource vnet '${VNET}' = {`,
      "  name: 'v'",
      "  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }",
      "  resource inner 'subnets' = { name: 'inner', properties: { addressPrefix: '10.0.1.0/24' } }",
      '}',
      "resource outer 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {",
      '  parent: vnet',
      "  name: 'outer'",
      "  properties: { addressPrefix: '10.0.2.0/24' }",
      '}',
      "output innerId string = vnet::inner.id",
    ),
  );
  assert.deepEqual(
    model.subnets.map((s) => [s.type, s.name, s.subnetName, s.key, s.vnet?.key]),
    [
      ['Microsoft.Network/virtualNetworks/subnets', 'v/inner', 'inner', 'microsoft.network/virtualnetworks/subnets/v/inner', 'microsoft.network/virtualnetworks/v'],
      ['Microsoft.Network/virtualNetworks/subnets', 'v/outer', 'outer', 'microsoft.network/virtualnetworks/subnets/v/outer', 'microsoft.network/virtualnetworks/v'],
    ],
  );
});

test('existing resources are references marked outside the file; scope: changes the id', () => {
  const model = buildBicep(
    lines(
      `resource hub '${VNET}' existing = {`,
      "  name: 'hub'",
      "  scope: resourceGroup('network-rg')",
      "  resource shared 'subnets' existing = { name: 'shared' }",
      '}',
      "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
      "  name: 'e'",
      "  kind: 'ASEV3'",
      '  properties: { virtualNetwork: { id: hub::shared.id } }',
      '}',
    ),
  );
  assert.equal(model.vnets.length, 0);
  const existing = model.resources.filter((r) => r.existing);
  assert.deepEqual(existing.map((r) => r.key), ['microsoft.network/virtualnetworks/hub', 'microsoft.network/virtualnetworks/subnets/hub/shared']);
  assert.equal(
    model.ases[0].subnet?.id,
    `/subscriptions/\uE000subscriptionId\uE001/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/shared`,
  );
  assert.equal(model.ases[0].subnet?.target, undefined);
  assert.ok(model.unverified.some((u) => /the subnet of ASE 'e' is not declared/.test(u.what)));
});

test('ARM functions with lambdas (map, filter) and user functions share the ARM semantics', () => {
  const model = buildBicep(
    lines(
      "var names = map(range(0, 3), i => 'nsg${i}')",
      "var kept = filter(names, n => n != 'nsg1')",
      "func upper(s string) string => toUpper(s)",
      `resource nsgs '${NSG}' = [for n in kept: { name: upper(n) }]`,
    ),
  );
  assert.deepEqual(model.nsgs.map((n) => n.name), ['NSG0', 'NSG2']);
});

test('a symbol that refers to itself is UNKNOWN, not a hang', () => {
  const model = buildBicep(lines('var a = b', 'var b = a', `resource n '${NSG}' = { name: a }`));
  assert.ok(isUnknown(model.nsgs[0].name));
  assert.match((model.nsgs[0].name as { reason: string }).reason, /refers to itself/);
});

test("member access: a resource's .properties and .name, a.?b on a missing property, a! asserting non-null", () => {
  const model = buildBicep(
    lines(
      "param settings object = { nsg: { name: 'from-settings' } }",
      `resource first '${NSG}' = { name: settings.?missing ?? settings.nsg!.name, properties: { securityRules: [] } }`,
      `resource second '${NSG}' = { name: '` + '${first.name}' + `-2', properties: { securityRules: first.properties.securityRules } }`,
    ),
  );
  assert.deepEqual(model.nsgs.map((n) => n.name), ['from-settings', 'from-settings-2']);
  assert.deepEqual(model.nsgs[1].securityRules, []);
});

test('a reference to another resource in a body is a dependency, as Bicep compiles it', () => {
  const text = [
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'v'",
    "  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }",
    '}',
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'n'",
    '}',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'a'",
    "  kind: 'ASEV3'",
    // `vnet` as a value, `nsg` only as a property key and a loop variable: only vnet counts.
    "  properties: { virtualNetwork: { id: '${vnet.id}/subnets/s' }, nsg: [for nsg in [1]: nsg] }",
    '}',
  ].join('\n');
  const model = buildBicep(text);
  const ase = model.resources.find((r) => r.type === 'Microsoft.Web/hostingEnvironments')!;
  assert.deepEqual(ase.dependsOn, ['microsoft.network/virtualnetworks/v']);
});
