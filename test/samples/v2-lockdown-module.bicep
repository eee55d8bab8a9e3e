// Internal ASEv2 for the claims system, built with the platform team's modules: the
// subnet gets the corporate baseline NSG (modules/nsg.bicep) and the central egress
// route table that sends everything to the firewall, and the VNet resolves names through
// the firewall's DNS proxy. All of that is right for VM subnets and breaks an ASEv2,
// which must reach its dependencies directly.

param location string = 'westeurope'

@description('Private address of the central egress firewall, which is also the DNS proxy.')
param firewallIp string = '10.80.0.4'

var aseName = 'ase-claims-internal'
var aseSubnetName = 'snet-ase'

module aseNsg 'modules/nsg.bicep' = {
  name: 'nsg-${aseName}'
  params: {
    name: 'nsg-${aseName}'
    location: location
    inboundAllows: [
      {
        name: 'Allow-Https-From-Vnet'
        priority: 200
        source: 'VirtualNetwork'
        port: '443'
      }
    ]
  }
}

resource egress 'Microsoft.Network/routeTables@2023-04-01' = {
  name: 'rt-central-egress'
  location: location
  properties: {
    disableBgpRoutePropagation: true
    routes: [
      {
        name: 'default-to-firewall'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: firewallIp
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-claims'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.81.0.0/16'
      ]
    }
    dhcpOptions: {
      dnsServers: [
        firewallIp
      ]
    }
    subnets: [
      {
        name: aseSubnetName
        properties: {
          addressPrefix: '10.81.0.0/24'
          networkSecurityGroup: {
            id: aseNsg.outputs.id
          }
          routeTable: {
            id: egress.id
          }
        }
      }
    ]
  }
}

resource ase 'Microsoft.Web/hostingEnvironments@2019-08-01' = {
  name: aseName
  location: location
  kind: 'ASEV2'
  properties: {
    virtualNetwork: {
      id: '${vnet.id}/subnets/${aseSubnetName}'
    }
    internalLoadBalancingMode: 'Web, Publishing'
  }
}
