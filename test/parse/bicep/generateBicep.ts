/**
 * Generates realistic Bicep of a given size for the parser benchmark and tests: a
 * header (scope, imports, types, functions, shared parameters) then one block per
 * spoke network: decorated parameters, a subnet plan built with a for-loop, an NSG with
 * the ASE's security rules, a VNet with looped subnets and a nested child, an ASE v3,
 * a registry module and outputs, with interpolated strings throughout.
 */
export function generateBicep(targetLength: number): string {
  const parts = [HEADER];
  let length = HEADER.length;
  for (let i = 0; length < targetLength; i++) {
    const block = spokeBlock(i);
    parts.push(block);
    length += block.length;
  }
  return parts.join('');
}

const HEADER = `targetScope = 'resourceGroup'

metadata description = 'Hub and spokes with App Service Environments v3 (generated)'

import { aseSettings, subnetPlan } from './types.bicep'
extension microsoftGraphV1

@description('Location of every resource.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {
  workload: 'ase'
  'cost-center': '1234'
}

@description('Deploy the App Service Environments.')
param deployAse bool = true

param enableTags bool = false

@export()
type ilbMode = 'None' | 'Web, Publishing'

type ruleSpec = {
  @description('Rule name.')
  name: string
  priority: int
  ports: string[]
  source: string?
}

func subnetName(spoke int, index int) string => 'snet-\${spoke}-\${index}'

var commonRules = [
  {
    name: 'AllowAppServiceManagement'
    priority: 100
    ports: [
      '454'
      '455'
    ]
    source: 'AppServiceManagement'
  }
  {
    name: 'AllowLoadBalancer'
    priority: 110
    ports: [
      '80'
    ]
    source: 'AzureLoadBalancer'
  }
]

`;

function spokeBlock(i: number): string {
  return `// ---- Spoke ${i}: network, NSG and App Service Environment ----
@description('Address space of spoke ${i}.')
@minLength(9)
@maxLength(18)
param spoke${i}AddressSpace string = '10.${i % 250}.0.0/16'

@allowed([
  'None'
  'Web, Publishing'
])
param spoke${i}IlbMode string = 'Web, Publishing'

@secure()
param spoke${i}Secret string?

var spoke${i}Subnets = [for j in range(0, 4): {
  name: subnetName(${i}, j)
  prefix: cidrSubnet(spoke${i}AddressSpace, 24, j)
  isAse: j == 0
}]

resource nsg${i} 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg-ase-${i}'
  location: location
  tags: enableTags ? union(tags, { spoke: '${i}' }) : {}
  properties: {
    securityRules: [
      {
        name: 'AllowAppServiceManagement'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'AppServiceManagement'
          sourcePortRange: '*'
          destinationAddressPrefix: 'VirtualNetwork'
          destinationPortRanges: [
            '454'
            '455'
          ]
        }
      }
      {
        name: 'AllowHttpsInbound'
        properties: {
          priority: 200
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: spoke${i}AddressSpace
          destinationPortRange: '443'
        }
      }
      {
        name: 'DenyAllInbound-\${location}'
        properties: {
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource vnet${i} 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-spoke-${i}'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        spoke${i}AddressSpace
      ]
    }
    subnets: [for (s, j) in spoke${i}Subnets: {
      name: s.name
      properties: {
        addressPrefix: s.prefix
        networkSecurityGroup: s.isAse ? { id: nsg${i}.id } : null
        delegations: s.isAse ? [
          {
            name: 'Microsoft.Web.hostingEnvironments'
            properties: {
              serviceName: 'Microsoft.Web/hostingEnvironments'
            }
          }
        ] : []
      }
    }]
  }

  resource aseSubnet 'subnets' existing = {
    name: subnetName(${i}, 0)
  }
}

resource ase${i} 'Microsoft.Web/hostingEnvironments@2022-03-01' = if (deployAse) {
  name: 'ase-${i}-\${uniqueString(resourceGroup().id, '${i}')}'
  location: location
  kind: 'ASEV3'
  properties: {
    virtualNetwork: {
      id: vnet${i}::aseSubnet.id
    }
    internalLoadBalancingMode: spoke${i}IlbMode
    zoneRedundant: ${i % 2 === 0}
    dedicatedHostCount: 0
    clusterSettings: [
      {
        name: 'DisableTls1.0'
        value: '1'
      }
    ]
  }
}

module dns${i} 'br/public:avm/res/network/private-dns-zone:0.7.0' = if (deployAse) {
  name: 'dns-${i}'
  params: {
    name: '\${ase${i}.name}.appserviceenvironment.net'
    virtualNetworkLinks: [
      {
        virtualNetworkResourceId: vnet${i}.id
        registrationEnabled: false
      }
    ]
    ...(enableTags ? { tags: tags } : {})
  }
}

output ase${i}Id string = ase${i}.?id ?? ''
output spoke${i}SubnetIds array = map(spoke${i}Subnets, s => '\${vnet${i}.id}/subnets/\${s.name}')

`;
}
