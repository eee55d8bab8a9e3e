// Registry modules from the local Bicep cache: `br:`/`br/public:` (with bicepconfig.json
// aliases) and `ts:` resolved to the main.json Bicep restored, analysed as ARM modules
// with the caller's arguments, reported on the caller's text. The Azure Verified Modules
// come from the shared test cache (../shared/bicep-cache).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { offerFix } from '../../server/src/engine/safeFixes';
import { applyTextEdits } from '../../server/src/edits/format';
import { parsedTemplate } from '../../server/src/lower/arm/templateCache';
import { cacheSegments, encodeTag, parseModuleReference } from '../../server/src/lower/bicep/registry';
import type { NetworkModel } from '../../server/src/model/types';
import { isUnknown } from '../../server/src/core/value';
import { CACHE, CACHE_URI, bicepConfig, cacheHost, lines, noCache, rangeOf } from './helpers';

const DIR = 'file:///work/infra/';
const MAIN = `${DIR}main.bicep`;
const CONFIG = `${DIR}bicepconfig.json`;

const DENY_RULE = [
  '      {',
  "        name: 'deny-all-inbound'",
  '        properties: {',
  '          priority: 200',
  "          direction: 'Inbound'",
  "          access: 'Deny'",
  "          protocol: '*'",
  "          sourceAddressPrefix: '*'",
  "          sourcePortRange: '*'",
  "          destinationAddressPrefix: '*'",
  "          destinationPortRange: '*'",
  '        }',
  '      }',
];

/** An ASEv3 built from Azure Verified Modules: an NSG that denies everything inbound, the VNet whose subnet it guards, the ASE in that subnet. */
const AVM_CHAIN = lines(
  "module nsg 'br/public:avm/res/network/network-security-group:0.5.2' = {",
  "  name: 'nsg'",
  '  params: {',
  "    name: 'ase-nsg'",
  '    securityRules: [',
  ...DENY_RULE,
  '    ]',
  '  }',
  '}',
  '',
  "module vnet 'br/public:avm/res/network/virtual-network:0.7.2' = {",
  "  name: 'vnet'",
  '  params: {',
  "    name: 'ase-vnet'",
  "    addressPrefixes: ['10.0.0.0/16']",
  '    subnets: [',
  '      {',
  "        name: 'ase'",
  "        addressPrefix: '10.0.1.0/24'",
  '        networkSecurityGroupResourceId: nsg.outputs.resourceId',
  "        delegation: 'Microsoft.Web/hostingEnvironments'",
  '      }',
  '    ]',
  '  }',
  '}',
  '',
  "module ase 'br/public:avm/res/web/hosting-environment:0.5.0' = {",
  "  name: 'ase'",
  '  params: {',
  "    name: 'my-ase'",
  '    subnetResourceId: vnet.outputs.subnetResourceIds[0]',
  '  }',
  '}',
);

/** The same deployment written with plain resources. */
const PLAIN_CHAIN = lines(
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-11-01' = {",
  "  name: 'ase-nsg'",
  '  location: resourceGroup().location',
  '  properties: {',
  '    securityRules: [',
  ...DENY_RULE,
  '    ]',
  '  }',
  '}',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
  "  name: 'ase-vnet'",
  '  location: resourceGroup().location',
  '  properties: {',
  "    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }",
  '    subnets: [',
  '      {',
  "        name: 'ase'",
  '        properties: {',
  "          addressPrefix: '10.0.1.0/24'",
  '          networkSecurityGroup: { id: nsg.id }',
  "          delegations: [{ name: 'Microsoft.Web/hostingEnvironments', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } }]",
  '        }',
  '      }',
  '    ]',
  '  }',
  '}',
  '',
  "resource ase 'Microsoft.Web/hostingEnvironments@2025-03-01' = {",
  "  name: 'my-ase'",
  '  location: resourceGroup().location',
  "  kind: 'ASEv3'",
  "  properties: { virtualNetwork: { id: '${vnet.id}/subnets/ase' } }",
  '}',
);

function run(text: string, files: Record<string, string> = {}, options = {}): Analysis {
  return analyze(MAIN, text, cacheHost({ [CONFIG]: bicepConfig(), ...files }), options);
}

/** What the rules read of a model, without places: the same deployment written two ways must give the same. */
function shape(model: NetworkModel) {
  const name = (v: unknown) => (isUnknown(v) ? '?' : v);
  return {
    ases: model.ases.map((a) => ({ name: name(a.name), version: name(a.version), ilb: name(a.ilbMode), subnet: a.subnet?.target ? name(a.subnet.target.name) : null })),
    subnets: model.subnets.map((s) => ({
      name: name(s.name),
      prefixes: isUnknown(s.addressPrefixes) ? '?' : s.addressPrefixes.map((p) => name(p.value)),
      delegations: isUnknown(s.delegations) ? '?' : s.delegations.map((d) => name(d.value)),
      nsg: s.networkSecurityGroup?.target ? name(s.networkSecurityGroup.target.name) : null,
      routeTable: s.routeTable?.target ? name(s.routeTable.target.name) : null,
      users: s.users.map((u) => u.kind),
    })),
    nsgs: model.nsgs.map((n) => ({
      name: name(n.name),
      rules: isUnknown(n.securityRules)
        ? '?'
        : n.securityRules.map((r) => [name(r.name), name(r.priority), name(r.direction), name(r.access), name(r.protocol), r.sourceAddressPrefixes, r.destinationAddressPrefixes, r.destinationPortRanges]),
    })),
    routeTables: model.routeTables.map((t) => ({ name: name(t.name), routes: isUnknown(t.routes) ? '?' : t.routes.map((r) => [name(r.name), name(r.addressPrefix), name(r.nextHopType)]) })),
  };
}

test('the AVM NSG + VNet + ASE chain: ASE106 on the rule the caller wrote, with a fix that adds the allow rule to the caller\'s list', { skip: noCache }, () => {
  const analysis = run(AVM_CHAIN);
  assert.deepEqual(analysis.failures, []);
  const ase106 = analysis.findings.filter((f) => f.code === 'ASE106');
  assert.equal(ase106.length, 1);
  const f = ase106[0];
  assert.deepEqual(f.at, { uri: MAIN, range: rangeOf(AVM_CHAIN, "'deny-all-inbound'"), path: ['nsg', 'params', 'securityRules', 0] });
  assert.equal(f.message, "NSG 'ase-nsg' blocks TCP 80 from AzureLoadBalancer (rule 'deny-all-inbound', priority 200): health probes fail and the ASE stops receiving traffic");
  // Nothing is reported in, or points into, the modules' files in the cache.
  for (const x of analysis.findings) {
    assert.ok(!x.at.uri.startsWith(CACHE_URI), `${x.code} is reported in ${x.at.uri}`);
    for (const r of x.related ?? []) assert.ok(!r.at.uri.startsWith(CACHE_URI), `${x.code} points into ${r.at.uri}`);
  }
  const fix = offerFix(analysis, f, cacheHost({ [CONFIG]: bicepConfig() }));
  assert.ok(fix, 'the fix is offered: it removes ASE106 through the modules');
  assert.deepEqual([...fix.files.keys()], [MAIN]);
  const fixed = applyTextEdits(AVM_CHAIN, fix.files.get(MAIN)!);
  assert.equal(
    fixed,
    AVM_CHAIN.replace(
      '    securityRules: [\n      {\n',
      [
        '    securityRules: [',
        '      {',
        // Written like the caller's other rules: their kebab-case names and their property order.
        "        name: 'allow-azure-load-balancer-inbound'",
        '        properties: {',
        '          priority: 190',
        "          direction: 'Inbound'",
        "          access: 'Allow'",
        "          protocol: 'Tcp'",
        "          sourceAddressPrefix: 'AzureLoadBalancer'",
        "          sourcePortRange: '*'",
        "          destinationAddressPrefix: '*'",
        "          destinationPortRange: '80'",
        '        }',
        '      }',
        '      {',
        '',
      ].join('\n'),
    ),
  );
  assert.deepEqual(run(fixed).findings.filter((x) => x.code === 'ASE106'), []);
});

test('Azure Verified Modules analyse to the same model as the plain resources, with the same findings', { skip: noCache }, () => {
  const viaModules = run(AVM_CHAIN);
  const plain = run(PLAIN_CHAIN);
  assert.deepEqual(shape(viaModules.model!), shape(plain.model!));
  const codes = (a: Analysis) => a.findings.filter((f) => f.code !== 'ASE902').map((f) => `${f.code} ${f.message}`).sort();
  assert.deepEqual(codes(viaModules), codes(plain));
});

test('route table, App Service plan, app and private DNS zone modules link as the plain resources do', { skip: noCache }, () => {
  const text = lines(
    "module rt 'br/public:avm/res/network/route-table:0.5.0' = {",
    "  name: 'rt'",
    "  params: { name: 'ase-routes', routes: [ { name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } } ] }",
    '}',
    "module vnet 'br/public:avm/res/network/virtual-network:0.7.2' = {",
    "  name: 'vnet'",
    '  params: {',
    "    name: 'ase-vnet'",
    "    addressPrefixes: ['10.0.0.0/16']",
    '    subnets: [',
    "      { name: 'ase', addressPrefix: '10.0.1.0/24', routeTableResourceId: rt.outputs.resourceId, delegation: 'Microsoft.Web/hostingEnvironments' }",
    "      { name: 'apps', addressPrefix: '10.0.2.0/26', delegation: 'Microsoft.Web/serverFarms' }",
    '    ]',
    '  }',
    '}',
    "module ase 'br/public:avm/res/web/hosting-environment:0.5.0' = {",
    "  name: 'ase'",
    "  params: { name: 'my-ase', subnetResourceId: vnet.outputs.subnetResourceIds[0], internalLoadBalancingMode: 'Web, Publishing' }",
    '}',
    "module plan 'br/public:avm/res/web/serverfarm:0.5.0' = {",
    "  name: 'plan'",
    "  params: { name: 'web-plan', skuName: 'P1v3', skuCapacity: 2 }",
    '}',
    "module site 'br/public:avm/res/web/site:0.22.0' = {",
    "  name: 'site'",
    "  params: { name: 'web', kind: 'app', serverFarmResourceId: plan.outputs.resourceId, virtualNetworkSubnetResourceId: vnet.outputs.subnetResourceIds[1] }",
    '}',
    "module dns 'br/public:avm/res/network/private-dns-zone:0.8.1' = {",
    "  name: 'dns'",
    "  params: { name: 'my-ase.appserviceenvironment.net', a: [ { name: '*', aRecords: [ { ipv4Address: '10.0.1.11' } ] } ] }",
    '}',
  );
  const model = run(text).model!;
  const subnet = (n: string) => model.subnets.find((s) => s.name === `ase-vnet/${n}`)!;
  assert.equal(model.ases[0].subnet?.target, subnet('ase'));
  assert.equal(subnet('ase').routeTable?.target?.name, 'ase-routes');
  const routes = subnet('ase').routeTable!.target!.routes;
  assert.ok(!isUnknown(routes));
  assert.deepEqual(routes.map((r) => [r.name, r.addressPrefix, r.nextHopType, r.nextHopIpAddress]), [['to-firewall', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']]);
  const site = model.sites.find((s) => s.name === 'web')!;
  assert.equal(site.plan?.target?.name, 'web-plan');
  assert.equal(site.integrationSubnet?.target, subnet('apps'));
  assert.deepEqual(subnet('apps').users.map((u) => u.kind), ['siteIntegration']);
  assert.ok(model.resources.some((r) => r.type === 'Microsoft.Network/privateDnsZones/A' && r.name === 'my-ase.appserviceenvironment.net/*'));
});

test('a finding about what a module declares lands on the caller\'s argument: the subnet it passed without a delegation', { skip: noCache }, () => {
  const text = AVM_CHAIN.replace("        delegation: 'Microsoft.Web/hostingEnvironments'\n", '');
  const ase403 = run(text).findings.filter((f) => f.code === 'ASE403');
  assert.equal(ase403.length, 1);
  assert.deepEqual(ase403[0].at.range, rangeOf(text, "'ase'", 'subnets: ['));
  assert.equal(ase403[0].at.uri, MAIN);
});

test('a module missing from the cache: one note saying bicep restore would let it be checked, and nothing read but the cache', () => {
  const text = lines("module vnet 'br/public:avm/res/network/virtual-network:9.9.9' = {", "  name: 'vnet'", "  params: { name: 'v' }", '}');
  const host = cacheHost({ [CONFIG]: bicepConfig() });
  const model = analyze(MAIN, text, host).model!;
  const root = JSON.parse(bicepConfig()).cacheRootDirectory as string;
  assert.deepEqual(
    model.unverified.map((u) => [u.what, u.at?.range]),
    [[`the registry module br/public:avm/res/network/virtual-network:9.9.9 is not in Bicep's module cache (${root}); \`bicep restore\` would put it there and let it be checked`, rangeOf(text, "'br/public:avm/res/network/virtual-network:9.9.9'")]],
  );
  assert.deepEqual(host.reads.filter((u) => u !== CONFIG && !u.endsWith('.bicepparam')), [`${CACHE_URI}/br/mcr.microsoft.com/bicep$avm$res$network$virtual-network/9.9.9$/main.json`]);
});

test('bicepconfig.json: br aliases with a module path, a cache root under ~, the default ~/.bicep, and an alias that is not defined', { skip: noCache }, () => {
  const text = lines(
    "module rt 'br/avm:network/route-table:0.5.0' = { name: 'rt', params: { name: 'via-alias' } }",
    "module other 'br/nowhere:network/route-table:0.5.0' = { name: 'other', params: { name: 'x' } }",
  );
  const home = join(CACHE, '..');
  const config = JSON.stringify({ cacheRootDirectory: '~/bicep-cache', moduleAliases: { br: { avm: { registry: 'mcr.microsoft.com', modulePath: 'bicep/avm/res' } } } });
  const model = analyze(MAIN, text, cacheHost({ [CONFIG]: config }), { homeDirectory: home }).model!;
  assert.deepEqual(model.routeTables.map((t) => t.name), ['via-alias']);
  assert.deepEqual(model.unverified.map((u) => u.what).filter((w) => w.startsWith('the registry module')), ["the registry module br/nowhere:network/route-table:0.5.0 is not analysed: the module alias 'br/nowhere' is not defined in a bicepconfig.json"]);

  // No bicepconfig.json: ~/.bicep, and the nearest config is the one in force (a parent folder's).
  const cached = readFileSync(join(CACHE, 'br', 'mcr.microsoft.com', 'bicep$avm$res$network$route-table', '0.5.0$', 'main.json'), 'utf8');
  const fakeHome = '/home/someone';
  const defaultCache = `file://${fakeHome}/.bicep/br/mcr.microsoft.com/bicep$avm$res$network$route-table/0.5.0$/main.json`;
  const plain = "module rt 'br/public:avm/res/network/route-table:0.5.0' = { name: 'rt', params: { name: 'from-home' } }";
  const fromHome = analyze(`${DIR}nested/deeper/main.bicep`, plain, cacheHost({ [defaultCache]: cached }), { homeDirectory: fakeHome }).model!;
  assert.deepEqual(fromHome.routeTables.map((t) => t.name), ['from-home']);
  const parentConfig = analyze(`${DIR}nested/deeper/main.bicep`, plain, cacheHost({ [CONFIG]: bicepConfig() }), { homeDirectory: fakeHome }).model!;
  assert.deepEqual(parentConfig.routeTables.map((t) => t.name), ['from-home']);
});

test('template specs: ts: and ts/alias: read the spec version Bicep cached, its mainTemplate analysed as a module', { skip: noCache }, () => {
  const sub = '00000000-0000-0000-0000-000000000001';
  const template = JSON.parse(readFileSync(join(CACHE, 'br', 'mcr.microsoft.com', 'bicep$avm$res$network$route-table', '0.5.0$', 'main.json'), 'utf8'));
  const spec = JSON.stringify({ id: `/subscriptions/${sub}/resourceGroups/specs/providers/Microsoft.Resources/templateSpecs/routes/versions/v1`, properties: { mainTemplate: template } });
  const cached = `${CACHE_URI}/ts/${sub}/specs/routes/v1/main.json`;
  const text = lines(
    `module a 'ts:${sub}/Specs/Routes:V1' = { name: 'a', params: { name: 'by-id' } }`,
    "module b 'ts/corp:routes:v1' = { name: 'b', params: { name: 'by-alias' } }",
  );
  const config = bicepConfig({ moduleAliases: { ts: { corp: { subscription: sub, resourceGroup: 'specs' } } } });
  const model = analyze(MAIN, text, cacheHost({ [CONFIG]: config, [cached]: spec })).model!;
  assert.deepEqual(model.routeTables.map((t) => t.name), ['by-id', 'by-alias']);
});

test('module references: tags as Bicep writes them, digests, and references that never become a path', () => {
  assert.equal(encodeTag('0.7.2'), '0.7.2$');
  assert.equal(encodeTag('V1'), 'V1$1');
  assert.equal(encodeTag('aBc'), 'aBc$2');
  const none = { brAliases: new Map(), tsAliases: new Map() };
  const digest = `sha256:${'a'.repeat(64)}`;
  const byDigest = parseModuleReference(`br:contoso.azurecr.io:5000/bicep/nsg@${digest}`, none);
  assert.ok(typeof byDigest !== 'string');
  assert.deepEqual(cacheSegments(byDigest), ['br', 'contoso.azurecr.io$5000', 'bicep$nsg', `sha256#${'a'.repeat(64)}`, 'main.json']);
  for (const bad of ['br:../../etc:x', 'br:contoso.azurecr.io/../x:1', 'br:contoso.azurecr.io/a/b:../c', 'br:contoso.azurecr.io/A:1', 'ts:not-a-guid/rg/x:1', `ts:${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/rg/..:1`]) {
    assert.equal(typeof parseModuleReference(bad, none), 'string', bad);
  }
});

test('parsed external templates are kept by content: the same text is not parsed again, a changed one is', () => {
  const uri = `${CACHE_URI}/br/example/x/1$/main.json`;
  const text = '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[]}';
  const first = parsedTemplate(uri, text);
  assert.equal(parsedTemplate(uri, `${text}`), first);
  assert.notEqual(parsedTemplate(uri, `${text} `), first);
});
