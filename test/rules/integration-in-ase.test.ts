// ASE705 integration-in-ase: an app in an App Service Environment is in the ASE's VNet already; regional VNet Integration is refused.
import { integrationInAse } from '../../server/src/rules/integration-in-ase';
import { dedent, ruleTester, type InvalidCase } from '../support/tester';
import { replaceOnce, withoutCarets } from '../support/literal';
import { integrationTemplate } from '../support/templates';
import { bicepIntegrationTwin } from '../support/twin';
import { bicepIntegrationLine, bicepOnIntegration, bicepPlan, integrationLine, onIntegration, plan } from '../support/integration';

/** The text after the fix: the setting is gone (the annotation comment stays). */
const withoutIntegration = (text: string) =>
  replaceOnce(text, `"[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",\n${integrationLine}\n`, `"[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"\n`);
const bicepOtherAse = [`    hostingEnvironmentProfile: { id: resourceId('Microsoft.Web/hostingEnvironments', 'other-ase') }`];
/** The text after the fix: the setting's line is gone (the annotation comment stays). */
const bicepWithoutIntegration = (text: string) => replaceOnce(text, `${bicepIntegrationLine}\n`, '');

/** The canonical case, as a user writes it: an app on a plan in an ASE, given regional VNet Integration; the fix removes the setting. */
const planNamesAse = {
  name: 'the plan names the ASE: the fix removes the setting',
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
              },
              { "name": "ase", "properties": { "addressPrefix": "10.0.1.0/24" } }
            ]
          }
        },
        {
          "type": "Microsoft.Web/serverfarms",
          "apiVersion": "2022-03-01",
          "name": "app-plan",
          "location": "westeurope",
          "sku": { "name": "I1v2", "tier": "IsolatedV2" },
          "properties": {
            "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }
          }
        },
        {
          "type": "Microsoft.Web/sites",
          "apiVersion": "2022-03-01",
          "name": "orders",
          "location": "westeurope",
          "properties": {
            "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
            "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]"
            //                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE705
          }
        },
        {
          "type": "Microsoft.Web/hostingEnvironments",
          "apiVersion": "2022-03-01",
          "name": "my-ase",
          "location": "westeurope",
          "kind": "ASEV3",
          "properties": {
            "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'ase')]" }
          }
        }
      ]
    }
  `,
  messages: [
    "App 'orders' runs in App Service Environment 'my-ase' and is given regional VNet Integration: it is already in the ASE's VNet, and Azure rejects the setting",
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
                "properties": {
                  "addressPrefix": "10.0.2.0/26",
                  "delegations": [
                    { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                  ]
                }
              },
              { "name": "ase", "properties": { "addressPrefix": "10.0.1.0/24" } }
            ]
          }
        },
        {
          "type": "Microsoft.Web/serverfarms",
          "apiVersion": "2022-03-01",
          "name": "app-plan",
          "location": "westeurope",
          "sku": { "name": "I1v2", "tier": "IsolatedV2" },
          "properties": {
            "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }
          }
        },
        {
          "type": "Microsoft.Web/sites",
          "apiVersion": "2022-03-01",
          "name": "orders",
          "location": "westeurope",
          "properties": {
            "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"
            //                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE705
          }
        },
        {
          "type": "Microsoft.Web/hostingEnvironments",
          "apiVersion": "2022-03-01",
          "name": "my-ase",
          "location": "westeurope",
          "kind": "ASEV3",
          "properties": {
            "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'ase')]" }
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
          { name: 'ase', properties: { addressPrefix: '10.0.1.0/24' } }
        ]
      }
    }
    resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
      name: 'app-plan'
      location: 'westeurope'
      sku: { name: 'I1v2', tier: 'IsolatedV2' }
      properties: {
        hostingEnvironmentProfile: { id: myAse.id }
      }
    }
    resource orders 'Microsoft.Web/sites@2022-03-01' = {
      name: 'orders'
      location: 'westeurope'
      properties: {
        serverFarmId: appPlan.id
        virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')
        //                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE705
      }
    }
    resource myAse 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
      name: 'my-ase'
      location: 'westeurope'
      kind: 'ASEV3'
      properties: {
        virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'ase') }
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
            properties: {
              addressPrefix: '10.0.2.0/26'
              delegations: [
                { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } }
              ]
            }
          }
          { name: 'ase', properties: { addressPrefix: '10.0.1.0/24' } }
        ]
      }
    }
    resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
      name: 'app-plan'
      location: 'westeurope'
      sku: { name: 'I1v2', tier: 'IsolatedV2' }
      properties: {
        hostingEnvironmentProfile: { id: myAse.id }
      }
    }
    resource orders 'Microsoft.Web/sites@2022-03-01' = {
      name: 'orders'
      location: 'westeurope'
      properties: {
        serverFarmId: appPlan.id
        //                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE705
      }
    }
    resource myAse 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
      name: 'my-ase'
      location: 'westeurope'
      kind: 'ASEV3'
      properties: {
        virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'ase') }
      }
    }
  `,
} satisfies InvalidCase;

ruleTester(integrationInAse, {
  valid: [
    { name: 'an app in an ASE without integration', arm: withoutCarets(planNamesAse.output), bicep: withoutCarets(planNamesAse.bicepOutput) },
    { name: 'a multi-tenant app', arm: integrationTemplate(), bicep: bicepIntegrationTwin() },
    {
      name: 'plan SKU unresolved',
      arm: integrationTemplate(plan(`"name": "[parameters('sku')]"`)),
      bicep: bicepIntegrationTwin({ params: ['param sku string'], ...bicepPlan('name: sku') }),
    },
  ],
  invalid: [
    planNamesAse,
    {
      name: 'the app names an ASE that is not declared in the files',
      arm: onIntegration({ apps: [{ name: 'orders', properties: [`        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'other-ase')]" },`] }] }, 'ASE705'),
      messages: ["App 'orders' runs in the App Service Environment 'other-ase' and is given regional VNet Integration: it is already in the ASE's VNet, and Azure rejects the setting"],
      output: withoutIntegration(
        onIntegration({ apps: [{ name: 'orders', properties: [`        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'other-ase')]" },`] }] }, 'ASE705'),
      ),
      bicep: bicepOnIntegration({ apps: [{ name: 'orders', properties: bicepOtherAse }] }, 'ASE705'),
      bicepOutput: bicepWithoutIntegration(bicepOnIntegration({ apps: [{ name: 'orders', properties: bicepOtherAse }] }, 'ASE705')),
    },
    {
      name: 'an Isolated plan whose ASE is not named in the files',
      arm: onIntegration(plan('"name": "I2"'), 'ASE705'),
      messages: ["App 'orders' runs in an ASE, on Isolated plan 'app-plan' and is given regional VNet Integration: it is already in the ASE's VNet, and Azure rejects the setting"],
      output: withoutIntegration(onIntegration(plan('"name": "I2"'), 'ASE705')),
      bicep: bicepOnIntegration(bicepPlan("name: 'I2'"), 'ASE705'),
      bicepOutput: bicepWithoutIntegration(bicepOnIntegration(bicepPlan("name: 'I2'"), 'ASE705')),
    },
  ],
});
