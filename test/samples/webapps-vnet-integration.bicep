// Multi-tenant web apps of the customer portal, connected to the company VNet with
// regional VNet Integration. Grew over a few sprints: each team added its app and
// picked a subnet.

param location string = 'northeurope'

@description('The App Service Environment that still hosts the legacy API.')
param legacyAseId string = resourceId('rg-legacy', 'Microsoft.Web/hostingEnvironments', 'ase-legacy')

var portalApps = [
  'portal'
  'portal-api'
]

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-portal'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.60.0.0/16'
      ]
    }
  }

  resource integration 'subnets' = {
    name: 'snet-integration'
    properties: {
      addressPrefix: '10.60.1.0/27'
      delegations: [
        {
          name: 'serverFarms'
          properties: {
            serviceName: 'Microsoft.Web/serverFarms'
          }
        }
      ]
    }
  }

  resource jobsIntegration 'subnets' = {
    name: 'snet-integration-jobs'
    properties: {
      addressPrefix: '10.60.2.0/28'
    }
    dependsOn: [
      integration
    ]
  }

  resource endpoints 'subnets' = {
    name: 'snet-private-endpoints'
    properties: {
      addressPrefix: '10.60.3.0/27'
    }
    dependsOn: [
      jobsIntegration
    ]
  }
}

resource portalPlan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'asp-portal'
  location: location
  sku: {
    name: 'P1v3'
    capacity: 3
  }
}

resource portal 'Microsoft.Web/sites@2023-01-01' = [for app in portalApps: {
  name: app
  location: location
  properties: {
    serverFarmId: portalPlan.id
    virtualNetworkSubnetId: vnet::integration.id
    vnetRouteAllEnabled: true
    httpsOnly: true
  }
}]

// The batch jobs scale out at night.
resource jobsPlan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'asp-jobs'
  location: location
  sku: {
    name: 'S2'
    capacity: 20
  }
}

resource jobs 'Microsoft.Web/sites@2023-01-01' = {
  name: 'portal-jobs'
  location: location
  properties: {
    serverFarmId: jobsPlan.id
    virtualNetworkSubnetId: vnet::jobsIntegration.id
  }
}

// A status page on the free tier, added to the same subnet as the portal.
resource statusPlan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'asp-status'
  location: location
  sku: {
    name: 'F1'
  }
}

resource status 'Microsoft.Web/sites@2023-01-01' = {
  name: 'portal-status'
  location: location
  properties: {
    serverFarmId: statusPlan.id
    virtualNetworkSubnetId: vnet::integration.id
  }
}

// The reporting team deploys to West Europe, where their data lives.
resource reportingPlan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'asp-reporting'
  location: 'westeurope'
  sku: {
    name: 'P1v3'
  }
}

resource reporting 'Microsoft.Web/sites@2023-01-01' = {
  name: 'portal-reporting'
  location: 'westeurope'
  properties: {
    serverFarmId: reportingPlan.id
    virtualNetworkSubnetId: vnet::integration.id
  }
}

// Still on the ASE; someone copied the VNet Integration setting from the other apps.
resource legacyPlan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'asp-legacy'
  location: location
  sku: {
    name: 'I1v2'
    tier: 'IsolatedV2'
  }
  properties: {
    hostingEnvironmentProfile: {
      id: legacyAseId
    }
  }
}

resource legacy 'Microsoft.Web/sites@2023-01-01' = {
  name: 'portal-legacy-api'
  location: location
  properties: {
    serverFarmId: legacyPlan.id
    virtualNetworkSubnetId: vnet::integration.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stportaldocs'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

// Meant for snet-private-endpoints; the wrong symbol was picked.
resource storageEndpoint 'Microsoft.Network/privateEndpoints@2023-04-01' = {
  name: 'pe-stportaldocs-blob'
  location: location
  properties: {
    subnet: {
      id: vnet::integration.id
    }
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: storage.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}
