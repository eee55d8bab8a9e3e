// Public storefront: an Application Gateway (WAF) in its own subnet publishes apps that
// run in an internal ASEv3. The gateway resolves the apps through a private DNS zone for
// the ASE's default domain; the apps call a SQL Server VM in a third subnet.

param location string = resourceGroup().location

@description('Address of the SQL Server VM the apps use.')
param sqlVmIp string = '10.120.2.10'

var aseName = 'ase-retail-prod'
var aseDomain = '${aseName}.appserviceenvironment.net'
var prefixes = {
  appGateway: '10.120.0.0/24'
  ase: '10.120.1.0/24'
  sql: '10.120.2.0/24'
}
var publishedApps = [
  'storefront'
  'checkout'
]

resource aseNsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg-${aseName}'
  location: location
  properties: {
    securityRules: [
      {
        name: 'AllowAppGatewayHttps'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: prefixes.appGateway
          sourcePortRange: '*'
          destinationAddressPrefix: prefixes.ase
          destinationPortRange: '443'
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
        name: 'DenyOtherInbound'
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

// Written when the ASE had two instances, both in the first quarter of its subnet.
resource sqlNsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg-sql'
  location: location
  properties: {
    securityRules: [
      {
        name: 'AllowSqlFromAse'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '10.120.1.0/26'
          sourcePortRange: '*'
          destinationAddressPrefix: sqlVmIp
          destinationPortRange: '1433'
        }
      }
      {
        name: 'DenyOtherInbound'
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
  name: 'vnet-retail'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.120.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'snet-appgw'
        properties: {
          addressPrefix: prefixes.appGateway
        }
      }
      {
        name: 'snet-ase'
        properties: {
          addressPrefix: prefixes.ase
          networkSecurityGroup: {
            id: aseNsg.id
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
      {
        name: 'snet-sql'
        properties: {
          addressPrefix: prefixes.sql
          networkSecurityGroup: {
            id: sqlNsg.id
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
    virtualNetwork: {
      id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-ase')
    }
    internalLoadBalancingMode: 'Web, Publishing'
  }
}

resource aseNetworking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' existing = {
  parent: ase
  name: 'networking'
}

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: aseDomain
  location: 'global'
}

resource zoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: zone
  name: 'link-retail'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

// The apps and their Kudu sites; the gateway's probes use the app names only.
resource records 'Microsoft.Network/privateDnsZones/A@2020-06-01' = [for name in ['*', '*.scm']: {
  parent: zone
  name: name
  properties: {
    ttl: 3600
    aRecords: [
      {
        ipv4Address: aseNetworking.properties.internalInboundIpAddresses[0]
      }
    ]
  }
}]

resource gatewayIp 'Microsoft.Network/publicIPAddresses@2023-04-01' = {
  name: 'pip-agw-retail'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource appGateway 'Microsoft.Network/applicationGateways@2023-04-01' = {
  name: 'agw-retail'
  location: location
  properties: {
    sku: {
      name: 'WAF_v2'
      tier: 'WAF_v2'
      capacity: 2
    }
    gatewayIPConfigurations: [
      {
        name: 'gateway'
        properties: {
          subnet: {
            id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'snet-appgw')
          }
        }
      }
    ]
    frontendIPConfigurations: [
      {
        name: 'public'
        properties: {
          publicIPAddress: {
            id: gatewayIp.id
          }
        }
      }
    ]
    frontendPorts: [
      {
        name: 'https'
        properties: {
          port: 443
        }
      }
    ]
    backendAddressPools: [for app in publishedApps: {
      name: app
      properties: {
        backendAddresses: [
          {
            fqdn: '${app}.${aseDomain}'
          }
        ]
      }
    }]
    backendHttpSettingsCollection: [
      {
        name: 'ase-https'
        properties: {
          port: 443
          protocol: 'Https'
          pickHostNameFromBackendAddress: true
        }
      }
    ]
  }
  dependsOn: [
    zoneLink
  ]
}
