// ASE712 integration-routing-ineffective: a route table or outbound NSG rules on the integration subnet, and the app routes only private traffic there.
import { integrationRoutingIneffective } from '../../server/src/rules/integration-routing-ineffective';
import { dedent, ruleTester } from '../support/tester';
import { markFirst } from '../support/templates';
import { annotate } from '../support/bicepTwins';

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
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"
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
          sku: { name: 'S1' }
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
            serverFarmId: appPlan.id
          }
        }
      `;
/** The app's properties with `more` after the integration subnet (ARM lines of 8 spaces, Bicep lines of 4). */
const armApp = (more: string, apiVersion = '2022-03-01') =>
  ARM.replace(`'app-plan')]"\n`, `'app-plan')]",\n${more}\n`).replace('"apiVersion": "2022-03-01",\n      "name": "orders"', `"apiVersion": "${apiVersion}",\n      "name": "orders"`);
const bicepApp = (more: string, apiVersion = '2022-03-01') =>
  BICEP.replace('serverFarmId: appPlan.id\n', `serverFarmId: appPlan.id\n${more}\n`).replace('Microsoft.Web/sites@2022-03-01', `Microsoft.Web/sites@${apiVersion}`);
const withParam = (text: string, name: string, type: string) =>
  text.replace('"contentVersion": "1.0.0.0",', `"contentVersion": "1.0.0.0",\n  "parameters": { "${name}": { "type": "${type}" } },`);

ruleTester(integrationRoutingIneffective, {
  valid: [
    { name: 'vnetRouteAllEnabled', arm: armApp('        "vnetRouteAllEnabled": true'), bicep: bicepApp('    vnetRouteAllEnabled: true') },
    {
      name: 'vnetRouteAllEnabled in siteConfig',
      arm: armApp('        "siteConfig": { "vnetRouteAllEnabled": true }'),
      bicep: bicepApp('    siteConfig: { vnetRouteAllEnabled: true }'),
    },
    {
      name: 'the app setting WEBSITE_VNET_ROUTE_ALL',
      arm: armApp('        "siteConfig": { "appSettings": [ { "name": "WEBSITE_VNET_ROUTE_ALL", "value": "1" } ] }'),
      bicep: bicepApp("    siteConfig: { appSettings: [ { name: 'WEBSITE_VNET_ROUTE_ALL', value: '1' } ] }"),
    },
    {
      name: 'API 2024-11-01: outboundVnetRouting.allTraffic',
      arm: armApp('        "outboundVnetRouting": { "allTraffic": true }', '2024-11-01'),
      bicep: bicepApp('    outboundVnetRouting: { allTraffic: true }', '2024-11-01'),
    },
    {
      name: 'the routing from a parameter without a value: silent',
      arm: withParam(armApp(`        "vnetRouteAllEnabled": "[parameters('routeAll')]"`), 'routeAll', 'bool'),
      bicep: `param routeAll bool\n${bicepApp('    vnetRouteAllEnabled: routeAll')}`,
    },
    {
      name: 'no NSG and no route table on the integration subnet',
      arm: ARM.replace(`"networkSecurityGroup": {\n                "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"\n              },\n`, ''),
      bicep: BICEP.replace('          networkSecurityGroup: { id: nsg.id }\n', ''),
    },
    {
      name: 'an NSG with inbound rules only',
      arm: ARM.replace(/"Outbound"/g, '"Inbound"'),
      bicep: BICEP.replace(/'Outbound'/g, "'Inbound'"),
    },
  ],
  invalid: [
    {
      name: "an NSG with outbound rules on the integration subnet, and the app routes only private traffic",
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
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                                        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"
              }
            }
          ]
        }
      `,
      messages: [
        "App 'orders' sends only private traffic through its VNet Integration (vnetRouteAllEnabled is off): the outbound rules of NSG 'integration-nsg' on its subnet 'integration' do not apply to its traffic to the internet",
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
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                                        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "vnetRouteAllEnabled": true
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
          sku: { name: 'S1' }
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
                                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
            serverFarmId: appPlan.id
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
          sku: { name: 'S1' }
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
                                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
            serverFarmId: appPlan.id
            vnetRouteAllEnabled: true
          }
        }
      `,
    },
    {
      name: "API 2024-11-01: the fix sets outboundVnetRouting.applicationTraffic",
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
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2024-11-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                                        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"
              }
            }
          ]
        }
      `,
      messages: [
        "App 'orders' sends only private traffic through its VNet Integration (outboundVnetRouting.applicationTraffic is off): the outbound rules of NSG 'integration-nsg' on its subnet 'integration' do not apply to its traffic to the internet",
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
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2024-11-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                                        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "outboundVnetRouting": {
                  "applicationTraffic": true
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
          sku: { name: 'S1' }
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2024-11-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
                                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
            serverFarmId: appPlan.id
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
          sku: { name: 'S1' }
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2024-11-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
                                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
            serverFarmId: appPlan.id
            outboundVnetRouting: {
              applicationTraffic: true
            }
          }
        }
      `,
    },
    {
      name: "a route table that sends everything to a firewall, without an NSG",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-04-01",
              "name": "app-routes",
              "location": "westeurope",
              "properties": {
                "routes": [ { "name": "to-firewall", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4" } } ]
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
                      "routeTable": {
                        "id": "[resourceId('Microsoft.Network/routeTables', 'app-routes')]"
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
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                                        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"
              }
            }
          ]
        }
      `,
      messages: [
        "App 'orders' sends only private traffic through its VNet Integration (vnetRouteAllEnabled is off): the routes of route table 'app-routes' on its subnet 'integration' do not apply to its traffic to the internet",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-04-01",
              "name": "app-routes",
              "location": "westeurope",
              "properties": {
                "routes": [ { "name": "to-firewall", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4" } } ]
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
                      "routeTable": {
                        "id": "[resourceId('Microsoft.Network/routeTables', 'app-routes')]"
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
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]",
                                        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "vnetRouteAllEnabled": true
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource routes 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'app-routes'
          location: 'westeurope'
          properties: {
            routes: [ { name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } } ]
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
                  routeTable: { id: routes.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'S1' }
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
                                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
            serverFarmId: appPlan.id
          }
        }
      `,
      bicepOutput: dedent`
        resource routes 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'app-routes'
          location: 'westeurope'
          properties: {
            routes: [ { name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } } ]
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
                  routeTable: { id: routes.id }
                  delegations: [ { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } } ]
                }
              }
            ]
          }
        }

        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'S1' }
          properties: {}
        }

        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            virtualNetworkSubnetId: '\${vnet.id}/subnets/integration'
                                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE712
            serverFarmId: appPlan.id
            vnetRouteAllEnabled: true
          }
        }
      `,
    },
    {
      name: 'vnetRouteAllEnabled written false: reported, no fix (the value is the user\'s choice)',
      arm: markFirst(armApp('        "vnetRouteAllEnabled": false'), '"virtualNetworkSubnetId"', `"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"`, 'ASE712'),
      messages: [
        "App 'orders' sends only private traffic through its VNet Integration (vnetRouteAllEnabled is off): the outbound rules of NSG 'integration-nsg' on its subnet 'integration' do not apply to its traffic to the internet",
      ],
      output: null,
      bicep: annotate(bicepApp('    vnetRouteAllEnabled: false'), 'virtualNetworkSubnetId', "'${vnet.id}/subnets/integration'", 'ASE712'),
      bicepOutput: null,
    },
  ],
});
