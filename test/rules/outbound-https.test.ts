// ASE204 outbound-https: an ASEv1/v2 reaches Azure management, Azure AD, certificate revocation checks and its updates on TCP 80 and 443 to the internet.
import { outboundHttps } from '../../server/src/rules/outbound-https';
import { dedent, ruleTester } from '../support/tester';
import { bicepTwin } from '../support/twin';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';
import { bicepRuleLines, type RuleSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

// The current ASEv2 networking page asks for TCP 80 as well as 443: revocation lists, updates.
const https443: RuleSpec = { name: 'Https', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: 'Internet', ports: '443' };
const denyAll: RuleSpec = { name: 'DenyAllOutbound', priority: 4096, direction: 'Outbound', access: 'Deny' };
const webRule = allowRule('AllowWebOutbound', { protocol: 'Tcp', ports: ['80', '443'], source: '*', destination: 'Internet', priority: 4090, direction: 'Outbound' });
const bicepWebRule = [
  '      {',
  "        name: 'AllowWebOutbound'",
  '        properties: {',
  '          priority: 4090',
  "          direction: 'Outbound'",
  "          access: 'Allow'",
  "          protocol: 'Tcp'",
  "          sourceAddressPrefix: '*'",
  "          sourcePortRange: '*'",
  "          destinationAddressPrefix: 'Internet'",
  '          destinationPortRanges: [',
  "            '80'",
  "            '443'",
  '          ]',
  '        }',
  '      }',
];
const only443 = (extra: string[] = []) =>
  aseTemplate({ securityRules: [nsgRule(https443.name, https443), ...extra, nsgRule(denyAll.name, denyAll, true), underName(denyAll.name, 'ASE204')] });
const bicepOnly443 = (extra: string[] = []) =>
  annotate(
    bicepTwin({ rules: [https443, denyAll] }).replace(bicepRuleLines(denyAll).join('\n'), [...extra, ...bicepRuleLines(denyAll)].join('\n')),
    "name: 'DenyAllOutbound'",
    "'DenyAllOutbound'",
    'ASE204',
  );

ruleTester(outboundHttps, {
  valid: [
    {
      name: '80 and 443 to Internet allowed',
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
                  { "name": "Https", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Internet", "destinationPortRanges": ["80", "443"] } },
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
                name: 'Https'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Internet', destinationPortRanges: ['80', '443'] }
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
    {
      name: 'deny to a private range only',
      arm: aseTemplate({ securityRules: [nsgRule('DenyOnPrem', { priority: 100, direction: 'Outbound', access: 'Deny', destination: '192.168.0.0/16' }, true)] }),
      bicep: bicepTwin({ rules: [{ name: 'DenyOnPrem', priority: 100, direction: 'Outbound', access: 'Deny', destination: '192.168.0.0/16' }] }),
    },
  ],
  invalid: [
    {
      name: 'only 443 allowed: TCP 80 out is blocked',
      arm: only443(),
      bicep: bicepOnly443(),
      messages: [
        "NSG 'ase-nsg' blocks TCP 80, 443 to Internet (rule 'DenyAllOutbound', priority 4096, denies TCP 80): the ASE cannot reach Azure management, Azure AD, certificate revocation checks or its updates, and stops working",
      ],
      fixTitle: 'Allow outbound HTTP and HTTPS to Internet',
      output: only443(inserted(webRule, 10, true)),
      bicepOutput: bicepOnly443(bicepWebRule),
    },
    {
      name: 'AzureCloud alone does not cover certificate checks',
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
                  { "name": "Cloud", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "AzureCloud", "destinationPortRanges": ["80", "443"] } },
                  { "name": "DenyInternet", "properties": { "priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Internet", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^ ASE204
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
        "NSG 'ase-nsg' blocks TCP 80, 443 to Internet (rule 'DenyInternet', priority 4000, denies TCP 80,443 to Internet outside Azure): the ASE cannot reach Azure management, Azure AD, certificate revocation checks or its updates, and stops working",
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
                  { "name": "Cloud", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "AzureCloud", "destinationPortRanges": ["80", "443"] } },
                  {
                    "name": "AllowWebOutbound",
                    "properties": {
                      "priority": 3990,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Internet",
                      "destinationPortRanges": ["80", "443"]
                    }
                  },
                  { "name": "DenyInternet", "properties": { "priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Internet", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^ ASE204
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
                name: 'Cloud'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'AzureCloud', destinationPortRanges: ['80', '443'] }
              }
              {
                name: 'DenyInternet'
                //    ^^^^^^^^^^^^^^ ASE204
                properties: { priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '*' }
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
                name: 'Cloud'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'AzureCloud', destinationPortRanges: ['80', '443'] }
              }
              {
                name: 'AllowWebOutbound'
                properties: {
                  priority: 3990
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Internet'
                  destinationPortRanges: ['80', '443']
                }
              }
              {
                name: 'DenyInternet'
                //    ^^^^^^^^^^^^^^ ASE204
                properties: { priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '*' }
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
