// Internal ASEv2 for partner-facing APIs. The VNet resolves names through two DNS
// forwarders; to save a subnet, the first one was placed in the ASE subnet. The ASE
// domain copies the pattern of the External ASE it replaces.

param location string = 'swedencentral'

@secure()
param adminPassword string

var aseName = 'ase-partner-api'
var aseSubnetName = 'snet-ase'
var forwarders = [
  '10.90.1.250'
  '10.90.2.4'
]

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-partner'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.90.0.0/16'
      ]
    }
    dhcpOptions: {
      dnsServers: forwarders
    }
    subnets: [
      {
        name: aseSubnetName
        properties: {
          addressPrefix: '10.90.1.0/24'
        }
      }
      {
        name: 'snet-shared-services'
        properties: {
          addressPrefix: '10.90.2.0/24'
        }
      }
    ]
  }

  resource aseSubnet 'subnets' existing = {
    name: aseSubnetName
  }
}

resource ase 'Microsoft.Web/hostingEnvironments@2019-08-01' = {
  name: aseName
  location: location
  kind: 'ASEV2'
  properties: {
    internalLoadBalancingMode: 'Web, Publishing'
    dnsSuffix: '${aseName}.p.azurewebsites.net'
    virtualNetwork: {
      id: vnet::aseSubnet.id
    }
  }
}

resource forwarderNics 'Microsoft.Network/networkInterfaces@2023-04-01' = [for (ip, i) in forwarders: {
  name: 'nic-dns-${i + 1}'
  location: location
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          privateIPAllocationMethod: 'Static'
          privateIPAddress: ip
          subnet: {
            id: i == 0 ? vnet::aseSubnet.id : resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-shared-services')
          }
        }
      }
    ]
  }
}]

resource forwarderVms 'Microsoft.Compute/virtualMachines@2023-09-01' = [for (ip, i) in forwarders: {
  name: 'vm-dns-${i + 1}'
  location: location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_B2s'
    }
    osProfile: {
      computerName: 'dns${i + 1}'
      adminUsername: 'azureuser'
      adminPassword: adminPassword
    }
    storageProfile: {
      imageReference: {
        publisher: 'Canonical'
        offer: '0001-com-ubuntu-server-jammy'
        sku: '22_04-lts-gen2'
        version: 'latest'
      }
    }
    networkProfile: {
      networkInterfaces: [
        {
          id: forwarderNics[i].id
        }
      ]
    }
  }
}]
