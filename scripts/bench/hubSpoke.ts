/**
 * Generates the "hub and spoke" shape: one ILB ASEv3 in a hub VNet (with its NSG, route
 * table, a plan and two apps), and spokes that hold the back ends the apps call, each
 * spoke a VNet of six subnets with an NSG of its own on every subnet, a route table
 * through the hub's firewall, and peerings both ways. A megabyte holds some forty spokes:
 * hundreds of subnets and NSGs, and one ASE. Every NSG admits the ASE subnet to its
 * back end; in every seventh only part of it (ASE801). `hubSpokeArm(n)` and
 * `hubSpokeBicep(n)` describe the same resources.
 */
import { sizeToTarget } from './armTemplate';
import type { GeneratedShape } from './manySmall';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const SUBNETS_PER_SPOKE = 6;
const ASE_SUBNET = '10.0.1.0/24';

/** The smallest hub-and-spoke file of at least `targetBytes`. */
export function generateHubSpoke(targetBytes: number, language: 'arm' | 'bicep'): GeneratedShape {
  const render = language === 'arm' ? hubSpokeArm : hubSpokeBicep;
  const { text, units } = sizeToTarget((n) => render(n), targetBytes, 0);
  const marker = language === 'arm' ? '"description": "Spoke ' : "description: 'Spoke ";
  const at = text.indexOf(marker, Math.floor(text.length / 2));
  const editOffset = text.indexOf('Spoke ', at) + 'Spoke '.length;
  return { text, armText: language === 'arm' ? text : hubSpokeArm(units), units, editOffset };
}

/** Spoke `s`'s VNet is 172.x.y.0/20 and its subnet `k` the k-th /24 in it (up to 256 spokes). */
function spokeOctets(s: number): { x: number; y: number } {
  return { x: 16 + (s >> 4), y: (s & 15) * 16 };
}

interface RuleSpec {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: string;
  description: string;
  source: string;
  destination: string;
  port: string;
}

/** The rules of the NSG on spoke `s`'s subnet `k`, whose prefix is `prefix`. */
function spokeRules(s: number, k: number, prefix: string): RuleSpec[] {
  const n = s * SUBNETS_PER_SPOKE + k;
  // Every seventh NSG admits only the first quarter of the ASE subnet: some instances' calls are dropped (ASE801).
  const aseSource = n % 7 === 3 ? '10.0.1.0/26' : ASE_SUBNET;
  const where = `Spoke ${s} subnet ${k}`;
  return [
    { name: 'AllowAseHttps', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', description: `${where}: the ASE's apps call the API`, source: ASE_SUBNET, destination: prefix, port: '443' },
    { name: 'AllowAseSql', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', description: `${where}: the ASE's apps reach the database`, source: aseSource, destination: prefix, port: '1433' },
    { name: 'AllowSpokeInbound', priority: 120, direction: 'Inbound', access: 'Allow', protocol: '*', description: `${where}: traffic within the spoke`, source: `172.${spokeOctets(s).x}.${spokeOctets(s).y}.0/20`, destination: prefix, port: '*' },
    { name: 'AllowFirewallInbound', priority: 130, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', description: `${where}: management through the hub firewall`, source: '10.0.0.4', destination: prefix, port: '22' },
    { name: 'DenyInternetInbound', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', description: `${where}: nothing from the internet`, source: 'Internet', destination: '*', port: '*' },
    { name: 'AllowHttpsOutbound', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', description: `${where}: updates and APIs`, source: prefix, destination: 'Internet', port: '443' },
  ];
}

/** The hub ASE subnet's NSG: what an ASEv3 needs, then deny-all. */
const hubRules: RuleSpec[] = [
  { name: 'AllowLoadBalancer', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', description: 'Hub: the load balancer probes the ASE', source: 'AzureLoadBalancer', destination: '*', port: '80' },
  { name: 'AllowSubnetInbound', priority: 110, direction: 'Inbound', access: 'Allow', protocol: '*', description: 'Hub: the ASE talks to itself', source: ASE_SUBNET, destination: ASE_SUBNET, port: '*' },
  { name: 'AllowVnetHttps', priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', description: 'Hub: the spokes call the apps', source: 'VirtualNetwork', destination: ASE_SUBNET, port: '443' },
  { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', description: 'Hub: nothing else', source: '*', destination: '*', port: '*' },
];

function armRule(r: RuleSpec): unknown {
  return {
    name: r.name,
    properties: {
      description: r.description,
      priority: r.priority,
      direction: r.direction,
      access: r.access,
      protocol: r.protocol,
      sourceAddressPrefix: r.source,
      sourcePortRange: '*',
      destinationAddressPrefix: r.destination,
      destinationPortRange: r.port,
    },
  };
}

const NET = '2023-04-01';

export function hubSpokeArm(spokes: number): string {
  const id = (type: string, ...names: string[]) => `[resourceId('${type}', ${names.join(', ')})]`;
  const name = (suffix: string) => `format('{0}-${suffix}', parameters('namePrefix'))`;
  const resources: unknown[] = [
    { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: NET, name: `[${name('hub-ase-nsg')}]`, location: '[parameters(\'location\')]', properties: { securityRules: hubRules.map(armRule) } },
    {
      type: 'Microsoft.Network/routeTables',
      apiVersion: NET,
      name: `[${name('hub-ase-rt')}]`,
      location: "[parameters('location')]",
      properties: { routes: [{ name: 'onprem', properties: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }] },
    },
    {
      type: 'Microsoft.Network/virtualNetworks',
      apiVersion: NET,
      name: `[${name('hub-vnet')}]`,
      location: "[parameters('location')]",
      dependsOn: [id('Microsoft.Network/networkSecurityGroups', name('hub-ase-nsg')), id('Microsoft.Network/routeTables', name('hub-ase-rt'))],
      properties: {
        addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
        subnets: [
          { name: 'AzureFirewallSubnet', properties: { addressPrefix: '10.0.0.0/24' } },
          {
            name: 'ase-subnet',
            properties: {
              addressPrefix: ASE_SUBNET,
              networkSecurityGroup: { id: id('Microsoft.Network/networkSecurityGroups', name('hub-ase-nsg')) },
              routeTable: { id: id('Microsoft.Network/routeTables', name('hub-ase-rt')) },
              delegations: [{ name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } }],
            },
          },
        ],
      },
    },
    {
      type: 'Microsoft.Web/hostingEnvironments',
      apiVersion: '2022-03-01',
      name: `[${name('ase')}]`,
      kind: 'ASEV3',
      location: "[parameters('location')]",
      dependsOn: [id('Microsoft.Network/virtualNetworks', name('hub-vnet'))],
      properties: {
        internalLoadBalancingMode: 'Web, Publishing',
        virtualNetwork: { id: id('Microsoft.Network/virtualNetworks/subnets', name('hub-vnet'), "'ase-subnet'") },
      },
    },
    {
      type: 'Microsoft.Web/serverfarms',
      apiVersion: '2022-09-01',
      name: `[${name('plan')}]`,
      location: "[parameters('location')]",
      dependsOn: [id('Microsoft.Web/hostingEnvironments', name('ase'))],
      sku: { name: 'I1v2', tier: 'IsolatedV2', capacity: 1 },
      properties: { hostingEnvironmentProfile: { id: id('Microsoft.Web/hostingEnvironments', name('ase')) } },
    },
    ...['orders', 'billing'].map((app) => ({
      type: 'Microsoft.Web/sites',
      apiVersion: '2022-09-01',
      name: `[${name(app)}]`,
      location: "[parameters('location')]",
      dependsOn: [id('Microsoft.Web/serverfarms', name('plan'))],
      properties: { serverFarmId: id('Microsoft.Web/serverfarms', name('plan')), hostingEnvironmentProfile: { id: id('Microsoft.Web/hostingEnvironments', name('ase')) }, httpsOnly: true },
    })),
  ];
  for (let s = 0; s < spokes; s++) {
    const { x, y } = spokeOctets(s);
    const vnet = name(`spoke${s}-vnet`);
    const rt = name(`spoke${s}-rt`);
    const nsgs = Array.from({ length: SUBNETS_PER_SPOKE }, (_, k) => name(`spoke${s}-snet${k}-nsg`));
    nsgs.forEach((nsg, k) =>
      resources.push({
        type: 'Microsoft.Network/networkSecurityGroups',
        apiVersion: NET,
        name: `[${nsg}]`,
        location: "[parameters('location')]",
        properties: { securityRules: spokeRules(s, k, `172.${x}.${y + k}.0/24`).map(armRule) },
      }),
    );
    resources.push(
      {
        type: 'Microsoft.Network/routeTables',
        apiVersion: NET,
        name: `[${rt}]`,
        location: "[parameters('location')]",
        properties: { disableBgpRoutePropagation: true, routes: [{ name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }] },
      },
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: NET,
        name: `[${vnet}]`,
        location: "[parameters('location')]",
        dependsOn: [...nsgs.map((n) => id('Microsoft.Network/networkSecurityGroups', n)), id('Microsoft.Network/routeTables', rt)],
        properties: {
          addressSpace: { addressPrefixes: [`172.${x}.${y}.0/20`] },
          subnets: nsgs.map((nsg, k) => ({
            name: `snet${k}`,
            properties: {
              addressPrefix: `172.${x}.${y + k}.0/24`,
              networkSecurityGroup: { id: id('Microsoft.Network/networkSecurityGroups', nsg) },
              routeTable: { id: id('Microsoft.Network/routeTables', rt) },
            },
          })),
        },
        resources: [
          {
            type: 'virtualNetworkPeerings',
            apiVersion: NET,
            name: 'to-hub',
            dependsOn: [id('Microsoft.Network/virtualNetworks', vnet), id('Microsoft.Network/virtualNetworks', name('hub-vnet'))],
            properties: { remoteVirtualNetwork: { id: id('Microsoft.Network/virtualNetworks', name('hub-vnet')) }, allowForwardedTraffic: true, useRemoteGateways: false },
          },
        ],
      },
      {
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        apiVersion: NET,
        name: `[format('{0}/to-spoke${s}', ${name('hub-vnet')})]`,
        dependsOn: [id('Microsoft.Network/virtualNetworks', vnet), id('Microsoft.Network/virtualNetworks', name('hub-vnet'))],
        properties: { remoteVirtualNetwork: { id: id('Microsoft.Network/virtualNetworks', vnet) }, allowForwardedTraffic: true, allowGatewayTransit: false },
      },
    );
  }
  const template = {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    metadata: { description: `Benchmark: a hub with one ILB ASEv3 and ${spokes} spokes of ${SUBNETS_PER_SPOKE} subnets, each subnet with its own NSG.` },
    parameters: {
      location: { type: 'string', defaultValue: '[resourceGroup().location]' },
      namePrefix: { type: 'string', defaultValue: 'contoso', maxLength: 10 },
    },
    resources,
    outputs: { spokes: { type: 'int', value: spokes } },
  };
  return JSON.stringify(template, null, 2);
}

function bicepRules(rules: RuleSpec[], indent: string): string {
  return rules
    .map(
      (r) => `${indent}{
${indent}  name: '${r.name}'
${indent}  properties: {
${indent}    description: '${r.description.replace(/'/g, "\\'")}'
${indent}    priority: ${r.priority}
${indent}    direction: '${r.direction}'
${indent}    access: '${r.access}'
${indent}    protocol: '${r.protocol}'
${indent}    sourceAddressPrefix: '${r.source}'
${indent}    sourcePortRange: '*'
${indent}    destinationAddressPrefix: '${r.destination}'
${indent}    destinationPortRange: '${r.port}'
${indent}  }
${indent}}`,
    )
    .join('\n');
}

export function hubSpokeBicep(spokes: number): string {
  const parts = [
    `metadata description = 'Benchmark: a hub with one ILB ASEv3 and ${spokes} spokes of ${SUBNETS_PER_SPOKE} subnets, each subnet with its own NSG.'

param location string = resourceGroup().location

@maxLength(10)
param namePrefix string = 'contoso'

resource hubNsg 'Microsoft.Network/networkSecurityGroups@${NET}' = {
  name: '\${namePrefix}-hub-ase-nsg'
  location: location
  properties: {
    securityRules: [
${bicepRules(hubRules, '      ')}
    ]
  }
}

resource hubRt 'Microsoft.Network/routeTables@${NET}' = {
  name: '\${namePrefix}-hub-ase-rt'
  location: location
  properties: {
    routes: [
      {
        name: 'onprem'
        properties: {
          addressPrefix: '192.168.0.0/16'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.0.0.4'
        }
      }
    ]
  }
}

resource hub 'Microsoft.Network/virtualNetworks@${NET}' = {
  name: '\${namePrefix}-hub-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'AzureFirewallSubnet'
        properties: {
          addressPrefix: '10.0.0.0/24'
        }
      }
      {
        name: 'ase-subnet'
        properties: {
          addressPrefix: '${ASE_SUBNET}'
          networkSecurityGroup: {
            id: hubNsg.id
          }
          routeTable: {
            id: hubRt.id
          }
          delegations: [
            {
              name: 'ase'
              properties: {
                serviceName: 'Microsoft.Web/hostingEnvironments'
              }
            }
          ]
        }
      }
    ]
  }

  resource aseSubnet 'subnets' existing = {
    name: 'ase-subnet'
  }
}

resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
  name: '\${namePrefix}-ase'
  kind: 'ASEV3'
  location: location
  properties: {
    internalLoadBalancingMode: 'Web, Publishing'
    virtualNetwork: {
      id: hub::aseSubnet.id
    }
  }
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: '\${namePrefix}-plan'
  location: location
  sku: {
    name: 'I1v2'
    tier: 'IsolatedV2'
    capacity: 1
  }
  properties: {
    hostingEnvironmentProfile: {
      id: ase.id
    }
  }
}
${['orders', 'billing']
  .map(
    (app) => `
resource ${app} 'Microsoft.Web/sites@2022-09-01' = {
  name: '\${namePrefix}-${app}'
  location: location
  properties: {
    serverFarmId: plan.id
    hostingEnvironmentProfile: {
      id: ase.id
    }
    httpsOnly: true
  }
}
`,
  )
  .join('')}`,
  ];
  for (let s = 0; s < spokes; s++) {
    const { x, y } = spokeOctets(s);
    const nsgs = Array.from({ length: SUBNETS_PER_SPOKE }, (_, k) => `spoke${s}Snet${k}Nsg`);
    const lines: string[] = [`// ---- Spoke ${s}: ${SUBNETS_PER_SPOKE} subnets, each with its NSG, a route table and peerings with the hub ----`];
    nsgs.forEach((nsg, k) =>
      lines.push(`resource ${nsg} 'Microsoft.Network/networkSecurityGroups@${NET}' = {
  name: '\${namePrefix}-spoke${s}-snet${k}-nsg'
  location: location
  properties: {
    securityRules: [
${bicepRules(spokeRules(s, k, `172.${x}.${y + k}.0/24`), '      ')}
    ]
  }
}
`),
    );
    const subnets = nsgs
      .map(
        (nsg, k) => `      {
        name: 'snet${k}'
        properties: {
          addressPrefix: '172.${x}.${y + k}.0/24'
          networkSecurityGroup: {
            id: ${nsg}.id
          }
          routeTable: {
            id: spoke${s}Rt.id
          }
        }
      }`,
      )
      .join('\n');
    lines.push(`resource spoke${s}Rt 'Microsoft.Network/routeTables@${NET}' = {
  name: '\${namePrefix}-spoke${s}-rt'
  location: location
  properties: {
    disableBgpRoutePropagation: true
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.0.0.4'
        }
      }
    ]
  }
}

resource spoke${s} 'Microsoft.Network/virtualNetworks@${NET}' = {
  name: '\${namePrefix}-spoke${s}-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '172.${x}.${y}.0/20'
      ]
    }
    subnets: [
${subnets}
    ]
  }

  resource toHub 'virtualNetworkPeerings' = {
    name: 'to-hub'
    dependsOn: [
      hub
    ]
    properties: {
      remoteVirtualNetwork: {
        id: hub.id
      }
      allowForwardedTraffic: true
      useRemoteGateways: false
    }
  }
}

resource hubToSpoke${s} 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@${NET}' = {
  parent: hub
  name: 'to-spoke${s}'
  dependsOn: [
    spoke${s}
  ]
  properties: {
    remoteVirtualNetwork: {
      id: spoke${s}.id
    }
    allowForwardedTraffic: true
    allowGatewayTransit: false
  }
}
`);
    parts.push(lines.join('\n'));
  }
  parts.push(`output spokes int = ${spokes}\n`);
  return parts.join('\n');
}
