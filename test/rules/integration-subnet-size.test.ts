// ASE702 integration-subnet-size: a VNet Integration subnet is a /26 or larger (a /28 at the least) and holds two addresses for every instance its plans can scale to.
import { integrationSubnetSize } from '../../server/src/rules/integration-subnet-size';
import { dedent, ruleTester } from '../support/tester';
import { integrationTemplate, markFirst, type IntegrationTemplate } from '../support/templates';
import { bicepIntegrationTwin, type BicepIntegrationSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { bicepOther, bicepPlan, plan } from '../support/integration';

const prefixLine = (p: string) => `              "addressPrefix": "${p}",`;
const onPrefix = (o: IntegrationTemplate, code: string) => {
  const p = o.subnetPrefix ?? '10.0.2.0/26';
  return markFirst(integrationTemplate(o), prefixLine(p), `"${p}"`, code);
};
const fixedPrefix = (text: string, from: string, to: string) => text.replace(`"addressPrefix": "${from}"`, `"addressPrefix": "${to}"`);
const bicepOnPrefix = (o: BicepIntegrationSpec, code: string) => {
  const p = o.subnetPrefix ?? '10.0.2.0/26';
  return annotate(bicepIntegrationTwin(o), `addressPrefix: '${p}'`, `'${p}'`, code);
};
const bicepFixedPrefix = (text: string, from: string, to: string) => text.replace(`addressPrefix: '${from}'`, `addressPrefix: '${to}'`);
const twoPlans: BicepIntegrationSpec = {
  plans: [
    { name: 'app-plan', sku: "name: 'P1v3', capacity: 20" },
    { name: 'api-plan', sku: "name: 'P1v3', capacity: 10" },
  ],
  apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }],
  subnetPrefix: '10.0.2.0/27',
  otherSubnets: bicepOther('vms', '10.0.2.32/27'),
};

ruleTester(integrationSubnetSize, {
  valid: [
    {
      name: 'a /26 for an S1 plan',
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
      // 20 instances take 40 addresses while the plan scales: a /26 has 59.
      name: 'a /26 for 20 instances',
      arm: integrationTemplate({ subnetPrefix: '10.0.2.0/26', ...plan('"name": "P1v3", "capacity": 20') }),
      bicep: bicepIntegrationTwin({ subnetPrefix: '10.0.2.0/26', ...bicepPlan("name: 'P1v3', capacity: 20") }),
    },
    {
      name: 'capacity unresolved',
      arm: integrationTemplate({ subnetPrefix: '10.0.2.0/26', ...plan(`"name": "P1v3", "capacity": "[parameters('count')]"`) }),
      bicep: bicepIntegrationTwin({ params: ['param count int'], subnetPrefix: '10.0.2.0/26', ...bicepPlan("name: 'P1v3', capacity: count") }),
    },
    {
      name: 'prefix unresolved',
      arm: integrationTemplate({ subnetPrefix: "[parameters('prefix')]" }),
      bicep: bicepIntegrationTwin({ params: ['param prefix string'], subnetPrefixExpr: 'prefix' }),
    },
    {
      name: 'a small subnet nobody integrates with',
      arm: integrationTemplate({ subnetPrefix: '10.0.2.0/29', apps: [{ name: 'orders', subnet: null }] }),
      bicep: bicepIntegrationTwin({ subnetPrefix: '10.0.2.0/29', apps: [{ name: 'orders', subnet: null }] }),
    },
  ],
  invalid: [
    {
      name: 'a /28: smaller than the recommended /26, widened to the /26 around it',
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
                      "addressPrefix": "10.0.2.16/28",
                      //               ^^^^^^^^^^^^^^ ASE702
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
      messages: [
        "The VNet Integration subnet 'integration' is a /28 with 11 usable addresses, smaller than the recommended /26: the plan may run out of addresses as it scales, and the size cannot change while apps use it",
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
                      //               ^^^^^^^^^^^^^^ ASE702
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
                  addressPrefix: '10.0.2.16/28'
                  //             ^^^^^^^^^^^^^^ ASE702
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
                  //             ^^^^^^^^^^^^^^ ASE702
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
      name: 'a /29: below the minimum, an error; the /26 around it is taken, so the next free one',
      arm: onPrefix({ subnetPrefix: '10.0.2.0/29', otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.16/28" } }'] }, 'ASE702'),
      messages: ["The VNet Integration subnet 'integration' is a /29, below the /28 minimum: Azure does not integrate apps with it (use a /26)"],
      severities: ['error'],
      output: fixedPrefix(
        onPrefix({ subnetPrefix: '10.0.2.0/29', otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.16/28" } }'] }, 'ASE702'),
        '10.0.2.0/29',
        '10.0.0.0/26',
      ),
      bicep: bicepOnPrefix({ subnetPrefix: '10.0.2.0/29', otherSubnets: bicepOther('vms', '10.0.2.16/28') }, 'ASE702'),
      bicepOutput: bicepFixedPrefix(bicepOnPrefix({ subnetPrefix: '10.0.2.0/29', otherSubnets: bicepOther('vms', '10.0.2.16/28') }, 'ASE702'), '10.0.2.0/29', '10.0.0.0/26'),
    },
    {
      name: 'more instances than addresses (elastic maximum counts)',
      arm: onPrefix({ subnetPrefix: '10.0.2.0/27', ...plan('"name": "EP1", "capacity": 1', ['        "maximumElasticWorkerCount": 40']) }, 'ASE702'),
      messages: [
        "The VNet Integration subnet 'integration' is a /27 with 27 usable addresses, but plan 'app-plan' can scale to 40 instances, and the addresses in use double while a plan scales (80 needed): scaling or upgrades fail for want of addresses, and the size cannot change while apps use it",
      ],
      output: fixedPrefix(
        onPrefix({ subnetPrefix: '10.0.2.0/27', ...plan('"name": "EP1", "capacity": 1', ['        "maximumElasticWorkerCount": 40']) }, 'ASE702'),
        '10.0.2.0/27',
        '10.0.2.0/25',
      ),
      bicep: bicepOnPrefix({ subnetPrefix: '10.0.2.0/27', ...bicepPlan("name: 'EP1', capacity: 1", ['    maximumElasticWorkerCount: 40']) }, 'ASE702'),
      bicepOutput: bicepFixedPrefix(
        bicepOnPrefix({ subnetPrefix: '10.0.2.0/27', ...bicepPlan("name: 'EP1', capacity: 1", ['    maximumElasticWorkerCount: 40']) }, 'ASE702'),
        '10.0.2.0/27',
        '10.0.2.0/25',
      ),
    },
    {
      name: 'two plans share the subnet: their instances add up',
      arm: onPrefix(
        {
          plans: [
            { name: 'app-plan', sku: '"name": "P1v3", "capacity": 20' },
            { name: 'api-plan', sku: '"name": "P1v3", "capacity": 10' },
          ],
          apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }],
          subnetPrefix: '10.0.2.0/27',
          otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.32/27" } }'],
        },
        'ASE702',
      ),
      messages: [
        "The VNet Integration subnet 'integration' is a /27 with 27 usable addresses, but its plans 'app-plan', 'api-plan' can scale to 30 instances, and the addresses in use double while a plan scales (60 needed): scaling or upgrades fail for want of addresses, and the size cannot change while apps use it",
      ],
      output: fixedPrefix(
        onPrefix(
          {
            plans: [
              { name: 'app-plan', sku: '"name": "P1v3", "capacity": 20' },
              { name: 'api-plan', sku: '"name": "P1v3", "capacity": 10' },
            ],
            apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }],
            subnetPrefix: '10.0.2.0/27',
            otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.32/27" } }'],
          },
          'ASE702',
        ),
        '10.0.2.0/27',
        '10.0.0.0/25',
      ),
      bicep: bicepOnPrefix(twoPlans, 'ASE702'),
      bicepOutput: bicepFixedPrefix(bicepOnPrefix(twoPlans, 'ASE702'), '10.0.2.0/27', '10.0.0.0/25'),
    },
  ],
});
