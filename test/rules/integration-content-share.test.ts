// ASE713 integration-content-share: the content share goes through the VNet and the integration subnet's NSG blocks TCP 443 or 445 to Storage.
import { integrationContentShare } from '../../server/src/rules/integration-content-share';
import { dedent, ruleTester } from '../support/tester';

const ARM = dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "integration-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowSqlOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Sql",
                      "destinationPortRange": "1433"
                    }
                  },
                  {
                    "name": "DenyAllOutbound",
                    "properties": {
                      "priority": 4096,
                      "direction": "Outbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"
                      },
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "EP1" },
              "kind": "elastic",
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "kind": "functionapp",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "vnetContentShareEnabled": true
              }
            }
          ]
        }
      `;
const BICEP = dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'integration-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowSqlOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Sql'
                  destinationPortRange: '1433'
                }
              }
              {
                name: 'DenyAllOutbound'
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
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  networkSecurityGroup: { id: nsg.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'EP1' }
          kind: 'elastic'
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          kind: 'functionapp'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            vnetContentShareEnabled: true
          }
        }
      `;
const armShare = (value: string) => ARM.replace('"vnetContentShareEnabled": true', `"vnetContentShareEnabled": ${value}`);
const bicepShare = (value: string) => BICEP.replace('vnetContentShareEnabled: true', `vnetContentShareEnabled: ${value}`);
const withParam = (text: string, name: string, type: string) =>
  text.replace('"contentVersion": "1.0.0.0",', `"contentVersion": "1.0.0.0",\n  "parameters": { "${name}": { "type": "${type}" } },`);

/** A route table on the integration subnet that sends everything to a firewall. */
const armRouted = (text: string) =>
  text
    .replace(
      `"id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"\n              },`,
      `"id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"\n              },\n              "routeTable": {\n                "id": "[resourceId('Microsoft.Network/routeTables', 'app-routes')]"\n              },`,
    )
    .replace(
      '  "resources": [\n',
      `  "resources": [\n    {\n      "type": "Microsoft.Network/routeTables",\n      "apiVersion": "2023-04-01",\n      "name": "app-routes",\n      "location": "westeurope",\n      "properties": {\n        "routes": [ { "name": "to-firewall", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4" } } ]\n      }\n    },\n`,
    );
const bicepRouted = (text: string) =>
  text
    .replace('networkSecurityGroup: { id: nsg.id }', 'networkSecurityGroup: { id: nsg.id }\n          routeTable: { id: routes.id }')
    .replace(
      'resource vnet ',
      "resource routes 'Microsoft.Network/routeTables@2023-04-01' = {\n  name: 'app-routes'\n  location: 'westeurope'\n  properties: {\n    routes: [ { name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } } ]\n  }\n}\n\nresource vnet ",
    );
const armAllowed = ARM.replace('"destinationAddressPrefix": "Sql",\n              "destinationPortRange": "1433"', '"destinationAddressPrefix": "Storage",\n              "destinationPortRanges": [ "443", "445" ]');
const bicepAllowed = BICEP.replace("destinationAddressPrefix: 'Sql'\n          destinationPortRange: '1433'", "destinationAddressPrefix: 'Storage'\n          destinationPortRanges: [ '443', '445' ]");

ruleTester(integrationContentShare, {
  valid: [
    {
      name: "the NSG admits TCP 443 and 445 to Storage",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "integration-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowSqlOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Storage",
                      "destinationPortRanges": [ "443", "445" ]
                    }
                  },
                  {
                    "name": "DenyAllOutbound",
                    "properties": {
                      "priority": 4096,
                      "direction": "Outbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"
                      },
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "EP1" },
              "kind": "elastic",
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "kind": "functionapp",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "vnetContentShareEnabled": true
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'integration-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowSqlOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Storage'
                  destinationPortRanges: [ '443', '445' ]
                }
              }
              {
                name: 'DenyAllOutbound'
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
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  networkSecurityGroup: { id: nsg.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'EP1' }
          kind: 'elastic'
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          kind: 'functionapp'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            vnetContentShareEnabled: true
          }
        }
      `,
    },
    { name: 'admitted, with a route table that sends everything to a firewall', arm: armRouted(armAllowed), bicep: bicepRouted(bicepAllowed) },
    { name: 'the content share is reached over the internet (the default)', arm: armShare('false'), bicep: bicepShare('false') },
    {
      name: 'vnetContentShareEnabled from a parameter without a value: silent',
      arm: withParam(armShare(`"[parameters('share')]"`), 'share', 'bool'),
      bicep: `param share bool\n${bicepShare('share')}`,
    },
    {
      name: 'no NSG on the integration subnet',
      arm: ARM.replace(`"networkSecurityGroup": {\n                "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"\n              },\n`, ''),
      bicep: BICEP.replace('          networkSecurityGroup: { id: nsg.id }\n', ''),
    },
  ],
  invalid: [
    {
      name: "a function app reaches its content share through the VNet; the NSG denies everything outbound but SQL",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "integration-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowSqlOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Sql",
                      "destinationPortRange": "1433"
                    }
                  },
                  {
                    "name": "DenyAllOutbound",
                          //^^^^^^^^^^^^^^^^^ ASE713
                    "properties": {
                      "priority": 4096,
                      "direction": "Outbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"
                      },
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "EP1" },
              "kind": "elastic",
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "kind": "functionapp",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "vnetContentShareEnabled": true
              }
            }
          ]
        }
      `,
      messages: [
        "NSG 'integration-nsg' blocks TCP 443 and 445 to Storage (rule 'DenyAllOutbound', priority 4096, denies TCP 443): app 'orders' reaches its content share through the VNet and cannot mount it, so it does not start",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "integration-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowSqlOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Sql",
                      "destinationPortRange": "1433"
                    }
                  },
                  {
                    "name": "AllowStorageContentShare",
                    "properties": {
                      "priority": 4090,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Storage",
                      "destinationPortRanges": [
                        "443",
                        "445"
                      ]
                    }
                  },
                  {
                    "name": "DenyAllOutbound",
                          //^^^^^^^^^^^^^^^^^ ASE713
                    "properties": {
                      "priority": 4096,
                      "direction": "Outbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"
                      },
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "EP1" },
              "kind": "elastic",
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "kind": "functionapp",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "vnetContentShareEnabled": true
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'integration-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowSqlOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Sql'
                  destinationPortRange: '1433'
                }
              }
              {
                name: 'DenyAllOutbound'
                    //^^^^^^^^^^^^^^^^^ ASE713
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
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  networkSecurityGroup: { id: nsg.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'EP1' }
          kind: 'elastic'
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          kind: 'functionapp'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            vnetContentShareEnabled: true
          }
        }
      `,
      bicepOutput: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'integration-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowSqlOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Sql'
                  destinationPortRange: '1433'
                }
              }
              {
                name: 'AllowStorageContentShare'
                properties: {
                  priority: 4090
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Storage'
                  destinationPortRanges: [
                    '443'
                    '445'
                  ]
                }
              }
              {
                name: 'DenyAllOutbound'
                    //^^^^^^^^^^^^^^^^^ ASE713
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
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  networkSecurityGroup: { id: nsg.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'EP1' }
          kind: 'elastic'
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          kind: 'functionapp'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            vnetContentShareEnabled: true
          }
        }
      `,
    },
    {
      name: "API 2024-11-01: outboundVnetRouting.contentShareTraffic",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "integration-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowSqlOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Sql",
                      "destinationPortRange": "1433"
                    }
                  },
                  {
                    "name": "DenyAllOutbound",
                          //^^^^^^^^^^^^^^^^^ ASE713
                    "properties": {
                      "priority": 4096,
                      "direction": "Outbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"
                      },
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "EP1" },
              "kind": "elastic",
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2024-11-01",
              "name": "orders",
              "location": "westeurope",
              "kind": "functionapp",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "outboundVnetRouting": {
                  "contentShareTraffic": true
                }
              }
            }
          ]
        }
      `,
      messages: [
        "NSG 'integration-nsg' blocks TCP 443 and 445 to Storage (rule 'DenyAllOutbound', priority 4096, denies TCP 443): app 'orders' reaches its content share through the VNet and cannot mount it, so it does not start",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "integration-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowSqlOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Sql",
                      "destinationPortRange": "1433"
                    }
                  },
                  {
                    "name": "AllowStorageContentShare",
                    "properties": {
                      "priority": 4090,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Storage",
                      "destinationPortRanges": [
                        "443",
                        "445"
                      ]
                    }
                  },
                  {
                    "name": "DenyAllOutbound",
                          //^^^^^^^^^^^^^^^^^ ASE713
                    "properties": {
                      "priority": 4096,
                      "direction": "Outbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"
                      },
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "EP1" },
              "kind": "elastic",
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2024-11-01",
              "name": "orders",
              "location": "westeurope",
              "kind": "functionapp",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "outboundVnetRouting": {
                  "contentShareTraffic": true
                }
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'integration-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowSqlOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Sql'
                  destinationPortRange: '1433'
                }
              }
              {
                name: 'DenyAllOutbound'
                    //^^^^^^^^^^^^^^^^^ ASE713
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
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  networkSecurityGroup: { id: nsg.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'EP1' }
          kind: 'elastic'
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2024-11-01' = {
          name: 'orders'
          location: 'westeurope'
          kind: 'functionapp'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            outboundVnetRouting: {
              contentShareTraffic: true
            }
          }
        }
      `,
      bicepOutput: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'integration-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowSqlOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Sql'
                  destinationPortRange: '1433'
                }
              }
              {
                name: 'AllowStorageContentShare'
                properties: {
                  priority: 4090
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Storage'
                  destinationPortRanges: [
                    '443'
                    '445'
                  ]
                }
              }
              {
                name: 'DenyAllOutbound'
                    //^^^^^^^^^^^^^^^^^ ASE713
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
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  networkSecurityGroup: { id: nsg.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'EP1' }
          kind: 'elastic'
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2024-11-01' = {
          name: 'orders'
          location: 'westeurope'
          kind: 'functionapp'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            outboundVnetRouting: {
              contentShareTraffic: true
            }
          }
        }
      `,
    },
    {
      name: "the older app setting WEBSITE_CONTENTOVERVNET",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "integration-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowSqlOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Sql",
                      "destinationPortRange": "1433"
                    }
                  },
                  {
                    "name": "DenyAllOutbound",
                          //^^^^^^^^^^^^^^^^^ ASE713
                    "properties": {
                      "priority": 4096,
                      "direction": "Outbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"
                      },
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "EP1" },
              "kind": "elastic",
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "kind": "functionapp",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "siteConfig": {
                  "appSettings": [ { "name": "WEBSITE_CONTENTOVERVNET", "value": "1" } ]
                }
              }
            }
          ]
        }
      `,
      messages: [
        "NSG 'integration-nsg' blocks TCP 443 and 445 to Storage (rule 'DenyAllOutbound', priority 4096, denies TCP 443): app 'orders' reaches its content share through the VNet and cannot mount it, so it does not start",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "integration-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowSqlOutbound",
                    "properties": {
                      "priority": 100,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Sql",
                      "destinationPortRange": "1433"
                    }
                  },
                  {
                    "name": "AllowStorageContentShare",
                    "properties": {
                      "priority": 4090,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Storage",
                      "destinationPortRanges": [
                        "443",
                        "445"
                      ]
                    }
                  },
                  {
                    "name": "DenyAllOutbound",
                          //^^^^^^^^^^^^^^^^^ ASE713
                    "properties": {
                      "priority": 4096,
                      "direction": "Outbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"
                      },
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "EP1" },
              "kind": "elastic",
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "kind": "functionapp",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "siteConfig": {
                  "appSettings": [ { "name": "WEBSITE_CONTENTOVERVNET", "value": "1" } ]
                }
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'integration-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowSqlOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Sql'
                  destinationPortRange: '1433'
                }
              }
              {
                name: 'DenyAllOutbound'
                    //^^^^^^^^^^^^^^^^^ ASE713
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
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  networkSecurityGroup: { id: nsg.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'EP1' }
          kind: 'elastic'
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          kind: 'functionapp'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            siteConfig: {
              appSettings: [ { name: 'WEBSITE_CONTENTOVERVNET', value: '1' } ]
            }
          }
        }
      `,
      bicepOutput: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'integration-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowSqlOutbound'
                properties: {
                  priority: 100
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Sql'
                  destinationPortRange: '1433'
                }
              }
              {
                name: 'AllowStorageContentShare'
                properties: {
                  priority: 4090
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Storage'
                  destinationPortRanges: [
                    '443'
                    '445'
                  ]
                }
              }
              {
                name: 'DenyAllOutbound'
                    //^^^^^^^^^^^^^^^^^ ASE713
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
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  networkSecurityGroup: { id: nsg.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'EP1' }
          kind: 'elastic'
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          kind: 'functionapp'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            siteConfig: {
              appSettings: [ { name: 'WEBSITE_CONTENTOVERVNET', value: '1' } ]
            }
          }
        }
      `,
    },
  ],
});
