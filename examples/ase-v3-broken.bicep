// An ASEv3 in Bicep with two mistakes: its subnet is not delegated to
// Microsoft.Web/hostingEnvironments, and its NSG denies everything inbound before the
// load balancer's health probe on TCP 80 is allowed.
param location string = resourceGroup().location
param aseName string = 'contoso-ase-v3'

@description('Address range of the ASE subnet: a /24 leaves room to scale.')
param subnetPrefix string = '10.30.1.0/24'

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: '${aseName}-nsg'
  location: location
  properties: {
    securityRules: [
      {
        name: 'AllowHttpsFromVnet'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '443'
        }
      }
      {
        name: 'DenyEverythingElse'
        properties: {
          priority: 4096
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

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: '${aseName}-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.30.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'ase'
        properties: {
          addressPrefix: subnetPrefix
          networkSecurityGroup: {
            id: nsg.id
          }
        }
      }
    ]
  }
}

resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
  name: aseName
  location: location
  kind: 'ASEV3'
  properties: {
    internalLoadBalancingMode: 'Web, Publishing'
    virtualNetwork: {
      id: '${vnet.id}/subnets/ase'
    }
  }
}
