// Internal ASEv3 for the orders platform. Every outbound packet is forced through the
// network virtual appliance (0.0.0.0/0 -> VirtualAppliance), which ASEv3 supports. The
// NSG is generated from a rule list, and the subnet is a child resource of the VNet.
metadata description = 'ILB ASEv3 with forced tunnelling to a network virtual appliance'

@description('Region of every resource.')
param location string = resourceGroup().location

@allowed([
  'dev'
  'prod'
])
param environmentName string = 'prod'

@description('Private address of the network virtual appliance that inspects all egress.')
param applianceIp string = '10.60.0.68'

param vnetAddressSpace string = '10.61.0.0/16'

var aseName = 'ase-orders-${environmentName}'

// Order matters: Azure stops at the first rule that matches.
var inboundRules = [
  {
    name: 'AllowHttpsFromCorporate'
    priority: 200
    access: 'Allow'
    protocol: 'Tcp'
    source: '10.0.0.0/8'
    port: '443'
  }
  {
    name: 'DenyAllOtherInbound'
    priority: 1000
    access: 'Deny'
    protocol: '*'
    source: '*'
    port: '*'
  }
  {
    name: 'AllowLoadBalancerProbe'
    priority: 1100
    access: 'Allow'
    protocol: 'Tcp'
    source: 'AzureLoadBalancer'
    port: '80'
  }
]

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg-${aseName}'
  location: location
  properties: {
    securityRules: [for rule in inboundRules: {
      name: rule.name
      properties: {
        priority: rule.priority
        direction: 'Inbound'
        access: rule.access
        protocol: rule.protocol
        sourceAddressPrefix: rule.source
        sourcePortRange: '*'
        destinationAddressPrefix: '*'
        destinationPortRange: rule.port
      }
    }]
  }
}

resource routes 'Microsoft.Network/routeTables@2023-04-01' = {
  name: 'rt-${aseName}'
  location: location
  properties: {
    disableBgpRoutePropagation: true
    routes: [
      {
        name: 'everything-via-nva'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: applianceIp
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-orders-${environmentName}'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressSpace
      ]
    }
  }
}

resource aseSubnet 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {
  parent: vnet
  name: 'snet-ase'
  properties: {
    addressPrefix: '10.61.0.0/26'
    networkSecurityGroup: {
      id: nsg.id
    }
    routeTable: {
      id: routes.id
    }
  }
}

resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
  name: aseName
  location: location
  kind: 'ASEV3'
  properties: {
    virtualNetwork: {
      id: aseSubnet.id
    }
    internalLoadBalancingMode: 'Web, Publishing'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'asp-orders-${environmentName}'
  location: location
  sku: {
    name: 'I1v2'
    tier: 'IsolatedV2'
    capacity: 2
  }
  properties: {
    hostingEnvironmentProfile: {
      id: ase.id
    }
  }
}

resource api 'Microsoft.Web/sites@2023-01-01' = {
  name: 'orders-api-${environmentName}'
  location: location
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
  }
}
