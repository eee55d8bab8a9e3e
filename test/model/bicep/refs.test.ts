import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../../../server/src/core/value';
import { BICEP_URI, buildBicep, lines, rangeOf } from './helpers';

const TEXT = lines(
  "var denyRule = { name: 'deny-all', properties: { priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
  "  name: 'ase-nsg'",
  '  properties: {',
  '    securityRules: [',
  '      {',
  "        name: 'allow-mgmt'",
  "        properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '454-455' }",
  '      }',
  '      denyRule',
  '    ]',
  '  }',
  '}',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'ase-vnet'",
  '  properties: {',
  "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
  '  }',
  "  resource aseSubnet 'subnets' = {",
  "    name: 'ase'",
  '    properties: {',
  "      addressPrefix: '10.0.1.0/24'",
  '      networkSecurityGroup: { id: nsg.id }',
  '    }',
  '  }',
  '}',
);

test('a resource: range on its name value, path [symbol]', () => {
  const model = buildBicep(TEXT);
  const nsg = model.nsgs[0];
  assert.deepEqual(nsg.ref, { uri: BICEP_URI, range: rangeOf(TEXT, "'ase-nsg'"), path: ['nsg'] });
});

test('a security rule written inline: range on its name value, path into the array', () => {
  const model = buildBicep(TEXT);
  const rules = model.nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.deepEqual(rules[0].ref, { uri: BICEP_URI, range: rangeOf(TEXT, "'allow-mgmt'"), path: ['nsg', 'properties', 'securityRules', 0] });
});

test('a rule that comes from a var: located in the var, path [var, ...]', () => {
  const model = buildBicep(TEXT);
  const rules = model.nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.deepEqual(rules[1].ref, { uri: BICEP_URI, range: rangeOf(TEXT, "'deny-all'"), path: ['denyRule'] });
});

test('the rules array: range on its key, path of the array', () => {
  const model = buildBicep(TEXT);
  assert.deepEqual(model.nsgs[0].securityRulesRef, {
    uri: BICEP_URI,
    range: rangeOf(TEXT, 'securityRules'),
    path: ['nsg', 'properties', 'securityRules'],
  });
});

test("a nested child's property: path [parent, '::child', ...], range on the value", () => {
  const model = buildBicep(TEXT);
  const subnet = model.subnets[0];
  assert.deepEqual(subnet.ref, { uri: BICEP_URI, range: rangeOf(TEXT, "'ase'", 'aseSubnet'), path: ['vnet', '::aseSubnet'] });
  assert.deepEqual(subnet.prefixRef, {
    uri: BICEP_URI,
    range: rangeOf(TEXT, "'10.0.1.0/24'"),
    path: ['vnet', '::aseSubnet', 'properties', 'addressPrefix'],
  });
  assert.deepEqual(subnet.networkSecurityGroup?.ref, {
    uri: BICEP_URI,
    range: rangeOf(TEXT, 'nsg.id'),
    path: ['vnet', '::aseSubnet', 'properties', 'networkSecurityGroup', 'id'],
  });
  assert.equal(subnet.networkSecurityGroup?.target, model.nsgs[0]);
});

test('VNet address prefixes: each item located, with its index in the path', () => {
  const model = buildBicep(TEXT);
  const prefixes = model.vnets[0].addressPrefixes;
  assert.ok(!isUnknown(prefixes));
  assert.deepEqual(prefixes[0].ref, {
    uri: BICEP_URI,
    range: rangeOf(TEXT, "'10.0.0.0/16'"),
    path: ['vnet', 'properties', 'addressSpace', 'addressPrefixes', 0],
  });
});

test('CRLF and non-ASCII text: ranges are UTF-16 positions on the right line', () => {
  const text = TEXT.replace("name: 'ase-nsg'", "name: 'äsé-nsg' // ünïcode").split('\n').join('\r\n');
  const model = buildBicep(text);
  assert.equal(model.nsgs[0].name, 'äsé-nsg');
  assert.deepEqual(model.nsgs[0].ref.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 17 } });
});
