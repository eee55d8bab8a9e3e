// Modules and linked templates in their workspace: the index of which file deploys
// which, and a module analysed through the entry points that deploy it (ARM and Bicep).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analyze, type AnalyzeOptions } from '../../server/src/engine/analyze';
import { createDiskHost } from '../../server/src/engine/diskHost';
import { indexFolders } from '../../server/src/engine/workspace/files';
import { MAX_ENTRIES, WorkspaceGraph } from '../../server/src/engine/workspace/graph';
import { templateReferences } from '../../server/src/engine/workspace/references';
import { hostOf } from '../support/model';
import { lines, rangeOf } from './helpers';
import { noteText } from '../support/notes';

const FIXTURES = join(__dirname, '..', 'fixtures', 'workspace');
const uriOf = (rel: string) => pathToFileURL(join(FIXTURES, rel)).href;
const textOf = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');

function through(rel: string, entries: string[], options: AnalyzeOptions = {}) {
  return analyze(uriOf(rel), textOf(rel), createDiskHost(), { ...options, workspace: { entries: entries.map((e) => ({ uri: uriOf(e) })) } });
}

const summary = (findings: { code: string; at: { uri: string; range: unknown } }[]) => findings.map((f) => [f.code, f.at.uri, f.at.range]);

test('references: local Bicep and ARM modules, literal relativePath links; registry modules, expressions and files outside the reach of a literal are not', () => {
  const bicep = lines(
    "module a './nsg.bicep' = { name: 'a' }",
    "module b '../shared/net.json' = { name: 'b' }",
    "module c 'br/public:avm/res/network/virtual-network:0.7.2' = { name: 'c' }",
    "module d './nsg.bicep' = { name: 'd' }",
    "module e './readme.md' = { name: 'e' }",
  );
  assert.deepEqual(templateReferences('file:///ws/infra/main.bicep', bicep), [
    { uri: 'file:///ws/infra/nsg.bicep', kind: 'module' },
    { uri: 'file:///ws/shared/net.json', kind: 'module' },
  ]);
  const arm = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    resources: [
      { type: 'Microsoft.Resources/deployments', name: 'x', properties: { templateLink: { relativePath: 'nested/x.json' } } },
      { type: 'Microsoft.Resources/deployments', name: 'y', properties: { templateLink: { relativePath: "[concat('nested/', 'y.json')]" } } },
      { type: 'Microsoft.Resources/deployments', name: 'z', properties: { template: { resources: [{ type: 'Microsoft.Resources/deployments', name: 'w', properties: { templateLink: { relativePath: '../w.json' } } }] } } },
    ],
  });
  assert.deepEqual(templateReferences('file:///ws/infra/azuredeploy.json', arm), [
    { uri: 'file:///ws/infra/nested/x.json', kind: 'linkedTemplate' },
    { uri: 'file:///ws/w.json', kind: 'linkedTemplate' },
  ]);
  assert.deepEqual(templateReferences('file:///ws/params.json', '{"relativePath": "x.json"}'), [], 'a JSON file that is no template deploys nothing');
});

test('the index: who deploys a file, its entry points through several levels, and a cycle with no entry point', () => {
  const g = new WorkspaceGraph();
  g.set('file:///ws/prod.bicep', ['file:///ws/app.bicep']);
  g.set('file:///ws/dev.bicep', ['file:///ws/app.bicep']);
  g.set('file:///ws/app.bicep', ['file:///ws/modules/nsg.bicep']);
  g.set('file:///ws/modules/nsg.bicep', []);
  g.set('file:///ws/a.bicep', ['file:///ws/b.bicep']);
  g.set('file:///ws/b.bicep', ['file:///ws/a.bicep']);
  assert.deepEqual(g.usersOf('file:///ws/modules/nsg.bicep'), ['file:///ws/app.bicep']);
  assert.deepEqual(g.entryPointsOf('file:///ws/modules/nsg.bicep'), { entries: ['file:///ws/dev.bicep', 'file:///ws/prod.bicep'], more: 0 });
  assert.equal(g.isUsed('file:///ws/prod.bicep'), false);
  assert.deepEqual(g.entryPointsOf('file:///ws/a.bicep'), { entries: [], more: 0 });
  // A file that stops deploying another: it is an entry point again.
  assert.equal(g.set('file:///ws/app.bicep', []), true);
  assert.equal(g.isUsed('file:///ws/modules/nsg.bicep'), false);
  assert.equal(g.set('file:///ws/app.bicep', []), false, 'telling the same again changes nothing');
  // Many entry points: the first ones are analysed, the rest counted.
  for (let i = 0; i < MAX_ENTRIES + 3; i++) g.set(`file:///ws/env${String(i).padStart(2, '0')}.bicep`, ['file:///ws/modules/nsg.bicep']);
  const many = g.entryPointsOf('file:///ws/modules/nsg.bicep');
  assert.equal(many.entries.length, MAX_ENTRIES);
  assert.equal(many.more, 3);
  assert.equal(g.remove('file:///ws/env00.bicep'), true);
  assert.equal(g.entryPointsOf('file:///ws/modules/nsg.bicep').more, 2);
});

test('the index of the fixture workspace: the files no other file deploys are the entry points', () => {
  const g = indexFolders([FIXTURES]);
  const entries = g.files().filter((f) => !g.isUsed(f)).map((f) => f.slice(uriOf('').length + 1)).sort();
  assert.deepEqual(entries, ['arm/azuredeploy.json', 'avm/main.bicep', 'avm/missing.bicep', 'bicep/main.bicep']);
  assert.deepEqual(g.entryPointsOf(uriOf('bicep/modules/nsg.bicep')).entries, [uriOf('bicep/main.bicep')]);
  assert.deepEqual(g.entryPointsOf(uriOf('arm/nested/nsg.json')).entries, [uriOf('arm/azuredeploy.json')]);
});

for (const [language, module, entry, deny] of [
  ['Bicep', 'bicep/modules/nsg.bicep', 'bicep/main.bicep', "'deny-all-inbound'"],
  ['ARM', 'arm/nested/nsg.json', 'arm/azuredeploy.json', '"deny-all-inbound"'],
] as const) {
  test(`${language}: a module analysed alone has nothing to check; through its caller, it gets the caller's findings in its own text`, () => {
    const alone = through(module, []);
    assert.deepEqual(alone.findings.map((f) => f.code), ['ASE902'], 'alone: only the note on what has no value');
    assert.match(noteText(alone.findings[0]), /parameter 'denyPriority' has no value/);

    const viaCaller = through(module, [entry]);
    const fromEntry = analyze(uriOf(entry), textOf(entry), createDiskHost()).findings.filter((f) => f.at.uri === uriOf(module));
    assert.deepEqual(viaCaller.failures, []);
    assert.deepEqual(summary(viaCaller.findings), summary(fromEntry), 'the same findings as the caller reports in the module');
    assert.deepEqual(
      viaCaller.findings.map((f) => [f.code, f.at.range]),
      [
        ['ASE104', rangeOf(textOf(module), deny)],
        ['ASE106', rangeOf(textOf(module), deny)],
      ],
    );
    assert.equal(
      viaCaller.findings[1].message,
      "NSG 'ase-nsg' blocks TCP 80 from AzureLoadBalancer (rule 'deny-all-inbound', priority 100): health probes fail and the ASE stops receiving traffic",
    );
    assert.deepEqual(viaCaller.contexts?.map((c) => c.entry), [uriOf(entry)]);
  });
}

test('an unsaved edit of the module is what its callers deploy: the module\'s text, not the disk\'s, is analysed', () => {
  const edited = textOf('bicep/modules/nsg.bicep').replace("access: 'Deny'", "access: 'Allow'");
  const analysis = analyze(uriOf('bicep/modules/nsg.bicep'), edited, createDiskHost(), { workspace: { entries: [{ uri: uriOf('bicep/main.bicep') }] } });
  assert.deepEqual(analysis.findings.filter((f) => f.code !== 'ASE902').map((f) => f.code), []);
});

const NSG_MODULE = lines(
  'param denyFrom string',
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
  "  name: 'ase-nsg'",
  "  location: 'westeurope'",
  '  properties: {',
  '    securityRules: [',
  "      { name: 'deny-some', properties: { priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: denyFrom, sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
  '    ]',
  '  }',
  '}',
);

function entry(denyFrom: string): string {
  return lines(
    `module nsg './nsg.bicep' = { name: 'nsg', params: { denyFrom: '${denyFrom}' } }`,
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'ase-vnet'",
    "  location: 'westeurope'",
    "  properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [ { name: 'ase', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg') }, delegations: [ { name: 'd', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ] } } ] }",
    '}',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    "  kind: 'ASEV3'",
    "  properties: { virtualNetwork: { id: '${vnet.id}/subnets/ase' } }",
    '}',
  );
}

test('deployed by two entry points: a finding both give is reported once; one that only one gives says which, and where it deploys the file', () => {
  const DIR = 'file:///ws/';
  const host = hostOf({
    [`${DIR}nsg.bicep`]: NSG_MODULE,
    // prod denies the load balancer (and everything); dev denies only one outside address.
    [`${DIR}prod.bicep`]: entry('*'),
    [`${DIR}dev.bicep`]: entry('203.0.113.7'),
    [`${DIR}also-prod.bicep`]: entry('*'),
  });
  const both = analyze(`${DIR}nsg.bicep`, NSG_MODULE, host, { workspace: { entries: [{ uri: `${DIR}prod.bicep` }, { uri: `${DIR}also-prod.bicep` }] } });
  assert.deepEqual(both.findings.map((f) => f.code), ['ASE104', 'ASE106'], 'each once, from either');
  assert.ok(both.findings.every((f) => !f.message.includes('when deployed from')));

  const mixed = analyze(`${DIR}nsg.bicep`, NSG_MODULE, host, { workspace: { entries: [{ uri: `${DIR}dev.bicep` }, { uri: `${DIR}prod.bicep` }] } });
  const ase106 = mixed.findings.find((f) => f.code === 'ASE106')!;
  assert.equal(ase106.message, "NSG 'ase-nsg' blocks TCP 80 from AzureLoadBalancer (rule 'deny-some', priority 100): health probes fail and the ASE stops receiving traffic (when deployed from prod.bicep)");
  assert.deepEqual(ase106.at.range, rangeOf(NSG_MODULE, "'deny-some'"));
  const deployer = ase106.related?.find((r) => r.message === 'prod.bicep deploys this file here');
  assert.deepEqual(deployer?.at, { uri: `${DIR}prod.bicep`, range: rangeOf(entry('*'), 'nsg') });
});

test('a cycle between callers and modules stays bounded: each file is analysed alone, with the cycle noted', () => {
  const DIR = 'file:///ws/';
  const a = "module b './b.bicep' = { name: 'b' }";
  const b = "module a './a.bicep' = { name: 'a' }";
  const g = new WorkspaceGraph();
  g.set(`${DIR}a.bicep`, templateReferences(`${DIR}a.bicep`, a).map((r) => r.uri));
  g.set(`${DIR}b.bicep`, templateReferences(`${DIR}b.bicep`, b).map((r) => r.uri));
  assert.deepEqual(g.entryPointsOf(`${DIR}a.bicep`).entries, []);
  const host = hostOf({ [`${DIR}a.bicep`]: a, [`${DIR}b.bicep`]: b });
  // Even told (wrongly) that b is an entry point of a, the analysis ends.
  const analysis = analyze(`${DIR}a.bicep`, a, host, { workspace: { entries: [{ uri: `${DIR}b.bicep` }] } });
  assert.deepEqual(analysis.failures, []);
  assert.ok(analysis.findings.every((f) => f.code === 'ASE902'));
});

test('an entry point that no longer reaches the module (it deploys it under a false condition): the module is analysed alone', () => {
  const DIR = 'file:///ws/';
  const caller = "module nsg './nsg.bicep' = if (false) { name: 'nsg', params: { denyFrom: '*' } }";
  const analysis = analyze(`${DIR}nsg.bicep`, NSG_MODULE, hostOf({ [`${DIR}main.bicep`]: caller }), { workspace: { entries: [{ uri: `${DIR}main.bicep` }] } });
  assert.equal(analysis.contexts, undefined);
  assert.match(noteText(analysis.findings[0]), /parameter 'denyFrom' has no value/);
});
