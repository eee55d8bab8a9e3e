// ASE704 integration-plan-tier: regional VNet Integration needs a plan of the Basic tier or higher.
import { integrationPlanTier } from '../../server/src/rules/integration-plan-tier';
import { dedent, ruleTester } from '../support/tester';
import { integrationTemplate } from '../support/templates';
import { bicepIntegrationTwin } from '../support/twin';
import { bicepOnIntegration, bicepPlan, onIntegration, plan } from '../support/integration';

const tierMessage = (tier: string) =>
  `App 'orders' uses regional VNet Integration, but its App Service plan 'app-plan' is in the ${tier} tier, which does not offer it: Azure rejects the integration (use Basic or higher)`;

ruleTester(integrationPlanTier, {
  valid: [
    {
      name: 'Standard',
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
      name: 'Basic (Azure offers regional VNet Integration on Basic)',
      arm: integrationTemplate(plan('"name": "B1", "tier": "Basic"')),
      bicep: bicepIntegrationTwin(bicepPlan("name: 'B1', tier: 'Basic'")),
    },
    { name: 'Elastic Premium', arm: integrationTemplate(plan('"name": "EP1", "tier": "ElasticPremium"')), bicep: bicepIntegrationTwin(bicepPlan("name: 'EP1', tier: 'ElasticPremium'")) },
    {
      name: 'SKU unresolved',
      arm: integrationTemplate(plan(`"name": "[parameters('sku')]"`)),
      bicep: bicepIntegrationTwin({ params: ['param sku string'], ...bicepPlan('name: sku') }),
    },
    {
      name: 'a Free plan without integration',
      arm: integrationTemplate({ ...plan('"name": "F1"'), apps: [{ name: 'orders', subnet: null }] }),
      bicep: bicepIntegrationTwin({ ...bicepPlan("name: 'F1'"), apps: [{ name: 'orders', subnet: null }] }),
    },
  ],
  invalid: [
    {
      name: 'Free (F1)',
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
              "sku": { "name": "F1" },
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
                //                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE704
              }
            }
          ]
        }
      `,
      messages: [
        "App 'orders' uses regional VNet Integration, but its App Service plan 'app-plan' is in the Free tier, which does not offer it: Azure rejects the integration (use Basic or higher)",
      ],
      fixTitle: "Change plan 'app-plan' to the Basic tier (B1)",
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
              "sku": { "name": "B1" },
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
                //                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE704
              }
            }
          ]
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
          sku: { name: 'B1' }
          properties: {}
        }
        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')
            //                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE704
          }
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
          sku: { name: 'F1' }
          properties: {}
        }
        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            serverFarmId: appPlan.id
            virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')
            //                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE704
          }
        }
      `,
    },
    {
      name: 'Shared, by tier only',
      arm: onIntegration(plan('"tier": "Shared"'), 'ASE704'),
      messages: [tierMessage('Shared')],
      output: onIntegration(plan('"tier": "Basic", "name": "B1"'), 'ASE704'),
      bicep: bicepOnIntegration(bicepPlan("tier: 'Shared'"), 'ASE704'),
      bicepOutput: bicepOnIntegration(bicepPlan("tier: 'Basic', name: 'B1'"), 'ASE704'),
    },
    {
      name: 'Shared (D1) with size and family: they go, capacity stays',
      arm: onIntegration(plan('"name": "D1", "tier": "Shared", "size": "D1", "family": "D", "capacity": 1'), 'ASE704'),
      messages: [tierMessage('Shared')],
      output: onIntegration(plan('"name": "B1", "tier": "Basic", "capacity": 1'), 'ASE704'),
      bicep: bicepOnIntegration(bicepPlan("name: 'D1', tier: 'Shared', size: 'D1', family: 'D', capacity: 1"), 'ASE704'),
      bicepOutput: bicepOnIntegration(bicepPlan("name: 'B1', tier: 'Basic', capacity: 1"), 'ASE704'),
    },
    {
      name: 'Free, the SKU name from a parameter: set where the parameter is defined',
      arm: onIntegration(plan(`"name": "[parameters('planSku')]"`), 'ASE704').replace('"resources": [', '"parameters": { "planSku": { "type": "string", "defaultValue": "F1" } },\n  "resources": ['),
      messages: [tierMessage('Free')],
      output: onIntegration(plan(`"name": "[parameters('planSku')]"`), 'ASE704').replace('"resources": [', '"parameters": { "planSku": { "type": "string", "defaultValue": "B1" } },\n  "resources": ['),
      bicep: "param planSku string = 'F1'\n" + bicepOnIntegration(bicepPlan('name: planSku'), 'ASE704'),
      bicepOutput: "param planSku string = 'B1'\n" + bicepOnIntegration(bicepPlan('name: planSku'), 'ASE704'),
    },
    {
      name: 'Functions Consumption (Y1)',
      arm: onIntegration(plan('"name": "Y1", "tier": "Dynamic"'), 'ASE704'),
      messages: [tierMessage('Consumption (Dynamic)')],
      output: null,
      bicep: bicepOnIntegration(bicepPlan("name: 'Y1', tier: 'Dynamic'"), 'ASE704'),
    },
  ],
});
