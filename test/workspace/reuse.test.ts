// A Bicep file analysed again after an edit takes the evaluations of the declarations
// the edit did not reach (server/src/lower/bicep/reuse.ts); through modules, registry
// modules from Bicep's cache and the entry points that deploy a module, each version's
// analysis must be the one from nothing: findings, suppressed findings, failures and model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, forgetReuse, type Analysis, type AnalyzeOptions } from '../../server/src/engine/analyze';
import type { Host } from '../../server/src/core/host';
import { hostOf } from '../support/model';
import { modelText } from '../support/modelText';
import { bicepConfig, cacheHost, lines, noCache } from './helpers';

const DIR = 'file:///work/infra/';
const MAIN = `${DIR}main.bicep`;
const NSG = `${DIR}modules/nsg.bicep`;

function everything(a: Analysis): string {
  return JSON.stringify({ findings: a.findings, suppressed: a.suppressed, failures: a.failures }) + modelText(a.model) + JSON.stringify((a.contexts ?? []).map((c) => [c.entry, modelText(c.model)]));
}

/** Each version analysed after the ones before it, then each from nothing: the same, to the character. */
function assertSameAsFromNothing(uri: string, versions: Array<{ name: string; files: Record<string, string> }>, options: AnalyzeOptions = {}, makeHost: (files: Record<string, string>) => Host = hostOf): void {
  forgetReuse();
  const reused = versions.map((v) => everything(analyze(uri, v.files[uri], makeHost(v.files), options)));
  for (const [i, v] of versions.entries()) {
    forgetReuse();
    assert.equal(reused[i], everything(analyze(uri, v.files[uri], makeHost(v.files), options)), `after '${v.name}' (version ${i}) the re-analysis differs from the analysis from nothing`);
  }
}

function replace(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `'${from}' is not in the text`);
  return text.replace(from, to);
}

const ENTRY = lines(
  "param prefix string = 'contoso'",
  '',
  "module nsg 'modules/nsg.bicep' = {",
  "  name: 'nsg'",
  '  params: {',
  "    name: '${prefix}-nsg'",
  '    priority: 200',
  '  }',
  '}',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
  "  name: '${prefix}-vnet'",
  '  location: resourceGroup().location',
  '  properties: {',
  "    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }",
  "    subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsg.outputs.id } } }]",
  '  }',
  '}',
  '',
  "resource ase 'Microsoft.Web/hostingEnvironments@2025-03-01' = {",
  "  name: '${prefix}-ase'",
  '  location: resourceGroup().location',
  "  kind: 'ASEv3'",
  "  properties: { virtualNetwork: { id: '${vnet.id}/subnets/ase' } }",
  '}',
  '',
);

const MODULE = lines(
  'param name string',
  'param priority int',
  '',
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-11-01' = {",
  '  name: name',
  '  location: resourceGroup().location',
  '  properties: {',
  "    securityRules: [{ name: 'deny', properties: { priority: priority, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }]",
  '  }',
  '}',
  '',
  'output id string = nsg.id',
  '',
);

test('a module analysed through the entry point that deploys it, the module and the entry point edited in turn', () => {
  const files = (entry: string, module: string) => ({ [MAIN]: entry, [NSG]: module });
  const versions = [
    { name: 'the original', files: files(ENTRY, MODULE) },
    { name: "the module's rule", files: files(ENTRY, replace(MODULE, "access: 'Deny'", "access: 'Allo'")) },
    { name: "the module's rule again", files: files(ENTRY, replace(MODULE, "access: 'Deny'", "access: 'Allow'")) },
    { name: "the entry point's argument", files: files(replace(ENTRY, 'priority: 200', 'priority: 300'), replace(MODULE, "access: 'Deny'", "access: 'Allow'")) },
    { name: "the entry point's ASE", files: files(replace(replace(ENTRY, 'priority: 200', 'priority: 300'), "'ASEv3'", "'ASEv2'"), MODULE) },
  ];
  assertSameAsFromNothing(NSG, versions, { workspace: { entries: [{ uri: MAIN }] } });
  // The entry point itself, its module edited between its versions.
  assertSameAsFromNothing(MAIN, versions);
});

test('registry modules from Bicep\'s cache, with the caller edited around them', { skip: noCache }, () => {
  const CONFIG = `${DIR}bicepconfig.json`;
  const avm = lines(
    "param prefix string = 'contoso'",
    '',
    "module nsg 'br/public:avm/res/network/network-security-group:0.5.2' = {",
    "  name: 'nsg'",
    '  params: {',
    "    name: '${prefix}-nsg'",
    "    securityRules: [{ name: 'deny', properties: { priority: 200, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }]",
    '  }',
    '}',
    '',
    "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
    "  name: '${prefix}-vnet'",
    '  location: resourceGroup().location',
    '  properties: {',
    "    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }",
    "    subnets: [{ name: 'ase', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsg.outputs.resourceId } } }]",
    '  }',
    '}',
    '',
    "resource ase 'Microsoft.Web/hostingEnvironments@2025-03-01' = {",
    "  name: '${prefix}-ase'",
    '  location: resourceGroup().location',
    "  kind: 'ASEv3'",
    "  properties: { virtualNetwork: { id: '${vnet.id}/subnets/ase' } }",
    '}',
    '',
  );
  const files = (text: string) => ({ [MAIN]: text, [CONFIG]: bicepConfig() });
  const versions = [
    { name: 'the original', files: files(avm) },
    { name: "the module's params", files: files(replace(avm, 'priority: 200', 'priority: 300')) },
    { name: 'the ASE', files: files(replace(avm, "kind: 'ASEv3'", "kind: 'ASEv2'")) },
    { name: 'a parameter', files: files(replace(avm, "'contoso'", "'fabrika'")) },
  ];
  assertSameAsFromNothing(MAIN, versions, {}, cacheHost);
});
