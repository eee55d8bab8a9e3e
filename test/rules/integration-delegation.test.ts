// ASE701 integration-delegation: a subnet used for regional VNet Integration is delegated to Microsoft.Web/serverFarms.
import { integrationDelegation } from '../../server/src/rules/integration-delegation';
import { dedent, ruleTester } from '../support/tester';
import { integrationTemplate, markFirst, type IntegrationTemplate } from '../support/templates';
import { bicepIntegrationTwin, type BicepIntegrationSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { bicepSubnetId } from '../support/integration';

const bicepOnSubnet = (o: BicepIntegrationSpec, code: string) => annotate(bicepIntegrationTwin(o), "name: 'integration'", "'integration'", code);
/** Regional VNet Integration as the app's `config/virtualNetwork` child. */
const bicepConfigChild = [
  "resource ordersNetwork 'Microsoft.Web/sites/config@2019-08-01' = {",
  "  name: 'orders/virtualNetwork'",
  `  properties: { subnetResourceId: ${bicepSubnetId('integration')}, swiftSupported: true }`,
  '}',
];
/** What the delegation fix writes after the subnet's addressPrefix. */
const bicepAddedDelegation = [
  '          delegations: [',
  '            {',
  "              name: 'Microsoft.Web.serverFarms'",
  '              properties: {',
  "                serviceName: 'Microsoft.Web/serverFarms'",
  '              }',
  '            }',
  '          ]',
];
const withBicepDelegation = (text: string) =>
  text.replace("          addressPrefix: '10.0.2.0/26'\n", ["          addressPrefix: '10.0.2.0/26'", ...bicepAddedDelegation, ''].join('\n'));

const subnetName = '            "name": "integration",';
const onSubnet = (o: IntegrationTemplate, code: string) => markFirst(integrationTemplate(o), subnetName, '"integration"', code);

/** Regional VNet Integration written as the app's `config/virtualNetwork` child, as older templates do. */
const configChild = [
  '    {',
  '      "type": "Microsoft.Web/sites/config",',
  '      "apiVersion": "2019-08-01",',
  '      "name": "orders/virtualNetwork",',
  `      "properties": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]", "swiftSupported": true }`,
  '    }',
].join('\n');

ruleTester(integrationDelegation, {
  valid: [
    {
      name: 'delegated to Microsoft.Web/serverFarms',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
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
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"
              }
            }
          ]
        }
      `,
      bicep: dedent`
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
                  delegations: [
                    { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } }
                  ]
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
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')
          }
        }
      `,
    },
    {
      name: 'delegation spelt in lower case, without the properties wrapper',
      arm: integrationTemplate({ delegations: ['                { "name": "d", "serviceName": "microsoft.web/serverfarms" }'] }),
      bicep: bicepIntegrationTwin({ delegations: ["            { name: 'd', serviceName: 'microsoft.web/serverfarms' }"] }),
    },
    {
      name: 'delegation unresolved',
      arm: integrationTemplate({ delegations: [`                { "name": "d", "properties": { "serviceName": "[parameters('service')]" } }`] }),
      bicep: bicepIntegrationTwin({ params: ['param service string'], delegations: ["            { name: 'd', properties: { serviceName: service } }"] }),
    },
    {
      name: 'no app integrates with the subnet',
      arm: integrationTemplate({ delegations: [], apps: [{ name: 'orders', subnet: null }] }),
      bicep: bicepIntegrationTwin({ delegations: [], apps: [{ name: 'orders', subnet: null }] }),
    },
    {
      name: 'a sites/config child on a delegated subnet',
      arm: integrationTemplate({ apps: [{ name: 'orders', subnet: null }], extraResources: [configChild] }),
      bicep: bicepIntegrationTwin({ apps: [{ name: 'orders', subnet: null }], extraResources: bicepConfigChild }),
    },
  ],
  invalid: [
    {
      name: 'no delegation: the fix adds it',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
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
                    //      ^^^^^^^^^^^^^ ASE701
                    "properties": {
                      "addressPrefix": "10.0.2.0/26"
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
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"
              }
            }
          ]
        }
      `,
      messages: [
        "The subnet 'integration' used for the VNet Integration of app 'orders' is not delegated to Microsoft.Web/serverFarms: Azure does not integrate the apps with it",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
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
                    //      ^^^^^^^^^^^^^ ASE701
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "delegations": [
                        {
                          "name": "Microsoft.Web.serverFarms",
                          "properties": {
                            "serviceName": "Microsoft.Web/serverFarms"
                          }
                        }
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
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                //    ^^^^^^^^^^^^^ ASE701
                properties: {
                  addressPrefix: '10.0.2.0/26'
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
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')
          }
        }
      `,
      bicepOutput: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                //    ^^^^^^^^^^^^^ ASE701
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  delegations: [
                    {
                      name: 'Microsoft.Web.serverFarms'
                      properties: {
                        serviceName: 'Microsoft.Web/serverFarms'
                      }
                    }
                  ]
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
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')
          }
        }
      `,
    },
    {
      name: 'through a sites/config virtualNetwork child (swiftSupported)',
      arm: onSubnet({ delegations: [], apps: [{ name: 'orders', subnet: null }], extraResources: [configChild] }, 'ASE701'),
      messages: ["The subnet 'integration' used for the VNet Integration of app 'orders' is not delegated to Microsoft.Web/serverFarms: Azure does not integrate the apps with it"],
      bicep: bicepOnSubnet({ delegations: [], apps: [{ name: 'orders', subnet: null }], extraResources: bicepConfigChild }, 'ASE701'),
      bicepOutput: withBicepDelegation(bicepOnSubnet({ delegations: [], apps: [{ name: 'orders', subnet: null }], extraResources: bicepConfigChild }, 'ASE701')),
      output: onSubnet({ delegations: [], apps: [{ name: 'orders', subnet: null }], extraResources: [configChild] }, 'ASE701').replace(
        '              "addressPrefix": "10.0.2.0/26"\n',
        [
          '              "addressPrefix": "10.0.2.0/26",',
          '              "delegations": [',
          '                {',
          '                  "name": "Microsoft.Web.serverFarms",',
          '                  "properties": {',
          '                    "serviceName": "Microsoft.Web/serverFarms"',
          '                  }',
          '                }',
          '              ]',
          '',
        ].join('\n'),
      ),
    },
    {
      name: 'delegated to another service, two apps: one finding, no fix',
      arm: onSubnet(
        {
          delegations: ['                { "name": "d", "properties": { "serviceName": "Microsoft.Sql/managedInstances" } }'],
          apps: [{ name: 'orders' }, { name: 'billing' }],
        },
        'ASE701',
      ),
      messages: [
        "The subnet 'integration' used for the VNet Integration of app 'orders', app 'billing' is delegated to Microsoft.Sql/managedInstances instead of Microsoft.Web/serverFarms: Azure does not integrate the apps with it",
      ],
      output: null,
      bicep: bicepOnSubnet(
        { delegations: ["            { name: 'd', properties: { serviceName: 'Microsoft.Sql/managedInstances' } }"], apps: [{ name: 'orders' }, { name: 'billing' }] },
        'ASE701',
      ),
    },
  ],
});
