// ASE410 v3-networking-configuration-placement: an ASEv3's networking settings written in its own networkingConfiguration.
import { v3NetworkingConfigurationPlacement } from '../../server/src/rules/v3-networking-configuration-placement';
import { dedent, ruleTester } from '../support/tester';

const ARM = dedent`
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
                "networkingConfiguration": {
                  "properties": {
                    "ftpEnabled": true,
                    "remoteDebugEnabled": false
                  }
                },
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            }
          ]
        }
      `;
const BICEP = dedent`
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
            networkingConfiguration: {
              properties: {
                ftpEnabled: true
                remoteDebugEnabled: false
              }
            }
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `;
const armWithout = ARM.replace(/\n {8}"networkingConfiguration": \{[\s\S]*?\n {8}\},/, '');
const bicepWithout = BICEP.replace(/\n {4}networkingConfiguration: \{[\s\S]*?\n {4}\}/, '');

ruleTester(v3NetworkingConfigurationPlacement, {
  valid: [
    { name: 'no networkingConfiguration on the ASE', arm: armWithout, bicep: bicepWithout },
    { name: 'an ASEv2: the settings are ASEv3 ones', arm: ARM.replace('"ASEV3"', '"ASEV2"'), bicep: BICEP.replace("'ASEV3'", "'ASEV2'") },
    {
      name: 'the ASE kind from a parameter without a value',
      arm: ARM.replace('"ASEV3"', `"[parameters('kind')]"`).replace('"contentVersion": "1.0.0.0",', '"contentVersion": "1.0.0.0",\n  "parameters": { "kind": { "type": "string" } },'),
      bicep: `param kind string\n${BICEP.replace("kind: 'ASEV3'", 'kind: kind')}`,
    },
  ],
  invalid: [
    {
      name: "ftpEnabled and remoteDebugEnabled on the ASE itself move into a new configurations/networking child",
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
                "networkingConfiguration": {
              //^^^^^^^^^^^^^^^^^^^^^^^^^ ASE410
                  "properties": {
                    "ftpEnabled": true,
                    "remoteDebugEnabled": false
                  }
                },
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            }
          ]
        }
      `,
      messages: [
        "ASEv3 'my-ase' sets ftpEnabled and remoteDebugEnabled in its own networkingConfiguration, where Azure does not apply them: the settings take effect only in its configurations/networking child",
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
              "dependsOn": [
                "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
              ],
              "properties": {
                "ftpEnabled": true,
                "remoteDebugEnabled": false
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
            networkingConfiguration: {
          //^^^^^^^^^^^^^^^^^^^^^^^ ASE410
              properties: {
                ftpEnabled: true
                remoteDebugEnabled: false
              }
            }
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

        resource aseNetworking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {
          parent: ase
          name: 'networking'
          properties: {
            ftpEnabled: true
            remoteDebugEnabled: false
          }
        }
      `,
    },
    {
      name: "the child exists: the settings join it",
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
                "networkingConfiguration": {
              //^^^^^^^^^^^^^^^^^^^^^^^^^ ASE410
                  "properties": {
                    "ftpEnabled": true,
                    "remoteDebugEnabled": false
                  }
                },
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
                "allowNewPrivateEndpointConnections": true
              }
            }
          ]
        }
      `,
      messages: [
        "ASEv3 'my-ase' sets ftpEnabled and remoteDebugEnabled in its own networkingConfiguration, where Azure does not apply them: the settings take effect only in its configurations/networking child",
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
                "allowNewPrivateEndpointConnections": true,
                "ftpEnabled": true,
                "remoteDebugEnabled": false
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
            networkingConfiguration: {
          //^^^^^^^^^^^^^^^^^^^^^^^ ASE410
              properties: {
                ftpEnabled: true
                remoteDebugEnabled: false
              }
            }
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }

        resource networking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {
          parent: ase
          name: 'networking'
          properties: {
            allowNewPrivateEndpointConnections: true
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
            allowNewPrivateEndpointConnections: true
            ftpEnabled: true
            remoteDebugEnabled: false
          }
        }
      `,
    },
    {
      name: "a setting from a parameter stays the parameter",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "ftp": { "type": "bool", "defaultValue": false }
          },
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
                "networkingConfiguration": {
              //^^^^^^^^^^^^^^^^^^^^^^^^^ ASE410
                  "properties": {
                    "ftpEnabled": "[parameters('ftp')]",
                    "remoteDebugEnabled": false
                  }
                },
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            }
          ]
        }
      `,
      messages: [
        "ASEv3 'my-ase' sets ftpEnabled and remoteDebugEnabled in its own networkingConfiguration, where Azure does not apply them: the settings take effect only in its configurations/networking child",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "ftp": { "type": "bool", "defaultValue": false }
          },
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
              "dependsOn": [
                "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]"
              ],
              "properties": {
                "ftpEnabled": "[parameters('ftp')]",
                "remoteDebugEnabled": false
              }
            }
          ]
        }
      `,
      bicep: dedent`
        param ftp bool = false

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
            networkingConfiguration: {
          //^^^^^^^^^^^^^^^^^^^^^^^ ASE410
              properties: {
                ftpEnabled: ftp
                remoteDebugEnabled: false
              }
            }
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
      bicepOutput: dedent`
        param ftp bool = false

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

        resource aseNetworking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' = {
          parent: ase
          name: 'networking'
          properties: {
            ftpEnabled: ftp
            remoteDebugEnabled: false
          }
        }
      `,
    },
  ],
});
