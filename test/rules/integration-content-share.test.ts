// ASE713 integration-content-share: the content share goes through the VNet and the integration subnet's NSG blocks TCP 443 or 445 to Storage.
import { integrationContentShare } from '../../server/src/rules/integration-content-share';
import { dedent, ruleTester, type InvalidCase } from '../support/tester';
import { armWithFirewallRoutes, armWithParameters, bicepWithFirewallRoutes, replaceOnce, replacing, withoutCarets } from '../support/literal';

/** The canonical case, as a user writes it: a function app whose content share goes through the VNet, behind an NSG that admits SQL alone; the fix admits Storage. */
const deniedButSql = {
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
} satisfies InvalidCase;

/** The canonical deployment without its carets. */
const ARM = withoutCarets(deniedButSql.arm);
const BICEP = withoutCarets(deniedButSql.bicep);

/** The app's `vnetContentShareEnabled: true` replaced by `value` (ARM JSON, Bicep expression). */
const armShare = (value: string) => replaceOnce(ARM, '"vnetContentShareEnabled": true', `"vnetContentShareEnabled": ${value}`);
const bicepShare = (value: string) => replaceOnce(BICEP, 'vnetContentShareEnabled: true', `vnetContentShareEnabled: ${value}`);

/** The app on API 2024-11-01, which says `outboundVnetRouting.contentShareTraffic` where older versions say `vnetContentShareEnabled`. */
const armRoutingProperty = (text: string) =>
  replacing(
    text,
    ['"apiVersion": "2022-03-01",\n      "name": "orders",', '"apiVersion": "2024-11-01",\n      "name": "orders",'],
    ['"vnetContentShareEnabled": true', '"outboundVnetRouting": {\n          "contentShareTraffic": true\n        }'],
  );
const bicepRoutingProperty = (text: string) =>
  replacing(
    text,
    ["resource orders 'Microsoft.Web/sites@2022-03-01'", "resource orders 'Microsoft.Web/sites@2024-11-01'"],
    ['vnetContentShareEnabled: true', 'outboundVnetRouting: {\n      contentShareTraffic: true\n    }'],
  );

/** The app says so with the older app setting WEBSITE_CONTENTOVERVNET in place of `vnetContentShareEnabled`. */
const armAppSetting = (text: string) =>
  replaceOnce(text, '"vnetContentShareEnabled": true', '"siteConfig": {\n          "appSettings": [ { "name": "WEBSITE_CONTENTOVERVNET", "value": "1" } ]\n        }');
const bicepAppSetting = (text: string) =>
  replaceOnce(text, 'vnetContentShareEnabled: true', "siteConfig: {\n      appSettings: [ { name: 'WEBSITE_CONTENTOVERVNET', value: '1' } ]\n    }");

/** The NSG's first rule admits TCP 443 and 445 to Storage in place of SQL. */
const armAllowed = replaceOnce(ARM, '"destinationAddressPrefix": "Sql",\n              "destinationPortRange": "1433"', '"destinationAddressPrefix": "Storage",\n              "destinationPortRanges": [ "443", "445" ]');
const bicepAllowed = replaceOnce(BICEP, "destinationAddressPrefix: 'Sql'\n          destinationPortRange: '1433'", "destinationAddressPrefix: 'Storage'\n          destinationPortRanges: [ '443', '445' ]");

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
    { name: 'admitted, with a route table that sends everything to a firewall', arm: armWithFirewallRoutes(armAllowed, 'app-routes', 'integration-nsg'), bicep: bicepWithFirewallRoutes(bicepAllowed, 'app-routes') },
    { name: 'the content share is reached over the internet (the default)', arm: armShare('false'), bicep: bicepShare('false') },
    {
      name: 'vnetContentShareEnabled from a parameter without a value: silent',
      arm: armWithParameters(armShare(`"[parameters('share')]"`), '"share": { "type": "bool" }'),
      bicep: `param share bool\n${bicepShare('share')}`,
    },
    {
      name: 'no NSG on the integration subnet',
      arm: replaceOnce(ARM, `"networkSecurityGroup": {\n                "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'integration-nsg')]"\n              },\n`, ''),
      bicep: replaceOnce(BICEP, '          networkSecurityGroup: { id: nsg.id }\n', ''),
    },
  ],
  invalid: [
    deniedButSql,
    {
      name: 'API 2024-11-01: outboundVnetRouting.contentShareTraffic',
      arm: armRoutingProperty(deniedButSql.arm),
      messages: deniedButSql.messages,
      output: armRoutingProperty(deniedButSql.output),
      bicep: bicepRoutingProperty(deniedButSql.bicep),
      bicepOutput: bicepRoutingProperty(deniedButSql.bicepOutput),
    },
    {
      name: 'the older app setting WEBSITE_CONTENTOVERVNET',
      arm: armAppSetting(deniedButSql.arm),
      messages: deniedButSql.messages,
      output: armAppSetting(deniedButSql.output),
      bicep: bicepAppSetting(deniedButSql.bicep),
      bicepOutput: bicepAppSetting(deniedButSql.bicepOutput),
    },
  ],
});
