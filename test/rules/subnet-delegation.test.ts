// ASE403 subnet-delegation: an ASEv3 subnet is delegated to Microsoft.Web/hostingEnvironments; an ASEv1/v2 subnet to nothing.
import { subnetDelegation } from '../../server/src/rules/subnet-delegation';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder } from '../support/templates';
import { bicepTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const farmDelegation = '                { "name": "farm", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }';

ruleTester(subnetDelegation, {
  valid: [
    {
      name: 'ASEv3 delegated',
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
                "internalLoadBalancingMode": "None",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
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
                name: 'ase-subnet'
                properties: {
                  addressPrefix: '10.0.1.0/24'
                  delegations: [ { name: 'd', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]
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
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    { name: 'ASEv2 without delegation', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      // The migration to ASEv3 delegates the running ASEv2's subnet this way first: no harm to the ASEv2.
      name: 'ASEv2 subnet delegated to Microsoft.Web/hostingEnvironments',
      arm: aseTemplate({ delegations: ['                { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }'] }),
      bicep: bicepTwin({ delegation: 'Microsoft.Web/hostingEnvironments' }),
    },
    {
      name: 'ASEv3 delegation unresolved',
      arm: aseTemplate({ kind: 'ASEV3', delegations: ['                { "name": "d", "properties": { "serviceName": "[parameters(\'svc\')]" } }'] }),
      bicep: bicepTwin({ params: ['param svc string'], kind: 'ASEV3', delegation: 'SVC' }).replace("serviceName: 'SVC'", 'serviceName: svc'),
    },
  ],
  invalid: [
    {
      name: 'ASEv3 subnet without delegation gets one',
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
                    "name": "ase-subnet",
                    //      ^^^^^^^^^^^^ ASE403
                    "properties": {
                      "addressPrefix": "10.0.1.0/24"
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
                "internalLoadBalancingMode": "None",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            }
          ]
        }
      `,
      messages: [
        "The subnet 'ase-subnet' of ASEv3 'my-ase' is not delegated to Microsoft.Web/hostingEnvironments: the ASE cannot be created in it",
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
                    "name": "ase-subnet",
                    //      ^^^^^^^^^^^^ ASE403
                    "properties": {
                      "addressPrefix": "10.0.1.0/24",
                      "delegations": [
                        {
                          "name": "Microsoft.Web.hostingEnvironments",
                          "properties": {
                            "serviceName": "Microsoft.Web/hostingEnvironments"
                          }
                        }
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
                "internalLoadBalancingMode": "None",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
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
                name: 'ase-subnet'
                //    ^^^^^^^^^^^^ ASE403
                properties: {
                  addressPrefix: '10.0.1.0/24'
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
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
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
                name: 'ase-subnet'
                //    ^^^^^^^^^^^^ ASE403
                properties: {
                  addressPrefix: '10.0.1.0/24'
                  delegations: [
                    {
                      name: 'Microsoft.Web.hostingEnvironments'
                      properties: {
                        serviceName: 'Microsoft.Web/hostingEnvironments'
                      }
                    }
                  ]
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
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    {
      name: 'ASEv2 subnet delegated to another service',
      arm: aseTemplate({
        delegations: [farmDelegation, caretsUnder(farmDelegation, '"Microsoft.Web/serverFarms"', 'ASE403')],
      }),
      messages: ["The subnet 'ase-subnet' of ASEv2 'my-ase' is delegated to Microsoft.Web/serverFarms: an ASEv1/v2 subnet must not be delegated"],
      output: null,
      bicep: annotate(bicepTwin({ delegation: 'Microsoft.Web/serverFarms' }), 'delegations: [', "'Microsoft.Web/serverFarms'", 'ASE403'),
    },
  ],
});
