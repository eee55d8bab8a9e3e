/**
 * Generates large, realistic Bicep files for the benchmark: the same hub-and-spoke units
 * as armTemplate.ts, written the way Bicep is written. Each unit is an NSG with the
 * documented ASEv2 rules and hundreds of application rules, a route table with literal
 * routes and a loop of child routes (`parent:`), a VNet whose subnets join a literal ASE
 * subnet and a for-loop of application subnets, with the ASE subnet declared as a nested
 * `existing` child, an ASEv2, a plan and a loop of sites (with a property loop of app
 * settings); names come from parameters and variables through interpolation and
 * `format()`, and resources refer to each other symbolically (`nsg0.id`,
 * `vnet0::aseSubnet.id`). Every fifth unit breaks the same dependency as its ARM twin.
 *
 * `armTemplate(units, rulesPerNsg)` is the same template in ARM JSON: the benchmark
 * compares each Bicep figure with `JSON.parse` of that text.
 */
import { armTemplate, sizeToTarget } from './armTemplate';

export interface GeneratedBicep {
  text: string;
  units: number;
  rulesPerNsg: number;
  /** The same template in ARM JSON (larger: JSON spells out what Bicep infers). */
  armText: string;
  /** Offset of one character inside a rule description near the middle: the spot the one-character edits change. */
  editOffset: number;
}

/** The smallest file of at least `targetBytes`, with as many rules per NSG as fit (at most `maxRules`). */
export function generateBicepTemplate(targetBytes: number, maxRules = 240): GeneratedBicep {
  const { text, units, rules } = sizeToTarget(bicepTemplate, targetBytes, maxRules);
  const marker = text.indexOf("description: 'Spoke ", Math.floor(text.length / 2));
  const editOffset = text.indexOf('Spoke ', marker) + 'Spoke '.length;
  return { text, units, rulesPerNsg: rules, armText: armTemplate(units, rules), editOffset };
}

export function bicepTemplate(units: number, rulesPerNsg: number): string {
  const parts = [header(units, rulesPerNsg)];
  for (let u = 0; u < units; u++) parts.push(unit(u, rulesPerNsg));
  parts.push(`output spokes int = ${units}\n`);
  return parts.join('\n');
}

function header(units: number, rulesPerNsg: number): string {
  return `metadata description = 'Benchmark: ${units} ASE spokes, ${rulesPerNsg} security rules per NSG.'

@description('Location of every resource.')
param location string = resourceGroup().location

@description('Prefix of every name.')
@maxLength(10)
param namePrefix string = 'contoso'

@minValue(0)
@maxValue(20)
param sitesPerPlan int = 3

@description('The firewall that on-premises traffic goes through.')
param firewallIp string = '10.255.0.4'

@allowed([
  'None'
  'Web, Publishing'
])
param internalLoadBalancingMode string = 'None'

var onPremPrefixes = [for i in range(0, 12): format('192.168.{0}.0/24', i)]
`;
}

/** Second and third octets for unit `u`: unique for up to 256 × 16 units (as in armTemplate.ts). */
function octets(u: number): { a: number; b: number } {
  return { a: 10 + (u % 240), b: Math.floor(u / 240) * 16 };
}

interface RuleSpec {
  description?: string;
  access?: string;
  protocol?: string;
  source?: string;
  sources?: string[];
  destination?: string;
  port?: string;
  ports?: string[];
}

/** A Bicep string literal, or an identifier when the value is a symbol (`ref:` prefix). */
function expr(v: string): string {
  return v.startsWith('ref:') ? v.slice(4) : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function list(items: string[], indent: string): string {
  return `[\n${items.map((i) => `${indent}  ${expr(i)}`).join('\n')}\n${indent}]`;
}

function rule(name: string, priority: number, direction: 'Inbound' | 'Outbound', p: RuleSpec): string {
  const i = '          ';
  const lines = [`${i}name: '${name}'`, `${i}properties: {`];
  if (p.description) lines.push(`${i}  description: '${p.description}'`);
  lines.push(`${i}  priority: ${priority}`, `${i}  direction: '${direction}'`, `${i}  access: '${p.access ?? 'Allow'}'`, `${i}  protocol: '${p.protocol ?? 'Tcp'}'`);
  if (p.sources) lines.push(`${i}  sourceAddressPrefixes: ${list(p.sources, `${i}  `)}`);
  else lines.push(`${i}  sourceAddressPrefix: ${expr(p.source ?? '*')}`);
  lines.push(`${i}  sourcePortRange: '*'`, `${i}  destinationAddressPrefix: ${expr(p.destination ?? '*')}`);
  if (p.ports) lines.push(`${i}  destinationPortRanges: ${list(p.ports, `${i}  `)}`);
  else lines.push(`${i}  destinationPortRange: '${p.port}'`);
  lines.push(`${i}}`);
  return `        {\n${lines.join('\n')}\n        }`;
}

function nsgRules(u: number, count: number): string[] {
  const subnet = `ref:ase${u}SubnetPrefix`;
  const broken = u % 5 === 4;
  const rules = [
    rule('AllowAppServiceManagement', 100, 'Inbound', { source: 'AppServiceManagement', port: '454-455' }),
    rule('AllowLoadBalancer', 110, 'Inbound', { protocol: '*', source: 'AzureLoadBalancer', port: '*' }),
    rule('AllowSubnetInbound', 120, 'Inbound', { protocol: '*', source: subnet, destination: subnet, port: '*' }),
    rule('AllowStorage', 100, 'Outbound', { destination: 'Storage', ports: ['80', '443'] }),
    rule('AllowSql', broken ? 4000 : 110, 'Outbound', { destination: 'Sql', ports: ['1433', '11000-11999', '14000-14999'] }),
    rule('AllowHttps', 120, 'Outbound', { destination: 'Internet', port: '443' }),
    rule('AllowDns', 130, 'Outbound', { protocol: '*', destination: '*', port: '53' }),
    rule('AllowNtp', 140, 'Outbound', { protocol: 'Udp', destination: '*', port: '123' }),
    rule('AllowMonitoring', 150, 'Outbound', { destination: '*', port: '12000' }),
    rule('AllowSubnetOutbound', 160, 'Outbound', { protocol: '*', source: subnet, destination: subnet, port: '*' }),
  ];
  for (let i = 0; i < count; i++) {
    const direction = i % 2 === 0 ? 'Inbound' : 'Outbound';
    const priority = 200 + Math.floor(i / 2) * 10;
    const port = 8000 + ((i * 7) % 1000);
    const spoke = `10.${(u + i) % 250}.${i % 250}.0/24`;
    const shape = i % 4;
    rules.push(
      rule(`App${direction}${i}`, priority, direction, {
        description: `Spoke ${u} application flow ${i}`,
        protocol: i % 3 === 0 ? '*' : 'Tcp',
        source: direction === 'Inbound' ? spoke : subnet,
        sources: shape === 1 ? [spoke, `172.16.${i % 250}.0/24`, 'VirtualNetwork'] : undefined,
        destination: direction === 'Inbound' ? subnet : spoke,
        port: `${port}`,
        ports: shape === 2 ? [`${port}`, `${port + 1}-${port + 9}`, '443'] : undefined,
        access: shape === 3 && i % 8 === 7 ? 'Deny' : 'Allow',
      }),
    );
  }
  if (broken) rules.push(rule('DenySqlEarly', 190, 'Outbound', { access: 'Deny', destination: 'Sql', port: '*' }));
  rules.push(rule('DenyAllInbound', 4096, 'Inbound', { access: 'Deny', protocol: '*', source: '*', port: '*' }));
  return rules;
}

function unit(u: number, rulesPerNsg: number): string {
  const { a, b } = octets(u);
  const routes = Array.from(
    { length: 24 },
    (_, i) => `      {
        name: 'spoke-${i}'
        properties: {
          addressPrefix: '10.${200 + (i % 50)}.${i}.0/24'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: firewallIp
        }
      }`,
  );
  return `// ---- Spoke ${u}: NSG, route table, VNet, ASE, plan and sites ----
var vnet${u}Name = format('{0}-vnet-{1}', namePrefix, ${u})
var nsg${u}Name = '\${namePrefix}-ase-nsg-${u}'
var rt${u}Name = '\${namePrefix}-ase-rt-${u}'
var ase${u}Name = toLower('\${namePrefix}-ase-${u}')
var ase${u}SubnetName = 'ase-subnet'
var ase${u}SubnetPrefix = '10.${a}.${b}.0/24'
var vnet${u}Prefix = '10.${a}.${b}.0/20'
var vnet${u}AppSubnets = [for i in range(0, 6): {
  name: 'app-\${i}'
  properties: {
    addressPrefix: '10.${a}.\${${b} + 1 + i}.0/24'
    serviceEndpoints: [
      {
        service: 'Microsoft.Storage'
      }
      {
        service: 'Microsoft.Sql'
      }
    ]
  }
}]

resource nsg${u} 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: nsg${u}Name
  location: location
  properties: {
    securityRules: [
${nsgRules(u, rulesPerNsg).join('\n')}
    ]
  }
}

resource rt${u} 'Microsoft.Network/routeTables@2023-04-01' = {
  name: rt${u}Name
  location: location
  properties: {
    disableBgpRoutePropagation: false
    routes: [
${routes.join('\n')}
      {
        name: 'internet'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'Internet'
        }
      }
    ]
  }
}

resource rt${u}OnPrem 'Microsoft.Network/routeTables/routes@2023-04-01' = [for (prefix, i) in onPremPrefixes: {
  parent: rt${u}
  name: 'onprem-\${i}'
  properties: {
    addressPrefix: prefix
    nextHopType: 'VirtualAppliance'
    nextHopIpAddress: firewallIp
  }
}]

resource vnet${u} 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: vnet${u}Name
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnet${u}Prefix
      ]
    }
    subnets: concat([
      {
        name: ase${u}SubnetName
        properties: {
          addressPrefix: ase${u}SubnetPrefix
          networkSecurityGroup: {
            id: nsg${u}.id
          }
          routeTable: {
            id: rt${u}.id
          }
        }
      }
    ], vnet${u}AppSubnets)
  }

  resource aseSubnet 'subnets' existing = {
    name: ase${u}SubnetName
  }
}

resource ase${u} 'Microsoft.Web/hostingEnvironments@2019-08-01' = {
  name: ase${u}Name
  kind: 'ASEV2'
  location: location
  properties: {
    internalLoadBalancingMode: internalLoadBalancingMode
    virtualNetwork: {
      id: vnet${u}::aseSubnet.id
    }
  }
}

resource plan${u} 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: format('{0}-plan-{1}', namePrefix, ${u})
  location: location
  sku: {
    name: 'I1'
    tier: 'Isolated'
    capacity: 1
  }
  properties: {
    hostingEnvironmentProfile: {
      id: ase${u}.id
    }
  }
}

resource sites${u} 'Microsoft.Web/sites@2022-09-01' = [for i in range(0, sitesPerPlan): {
  name: '\${namePrefix}-app-${u}-\${i}'
  location: location
  properties: {
    serverFarmId: plan${u}.id
    hostingEnvironmentProfile: {
      id: ase${u}.id
    }
    httpsOnly: true
    siteConfig: {
      alwaysOn: true
      minTlsVersion: '1.2'
      appSettings: [for j in range(0, 4): {
        name: 'SETTING_\${j}'
        value: '${u}'
      }]
    }
  }
}]
`;
}
