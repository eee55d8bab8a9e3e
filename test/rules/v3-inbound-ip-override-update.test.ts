// ASE411 v3-inbound-ip-override-update: inboundIpAddressOverride set by a configurations/networking child for an ASE the files do not create.
import { v3InboundIpOverrideUpdate } from '../../server/src/rules/v3-inbound-ip-override-update';
import { dedent, ruleTester } from '../support/tester';

const ARM = dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Web/hostingEnvironments/configurations",
              "apiVersion": "2022-03-01",
              "name": "my-ase/networking",
              "properties": {
                "allowNewPrivateEndpointConnections": true,
                "inboundIpAddressOverride": "10.0.1.10"
              }
            }
          ]
        }
      `;
const BICEP = dedent`
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' existing = {
          name: 'my-ase'
        }

        resource networking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {
          parent: ase
          name: 'networking'
          properties: {
            allowNewPrivateEndpointConnections: true
            inboundIpAddressOverride: '10.0.1.10'
          }
        }
      `;

ruleTester(v3InboundIpOverrideUpdate, {
  valid: [
    {
      name: "the ASE is created with the child, in the same deployment",
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
                "internalLoadBalancingMode": "Web, Publishing",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Web/hostingEnvironments/configurations",
              "apiVersion": "2022-03-01",
              "name": "my-ase/networking",
              "dependsOn": [ "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" ],
              "properties": {
                "inboundIpAddressOverride": "10.0.1.10"
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

        resource networking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {
          parent: ase
          name: 'networking'
          properties: {
            inboundIpAddressOverride: '10.0.1.10'
          }
        }
      `,
    },
    {
      name: 'the address from a parameter without a value: it may be empty',
      arm: ARM.replace('"10.0.1.10"', `"[parameters('address')]"`).replace('"contentVersion": "1.0.0.0",', '"contentVersion": "1.0.0.0",\n  "parameters": { "address": { "type": "string" } },'),
      bicep: `param address string\n${BICEP.replace("'10.0.1.10'", 'address')}`,
    },
    { name: 'an empty address', arm: ARM.replace('"10.0.1.10"', '""'), bicep: BICEP.replace("'10.0.1.10'", "''") },
    {
      name: 'a child without the override',
      arm: ARM.replace(',\n        "inboundIpAddressOverride": "10.0.1.10"', ''),
      bicep: BICEP.replace("\n    inboundIpAddressOverride: '10.0.1.10'", ''),
    },
  ],
  invalid: [
    {
      name: "the override set on an ASE the files do not create",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Web/hostingEnvironments/configurations",
              "apiVersion": "2022-03-01",
              "name": "my-ase/networking",
              "properties": {
                "allowNewPrivateEndpointConnections": true,
                "inboundIpAddressOverride": "10.0.1.10"
                                          //^^^^^^^^^^^ ASE411
              }
            }
          ]
        }
      `,
      messages: [
        "The networking configuration of ASE 'my-ase' sets inboundIpAddressOverride to 10.0.1.10, but the analysed files do not create the ASE: the inbound address can be chosen only when the ASE is created, and this change does not apply",
      ],
      output: null,
      bicep: dedent`
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' existing = {
          name: 'my-ase'
        }

        resource networking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {
          parent: ase
          name: 'networking'
          properties: {
            allowNewPrivateEndpointConnections: true
            inboundIpAddressOverride: '10.0.1.10'
                                    //^^^^^^^^^^^ ASE411
          }
        }
      `,
      bicepOutput: null,
    },
  ],
});
