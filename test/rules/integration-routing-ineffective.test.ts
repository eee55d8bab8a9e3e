// ASE712 integration-routing-ineffective: a route table or outbound NSG rules on the integration subnet, and the app routes only private traffic there.
import { integrationRoutingIneffective } from '../../server/src/rules/integration-routing-ineffective';
import { dedent, ruleTester, type InvalidCase } from '../support/tester';
import { markFirst } from '../support/templates';
import { annotate } from '../support/bicepTwins';
import { armReplaceResource, armWithParameters, bicepFirewallRouteTable, bicepReplaceDeclaration, firewallRouteTable, replaceOnce, replacing, withoutCarets } from '../support/literal';

/** The canonical case, as a user writes it: outbound NSG rules on the integration subnet of an app that routes only private traffic there; the fix routes all of it. */
const privateOnly = {
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
} satisfies InvalidCase;

/** The canonical deployment without its carets. */
const ARM = withoutCarets(privateOnly.arm);
const BICEP = withoutCarets(privateOnly.bicep);

/** The app's properties with `more` after the integration subnet (ARM lines of 8 spaces, Bicep lines of 4). */
const armApp = (more: string, apiVersion = '2022-03-01') =>
  replacing(ARM, [`'app-plan')]"\n`, `'app-plan')]",\n${more}\n`], ['"apiVersion": "2022-03-01",\n      "name": "orders"', `"apiVersion": "${apiVersion}",\n      "name": "orders"`]);
const bicepApp = (more: string, apiVersion = '2022-03-01') =>
  replacing(BICEP, ['serverFarmId: appPlan.id\n', `serverFarmId: appPlan.id\n${more}\n`], ['Microsoft.Web/sites@2022-03-01', `Microsoft.Web/sites@${apiVersion}`]);

/** The app on API 2024-11-01, where the fix writes `outboundVnetRouting.applicationTraffic` in place of `vnetRouteAllEnabled`. */
const armApi2024 = (text: string) => replaceOnce(text, '"apiVersion": "2022-03-01",\n      "name": "orders"', '"apiVersion": "2024-11-01",\n      "name": "orders"');
const bicepApi2024 = (text: string) => replaceOnce(text, 'Microsoft.Web/sites@2022-03-01', 'Microsoft.Web/sites@2024-11-01');
const armFixedOn2024 = (text: string) => replaceOnce(armApi2024(text), '"vnetRouteAllEnabled": true', '"outboundVnetRouting": {\n          "applicationTraffic": true\n        }');
const bicepFixedOn2024 = (text: string) => replaceOnce(bicepApi2024(text), 'vnetRouteAllEnabled: true', 'outboundVnetRouting: {\n      applicationTraffic: true\n    }');

/** The integration subnet with a route table that sends everything to a firewall in place of the NSG. */
const armRoutesNoNsg = (text: string) =>
  replaceOnce(
    armReplaceResource(text, 'integration-nsg', firewallRouteTable('app-routes')),
    `"networkSecurityGroup": {\n                "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"`,
    `"routeTable": {\n                "id": "[resourceId('Microsoft.Network/routeTables', 'app-routes')]"`,
  );
const bicepRoutesNoNsg = (text: string) =>
  replaceOnce(bicepReplaceDeclaration(text, 'nsg', bicepFirewallRouteTable('app-routes')), 'networkSecurityGroup: { id: nsg.id }', 'routeTable: { id: routes.id }');

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
      arm: armWithParameters(armApp(`        "vnetRouteAllEnabled": "[parameters('routeAll')]"`), '"routeAll": { "type": "bool" }'),
      bicep: `param routeAll bool\n${bicepApp('    vnetRouteAllEnabled: routeAll')}`,
    },
    {
      name: 'no NSG and no route table on the integration subnet',
      arm: replaceOnce(ARM, `"networkSecurityGroup": {\n                "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"\n              },\n`, ''),
      bicep: replaceOnce(BICEP, '          networkSecurityGroup: { id: nsg.id }\n', ''),
    },
    {
      name: 'an NSG with inbound rules only',
      arm: ARM.replace(/"Outbound"/g, '"Inbound"'),
      bicep: BICEP.replace(/'Outbound'/g, "'Inbound'"),
    },
  ],
  invalid: [
    privateOnly,
    {
      name: 'API 2024-11-01: the fix sets outboundVnetRouting.applicationTraffic',
      arm: armApi2024(privateOnly.arm),
      messages: [
        "App 'orders' sends only private traffic through its VNet Integration (outboundVnetRouting.applicationTraffic is off): the outbound rules of NSG 'integration-nsg' on its subnet 'integration' do not apply to its traffic to the internet",
      ],
      output: armFixedOn2024(privateOnly.output),
      bicep: bicepApi2024(privateOnly.bicep),
      bicepOutput: bicepFixedOn2024(privateOnly.bicepOutput),
    },
    {
      name: 'a route table that sends everything to a firewall, without an NSG',
      arm: armRoutesNoNsg(privateOnly.arm),
      messages: [
        "App 'orders' sends only private traffic through its VNet Integration (vnetRouteAllEnabled is off): the routes of route table 'app-routes' on its subnet 'integration' do not apply to its traffic to the internet",
      ],
      output: armRoutesNoNsg(privateOnly.output),
      bicep: bicepRoutesNoNsg(privateOnly.bicep),
      bicepOutput: bicepRoutesNoNsg(privateOnly.bicepOutput),
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
