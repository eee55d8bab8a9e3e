// ASE412 v3-private-endpoint-not-allowed: a private endpoint to an app on an ASEv3 that does not allow new private endpoint connections.
import { v3PrivateEndpointNotAllowed } from '../../server/src/rules/v3-private-endpoint-not-allowed';
import { dedent, ruleTester, type InvalidCase } from '../support/tester';
import { armWithParameters, armWithResources, replaceOnce, withoutCarets } from '../support/literal';
import { bicepNetworkingChild, networkingChild } from '../support/aseNetworking';

/** The canonical case, as a user writes it: the app's private endpoint, and no networking configuration on the ASE; the fix adds one. */
const withoutConfiguration = {
  name: "a private endpoint to an app on an ASEv3 without a networking configuration",
  arm: dedent`
    {
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "resources": [
        {
          "type": "Microsoft.Network/virtualNetworks",
          "apiVersion": "2023-04-01",
          "name": "ase-vnet",
          "location": "westeurope",
          "properties": {
            "addressSpace": {
              "addressPrefixes": [ "10.0.0.0/16" ]
            },
            "subnets": [
              {
                "name": "endpoints",
                "properties": {
                  "addressPrefix": "10.0.2.0/24"
                }
              },
              {
                "name": "ase-subnet",
                "properties": {
                  "addressPrefix": "10.0.1.0/24",
                  "delegations": [
                    { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }
                  ]
                }
              }
            ]
          }
        },
        {
          "type": "Microsoft.Web/hostingEnvironments",
          "apiVersion": "2022-03-01",
          "name": "my-ase",
          "location": "westeurope",
          "kind": "ASEV3",
          "properties": {
            "internalLoadBalancingMode": "Web, Publishing",
            "virtualNetwork": {
              "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
            }
          }
        },
        {
          "type": "Microsoft.Web/serverfarms",
          "apiVersion": "2022-03-01",
          "name": "ase-plan",
          "location": "westeurope",
          "sku": { "name": "I1v2", "tier": "IsolatedV2" },
          "properties": {
            "hostingEnvironmentProfile": {
              "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
            }
          }
        },
        {
          "type": "Microsoft.Web/sites",
          "apiVersion": "2022-03-01",
          "name": "orders",
          "location": "westeurope",
          "properties": {
            "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'ase-plan')]"
          }
        },
        {
          "type": "Microsoft.Network/privateEndpoints",
          "apiVersion": "2023-04-01",
          "name": "orders-pe",
          "location": "westeurope",
          "properties": {
            "subnet": {
              "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'endpoints')]"
            },
            "privateLinkServiceConnections": [
              {
                "name": "orders",
                "properties": {
                  "privateLinkServiceId": "[resourceId('Microsoft.Web/sites', 'orders')]",
                                        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE412
                  "groupIds": [ "sites" ]
                }
              }
            ]
          }
        }
      ]
    }
  `,
  messages: [
    "Private endpoint 'orders-pe' connects to app 'orders' on ASEv3 'my-ase', which does not allow new private endpoint connections (allowNewPrivateEndpointConnections is not set in its configurations/networking): Azure refuses the connection",
  ],
  output: dedent`
    {
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "resources": [
        {
          "type": "Microsoft.Network/virtualNetworks",
          "apiVersion": "2023-04-01",
          "name": "ase-vnet",
          "location": "westeurope",
          "properties": {
            "addressSpace": {
              "addressPrefixes": [ "10.0.0.0/16" ]
            },
            "subnets": [
              {
                "name": "endpoints",
                "properties": {
                  "addressPrefix": "10.0.2.0/24"
                }
              },
              {
                "name": "ase-subnet",
                "properties": {
                  "addressPrefix": "10.0.1.0/24",
                  "delegations": [
                    { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }
                  ]
                }
              }
            ]
          }
        },
        {
          "type": "Microsoft.Web/hostingEnvironments",
          "apiVersion": "2022-03-01",
          "name": "my-ase",
          "location": "westeurope",
          "kind": "ASEV3",
          "properties": {
            "internalLoadBalancingMode": "Web, Publishing",
            "virtualNetwork": {
              "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
            }
          }
        },
        {
          "type": "Microsoft.Web/serverfarms",
          "apiVersion": "2022-03-01",
          "name": "ase-plan",
          "location": "westeurope",
          "sku": { "name": "I1v2", "tier": "IsolatedV2" },
          "properties": {
            "hostingEnvironmentProfile": {
              "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
            }
          }
        },
        {
          "type": "Microsoft.Web/sites",
          "apiVersion": "2022-03-01",
          "name": "orders",
          "location": "westeurope",
          "properties": {
            "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'ase-plan')]"
          }
        },
        {
          "type": "Microsoft.Network/privateEndpoints",
          "apiVersion": "2023-04-01",
          "name": "orders-pe",
          "location": "westeurope",
          "properties": {
            "subnet": {
              "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'endpoints')]"
            },
            "privateLinkServiceConnections": [
              {
                "name": "orders",
                "properties": {
                  "privateLinkServiceId": "[resourceId('Microsoft.Web/sites', 'orders')]",
                                        //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE412
                  "groupIds": [ "sites" ]
                }
              }
            ]
          }
        },
        {
          "type": "Microsoft.Web/hostingEnvironments/configurations",
          "apiVersion": "2022-03-01",
          "name": "my-ase/networking",
          "dependsOn": [
            "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
          ],
          "properties": {
            "allowNewPrivateEndpointConnections": true
          }
        }
      ]
    }
  `,
  bicep: dedent`
    resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
      name: 'ase-vnet'
      location: 'westeurope'
      properties: {
        addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
        subnets: [
          {
            name: 'endpoints'
            properties: {
              addressPrefix: '10.0.2.0/24'
            }
          }
          {
            name: 'ase-subnet'
            properties: {
              addressPrefix: '10.0.1.0/24'
              delegations: [ { name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]
            }
          }
        ]
      }
    }
    resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
      name: 'my-ase'
      location: 'westeurope'
      kind: 'ASEV3'
      properties: {
        internalLoadBalancingMode: 'Web, Publishing'
        virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
      }
    }

    resource asePlan 'Microsoft.Web/serverfarms@2022-03-01' = {
      name: 'ase-plan'
      location: 'westeurope'
      sku: { name: 'I1v2', tier: 'IsolatedV2' }
      properties: {
        hostingEnvironmentProfile: { id: ase.id }
      }
    }

    resource orders 'Microsoft.Web/sites@2022-03-01' = {
      name: 'orders'
      location: 'westeurope'
      properties: {
        serverFarmId: asePlan.id
      }
    }

    resource ordersPe 'Microsoft.Network/privateEndpoints@2023-04-01' = {
      name: 'orders-pe'
      location: 'westeurope'
      properties: {
        subnet: { id: '\${vnet.id}/subnets/endpoints' }
        privateLinkServiceConnections: [
          {
            name: 'orders'
            properties: {
              privateLinkServiceId: orders.id
                                  //^^^^^^^^^ ASE412
              groupIds: [ 'sites' ]
            }
          }
        ]
      }
    }
  `,
  bicepOutput: dedent`
    resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
      name: 'ase-vnet'
      location: 'westeurope'
      properties: {
        addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
        subnets: [
          {
            name: 'endpoints'
            properties: {
              addressPrefix: '10.0.2.0/24'
            }
          }
          {
            name: 'ase-subnet'
            properties: {
              addressPrefix: '10.0.1.0/24'
              delegations: [ { name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]
            }
          }
        ]
      }
    }
    resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
      name: 'my-ase'
      location: 'westeurope'
      kind: 'ASEV3'
      properties: {
        internalLoadBalancingMode: 'Web, Publishing'
        virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
      }
    }

    resource asePlan 'Microsoft.Web/serverfarms@2022-03-01' = {
      name: 'ase-plan'
      location: 'westeurope'
      sku: { name: 'I1v2', tier: 'IsolatedV2' }
      properties: {
        hostingEnvironmentProfile: { id: ase.id }
      }
    }

    resource orders 'Microsoft.Web/sites@2022-03-01' = {
      name: 'orders'
      location: 'westeurope'
      properties: {
        serverFarmId: asePlan.id
      }
    }

    resource ordersPe 'Microsoft.Network/privateEndpoints@2023-04-01' = {
      name: 'orders-pe'
      location: 'westeurope'
      properties: {
        subnet: { id: '\${vnet.id}/subnets/endpoints' }
        privateLinkServiceConnections: [
          {
            name: 'orders'
            properties: {
              privateLinkServiceId: orders.id
                                  //^^^^^^^^^ ASE412
              groupIds: [ 'sites' ]
            }
          }
        ]
      }
    }

    resource aseNetworking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {
      parent: ase
      name: 'networking'
      properties: {
        allowNewPrivateEndpointConnections: true
      }
    }
  `,
} satisfies InvalidCase;

/** The canonical deployment (VNet, ILB ASEv3, plan, app, and a private endpoint to the app), without its carets. */
const ARM = withoutCarets(withoutConfiguration.arm);
const BICEP = withoutCarets(withoutConfiguration.bicep);

/** `text` with the ASE's networking configuration, `allowNewPrivateEndpointConnections` set to `allow`, as its last resource. */
const armNetworking = (text: string, allow: string) => armWithResources(text, networkingChild([`"allowNewPrivateEndpointConnections": ${allow}`]));
const bicepNetworking = (text: string, allow: string) => `${text}\n\n${bicepNetworkingChild([`allowNewPrivateEndpointConnections: ${allow}`])}`;

ruleTester(v3PrivateEndpointNotAllowed, {
  valid: [
    { name: 'the ASE allows new private endpoint connections', arm: armNetworking(ARM, 'true'), bicep: bicepNetworking(BICEP, 'true') },
    {
      name: 'the setting from a parameter without a value: silent',
      arm: armWithResources(
        armWithParameters(ARM, '"allow": { "type": "bool" }'),
        `    { "type": "Microsoft.Web/hostingEnvironments/configurations", "apiVersion": "2022-03-01", "name": "my-ase/networking", "properties": { "allowNewPrivateEndpointConnections": "[parameters('allow')]" } }`,
      ),
      bicep: `param allow bool\n${BICEP}\nresource networking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {\n  parent: ase\n  name: 'networking'\n  properties: { allowNewPrivateEndpointConnections: allow }\n}\n`,
    },
    { name: 'an app on an ASEv2 (no such setting)', arm: replaceOnce(ARM, '"ASEV3"', '"ASEV2"'), bicep: replaceOnce(BICEP, "'ASEV3'", "'ASEV2'") },
    {
      name: 'the private endpoint connects to something else',
      arm: replaceOnce(ARM, `"[resourceId('Microsoft.Web/sites', 'orders')]"`, `"[resourceId('Microsoft.Storage/storageAccounts', 'ordersdata')]"`),
      bicep: replaceOnce(BICEP, 'privateLinkServiceId: orders.id', "privateLinkServiceId: resourceId('Microsoft.Storage/storageAccounts', 'ordersdata')"),
    },
  ],
  invalid: [
    withoutConfiguration,
    {
      name: 'the networking configuration says false: the fix sets it to true',
      arm: armNetworking(withoutConfiguration.arm, 'false'),
      messages: [
        "Private endpoint 'orders-pe' connects to app 'orders' on ASEv3 'my-ase', which does not allow new private endpoint connections (allowNewPrivateEndpointConnections is false in its configurations/networking): Azure refuses the connection",
      ],
      output: armNetworking(withoutConfiguration.arm, 'true'),
      bicep: bicepNetworking(withoutConfiguration.bicep, 'false'),
      bicepOutput: bicepNetworking(withoutConfiguration.bicep, 'true'),
    },
  ],
});
