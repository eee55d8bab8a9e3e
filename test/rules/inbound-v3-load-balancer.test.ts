// ASE106 inbound-v3-load-balancer: an ASEv3's load balancer probes its instances on TCP 80.
import { inboundV3LoadBalancer } from '../../server/src/rules/inbound-v3-load-balancer';
import { dedent, ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec } from '../support/twin';
import { aseTemplate, nsgRule } from '../support/templates';

const v3 = { kind: 'ASEV3', delegations: ['                { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }'] };
const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
// The same for the Bicep twins.
const v3Spec = { kind: 'ASEV3', delegation: 'Microsoft.Web/hostingEnvironments' };
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };

ruleTester(inboundV3LoadBalancer, {
  valid: [
    {
      name: 'TCP 80 from the load balancer allowed',
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
                  { "name": "LB80", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "80" } },
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
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
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'LB80'
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '80' }
              }
              {
                name: 'DenyAllInbound'
                properties: { priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
    { name: 'default rules only', arm: aseTemplate({ ...v3, securityRules: [] }), bicep: bicepTwin({ ...v3Spec, rules: [] }) },
    { name: 'ASEv2 is not held to this rule', arm: aseTemplate({ securityRules: [denyAll] }), bicep: bicepTwin({ rules: [denySpec] }) },
  ],
  invalid: [
    {
      name: 'deny-all inbound',
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
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE106
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
        "NSG 'ase-nsg' blocks TCP 80 from AzureLoadBalancer (rule 'DenyAllInbound', priority 4096): health probes fail and the ASE stops receiving traffic",
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
                    "name": "AllowAzureLoadBalancerInbound",
                    "properties": {
                      "priority": 4090,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "AzureLoadBalancer",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "80"
                    }
                  },
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE106
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
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE106
                properties: { priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
      bicepOutput: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowAzureLoadBalancerInbound'
                properties: {
                  priority: 4090
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
                //    ^^^^^^^^^^^^^^^^ ASE106
                properties: { priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
  ],
});
