// ASE703 integration-subnet-shared: a VNet Integration subnet belongs to App Service alone.
import { integrationSubnetShared } from '../../server/src/rules/integration-subnet-shared';
import { dedent, ruleTester } from '../support/tester';
import { integrationTemplate, markFirst } from '../support/templates';
import { bicepIntegrationTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { bicepOther, bicepSubnetId, subnetIdText } from '../support/integration';

// Multi-plan subnet join: several plans in one subnet from a /26 up.
const twoPlans = { plans: [{ name: 'app-plan' }, { name: 'api-plan' }], apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }] };
const multiPlanMessage =
  "The VNet Integration subnet 'integration' is a /27 shared by the App Service plans 'app-plan', 'api-plan': several plans may join one subnet only when it is a /26 or larger, so Azure refuses the later ones";

const nicLine = `          { "name": "ipconfig1", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]" } } }`;
const nic = [
  '    {',
  '      "type": "Microsoft.Network/networkInterfaces",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "vm-nic",',
  '      "location": "westeurope",',
  '      "properties": {',
  '        "ipConfigurations": [',
  nicLine,
  '        ]',
  '      }',
  '    }',
].join('\n');
const endpointLine = `        "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]" },`;
const endpoint = [
  '    {',
  '      "type": "Microsoft.Network/privateEndpoints",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "sql-endpoint",',
  '      "location": "westeurope",',
  '      "properties": {',
  endpointLine,
  '        "privateLinkServiceConnections": []',
  '      }',
  '    }',
].join('\n');
const sharedMessage = (what: string) =>
  `${what} is placed in the subnet 'integration', which serves the VNet Integration of app 'orders': an integration subnet belongs to App Service alone, so Azure refuses one of the two`;
const bicepNicLine = `      { name: 'ipconfig1', properties: { subnet: { id: ${bicepSubnetId('integration')} } } }`;
const bicepNic = (subnet = 'integration') => [
  "resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {",
  "  name: 'vm-nic'",
  "  location: 'westeurope'",
  '  properties: {',
  '    ipConfigurations: [',
  bicepNicLine.replace("'integration'", `'${subnet}'`),
  '    ]',
  '  }',
  '}',
];
const bicepEndpointLine = `    subnet: { id: ${bicepSubnetId('integration')} }`;
const bicepEndpoint = [
  "resource sqlEndpoint 'Microsoft.Network/privateEndpoints@2023-04-01' = {",
  "  name: 'sql-endpoint'",
  "  location: 'westeurope'",
  '  properties: {',
  bicepEndpointLine,
  '    privateLinkServiceConnections: []',
  '  }',
  '}',
];

ruleTester(integrationSubnetShared, {
  valid: [
    {
      name: 'the subnet holds the integration alone',
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
      name: 'two plans join one /26 subnet (multi-plan subnet join)',
      arm: integrationTemplate({ plans: [{ name: 'app-plan' }, { name: 'api-plan' }], apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }] }),
      bicep: bicepIntegrationTwin({ plans: [{ name: 'app-plan' }, { name: 'api-plan' }], apps: [{ name: 'orders' }, { name: 'api', plan: 'api-plan' }] }),
    },
    {
      name: 'the NIC is in another subnet',
      arm: integrationTemplate({
        otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.3.0/24" } }'],
        extraResources: [nic.replace("'app-vnet', 'integration'", "'app-vnet', 'vms'")],
      }),
      bicep: bicepIntegrationTwin({ otherSubnets: bicepOther('vms', '10.0.3.0/24'), extraResources: bicepNic('vms') }),
    },
  ],
  invalid: [
    {
      name: 'two plans share a /27: too small for a multi-plan subnet',
      arm: markFirst(integrationTemplate({ ...twoPlans, subnetPrefix: '10.0.2.0/27' }), '"addressPrefix": "10.0.2.0/27"', '"10.0.2.0/27"', 'ASE703'),
      messages: [multiPlanMessage],
      output: null,
      bicep: annotate(bicepIntegrationTwin({ ...twoPlans, subnetPrefix: '10.0.2.0/27' }), "addressPrefix: '10.0.2.0/27'", "'10.0.2.0/27'", 'ASE703'),
      bicepOutput: null,
    },
    {
      name: "a VM's network interface in the integration subnet",
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
            },
            {
              "type": "Microsoft.Network/networkInterfaces",
              "apiVersion": "2023-04-01",
              "name": "vm-nic",
              "location": "westeurope",
              "properties": {
                "ipConfigurations": [
                  { "name": "ipconfig1", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration')]" } } }
                  //                                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE703
                ]
              }
            }
          ]
        }
      `,
      messages: [
        "Network interface 'vm-nic' is placed in the subnet 'integration', which serves the VNet Integration of app 'orders': an integration subnet belongs to App Service alone, so Azure refuses one of the two",
      ],
      output: null,
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
        resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {
          name: 'vm-nic'
          location: 'westeurope'
          properties: {
            ipConfigurations: [
              { name: 'ipconfig1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'integration') } } }
              //                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE703
            ]
          }
        }
      `,
    },
    {
      name: 'a private endpoint in the integration subnet',
      arm: markFirst(integrationTemplate({ extraResources: [endpoint] }), endpointLine, subnetIdText, 'ASE703'),
      messages: [sharedMessage("Private endpoint 'sql-endpoint'")],
      output: null,
      bicep: annotate(bicepIntegrationTwin({ extraResources: bicepEndpoint }), bicepEndpointLine, bicepSubnetId('integration'), 'ASE703'),
    },
  ],
});
