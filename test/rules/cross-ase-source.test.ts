// ASE802 cross-ase-source: an External ASE is called by another ASE from that ASE's public address, not its subnet.
import { crossAseSource } from '../../server/src/rules/cross-ase-source';
import { dedent, ruleTester } from '../support/tester';
import { underName } from '../support/templates';
import { annotate } from '../support/bicepTwins';
import { allowCaller, allowCallerSpec, bicepCrossCase, crossCase, management, managementSpec } from '../support/callerAse';

const bicepOnRule = (text: string, name: string, code: string) => annotate(text, `name: '${name}'`, `'${name}'`, code);

ruleTester(crossAseSource, {
  valid: [
    {
      name: "the caller's public address is allowed too",
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
                  { "name": "AllowManagement", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AppServiceManagement", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "454-455" } },
                  { "name": "AllowCaller", "properties": { "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "10.0.5.0/24", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443" } },
                  { "name": "AllowCallerVip", "properties": { "priority": 210, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "20.50.60.70", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443" } }
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
                  },
                  { "name": "caller-subnet", "properties": { "addressPrefix": "10.0.5.0/24" } }
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
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "caller-ase",
              "location": "westeurope",
              "kind": "ASEV2",
              "properties": {
                "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'caller-subnet')]" }
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
                name: 'AllowManagement'
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '454-455' }
              }
              {
                name: 'AllowCaller'
                properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.0.5.0/24', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '443' }
              }
              {
                name: 'AllowCallerVip'
                properties: { priority: 210, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '20.50.60.70', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '443' }
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
              { name: 'caller-subnet', properties: { addressPrefix: '10.0.5.0/24' } }
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
        resource callerAse 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'caller-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'caller-subnet') }
          }
        }
      `,
    },
    {
      name: 'Internet is allowed',
      arm: crossCase([management, allowCaller('10.0.5.0/24', false), allowCaller('Internet').replace('AllowCaller', 'AllowWeb').replace('"priority": 200', '"priority": 210')]),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec(), allowCallerSpec('Internet', 'AllowWeb', 210)]),
    },
    {
      name: 'an ILB ASE is called inside the network',
      arm: crossCase([management, allowCaller()], { ilbMode: 'Web' }),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec()], { ilbMode: 'Web' }),
    },
    { name: 'a rule for another subnet', arm: crossCase([management, allowCaller('10.0.7.0/24')]), bicep: bicepCrossCase([managementSpec, allowCallerSpec('10.0.7.0/24')]) },
    {
      // Wider than the caller's subnet: meant for the network's other clients, which do call from their private addresses.
      name: 'the whole VNet, which holds the other ASE\'s subnet',
      arm: crossCase([management, allowCaller('10.0.0.0/16')]),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec('10.0.0.0/16')]),
    },
  ],
  invalid: [
    {
      name: "the other ASE's subnet only",
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
                  { "name": "AllowManagement", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AppServiceManagement", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "454-455" } },
                  { "name": "AllowCaller", "properties": { "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "10.0.5.0/24", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443" } }
                  //        ^^^^^^^^^^^^^ ASE802
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
                  },
                  { "name": "caller-subnet", "properties": { "addressPrefix": "10.0.5.0/24" } }
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
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "caller-ase",
              "location": "westeurope",
              "kind": "ASEV2",
              "properties": {
                "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'caller-subnet')]" }
              }
            }
          ]
        }
      `,
      messages: [
        "Rule 'AllowCaller', priority 200 of NSG 'ase-nsg' admits 10.0.5.0/24, the subnet of ASE 'caller-ase', into External ASE 'my-ase': calls between ASEs leave through the caller's public address, not its subnet, so they are not let in",
      ],
      output: null,
      bicep: dedent`
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowManagement'
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '454-455' }
              }
              {
                name: 'AllowCaller'
                //    ^^^^^^^^^^^^^ ASE802
                properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.0.5.0/24', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '443' }
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
              { name: 'caller-subnet', properties: { addressPrefix: '10.0.5.0/24' } }
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
        resource callerAse 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'caller-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'caller-subnet') }
          }
        }
      `,
    },
    {
      name: "part of the other ASE's subnet (ASE802 alone reports it)",
      arm: crossCase([management, allowCaller('10.0.5.0/26'), underName('AllowCaller', 'ASE802')]),
      messages: [
        "Rule 'AllowCaller', priority 200 of NSG 'ase-nsg' admits 10.0.5.0/26, part of the subnet 10.0.5.0/24 of ASE 'caller-ase', into External ASE 'my-ase': calls between ASEs leave through the caller's public address, not its subnet, so they are not let in",
      ],
      output: null,
      bicep: bicepOnRule(bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/26')]), 'AllowCaller', 'ASE802'),
    },
  ],
});
