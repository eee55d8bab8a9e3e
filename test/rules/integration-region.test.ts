// ASE706 integration-region: an app and the VNet of its integration subnet are in the same region.
import { integrationRegion } from '../../server/src/rules/integration-region';
import { dedent, ruleTester } from '../support/tester';
import { integrationTemplate } from '../support/templates';
import { bicepIntegrationTwin } from '../support/twin';
import { bicepOnIntegration, onIntegration } from '../support/integration';

ruleTester(integrationRegion, {
  valid: [
    {
      name: 'same region',
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
    { name: 'same region, written differently', arm: integrationTemplate({ vnetLocation: 'West Europe' }), bicep: bicepIntegrationTwin({ vnetLocation: "'West Europe'" }) },
    {
      name: "the resource group's location on one side",
      arm: integrationTemplate({ vnetLocation: '[resourceGroup().location]' }),
      bicep: bicepIntegrationTwin({ vnetLocation: 'resourceGroup().location' }),
    },
    {
      name: 'a parameter without a value',
      arm: integrationTemplate({ apps: [{ name: 'orders', location: "[parameters('location')]" }], plans: [{ name: 'app-plan', location: "[parameters('location')]" }] }),
      bicep: bicepIntegrationTwin({ params: ['param location string'], apps: [{ name: 'orders', location: 'location' }], plans: [{ name: 'app-plan', location: 'location' }] }),
    },
  ],
  invalid: [
    {
      name: 'the VNet in another region',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "northeurope",
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
                //                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE706
              }
            }
          ]
        }
      `,
      messages: [
        "App 'orders' is in westeurope, but VNet 'app-vnet' of its integration subnet 'integration' is in northeurope: regional VNet Integration needs the app and the VNet in the same region, and Azure rejects it",
      ],
      output: null,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'northeurope'
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
            //                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE706
          }
        }
      `,
    },
    {
      name: "the app's location unresolved: its plan's decides",
      arm: onIntegration({ vnetLocation: 'North Europe', apps: [{ name: 'orders', location: "[parameters('location')]" }] }, 'ASE706'),
      messages: [
        "App 'orders' (through its plan 'app-plan') is in westeurope, but VNet 'app-vnet' of its integration subnet 'integration' is in North Europe: regional VNet Integration needs the app and the VNet in the same region, and Azure rejects it",
      ],
      output: null,
      bicep: bicepOnIntegration({ params: ['param location string'], vnetLocation: "'North Europe'", apps: [{ name: 'orders', location: 'location' }] }, 'ASE706'),
    },
  ],
});
