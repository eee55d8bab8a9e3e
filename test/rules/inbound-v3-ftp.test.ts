// ASE107 inbound-v3-ftp: an ASEv3 with FTP enabled whose NSG blocks TCP 21 from AzureLoadBalancer.
import { inboundV3Ftp } from '../../server/src/rules/inbound-v3-ftp';
import { dedent, ruleTester } from '../support/tester';

/** The canonical case's texts, for variations. */
const ARM = dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "ase-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowAzureLoadBalancer",
                    "properties": {
                      "priority": 100,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "AzureLoadBalancer",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "80"
                    }
                  },
                  {
                    "name": "DenyAllInbound",
                    "properties": {
                      "priority": 4096,
                      "direction": "Inbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
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
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"
                      },
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
                "ftpEnabled": true
              }
            }
          ]
        }
      `;
const BICEP = dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowAzureLoadBalancer'
                properties: {
                  priority: 100
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'AzureLoadBalancer'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '80'
                }
              }
              {
                name: 'DenyAllInbound'
                properties: {
                  priority: 4096
                  direction: 'Inbound'
                  access: 'Deny'
                  protocol: '*'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '*'
                }
              }
            ]
          }
        }

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
                  networkSecurityGroup: { id: nsg.id }
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
            ftpEnabled: true
          }
        }
      `;
const armFtp = (value: string) => ARM.replace('"ftpEnabled": true', `"ftpEnabled": ${value}`);
const bicepFtp = (value: string) => BICEP.replace('ftpEnabled: true', `ftpEnabled: ${value}`);
const withParam = (text: string, name: string, type: string) =>
  text.replace('"contentVersion": "1.0.0.0",', `"contentVersion": "1.0.0.0",\n  "parameters": { "${name}": { "type": "${type}" } },`);
/** Without the networking child: FTP is off. */
const armNoChild = ARM.slice(0, ARM.lastIndexOf(',\n    {\n      "type": "Microsoft.Web/hostingEnvironments/configurations"')) + '\n  ]\n}';
const bicepNoChild = BICEP.slice(0, BICEP.indexOf("\nresource networking"));

/** A route table on the ASE subnet that sends everything to a firewall: it does not change what the load balancer may reach. */
const armRouted = (text: string) =>
  text
    .replace(
      `"id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"\n              },`,
      `"id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"\n              },\n              "routeTable": {\n                "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]"\n              },`,
    )
    .replace(
      '  "resources": [\n',
      `  "resources": [\n    {\n      "type": "Microsoft.Network/routeTables",\n      "apiVersion": "2023-04-01",\n      "name": "ase-routes",\n      "location": "westeurope",\n      "properties": {\n        "routes": [ { "name": "to-firewall", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4" } } ]\n      }\n    },\n`,
    );
const bicepRouted = (text: string) =>
  text
    .replace('networkSecurityGroup: { id: nsg.id }', 'networkSecurityGroup: { id: nsg.id }\n          routeTable: { id: routes.id }')
    .replace(
      "resource vnet ",
      "resource routes 'Microsoft.Network/routeTables@2023-04-01' = {\n  name: 'ase-routes'\n  location: 'westeurope'\n  properties: {\n    routes: [ { name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } } ]\n  }\n}\n\nresource vnet ",
    );

ruleTester(inboundV3Ftp, {
  valid: [
    {
      name: "FTP enabled, and the load balancer may reach TCP 21",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "ase-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowAzureLoadBalancer",
                    "properties": {
                      "priority": 100,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "AzureLoadBalancer",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRanges": [ "21", "80" ]
                    }
                  },
                  {
                    "name": "DenyAllInbound",
                    "properties": {
                      "priority": 4096,
                      "direction": "Inbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
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
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"
                      },
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
                "ftpEnabled": true
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowAzureLoadBalancer'
                properties: {
                  priority: 100
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'AzureLoadBalancer'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRanges: [ '21', '80' ]
                }
              }
              {
                name: 'DenyAllInbound'
                properties: {
                  priority: 4096
                  direction: 'Inbound'
                  access: 'Deny'
                  protocol: '*'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '*'
                }
              }
            ]
          }
        }

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
                  networkSecurityGroup: { id: nsg.id }
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
            ftpEnabled: true
          }
        }
      `,
    },
    { name: 'FTP disabled', arm: armFtp('false'), bicep: bicepFtp('false') },
    {
      name: 'FTP enabled and admitted, with a route table that sends everything to a firewall',
      arm: armRouted(ARM.replace('"destinationPortRange": "80"', '"destinationPortRanges": [ "21", "80" ]')),
      bicep: bicepRouted(BICEP.replace("destinationPortRange: '80'", "destinationPortRanges: [ '21', '80' ]")),
    },
    { name: 'no networking configuration: FTP is off by default', arm: armNoChild, bicep: bicepNoChild },
    {
      name: 'ftpEnabled from a parameter without a value: FTP may be off',
      arm: withParam(armFtp(`"[parameters('ftp')]"`), 'ftp', 'bool'),
      bicep: `param ftp bool\n${bicepFtp('ftp')}`,
    },
    {
      name: 'ftpEnabled only on the ASE itself, where the resource provider ignores it (ASE410): FTP is off',
      arm: armNoChild.replace('"internalLoadBalancingMode": "Web, Publishing",', '"internalLoadBalancingMode": "Web, Publishing",\n        "networkingConfiguration": { "properties": { "ftpEnabled": true } },'),
      bicep: bicepNoChild.replace("internalLoadBalancingMode: 'Web, Publishing'", "internalLoadBalancingMode: 'Web, Publishing'\n    networkingConfiguration: { properties: { ftpEnabled: true } }"),
    },
  ],
  invalid: [
    {
      name: "FTP enabled, the NSG denies everything inbound but the health probe",
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "ase-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowAzureLoadBalancer",
                    "properties": {
                      "priority": 100,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "AzureLoadBalancer",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "80"
                    }
                  },
                  {
                    "name": "DenyAllInbound",
                          //^^^^^^^^^^^^^^^^ ASE107
                    "properties": {
                      "priority": 4096,
                      "direction": "Inbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
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
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"
                      },
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
                "ftpEnabled": true
              }
            }
          ]
        }
      `,
      messages: [
        "NSG 'ase-nsg' blocks TCP 21 from AzureLoadBalancer (rule 'DenyAllInbound', priority 4096): FTP is enabled on the ASE (ftpEnabled), and FTP and FTPS publishing to its apps fail on every FTP port",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "ase-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  {
                    "name": "AllowAzureLoadBalancer",
                    "properties": {
                      "priority": 100,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "AzureLoadBalancer",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "80"
                    }
                  },
                  {
                    "name": "AllowAzureLoadBalancerFtp",
                    "properties": {
                      "priority": 4090,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "AzureLoadBalancer",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "21"
                    }
                  },
                  {
                    "name": "DenyAllInbound",
                          //^^^^^^^^^^^^^^^^ ASE107
                    "properties": {
                      "priority": 4096,
                      "direction": "Inbound",
                      "access": "Deny",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  }
                ]
              }
            },
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
                      "networkSecurityGroup": {
                        "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"
                      },
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
                "ftpEnabled": true
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowAzureLoadBalancer'
                properties: {
                  priority: 100
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'AzureLoadBalancer'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '80'
                }
              }
              {
                name: 'DenyAllInbound'
                    //^^^^^^^^^^^^^^^^ ASE107
                properties: {
                  priority: 4096
                  direction: 'Inbound'
                  access: 'Deny'
                  protocol: '*'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '*'
                }
              }
            ]
          }
        }

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
                  networkSecurityGroup: { id: nsg.id }
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
            ftpEnabled: true
          }
        }
      `,
      bicepOutput: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowAzureLoadBalancer'
                properties: {
                  priority: 100
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'AzureLoadBalancer'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '80'
                }
              }
              {
                name: 'AllowAzureLoadBalancerFtp'
                properties: {
                  priority: 4090
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'AzureLoadBalancer'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '21'
                }
              }
              {
                name: 'DenyAllInbound'
                    //^^^^^^^^^^^^^^^^ ASE107
                properties: {
                  priority: 4096
                  direction: 'Inbound'
                  access: 'Deny'
                  protocol: '*'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '*'
                }
              }
            ]
          }
        }

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
                  networkSecurityGroup: { id: nsg.id }
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
            ftpEnabled: true
          }
        }
      `,
    },
  ],
});
