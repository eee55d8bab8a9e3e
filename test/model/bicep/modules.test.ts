import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import { isUnknown } from '../../../server/src/core/value';
import { parameterSymbol } from '../../../server/src/core/symbolic';
import { hostOf } from '../../support/model';
import { BICEP_URI, buildBicep, lines, rangeOf } from './helpers';

const DIR = 'file:///work/infra/';
const NSG_URI = `${DIR}modules/nsg.bicep`;
const NET_URI = `${DIR}modules/network.bicep`;

const NSG_TEXT = lines(
  'param name string',
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
  '  name: name',
  "  location: 'westeurope'",
  '  properties: {',
  '    securityRules: [',
  "      { name: 'deny-all', properties: { priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
  '    ]',
  '  }',
  '}',
  'output id string = nsg.id',
);

const NET_TEXT = lines(
  'param nsgId string',
  "param subnetName string = 'ase-subnet'",
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'ase-vnet'",
  "  location: 'westeurope'",
  '  properties: {',
  "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
  "    subnets: [ { name: subnetName, properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsgId } } } ]",
  '  }',
  '}',
  "output subnetId string = '${vnet.id}/subnets/${subnetName}'",
);

const MAIN_TEXT = lines(
  "module nsgMod './modules/nsg.bicep' = { name: 'nsg', params: { name: 'ase-nsg' } }",
  "module net './modules/network.bicep' = { name: 'net', params: { nsgId: nsgMod.outputs.id } }",
  "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  "  name: 'my-ase'",
  "  location: 'westeurope'",
  "  kind: 'ASEV2'",
  '  properties: { virtualNetwork: { id: net.outputs.subnetId } }',
  '}',
);

test('across modules: params bound from the caller, outputs flow back, the model spans every file', () => {
  const model = buildBicep(MAIN_TEXT, { [NSG_URI]: NSG_TEXT, [NET_URI]: NET_TEXT });
  assert.deepEqual(model.uris, [BICEP_URI, NSG_URI, NET_URI]);
  assert.equal(model.nsgs[0].name, 'ase-nsg');
  assert.equal(model.subnets[0].networkSecurityGroup?.target, model.nsgs[0]);
  assert.equal(model.ases[0].subnet?.target, model.subnets[0]);
  assert.equal(model.nsgs[0].ref.uri, NSG_URI);
  assert.equal(model.subnets[0].ref.uri, NET_URI);
  assert.deepEqual(model.unverified, []);
});

test('a finding in a module is reported in that module: the deny-all rule in nsg.bicep', () => {
  const analysis = analyze(BICEP_URI, MAIN_TEXT, hostOf({ [NSG_URI]: NSG_TEXT, [NET_URI]: NET_TEXT }));
  const ase101 = analysis.findings.filter((f) => f.code === 'ASE101');
  assert.equal(ase101.length, 1);
  assert.deepEqual(ase101[0].at, { uri: NSG_URI, range: rangeOf(NSG_TEXT, "'deny-all'"), path: ['nsg', 'properties', 'securityRules', 0] });
  assert.ok(ase101[0].related?.some((r) => r.at.uri === BICEP_URI), 'related information points at the ASE in the caller');
});

test("a module parameter given the caller's parameter without a value is that symbol, and links", () => {
  const main = lines(
    'param nsgName string',
    "module nsgMod './modules/nsg.bicep' = { name: 'nsg', params: { name: nsgName } }",
    "module net './modules/network.bicep' = { name: 'net', params: { nsgId: nsgMod.outputs.id } }",
  );
  const model = buildBicep(main, { [NSG_URI]: NSG_TEXT, [NET_URI]: NET_TEXT });
  assert.equal(model.nsgs[0].name, parameterSymbol('nsgName'));
  assert.equal(model.subnets[0].networkSecurityGroup?.target, model.nsgs[0]);
});

test('registry modules not in the Bicep cache are UNKNOWN with one note; missing files and cycles give a note, never a hang', () => {
  const main = lines(
    "module a 'br/public:avm/res/network/network-security-group:0.1.0' = { name: 'a' }",
    "module b 'br:contoso.azurecr.io/bicep/nsg:v1' = { name: 'b' }",
    "module c './missing.bicep' = { name: 'c' }",
    "module d './loop.bicep' = { name: 'd' }",
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = { name: a.outputs.name }",
  );
  const loop = "module again './loop.bicep' = { name: 'again' }";
  const model = buildBicep(main, { [`${DIR}loop.bicep`]: loop }, { homeDirectory: '/home/someone' });
  const notes = model.unverified.map((u) => u.what);
  assert.deepEqual(notes, [
    "the registry module br/public:avm/res/network/network-security-group:0.1.0 is not in Bicep's module cache (/home/someone/.bicep); `bicep restore` would put it there and let it be checked",
    "the registry module br:contoso.azurecr.io/bicep/nsg:v1 is not in Bicep's module cache (/home/someone/.bicep); `bicep restore` would put it there and let it be checked",
    'the module ./missing.bicep could not be read',
    'the module ./loop.bicep deploys a file that is already being analysed (a cycle)',
  ]);
  assert.deepEqual(model.unverified[0].at?.range, rangeOf(main, "'br/public:avm/res/network/network-security-group:0.1.0'"));
  assert.equal(model.unverified[3].at?.uri, `${DIR}loop.bicep`);
  assert.ok(isUnknown(model.nsgs[0].name));
});

test('a module deployed under a false condition contributes nothing; an undecided one makes its resources undecided', () => {
  const main = lines(
    'param deploy bool',
    "module off './modules/nsg.bicep' = if (false) { name: 'off', params: { name: 'off-nsg' } }",
    "module maybe './modules/nsg.bicep' = if (deploy) { name: 'maybe', params: { name: 'maybe-nsg' } }",
  );
  const model = buildBicep(main, { [NSG_URI]: NSG_TEXT });
  assert.deepEqual(model.nsgs.map((n) => n.name), ['maybe-nsg']);
  assert.ok(isUnknown(model.nsgs[0].condition));
});

test('module loops deploy the file once per item', () => {
  const main = "module nsgs './modules/nsg.bicep' = [for n in ['a', 'b']: { name: n, params: { name: 'nsg-${n}' } }]";
  const model = buildBicep(main, { [NSG_URI]: NSG_TEXT });
  assert.deepEqual(model.nsgs.map((n) => n.name), ['nsg-a', 'nsg-b']);
});

test("a module's scope: sets where its resources deploy, so their ids carry that resource group", () => {
  const main = lines(
    "module nsgMod './modules/nsg.bicep' = { name: 'nsg', scope: resourceGroup('net-rg'), params: { name: 'scoped' } }",
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'v'",
    "  properties: { subnets: [ { name: 's', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: nsgMod.outputs.id } } } ] }",
    '}',
  );
  const model = buildBicep(main, { [NSG_URI]: NSG_TEXT });
  const ref = model.subnets[0].networkSecurityGroup;
  assert.equal(ref?.id, '/subscriptions/\uE000subscriptionId\uE001/resourceGroups/net-rg/providers/Microsoft.Network/networkSecurityGroups/scoped');
  assert.equal(ref?.target, model.nsgs[0]);
});
