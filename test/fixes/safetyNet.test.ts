// The engine's safety net (server/src/engine/safeFixes.ts): before a fix is offered, the fixed
// files are analysed again; a fix that adds an error or a warning, or lets an NSG admit
// more than the flows it is for, is not offered. Each case is rigged: a real finding
// carries a fix made to do harm, in ARM and in Bicep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { type Host } from '../../server/src/core/host';
import type { NodePath } from '../../server/src/core/nodeRef';
import type { Change, ChangeValue, Fix, ReportedFinding } from '../../server/src/core/findings';
import { FixOffers, fixVerdict, offerFix } from '../../server/src/engine/safeFixes';
import { aseTemplate, nsgRule, route, vnetGateway } from '../support/templates';
import { bicepTwin, bicepVnetGateway } from '../support/twin';

const ARM = 'file:///w/ase.json';
const BICEP = 'file:///w/ase.bicep';

const rules = {
  management: { name: 'AllowManagement', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', destination: '*', ports: '454-455' },
  loadBalancer: { name: 'AllowLoadBalancer', priority: 110, direction: 'Inbound', access: 'Allow', protocol: '*', source: 'AzureLoadBalancer', destination: '*', ports: '*' },
  deny: { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source: '*', destination: '*', ports: '*' },
  denyOut: { name: 'DenyAllOutbound', priority: 4096, direction: 'Outbound', access: 'Deny', protocol: '*', source: '*', destination: '*', ports: '*' },
};
type RuleText = (typeof rules)['management'];
const armRule = (r: RuleText) =>
  `{ "name": "${r.name}", "properties": { "priority": ${r.priority}, "direction": "${r.direction}", "access": "${r.access}", "protocol": "${r.protocol}", "sourceAddressPrefix": "${r.source}", "sourcePortRange": "*", "destinationAddressPrefix": "${r.destination}", "destinationPortRange": "${r.ports}" } }`;
const bicepRule = (r: RuleText) =>
  `{ name: '${r.name}', properties: { priority: ${r.priority}, direction: '${r.direction}', access: '${r.access}', protocol: '${r.protocol}', sourceAddressPrefix: '${r.source}', sourcePortRange: '*', destinationAddressPrefix: '${r.destination}', destinationPortRange: '${r.ports}' } }`;

/**
 * An ASEv2 behind an NSG that denies everything else both ways, with a 0.0.0.0/0 route on
 * its subnet: ASE103 reports the inbound deny rule, ASE201-ASE206 the outbound one.
 */
const arm = [
  '{',
  '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
  '  "contentVersion": "1.0.0.0",',
  '  "parameters": { "aseSubnetPrefix": { "type": "string", "defaultValue": "10.0.1.0/24" } },',
  '  "resources": [',
  '    {',
  '      "type": "Microsoft.Network/networkSecurityGroups",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-nsg",',
  '      "location": "westeurope",',
  '      "properties": {',
  '        "securityRules": [',
  `          ${armRule(rules.management)},`,
  `          ${armRule(rules.loadBalancer)},`,
  `          ${armRule(rules.deny)},`,
  `          ${armRule(rules.denyOut)}`,
  '        ]',
  '      }',
  '    },',
  '    {',
  '      "type": "Microsoft.Network/routeTables",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-routes",',
  '      "location": "westeurope",',
  '      "properties": { "routes": [ { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } } ] }',
  '    },',
  '    {',
  '      "type": "Microsoft.Network/virtualNetworks",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-vnet",',
  '      "location": "westeurope",',
  '      "properties": {',
  '        "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },',
  '        "subnets": [',
  '          {',
  '            "name": "ase-subnet",',
  '            "properties": {',
  `              "addressPrefix": "[parameters('aseSubnetPrefix')]",`,
  `              "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]" },`,
  `              "routeTable": { "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]" }`,
  '            }',
  '          }',
  '        ]',
  '      }',
  '    },',
  '    {',
  '      "type": "Microsoft.Web/hostingEnvironments",',
  '      "apiVersion": "2022-03-01",',
  '      "name": "my-ase",',
  '      "location": "westeurope",',
  '      "kind": "ASEV2",',
  '      "properties": {',
  '        "internalLoadBalancingMode": "Web, Publishing",',
  `        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }`,
  '      }',
  '    }',
  '  ]',
  '}',
].join('\n');

const bicep = [
  "param aseSubnetPrefix string = '10.0.1.0/24'",
  '',
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
  "  name: 'ase-nsg'",
  "  location: 'westeurope'",
  '  properties: {',
  '    securityRules: [',
  `      ${bicepRule(rules.management)}`,
  `      ${bicepRule(rules.loadBalancer)}`,
  `      ${bicepRule(rules.deny)}`,
  `      ${bicepRule(rules.denyOut)}`,
  '    ]',
  '  }',
  '}',
  '',
  "resource routes 'Microsoft.Network/routeTables@2023-04-01' = {",
  "  name: 'ase-routes'",
  "  location: 'westeurope'",
  "  properties: { routes: [ { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } } ] }",
  '}',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'ase-vnet'",
  "  location: 'westeurope'",
  '  properties: {',
  "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
  '    subnets: [',
  '      {',
  "        name: 'ase-subnet'",
  '        properties: {',
  '          addressPrefix: aseSubnetPrefix',
  '          networkSecurityGroup: { id: nsg.id }',
  '          routeTable: { id: routes.id }',
  '        }',
  '      }',
  '    ]',
  '  }',
  '}',
  '',
  "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  "  name: 'my-ase'",
  "  location: 'westeurope'",
  "  kind: 'ASEV2'",
  '  properties: {',
  "    internalLoadBalancingMode: 'Web, Publishing'",
  "    virtualNetwork: { id: '${vnet.id}/subnets/ase-subnet' }",
  '  }',
  '}',
  '',
].join('\n');

interface Language {
  name: 'ARM' | 'Bicep';
  uri: string;
  text: string;
  /** Paths of the NSG's rule list and of the subnet's properties. */
  rules: NodePath;
  subnet: NodePath;
}
const languages: Language[] = [
  { name: 'ARM', uri: ARM, text: arm, rules: ['resources', 0, 'properties', 'securityRules'], subnet: ['resources', 2, 'properties', 'subnets', 0, 'properties'] },
  { name: 'Bicep', uri: BICEP, text: bicep, rules: ['nsg', 'properties', 'securityRules'], subnet: ['vnet', 'properties', 'subnets', 0, 'properties'] },
];

function setup(l: Language): { analysis: Analysis; host: Host; intra: ReportedFinding } {
  const host: Host = { readFile: (u) => (u === l.uri ? l.text : undefined) };
  const analysis = analyze(l.uri, l.text, host);
  assert.deepEqual(analysis.failures, []);
  const intra = analysis.findings.find((f) => f.code === 'ASE103');
  assert.ok(intra?.fix, 'ASE103 reports the deny rule, with a fix');
  return { analysis, host, intra };
}

/** The ASE103 finding with `fix` in place of its own. */
function rigged(finding: ReportedFinding, fix: Partial<Fix> & { changes: Change[] }): ReportedFinding {
  return { ...finding, fix: { title: 'Rigged', opens: finding.fix!.opens, ...fix } };
}

const allowRule = (source: ChangeValue, destination: ChangeValue): ChangeValue => ({
  name: 'AllowAseSubnetInbound',
  properties: { protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: source, destinationAddressPrefix: destination, access: 'Allow', priority: 4090, direction: 'Inbound' },
});

function refusal(analysis: Analysis, finding: ReportedFinding, host: Host): string {
  const verdict = fixVerdict(analysis, finding, host);
  assert.ok(verdict && 'refused' in verdict, `the fix must be refused, it was offered: ${JSON.stringify(verdict)}`);
  return verdict.refused;
}

for (const l of languages) {
  test(`${l.name}: an allow rule from VirtualNetwork or * for the intra-subnet flow is refused; from the subnet's own prefix it is offered`, () => {
    const { analysis, host, intra } = setup(l);
    const insert = (value: ChangeValue): Change => ({ op: 'insertItem', at: { ...intra.at, path: l.rules }, path: [], value, before: { ...intra.at, path: [...l.rules, 2] } });
    const tag = rigged(intra, { changes: [insert(allowRule('VirtualNetwork', 'VirtualNetwork'))] });
    assert.match(refusal(analysis, tag, host), /^rule 'AllowAseSubnetInbound' of NSG 'ase-nsg' admits inbound any protocol all ports from .*, beyond what the fix is for$/);
    const any = rigged(intra, { changes: [insert(allowRule('*', '*'))] });
    assert.match(refusal(analysis, any, host), /admits inbound/);
    const own = rigged(intra, { changes: [insert(allowRule('10.0.1.0/24', '10.0.1.0/24'))] });
    assert.ok(offerFix(analysis, own, host), 'the subnet to itself is what the fix is for');
    const unsaid = rigged(intra, { changes: [insert(allowRule('10.0.1.0/24', '10.0.1.0/24'))], opens: undefined });
    assert.match(refusal(analysis, unsaid, host), /beyond what the fix is for/, 'a fix that does not say what it opens may open nothing');
  });

  test(`${l.name}: a fix that introduces an error is refused, whatever else it fixes`, () => {
    const { analysis, host, intra } = setup(l);
    const narrowing = rigged(intra, {
      changes: [
        { op: 'insertItem', at: { ...intra.at, path: l.rules }, path: [], value: allowRule('10.0.1.0/24', '10.0.1.0/24'), before: { ...intra.at, path: [...l.rules, 2] } },
        { op: 'setProperty', at: { ...intra.at, path: [...l.rules, 0] }, path: ['properties', 'destinationPortRange'], value: '454' },
      ],
    });
    assert.equal(
      refusal(analysis, narrowing, host),
      "the fix introduces ASE101 (NSG 'ase-nsg' blocks TCP 454-455 from AppServiceManagement (rule 'DenyAllInbound', priority 4096, denies TCP 455): Azure cannot manage the ASE and suspends it)",
    );
  });

  test(`${l.name}: a fix that writes a priority another rule of its direction has, or one out of range, is refused (ASE108's check)`, () => {
    const { analysis, host, intra } = setup(l);
    const at = (priority: number): ReportedFinding => {
      const value = allowRule('10.0.1.0/24', '10.0.1.0/24') as { name: string; properties: Record<string, ChangeValue> };
      return rigged(intra, { changes: [{ op: 'insertItem', at: { ...intra.at, path: l.rules }, path: [], value: { ...value, properties: { ...value.properties, priority } }, before: { ...intra.at, path: [...l.rules, 2] } }] });
    };
    assert.equal(refusal(analysis, at(110), host), "rule 'AllowAseSubnetInbound' of NSG 'ase-nsg' would have priority 110, which rule 'AllowLoadBalancer' has");
    assert.equal(refusal(analysis, at(4097), host), "rule 'AllowAseSubnetInbound' of NSG 'ase-nsg' would have priority 4097, which Azure refuses");
    assert.ok(offerFix(analysis, at(4090), host), 'a free priority in range is offered');
    // An NSG that already has a duplicate: a second one is new all the same, though ASE108 already reports the NSG.
    const dup = l.text.replace(/("?priority"?: )110/, '$1100');
    assert.notEqual(dup, l.text);
    const dupHost: Host = { readFile: (u) => (u === l.uri ? dup : undefined) };
    const dupAnalysis = analyze(l.uri, dup, dupHost);
    assert.ok(dupAnalysis.findings.some((f) => f.code === 'ASE108'), 'ASE108 reports the duplicate already there');
    const dupIntra = dupAnalysis.findings.find((f) => f.code === 'ASE103')!;
    const again = rigged(dupIntra, { changes: at(100).fix!.changes });
    assert.equal(refusal(dupAnalysis, again, dupHost), "rule 'AllowAseSubnetInbound' of NSG 'ase-nsg' would have priority 100, which rule 'AllowManagement' has");
  });

  test(`${l.name}: a fix that removes the deny rule or takes the NSG off the subnet is refused`, () => {
    const { analysis, host, intra } = setup(l);
    const removeDeny = rigged(intra, { changes: [{ op: 'removeProperty', at: { ...intra.at, path: [...l.rules, 2] }, path: [] }] });
    assert.match(refusal(analysis, removeDeny, host), /^removing rule 'DenyAllInbound' of NSG 'ase-nsg' stops denying inbound/);
    const widenDeny = rigged(intra, { changes: [{ op: 'setProperty', at: { ...intra.at, path: [...l.rules, 2] }, path: ['properties', 'access'], value: 'Allow' }] });
    assert.match(refusal(analysis, widenDeny, host), /^rule 'DenyAllInbound' of NSG 'ase-nsg' admits inbound/);
    const detach = rigged(intra, { changes: [{ op: 'removeProperty', at: { ...intra.at, path: l.subnet }, path: ['networkSecurityGroup'] }] });
    assert.equal(refusal(analysis, detach, host), "subnet 'ase-vnet/ase-subnet' no longer has NSG 'ase-nsg'");
  });

  test(`${l.name}: the fixes the rules make are offered, and a verdict is made once per analysis`, () => {
    const { analysis, host } = setup(l);
    const fixable = analysis.findings.filter((f) => f.fix);
    // ASE202 twice: TCP 1433 (an error) and the redirect ports (information); ASE901 offers the conversion to ASEv3.
    assert.deepEqual(fixable.map((f) => f.code), ['ASE103', 'ASE201', 'ASE202', 'ASE202', 'ASE203', 'ASE204', 'ASE205', 'ASE206', 'ASE206', 'ASE901']);
    for (const f of fixable) assert.ok(offerFix(analysis, f, host), `${f.code}'s own fix is offered: ${JSON.stringify(fixVerdict(analysis, f, host))}`);
    // The intra-subnet rules name the subnet by the parameter its addressPrefix uses, both ways.
    const prefix = l.name === 'ARM' ? `"[parameters('aseSubnetPrefix')]"` : 'aseSubnetPrefix';
    for (const code of ['ASE103', 'ASE203']) {
      const [edit] = [...offerFix(analysis, fixable.find((f) => f.code === code)!, host)!.files.values()][0];
      assert.match(edit.newText, new RegExp(`sourceAddressPrefix"?: ${prefix.replace(/[[\]()]/g, '\\$&')}`), code);
    }
    assert.equal(fixVerdict(analysis, fixable[0], host), fixVerdict(analysis, fixable[0], host));
  });
  test(`${l.name}: on an NSG that also guards another subnet, a rule to * would open that subnet too, so it is refused`, () => {
    const shared =
      l.name === 'ARM'
        ? l.text.replace(
            '        "subnets": [\n',
            `        "subnets": [\n          { "name": "other", "properties": { "addressPrefix": "10.0.2.0/24", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]" } } },\n`,
          )
        : l.text.replace('    subnets: [\n', "    subnets: [\n      { name: 'other', properties: { addressPrefix: '10.0.2.0/24', networkSecurityGroup: { id: nsg.id } } }\n");
    const narrowed = shared.replace(/(destinationPortRange["']?: ["'])454-455/, '$1454');
    assert.notEqual(narrowed, shared);
    const host: Host = { readFile: (u) => (u === l.uri ? narrowed : undefined) };
    const analysis = analyze(l.uri, narrowed, host);
    const management = analysis.findings.find((f) => f.code === 'ASE101');
    assert.ok(management?.fix, 'ASE101 has a fix: an allow rule from AppServiceManagement to *');
    assert.match(refusal(analysis, management, host), /admits inbound TCP 454-455 from .* to 10\.0\.2\.0\/24, beyond what the fix is for/);
  });
}

test('FixOffers verifies up to its limit and counts the findings it leaves without a fix', () => {
  const { analysis, host } = setup(languages[0]);
  const fixable = analysis.findings.filter((f) => f.fix);
  assert.ok(fixable.length >= 2);
  const offers = new FixOffers(analysis, host, 1);
  assert.ok(offers.offer(fixable.find((f) => f.code === 'ASE201')!));
  assert.equal(offers.offer(fixable.find((f) => f.code === 'ASE202')!), undefined);
  assert.equal(offers.skipped, 1);
});

test('a fix that adds a 0.0.0.0/0 route (ASE302) is refused where VirtualNetwork, folded to every address, would let the default AllowVnetInBound admit the internet', () => {
  const host: Host = { readFile: () => undefined };
  const mgmt = { name: 'AllowMgmt', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' } as const;
  const cases: [string, string][] = [
    [
      'file:///w/er.json',
      aseTemplate({
        securityRules: [nsgRule(mgmt.name, mgmt, true)],
        routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)],
        extraResources: [vnetGateway('er-gw', 'ExpressRoute')],
      }),
    ],
    ['file:///w/er.bicep', bicepTwin({ rules: [mgmt], routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']], extraResources: bicepVnetGateway('er-gw', 'ExpressRoute') })],
  ];
  for (const [uri, text] of cases) {
    const analysis = analyze(uri, text, host);
    const finding = analysis.findings.find((f) => f.code === 'ASE302');
    assert.ok(finding?.fix, `${uri}: ASE302 with its fix`);
    const verdict = fixVerdict(analysis, finding, host);
    assert.ok(verdict && 'refused' in verdict, `${uri}: refused`);
    assert.equal(
      verdict.refused,
      "NSG 'ase-nsg' of subnet 'ase-vnet/ase-subnet' would admit inbound traffic on all ports from sources it did not admit before, beyond what the fix is for (a 0.0.0.0/0 route makes every address part of VirtualNetwork)",
    );
  }
});
