// ASE710 integration-subnet-limits: a VNet Integration subnet with service endpoint policies, or in a VNet with an IPv6 address space.
import { integrationSubnetLimits } from '../../server/src/rules/integration-subnet-limits';
import { dedent, ruleTester } from '../support/tester';
import { integrationTemplate, markFirst } from '../support/templates';
import { bicepIntegrationTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const armSpace = (extra: string) => integrationTemplate().replace('"addressPrefixes": [ "10.0.0.0/16" ]', `"addressPrefixes": [ "10.0.0.0/16", ${extra} ]`);
const bicepSpace = (extra: string, params: string[] = []) =>
  params.map((p) => `${p}\n`).join('') + bicepIntegrationTwin().replace("addressPrefixes: [ '10.0.0.0/16' ]", `addressPrefixes: [ '10.0.0.0/16', ${extra} ]`);
const armPolicies = (list: string) =>
  integrationTemplate().replace('"addressPrefix": "10.0.2.0/26",', `"addressPrefix": "10.0.2.0/26",\n              "serviceEndpointPolicies": ${list},`);
const bicepPolicies = (list: string, params: string[] = []) =>
  params.map((p) => `${p}\n`).join('') + bicepIntegrationTwin().replace("addressPrefix: '10.0.2.0/26'", `addressPrefix: '10.0.2.0/26'\n          serviceEndpointPolicies: ${list}`);
const withParam = (text: string, name: string, type: string) =>
  text.replace('"contentVersion": "1.0.0.0",', `"contentVersion": "1.0.0.0",\n  "parameters": { "${name}": { "type": "${type}" } },`);

ruleTester(integrationSubnetLimits, {
  valid: [
    { name: 'an IPv4 VNet, no policies', arm: integrationTemplate(), bicep: bicepIntegrationTwin() },
    { name: 'an empty list of policies', arm: armPolicies('[]'), bicep: bicepPolicies('[]') },
    {
      name: 'policies from a parameter without a value: they may be none',
      arm: withParam(armPolicies(`"[parameters('policies')]"`), 'policies', 'array'),
      bicep: bicepPolicies('policies', ['param policies array']),
    },
    {
      name: 'an address space from a parameter without a value: silent',
      arm: withParam(armSpace(`"[parameters('v6')]"`), 'v6', 'string'),
      bicep: bicepSpace('v6', ['param v6 string']),
    },
    {
      name: 'a subnet with policies that no app integrates with',
      arm: armPolicies(`[ { "id": "[resourceId('Microsoft.Network/serviceEndpointPolicies', 'p')]" } ]`).replace(`'app-vnet', 'integration')]"`, `'app-vnet', 'elsewhere')]"`),
      bicep: bicepPolicies(`[ { id: resourceId('Microsoft.Network/serviceEndpointPolicies', 'p') } ]`).replace(`'app-vnet', 'integration')`, `'app-vnet', 'elsewhere')`),
    },
  ],
  invalid: [
    {
      name: 'service endpoint policies on the integration subnet',
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
                      ],
                      "serviceEndpoints": [ { "service": "Microsoft.Storage" } ],
                      "serviceEndpointPolicies": [
                    //^^^^^^^^^^^^^^^^^^^^^^^^^ ASE710
                        { "id": "[resourceId('Microsoft.Network/serviceEndpointPolicies', 'storage-policy')]" }
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
        "The subnet 'integration' used for the VNet Integration of app 'orders' has service endpoint policies: VNet Integration does not support them on its subnet, and the integration fails",
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
                  serviceEndpoints: [ { service: 'Microsoft.Storage' } ]
                  serviceEndpointPolicies: [
                //^^^^^^^^^^^^^^^^^^^^^^^ ASE710
                    { id: resourceId('Microsoft.Network/serviceEndpointPolicies', 'storage-policy') }
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
      bicepOutput: null,
    },
    {
      name: 'a dual-stack VNet',
      arm: markFirst(armSpace('"fd00:db8::/48"'), '"fd00:db8::/48"', '"fd00:db8::/48"', 'ASE710'),
      messages: [
        "The subnet 'integration' used for the VNet Integration of app 'orders' is in VNet 'app-vnet', which has the IPv6 address space fd00:db8::/48: VNet Integration does not support a VNet with IPv6 addresses, and the integration fails",
      ],
      output: null,
      bicep: annotate(bicepSpace("'fd00:db8::/48'"), "'fd00:db8::/48'", "'fd00:db8::/48'", 'ASE710'),
      bicepOutput: null,
    },
  ],
});
