// ASE205 outbound-dns: an ASEv1/v2 resolves names over UDP 53 (TCP 53 is not required).
import { outboundDns } from '../../server/src/rules/outbound-dns';
import { dedent, ruleTester } from '../support/tester';
import { armTwin, bicepTwin, type RuleSpec } from '../support/twin';

const denyAllOutbound: RuleSpec = { name: 'DenyAllOutbound', priority: 4096, direction: 'Outbound', access: 'Deny' };
const udpOnly: RuleSpec[] = [{ name: 'DnsUdp', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Udp', destination: 'Internet', ports: '53' }, denyAllOutbound];
const tcpDenied: RuleSpec[] = [
  { name: 'DenyDnsTcp', priority: 100, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', destination: 'Internet', ports: '53' },
  { name: 'DnsUdp', priority: 110, direction: 'Outbound', access: 'Allow', protocol: 'Udp', destination: 'Internet', ports: '53' },
]

ruleTester(outboundDns, {
  valid: [
    {
      name: 'port 53 any protocol',
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
                  { "name": "Dns", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Internet", "destinationPortRange": "53" } },
                  { "name": "DenyAllOutbound", "properties": { "priority": 4096, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
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
                      }
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
              "kind": "ASEV2",
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
                name: 'Dns'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '53' }
              }
              {
                name: 'DenyAllOutbound'
                properties: { priority: 4096, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    { name: 'only UDP 53 allowed: TCP 53 is not required', arm: armTwin({ rules: udpOnly }), bicep: bicepTwin({ rules: udpOnly }) },
    { name: 'TCP 53 denied, UDP 53 allowed', arm: armTwin({ rules: tcpDenied }), bicep: bicepTwin({ rules: tcpDenied }) },
  ],
  invalid: [
    {
      name: 'only TCP 53 allowed',
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
                  { "name": "DnsTcp", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Internet", "destinationPortRange": "53" } },
                  { "name": "DenyAllOutbound", "properties": { "priority": 4096, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^^ ASE205
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
                      }
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
              "kind": "ASEV2",
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
        "NSG 'ase-nsg' blocks UDP 53 (DNS) to Internet (rule 'DenyAllOutbound', priority 4096): the ASE cannot resolve its dependencies and stops working",
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
                  { "name": "DnsTcp", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Internet", "destinationPortRange": "53" } },
                  {
                    "name": "AllowDnsOutbound",
                    "properties": {
                      "priority": 4090,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Udp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Internet",
                      "destinationPortRange": "53"
                    }
                  },
                  { "name": "DenyAllOutbound", "properties": { "priority": 4096, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^^ ASE205
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
                      }
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
              "kind": "ASEV2",
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
                name: 'DnsTcp'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '53' }
              }
              {
                name: 'DenyAllOutbound'
                //    ^^^^^^^^^^^^^^^^^ ASE205
                properties: { priority: 4096, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV2'
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
                name: 'DnsTcp'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '53' }
              }
              {
                name: 'AllowDnsOutbound'
                properties: {
                  priority: 4090
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Udp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Internet'
                  destinationPortRange: '53'
                }
              }
              {
                name: 'DenyAllOutbound'
                //    ^^^^^^^^^^^^^^^^^ ASE205
                properties: { priority: 4096, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
  ],
});
