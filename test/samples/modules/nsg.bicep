// The corporate baseline NSG that every workload subnet gets: only the inbound rules a
// workload asks for, HTTPS out to Azure, and everything else denied both ways. Right for
// VM subnets; an ASEv1/v2 subnet needs far more (see v2-lockdown-module.bicep).

@description('Name of the network security group.')
param name string

param location string = resourceGroup().location

@description('Inbound allow rules the workload needs: name, priority, source and destination port.')
param inboundAllows array = []

var workloadRules = [for rule in inboundAllows: {
  name: rule.name
  properties: {
    priority: rule.priority
    direction: 'Inbound'
    access: 'Allow'
    protocol: 'Tcp'
    sourceAddressPrefix: rule.source
    sourcePortRange: '*'
    destinationAddressPrefix: '*'
    destinationPortRange: rule.port
  }
}]

var baselineRules = [
  {
    name: 'Baseline-DenyAllInbound'
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
  {
    name: 'Baseline-AllowHttpsToAzure'
    properties: {
      priority: 100
      direction: 'Outbound'
      access: 'Allow'
      protocol: 'Tcp'
      sourceAddressPrefix: '*'
      sourcePortRange: '*'
      destinationAddressPrefix: 'AzureCloud'
      destinationPortRange: '443'
    }
  }
  {
    name: 'Baseline-DenyAllOutbound'
    properties: {
      priority: 4096
      direction: 'Outbound'
      access: 'Deny'
      protocol: '*'
      sourceAddressPrefix: '*'
      sourcePortRange: '*'
      destinationAddressPrefix: '*'
      destinationPortRange: '*'
    }
  }
]

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: name
  location: location
  properties: {
    securityRules: concat(workloadRules, baselineRules)
  }
}

output id string = nsg.id
output name string = nsg.name
