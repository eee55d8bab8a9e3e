/**
 * Generates the "many small stacks" shape: a landing zone with one spoke per
 * application, each spoke a stack of an NSG of 41 security rules (the ten documented
 * ASEv2 rules, thirty application rules and a deny-all), a route table of three routes, a
 * VNet with the ASE subnet and a workload subnet, and an ASEv2 on it. Every fifth stack
 * breaks the same dependency as the few-large units (Azure SQL denied early).
 *
 * Security rules are written one per line, as templates that list many of them often
 * are, which puts about a hundred stacks in a megabyte (in ARM and in Bicep): the cost
 * here grows with the number of stacks and NSGs, where the few-large units' grows with
 * the rules of a few NSGs. `manySmallArm(n)` and `manySmallBicep(n)` describe the same
 * resources, so a Bicep figure can be set next to `JSON.parse` of its ARM twin.
 */
import { sizeToTarget } from './armTemplate';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const RULES_PER_STACK = 41;

export interface GeneratedShape {
  text: string;
  /** The same template in ARM JSON (the text itself for ARM). */
  armText: string;
  /** How many units the shape repeats (stacks, spokes). */
  units: number;
  /** Offset of a character inside a rule's description near the middle: where the one-character edits go. */
  editOffset: number;
}

/** The smallest many-small-stacks file of at least `targetBytes`. */
export function generateManySmall(targetBytes: number, language: 'arm' | 'bicep'): GeneratedShape {
  const render = language === 'arm' ? manySmallArm : manySmallBicep;
  const { text, units } = sizeToTarget((n) => render(n), targetBytes, 0);
  const marker = language === 'arm' ? '"description":"Spoke ' : "description: 'Spoke ";
  const at = text.indexOf(marker, Math.floor(text.length / 2));
  const editOffset = text.indexOf('Spoke ', at) + 'Spoke '.length;
  return { text, armText: language === 'arm' ? text : manySmallArm(units), units, editOffset };
}

/** An address written as text, or (`ref:` prefix) the stack's ASE subnet prefix by name. */
type Address = string;

interface RuleSpec {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access?: 'Allow' | 'Deny';
  protocol?: string;
  description?: string;
  source?: Address;
  sources?: Address[];
  destination?: Address;
  port?: string;
  ports?: string[];
}

const SUBNET: Address = 'ref:subnet';

/** Octets of stack `u` (as armTemplate.ts: unique for up to 240 × 16 stacks). */
function octets(u: number): { a: number; b: number } {
  return { a: 10 + (u % 240), b: Math.floor(u / 240) * 16 };
}

function rules(u: number): RuleSpec[] {
  const broken = u % 5 === 4;
  const out: RuleSpec[] = [
    { name: 'AllowAppServiceManagement', priority: 100, direction: 'Inbound', source: 'AppServiceManagement', port: '454-455' },
    { name: 'AllowLoadBalancer', priority: 110, direction: 'Inbound', protocol: '*', source: 'AzureLoadBalancer', port: '*' },
    { name: 'AllowSubnetInbound', priority: 120, direction: 'Inbound', protocol: '*', source: SUBNET, destination: SUBNET, port: '*' },
    { name: 'AllowStorage', priority: 100, direction: 'Outbound', destination: 'Storage', ports: ['80', '443'] },
    { name: 'AllowSql', priority: broken ? 4000 : 110, direction: 'Outbound', destination: 'Sql', ports: ['1433', '11000-11999', '14000-14999'] },
    { name: 'AllowHttps', priority: 120, direction: 'Outbound', destination: 'Internet', port: '443' },
    { name: 'AllowDns', priority: 130, direction: 'Outbound', protocol: '*', port: '53' },
    { name: 'AllowNtp', priority: 140, direction: 'Outbound', protocol: 'Udp', port: '123' },
    { name: 'AllowMonitoring', priority: 150, direction: 'Outbound', port: '12000' },
    { name: 'AllowSubnetOutbound', priority: 160, direction: 'Outbound', protocol: '*', source: SUBNET, destination: SUBNET, port: '*' },
  ];
  for (let i = 0; i < 30; i++) {
    const direction = i % 2 === 0 ? 'Inbound' : 'Outbound';
    const port = 8000 + ((i * 7) % 1000);
    const peer = `10.${(u + i) % 250}.${i % 250}.0/24`;
    const shape = i % 4;
    out.push({
      name: `App${direction}${i}`,
      priority: 200 + Math.floor(i / 2) * 10,
      direction,
      description: `Spoke ${u} flow ${i}`,
      protocol: i % 3 === 0 ? '*' : 'Tcp',
      source: direction === 'Inbound' ? peer : SUBNET,
      sources: shape === 1 ? [peer, `172.16.${i % 250}.0/24`, 'VirtualNetwork'] : undefined,
      destination: direction === 'Inbound' ? SUBNET : peer,
      port: `${port}`,
      ports: shape === 2 ? [`${port}`, `${port + 1}-${port + 9}`, '443'] : undefined,
      access: shape === 3 && i % 8 === 7 ? 'Deny' : 'Allow',
    });
  }
  if (broken) out.push({ name: 'DenySqlEarly', priority: 190, direction: 'Outbound', access: 'Deny', destination: 'Sql', port: '*' });
  out.push({ name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source: '*', port: '*' });
  return out;
}

function armRule(r: RuleSpec, subnet: string): string {
  const address = (a: Address) => (a === SUBNET ? subnet : a);
  const properties: Record<string, unknown> = {};
  if (r.description) properties.description = r.description;
  properties.priority = r.priority;
  properties.direction = r.direction;
  properties.access = r.access ?? 'Allow';
  properties.protocol = r.protocol ?? 'Tcp';
  if (r.sources) properties.sourceAddressPrefixes = r.sources.map(address);
  else properties.sourceAddressPrefix = address(r.source ?? '*');
  properties.sourcePortRange = '*';
  properties.destinationAddressPrefix = address(r.destination ?? '*');
  if (r.ports) properties.destinationPortRanges = r.ports;
  else properties.destinationPortRange = r.port;
  return JSON.stringify({ name: r.name, properties });
}

export function manySmallArm(stacks: number): string {
  const variables: Record<string, unknown> = { location: "[parameters('location')]" };
  const resources: unknown[] = [];
  const ruleLists: string[] = [];
  for (let u = 0; u < stacks; u++) {
    const { a, b } = octets(u);
    variables[`ase${u}Prefix`] = `10.${a}.${b}.0/24`;
    const nsgName = `[format('{0}-nsg-{1}', parameters('namePrefix'), ${u})]`;
    const rtName = `[format('{0}-rt-{1}', parameters('namePrefix'), ${u})]`;
    const vnetName = `[format('{0}-vnet-{1}', parameters('namePrefix'), ${u})]`;
    const nsgId = `[resourceId('Microsoft.Network/networkSecurityGroups', format('{0}-nsg-{1}', parameters('namePrefix'), ${u}))]`;
    const rtId = `[resourceId('Microsoft.Network/routeTables', format('{0}-rt-{1}', parameters('namePrefix'), ${u}))]`;
    const vnetId = `[resourceId('Microsoft.Network/virtualNetworks', format('{0}-vnet-{1}', parameters('namePrefix'), ${u}))]`;
    const subnet = `[variables('ase${u}Prefix')]`;
    ruleLists.push(`[\n${rules(u).map((r) => `            ${armRule(r, subnet)}`).join(',\n')}\n          ]`);
    resources.push(
      {
        type: 'Microsoft.Network/networkSecurityGroups',
        apiVersion: '2023-04-01',
        name: nsgName,
        location: "[variables('location')]",
        properties: { securityRules: `@@RULES${u}@@` },
      },
      {
        type: 'Microsoft.Network/routeTables',
        apiVersion: '2023-04-01',
        name: rtName,
        location: "[variables('location')]",
        properties: {
          disableBgpRoutePropagation: true,
          routes: [
            { name: 'internet', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } },
            { name: 'spokes', properties: { addressPrefix: '10.200.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: "[parameters('firewallIp')]" } },
            { name: 'onprem', properties: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: "[parameters('firewallIp')]" } },
          ],
        },
      },
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2023-04-01',
        name: vnetName,
        location: "[variables('location')]",
        dependsOn: [nsgId, rtId],
        properties: {
          addressSpace: { addressPrefixes: [`10.${a}.${b}.0/20`] },
          subnets: [
            { name: 'ase-subnet', properties: { addressPrefix: subnet, networkSecurityGroup: { id: nsgId }, routeTable: { id: rtId } } },
            { name: 'workload', properties: { addressPrefix: `10.${a}.${b + 1}.0/24` } },
          ],
        },
      },
      {
        type: 'Microsoft.Web/hostingEnvironments',
        apiVersion: '2019-08-01',
        name: `[format('{0}-ase-{1}', parameters('namePrefix'), ${u})]`,
        kind: 'ASEV2',
        location: "[variables('location')]",
        dependsOn: [vnetId],
        properties: {
          internalLoadBalancingMode: "[parameters('internalLoadBalancingMode')]",
          virtualNetwork: { id: `[resourceId('Microsoft.Network/virtualNetworks/subnets', format('{0}-vnet-{1}', parameters('namePrefix'), ${u}), 'ase-subnet')]` },
        },
      },
    );
  }
  const template = {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    metadata: { description: `Benchmark: ${stacks} small ASE stacks, ${RULES_PER_STACK} security rules per NSG.` },
    parameters: {
      location: { type: 'string', defaultValue: '[resourceGroup().location]' },
      namePrefix: { type: 'string', defaultValue: 'contoso', maxLength: 10 },
      firewallIp: { type: 'string', defaultValue: '10.255.0.4' },
      internalLoadBalancingMode: { type: 'string', defaultValue: 'None', allowedValues: ['None', 'Web, Publishing'] },
    },
    variables,
    resources,
    outputs: { stacks: { type: 'int', value: stacks } },
  };
  return JSON.stringify(template, null, 2).replace(/"@@RULES(\d+)@@"/g, (_, u: string) => ruleLists[Number(u)]);
}

function bicepString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function bicepRule(r: RuleSpec, subnet: string): string {
  const address = (a: Address) => (a === SUBNET ? subnet : bicepString(a));
  const p: string[] = [];
  if (r.description) p.push(`description: ${bicepString(r.description)}`);
  p.push(`priority: ${r.priority}`, `direction: '${r.direction}'`, `access: '${r.access ?? 'Allow'}'`, `protocol: '${r.protocol ?? 'Tcp'}'`);
  if (r.sources) p.push(`sourceAddressPrefixes: [${r.sources.map(address).join(', ')}]`);
  else p.push(`sourceAddressPrefix: ${address(r.source ?? '*')}`);
  p.push(`sourcePortRange: '*'`, `destinationAddressPrefix: ${address(r.destination ?? '*')}`);
  if (r.ports) p.push(`destinationPortRanges: [${r.ports.map(bicepString).join(', ')}]`);
  else p.push(`destinationPortRange: '${r.port}'`);
  return `{ name: '${r.name}', properties: { ${p.join(', ')} } }`;
}

export function manySmallBicep(stacks: number): string {
  const parts = [
    `metadata description = 'Benchmark: ${stacks} small ASE stacks, ${RULES_PER_STACK} security rules per NSG.'

param location string = resourceGroup().location

@maxLength(10)
param namePrefix string = 'contoso'

param firewallIp string = '10.255.0.4'

@allowed([
  'None'
  'Web, Publishing'
])
param internalLoadBalancingMode string = 'None'
`,
  ];
  for (let u = 0; u < stacks; u++) {
    const { a, b } = octets(u);
    const subnet = `ase${u}Prefix`;
    parts.push(`// ---- Stack ${u}: NSG, route table, VNet and ASE ----
var ase${u}Prefix = '10.${a}.${b}.0/24'

resource nsg${u} 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: '\${namePrefix}-nsg-${u}'
  location: location
  properties: {
    securityRules: [
${rules(u)
  .map((r) => `      ${bicepRule(r, subnet)}`)
  .join('\n')}
    ]
  }
}

resource rt${u} 'Microsoft.Network/routeTables@2023-04-01' = {
  name: '\${namePrefix}-rt-${u}'
  location: location
  properties: {
    disableBgpRoutePropagation: true
    routes: [
      { name: 'internet', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }
      { name: 'spokes', properties: { addressPrefix: '10.200.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: firewallIp } }
      { name: 'onprem', properties: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: firewallIp } }
    ]
  }
}

resource vnet${u} 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: '\${namePrefix}-vnet-${u}'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.${a}.${b}.0/20'
      ]
    }
    subnets: [
      {
        name: 'ase-subnet'
        properties: {
          addressPrefix: ase${u}Prefix
          networkSecurityGroup: {
            id: nsg${u}.id
          }
          routeTable: {
            id: rt${u}.id
          }
        }
      }
      {
        name: 'workload'
        properties: {
          addressPrefix: '10.${a}.${b + 1}.0/24'
        }
      }
    ]
  }

  resource aseSubnet 'subnets' existing = {
    name: 'ase-subnet'
  }
}

resource ase${u} 'Microsoft.Web/hostingEnvironments@2019-08-01' = {
  name: '\${namePrefix}-ase-${u}'
  kind: 'ASEV2'
  location: location
  properties: {
    internalLoadBalancingMode: internalLoadBalancingMode
    virtualNetwork: {
      id: vnet${u}::aseSubnet.id
    }
  }
}
`);
  }
  parts.push(`output stacks int = ${stacks}\n`);
  return parts.join('\n');
}
