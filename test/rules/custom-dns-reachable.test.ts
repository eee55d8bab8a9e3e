// ASE601 custom-dns-reachable: an ASEv1/v2 reaches the custom DNS servers its VNet names.
import { customDnsReachable } from '../../server/src/rules/custom-dns-reachable';
import { dedent, ruleTester } from '../support/tester';
import { allowRule, aseTemplate, caretsUnder, inserted, nsgRule, underName, withDnsServers } from '../support/templates';
import { bicepTwin, bicepWithDnsServers, type RuleSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore } from '../support/bicepTwins';

const denyVnet = nsgRule('DenyVnetOutbound', { priority: 4000, direction: 'Outbound', access: 'Deny', destination: 'VirtualNetwork' }, true);
const allowDnsTcp = nsgRule('AllowDnsTcp', { priority: 200, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: '10.0.0.4', ports: '53' });
const fixRule = allowRule('AllowCustomDnsOutbound', { protocol: '*', ports: ['53'], source: '*', destination: '10.0.0.4', priority: 3990, direction: 'Outbound' });
// The Bicep twins: the DNS servers in the VNet's `dhcpOptions`.
const denyVnetSpec: RuleSpec = { name: 'DenyVnetOutbound', priority: 4000, direction: 'Outbound', access: 'Deny', destination: 'VirtualNetwork' };
const allowDnsTcpSpec: RuleSpec = { name: 'AllowDnsTcp', priority: 200, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: '10.0.0.4', ports: '53' };
const tcpOnlyBicep = annotate(bicepWithDnsServers({ rules: [allowDnsTcpSpec, denyVnetSpec] }, ["'10.0.0.4'"]), "name: 'DenyVnetOutbound'", "'DenyVnetOutbound'", 'ASE601');
const bicepFix = bicepRule('AllowCustomDnsOutbound', { protocol: '*', ports: ['53'], source: '*', destination: '10.0.0.4', priority: 3990, direction: 'Outbound' });

ruleTester(customDnsReachable, {
  valid: [
    {
      name: 'the NSG allows DNS to the server',
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
                  { "name": "AllowDns", "properties": { "priority": 200, "direction": "Outbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "10.0.0.4", "destinationPortRange": "53" } },
                  { "name": "DenyVnetOutbound", "properties": { "priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "*" } }
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
                "dhcpOptions": { "dnsServers": ["10.0.0.4"] },
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
                name: 'AllowDns'
                properties: { priority: 200, direction: 'Outbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '10.0.0.4', destinationPortRange: '53' }
              }
              {
                name: 'DenyVnetOutbound'
                properties: { priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' }
              }
            ]
          }
        }
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            dhcpOptions: { dnsServers: [ '10.0.0.4' ] }
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
    { name: 'no NSG', arm: withDnsServers({}, ['10.0.0.4']), bicep: bicepWithDnsServers({}, ["'10.0.0.4'"]) },
    { name: 'no custom DNS servers', arm: aseTemplate({ securityRules: [denyVnet] }), bicep: bicepTwin({ rules: [denyVnetSpec] }) },
    {
      name: 'a server unresolved',
      arm: withDnsServers({ securityRules: [denyVnet] }, ["[parameters('dns')]"]),
      bicep: bicepWithDnsServers({ params: ['param dns string'], rules: [denyVnetSpec] }, ['dns']),
    },
    {
      name: 'ASEv3',
      arm: withDnsServers({ kind: 'ASEV3', securityRules: [denyVnet] }, ['10.0.0.4']),
      bicep: bicepWithDnsServers({ kind: 'ASEV3', rules: [denyVnetSpec] }, ["'10.0.0.4'"]),
    },
  ],
  invalid: [
    {
      name: 'the NSG denies outbound to the VNet: the fix allows DNS to the server',
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
                  { "name": "DenyVnetOutbound", "properties": { "priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^^^ ASE601
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
                "dhcpOptions": { "dnsServers": ["10.0.0.4"] },
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
        "NSG 'ase-nsg' blocks port 53 (DNS) to the VNet's DNS server 10.0.0.4 (rule 'DenyVnetOutbound', priority 4000, denies UDP 53): ASE 'my-ase' cannot resolve names through the DNS servers its VNet names, and stops working",
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
                    "name": "AllowCustomDnsOutbound",
                    "properties": {
                      "priority": 3990,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "*",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "10.0.0.4",
                      "destinationPortRange": "53"
                    }
                  },
                  { "name": "DenyVnetOutbound", "properties": { "priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^^^ ASE601
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
                "dhcpOptions": { "dnsServers": ["10.0.0.4"] },
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
                name: 'DenyVnetOutbound'
                //    ^^^^^^^^^^^^^^^^^^ ASE601
                properties: { priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' }
              }
            ]
          }
        }
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            dhcpOptions: { dnsServers: [ '10.0.0.4' ] }
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
                name: 'AllowCustomDnsOutbound'
                properties: {
                  priority: 3990
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: '*'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '10.0.0.4'
                  destinationPortRange: '53'
                }
              }
              {
                name: 'DenyVnetOutbound'
                //    ^^^^^^^^^^^^^^^^^^ ASE601
                properties: { priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' }
              }
            ]
          }
        }
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            dhcpOptions: { dnsServers: [ '10.0.0.4' ] }
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
    {
      name: 'TCP allowed but not UDP',
      arm: withDnsServers({ securityRules: [allowDnsTcp, denyVnet, underName('DenyVnetOutbound', 'ASE601')] }, ['10.0.0.4']),
      messages: [
        "NSG 'ase-nsg' blocks port 53 (DNS) to the VNet's DNS server 10.0.0.4 (rule 'DenyVnetOutbound', priority 4000, denies UDP 53): ASE 'my-ase' cannot resolve names through the DNS servers its VNet names, and stops working",
      ],
      output: withDnsServers({ securityRules: [allowDnsTcp, ...inserted(fixRule, 10, true), denyVnet, underName('DenyVnetOutbound', 'ASE601')] }, ['10.0.0.4']),
      bicep: tcpOnlyBicep,
      bicepOutput: insertRuleBefore(tcpOnlyBicep, 'DenyVnetOutbound', bicepFix),
    },
    {
      name: 'a server inside the ASE subnet',
      arm: withDnsServers({}, ['10.0.0.4', '10.0.1.10'], [caretsUnder('        "dhcpOptions": { "dnsServers": ["10.0.0.4", "10.0.1.10"] },', '"10.0.1.10"', 'ASE601')]),
      messages: [
        "The DNS server 10.0.1.10 of VNet 'ase-vnet' lies in the subnet of ASE 'my-ase': nothing else may live there and the ASE cannot reach it, so the ASE cannot resolve names",
      ],
      output: null,
      bicep: annotate(bicepWithDnsServers({}, ["'10.0.0.4'", "'10.0.1.10'"]), 'dhcpOptions:', "'10.0.1.10'", 'ASE601'),
    },
  ],
});
