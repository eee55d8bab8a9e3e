// External ASEv3 for public marketing sites, done by the book: a delegated /24, an NSG
// that admits web traffic and the load balancer's probe, and apps on an Isolated v2
// plan with SNI certificates. Nothing here should be reported. The environment name
// comes from clean-v3-external.bicepparam.

@description('Environment name, from the parameters file.')
param environment string

param location string = 'francecentral'

@description('Address space of the spoke.')
param addressSpace string = '10.130.0.0/22'

var aseName = 'ase-marketing-${environment}'
var sites = [
  {
    name: 'www-${environment}'
    hostName: 'www.fabrikam-events.com'
  }
  {
    name: 'events-${environment}'
    hostName: 'events.fabrikam-events.com'
  }
]

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg-${aseName}'
  location: location
  properties: {
    securityRules: [
      {
        name: 'AllowWebFromInternet'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRanges: [
            '80'
            '443'
          ]
        }
      }
      {
        name: 'AllowLoadBalancerProbe'
        properties: {
          priority: 110
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'AzureLoadBalancer'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '80'
        }
      }
      {
        name: 'DenyAllOtherInbound'
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

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-marketing-${environment}'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressSpace
      ]
    }
    subnets: [
      {
        name: 'snet-ase'
        properties: {
          addressPrefix: cidrSubnet(addressSpace, 24, 0)
          networkSecurityGroup: {
            id: nsg.id
          }
          delegations: [
            {
              name: 'Microsoft.Web.hostingEnvironments'
              properties: {
                serviceName: 'Microsoft.Web/hostingEnvironments'
              }
            }
          ]
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
    virtualNetwork: {
      id: '${vnet.id}/subnets/snet-ase'
    }
    internalLoadBalancingMode: 'None'
    zoneRedundant: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'asp-marketing-${environment}'
  location: location
  sku: {
    name: 'I1v2'
    tier: 'IsolatedV2'
    capacity: 3
  }
  properties: {
    hostingEnvironmentProfile: {
      id: ase.id
    }
  }
}

resource apps 'Microsoft.Web/sites@2023-01-01' = [for site in sites: {
  name: site.name
  location: location
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    hostNameSslStates: [
      {
        name: site.hostName
        sslState: 'SniEnabled'
        hostType: 'Standard'
      }
    ]
  }
}]
