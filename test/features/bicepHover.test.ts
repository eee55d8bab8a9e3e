import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { explainAt } from '../../server/src/query/explain';
import { modelElementAt } from '../../server/src/query/explainTarget';
import { hoverAt } from '../../server/src/query/hover';
import { LineIndex } from '../../server/src/core/lineIndex';
import { describeNextHop } from '../../server/src/query/hover';
import { lineLengths } from '../support/positions';
import { rangeProblem } from '../support/soundness';
import { analysed, armUri, bicepUri, hoverOn, positionOf, textOf } from './hoverHelpers';
import { twinArm, twinBicep } from './twinTemplates';

const fixtures = join(__dirname, '..', 'fixtures', 'lsp');
const armText = readFileSync(join(fixtures, 'deny-all-first.json'), 'utf8');
const bicepText = readFileSync(join(fixtures, 'deny-all-first.bicep'), 'utf8');
// The two fixtures are twins: the same NSG, VNet and ASE written in each language.
const arm = analysed(armUri, armText);
const twin = analysed(bicepUri, bicepText);

test('Bicep hovers say what the ARM twin says: a port range, a service tag, a source port', () => {
  for (const value of ['454-455', 'AppServiceManagement']) {
    const a = hoverOn(arm, `"${value}"`, 2)!;
    const b = hoverOn(twin, `'${value}'`, 2);
    assert.ok(b, `a Bicep hover on ${value}`);
    assert.equal(b.markdown, a.markdown);
    assert.equal(textOf(bicepText, b.range), `'${value}'`);
  }
  assert.match(hoverOn(twin, "'454-455'", 2)!.markdown, /^\*\*Port\*\* `454-455` carries this documented dependency of an ASE \(inbound ASEv2\):\n\n- \*\*Management\*\* \(`ASE101`\)/);
  assert.equal(hoverOn(twin, "sourcePortRange: '*'", 19)!.markdown, hoverOn(arm, '"sourcePortRange": "*"', 20)!.markdown);
});

test('the ASE summary on the Bicep declaration: keyword, symbol, type string and name, as on the ARM resource', () => {
  const armAse = analysed(armUri, twinArm);
  const bicepAse = analysed(bicepUri, twinBicep);
  const expected = hoverOn(armAse, '"Microsoft.Web/hostingEnvironments"', 5)!.markdown;
  assert.match(expected, /^\*\*App Service Environment `my-ase`\*\*\n\n- Version: ASEv3\n/);
  assert.match(expected, /\| `ASE106` \| TCP 80 from AzureLoadBalancer \| allowed \|/);
  assert.match(expected, /`ASE401` The subnet 'ase-subnet' of ASEv3 'my-ase' is a \/27/, 'findings on the ASE subnet are listed');
  const places: [string, number, string][] = [
    ['resource ase', 2, 'resource'],
    ["ase 'Microsoft.Web", 1, 'ase'],
    ["'Microsoft.Web/hostingEnvironments@2022-03-01'", 5, "'Microsoft.Web/hostingEnvironments@2022-03-01'"],
    ["name: 'my-ase'", 8, "'my-ase'"],
    ["name: 'my-ase'", 1, 'name'],
  ];
  for (const [needle, delta, covered] of places) {
    const hover = hoverOn(bicepAse, needle, delta);
    assert.ok(hover, `a hover on ${needle}`);
    assert.equal(hover.markdown, expected, `the same summary on ${needle}`);
    assert.equal(textOf(twinBicep, hover.range), covered);
  }
  // The fixture writes the name as a parameter: the summary shows on it all the same, as ARM does on an expression.
  assert.match(hoverOn(twin, 'name: aseName', 8)!.markdown, /^\*\*App Service Environment `contoso-ase`\*\*/);
  assert.equal(hoverOn(bicepAse, "resource nsg 'Microsoft.Network", 10), null, 'not on other resources');
  assert.equal(hoverOn(bicepAse, "location: 'westeurope'\n  kind: 'ASEV3'", 12), null, 'not on other properties of the ASE');
});

const routes = `param hop string = '10.0.2.4'
param ports array = [ '80' ]

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg'
  properties: {
    securityRules: [
      {
        name: 'Web'
        properties: {
          priority: 100
          direction: 'Outbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: 'Storage.WestEurope'
          destinationPortRanges: [
            '80'
            443
          ]
        }
      }
      {
        name: 'Looped'
        properties: {
          priority: 200
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRanges: [for p in ports: p]
        }
      }
    ]
  }
  resource mgmt 'securityRules' = {
    name: 'Mgmt'
    properties: {
      priority: 300
      direction: 'Inbound'
      access: 'Allow'
      protocol: 'Tcp'
      sourceAddressPrefix: 'AppServiceManagement'
      sourcePortRange: '*'
      destinationAddressPrefix: '*'
      destinationPortRange: '454-455'
    }
  }
}

resource rt 'Microsoft.Network/routeTables@2023-04-01' = {
  name: 'rt'
  properties: {
    routes: [
      {
        name: 'fw'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: hop
        }
      }
      {
        name: 'storage'
        properties: {
          addressPrefix: 'Storage'
          nextHopType: 'Internet'
        }
      }
    ]
  }
}
`;

test('Bicep: next hops, tags as route prefixes, ports in arrays and numbers, nested rule resources; nothing on expressions', () => {
  const analysis = analysed(bicepUri, routes);
  assert.equal(hoverOn(analysis, "'VirtualAppliance'", 2)!.markdown, describeNextHop('VirtualAppliance'));
  assert.equal(hoverOn(analysis, "'Internet'", 2)!.markdown, describeNextHop('Internet'));
  assert.match(hoverOn(analysis, "'Storage'", 2)!.markdown, /^\*\*Storage\*\*/, 'a route naming a service tag');
  assert.match(hoverOn(analysis, "'Storage.WestEurope'", 2)!.markdown, /Storage/);
  assert.equal(hoverOn(analysis, "'80'", 1), null, 'a parameter default is no rule field');
  const port80 = hoverOn(analysis, "'80'", 1, 'destinationPortRanges')!;
  assert.match(port80.markdown, /^\*\*Port\*\* `80` carries .* \(outbound\):/, 'the direction beside the field');
  assert.match(hoverOn(analysis, '443\n', 1)!.markdown, /^\*\*Port\*\* `443`/, 'a number is a port too');
  assert.match(hoverOn(analysis, "'454-455'", 2)!.markdown, /\*\*Management\*\* \(`ASE101`\)/, 'in a nested securityRules resource');
  // A loop variable is no literal port: what the expression resolves to, not the port table.
  assert.equal(hoverOn(analysis, 'p]', 0)?.markdown, "**Resolved value** `80` — the destination ports of security rule 'Looped'", 'a loop variable');
  assert.equal(hoverOn(analysis, 'hop\n', 0), null, 'a parameter');
  assert.equal(hoverOn(analysis, 'priority: 100', 1), null, 'a key');
  assert.equal(hoverOn(analysis, "name: 'Web'", 7), null, 'a rule name');
});

test('Bicep explain targets: the ASE, a security rule (inline or nested), a route', () => {
  const element = (text: string, needle: string, delta = 1) => {
    const analysis = analysed(bicepUri, text);
    const found = modelElementAt(analysis, new LineIndex(text).offsetAt(positionOf(text, needle, delta)));
    return found && `${found.kind} ${found.name}`;
  };
  assert.equal(element(bicepText, 'priority: 1000'), 'securityRule DenyAllInbound');
  assert.equal(element(bicepText, "'454-455'"), 'securityRule AllowManagementTooLate');
  assert.equal(element(bicepText, 'resource ase'), 'ase contoso-ase');
  assert.equal(element(bicepText, "kind: 'ASEV2'"), 'ase contoso-ase');
  assert.equal(element(bicepText, 'internalLoadBalancingMode'), 'ase contoso-ase');
  assert.equal(element(bicepText, "addressPrefix: '10.10.1.0/24'"), undefined, 'a subnet is no explain target');
  assert.equal(element(bicepText, 'param location'), undefined);
  assert.equal(element(routes, 'priority: 300'), 'securityRule Mgmt', 'a nested securityRules resource');
  assert.equal(element(routes, 'resource mgmt', 10), 'securityRule Mgmt');
  assert.equal(element(routes, 'nextHopIpAddress: hop'), 'route fw');
  assert.equal(element(routes, "'Internet'"), 'route storage');

  // The explain request uses them: on a Bicep rule it names the dependencies that rule decides.
  const onRule = explainAt(twin, { uri: bicepUri, position: positionOf(bicepText, 'priority: 1000') });
  assert.equal(onRule.specific, true);
  assert.equal(onRule.subject, "security rule 'DenyAllInbound'");
  assert.ok(onRule.focus.length > 0, 'the dependencies it blocks are in focus');
  const onPort = explainAt(twin, { uri: bicepUri, position: positionOf(bicepText, "'454-455'", 2) });
  assert.equal(onPort.subject, 'port 454-455');
  const onAse = explainAt(twin, { uri: bicepUri, position: positionOf(bicepText, 'resource ase', 10) });
  assert.equal(onAse.subject, "ASEv2 'contoso-ase'");
});

test('hovers anywhere in the Bicep samples never throw and stay inside the text', () => {
  const root = join(__dirname, '..', '..');
  const files = [
    ...readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.bicep')).map((f) => join(root, 'examples', f)),
    ...readdirSync(join(root, 'test', 'fixtures', 'bicep')).filter((f) => f.endsWith('.bicep')).map((f) => join(root, 'test', 'fixtures', 'bicep', f)),
    join(fixtures, 'deny-all-first.bicep'),
  ];
  let hovers = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const analysis = analysed(`file://${file}`, text);
    const positions = new LineIndex(text);
    const lines = lineLengths(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const hover = hoverAt(analysis, positions.position(offset));
      if (!hover) continue;
      hovers++;
      const problem = hover.range && rangeProblem(hover.range, lines);
      assert.equal(problem, undefined, `${file} at ${offset}`);
    }
  }
  assert.ok(hovers > 0, 'the samples have something to hover');
});
