// ASE107 inbound-v3-ftp: an ASEv3 with FTP enabled whose NSG blocks TCP 21 from AzureLoadBalancer.
import { inboundV3Ftp } from '../../server/src/rules/inbound-v3-ftp';
import { dedent, ruleTester, type InvalidCase } from '../support/tester';
import { armWithFirewallRoutes, armWithParameters, bicepWithFirewallRoutes, replaceOnce, withoutCarets } from '../support/literal';
import { bicepNetworkingChild, networkingChild } from '../support/aseNetworking';

/** The canonical case, as a user writes it: FTP enabled in the ASE's networking configuration, an NSG that admits the health probe alone; the fix admits TCP 21. */
const deniedFtp = {
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
} satisfies InvalidCase;

/** The canonical deployment without its carets. */
const ARM = withoutCarets(deniedFtp.arm);
const BICEP = withoutCarets(deniedFtp.bicep);

/** The networking configuration's `ftpEnabled: true` replaced by `value` (ARM JSON, Bicep expression). */
const armFtp = (value: string) => replaceOnce(ARM, '"ftpEnabled": true', `"ftpEnabled": ${value}`);
const bicepFtp = (value: string) => replaceOnce(BICEP, 'ftpEnabled: true', `ftpEnabled: ${value}`);

/** The NSG's load balancer rule admits TCP 21 as well as 80. */
const armAdmitted = replaceOnce(ARM, '"destinationPortRange": "80"', '"destinationPortRanges": [ "21", "80" ]');
const bicepAdmitted = replaceOnce(BICEP, "destinationPortRange: '80'", "destinationPortRanges: [ '21', '80' ]");

/** Without the networking child, the ASE's last resource: FTP is off. */
const armNoChild = replaceOnce(ARM, `,\n${networkingChild(['"ftpEnabled": true'])}\n`, '\n');
const bicepNoChild = replaceOnce(BICEP, `\n${bicepNetworkingChild(['ftpEnabled: true'])}`, '');

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
      arm: armWithFirewallRoutes(armAdmitted, 'ase-routes', 'ase-nsg'),
      bicep: bicepWithFirewallRoutes(bicepAdmitted, 'ase-routes'),
    },
    { name: 'no networking configuration: FTP is off by default', arm: armNoChild, bicep: bicepNoChild },
    {
      name: 'ftpEnabled from a parameter without a value: FTP may be off',
      arm: armWithParameters(armFtp(`"[parameters('ftp')]"`), '"ftp": { "type": "bool" }'),
      bicep: `param ftp bool\n${bicepFtp('ftp')}`,
    },
    {
      name: 'ftpEnabled only on the ASE itself, where the resource provider ignores it (ASE410): FTP is off',
      arm: replaceOnce(armNoChild, '"internalLoadBalancingMode": "Web, Publishing",', '"internalLoadBalancingMode": "Web, Publishing",\n        "networkingConfiguration": { "properties": { "ftpEnabled": true } },'),
      bicep: replaceOnce(bicepNoChild, "internalLoadBalancingMode: 'Web, Publishing'", "internalLoadBalancingMode: 'Web, Publishing'\n    networkingConfiguration: { properties: { ftpEnabled: true } }"),
    },
  ],
  invalid: [deniedFtp],
});
