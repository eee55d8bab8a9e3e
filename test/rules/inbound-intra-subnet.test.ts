// ASE103 inbound-intra-subnet: the roles of an ASEv1/v2 reach each other inside its subnet, inbound.
import assert from 'node:assert/strict';
import { inboundIntraSubnet } from '../../server/src/rules/inbound-intra-subnet';
import { BICEP_URI, TEMPLATE_URI, analysisOf, dedent, offeredFix, ruleTester, tableTest } from '../support/tester';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore } from '../support/bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';

const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
const fixRule = allowRule('AllowAseSubnetInbound', { protocol: '*', ports: ['*'], source: '10.0.1.0/24', destination: '10.0.1.0/24', priority: 4090, direction: 'Inbound' });
// The same rules for the Bicep twins.
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };
const selfTcpSpec: RuleSpec = { name: 'SelfTcp', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork' };
const bicepFix = bicepRule('AllowAseSubnetInbound', { protocol: '*', ports: ['*'], source: '10.0.1.0/24', destination: '10.0.1.0/24', priority: 4090, direction: 'Inbound' });
const bicepDenied = (spec: TwinSpec) => annotate(bicepTwin(spec), "name: 'DenyAllInbound'", "'DenyAllInbound'", 'ASE103');
const bicepFixed = (spec: TwinSpec) => insertRuleBefore(bicepDenied(spec), 'DenyAllInbound', bicepFix);
const message = (rule: string, part?: string) =>
  `NSG 'ase-nsg' blocks traffic from the ASE subnet to itself (${rule}${part ? `, denies ${part}` : ''}): the ASE's own roles cannot reach each other and the ASE stops working`;


// The case of the issue: a 0.0.0.0/0 route on the subnet makes Azure fold every address
// into `VirtualNetwork`, so the fix must write the subnet's own prefix — here the
// parameter the subnet's `addressPrefix` uses — and never the tag.
const routedArm = [
  '{',
  '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
  '  "contentVersion": "1.0.0.0",',
  '  "parameters": {',
  '    "aseSubnetPrefix": { "type": "string", "defaultValue": "10.0.1.0/24" }',
  '  },',
  '  "resources": [',
  '    {',
  '      "type": "Microsoft.Network/networkSecurityGroups",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-nsg",',
  '      "location": "westeurope",',
  '      "properties": {',
  '        "securityRules": [',
  '          { "name": "AllowManagement", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AppServiceManagement", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "454-455" } },',
  '          { "name": "AllowLoadBalancer", "properties": { "priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } },',
  '          { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }',
  '          //        ^^^^^^^^^^^^^^^^ ASE103',
  '        ]',
  '      }',
  '    },',
  '    {',
  '      "type": "Microsoft.Network/routeTables",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-routes",',
  '      "location": "westeurope",',
  '      "properties": {',
  '        "routes": [',
  '          { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }',
  '        ]',
  '      }',
  '    },',
  '    {',
  '      "type": "Microsoft.Network/virtualNetworks",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-vnet",',
  '      "location": "westeurope",',
  '      "properties": {',
  '        "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },',
  '        "subnets": [',
  '          {',
  '            "name": "ase-subnet",',
  '            "properties": {',
  `              "addressPrefix": "[parameters('aseSubnetPrefix')]",`,
  `              "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]" },`,
  `              "routeTable": { "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]" }`,
  '            }',
  '          }',
  '        ]',
  '      }',
  '    },',
  '    {',
  '      "type": "Microsoft.Web/hostingEnvironments",',
  '      "apiVersion": "2022-03-01",',
  '      "name": "my-ase",',
  '      "location": "westeurope",',
  '      "kind": "ASEV2",',
  '      "properties": {',
  '        "internalLoadBalancingMode": "Web, Publishing",',
  `        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }`,
  '      }',
  '    }',
  '  ]',
  '}',
].join('\n');
const routedArmFixed = routedArm.replace(
  '          { "name": "DenyAllInbound"',
  [
    '          {',
    '            "name": "AllowAseSubnetInbound",',
    '            "properties": {',
    '              "priority": 4090,',
    '              "direction": "Inbound",',
    '              "access": "Allow",',
    '              "protocol": "*",',
    `              "sourceAddressPrefix": "[parameters('aseSubnetPrefix')]",`,
    '              "sourcePortRange": "*",',
    `              "destinationAddressPrefix": "[parameters('aseSubnetPrefix')]",`,
    '              "destinationPortRange": "*"',
    '            }',
    '          },',
    '          { "name": "DenyAllInbound"',
  ].join('\n'),
);
const routedBicep = [
  "param aseSubnetPrefix string = '10.0.1.0/24'",
  '',
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
  "  name: 'ase-nsg'",
  "  location: 'westeurope'",
  '  properties: {',
  '    securityRules: [',
  "      { name: 'AllowManagement', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '454-455' } }",
  "      { name: 'AllowLoadBalancer', properties: { priority: 110, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
  "      { name: 'DenyAllInbound', properties: { priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
  '      //      ^^^^^^^^^^^^^^^^ ASE103',
  '    ]',
  '  }',
  '}',
  '',
  "resource routes 'Microsoft.Network/routeTables@2023-04-01' = {",
  "  name: 'ase-routes'",
  "  location: 'westeurope'",
  '  properties: {',
  "    routes: [ { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } } ]",
  '  }',
  '}',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'ase-vnet'",
  "  location: 'westeurope'",
  '  properties: {',
  "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
  '    subnets: [',
  '      {',
  "        name: 'ase-subnet'",
  '        properties: {',
  '          addressPrefix: aseSubnetPrefix',
  '          networkSecurityGroup: { id: nsg.id }',
  '          routeTable: { id: routes.id }',
  '        }',
  '      }',
  '    ]',
  '  }',
  '}',
  '',
  "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  "  name: 'my-ase'",
  "  location: 'westeurope'",
  "  kind: 'ASEV2'",
  '  properties: {',
  "    internalLoadBalancingMode: 'Web, Publishing'",
  "    virtualNetwork: { id: '${vnet.id}/subnets/ase-subnet' }",
  '  }',
  '}',
  '',
].join('\n');
const routedBicepFixed = routedBicep.replace(
  "      { name: 'DenyAllInbound'",
  [
    '      {',
    "        name: 'AllowAseSubnetInbound'",
    '        properties: {',
    '          priority: 4090',
    "          direction: 'Inbound'",
    "          access: 'Allow'",
    "          protocol: '*'",
    '          sourceAddressPrefix: aseSubnetPrefix',
    "          sourcePortRange: '*'",
    '          destinationAddressPrefix: aseSubnetPrefix',
    "          destinationPortRange: '*'",
    '        }',
    '      }',
    "      { name: 'DenyAllInbound'",
  ].join('\n'),
);

// The same with a prefix parameter that has no value: the rules still see the deny-all.
const UNBOUND_FROM = '"aseSubnetPrefix": { "type": "string", "defaultValue": "10.0.1.0/24" }';
const UNBOUND_TO = '"aseSubnetPrefix": { "type": "string" }';
const unboundArm = routedArm.replace(UNBOUND_FROM, UNBOUND_TO);
const unboundBicep = routedBicep.replace("param aseSubnetPrefix string = '10.0.1.0/24'", 'param aseSubnetPrefix string');

// The subnet in a module whose prefix is the module's parameter: the NSG's file cannot
// name it, so there is no fix rather than a broad one.
const NETWORK_URI = 'file:///work/network.bicep';
const networkModule = [
  'param aseSubnetPrefix string',
  'param nsgId string',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'ase-vnet'",
  "  location: 'westeurope'",
  '  properties: {',
  "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
  "    subnets: [ { name: 'ase-subnet', properties: { addressPrefix: aseSubnetPrefix, networkSecurityGroup: { id: nsgId } } } ]",
  '  }',
  '}',
  '',
].join('\n');
const withModule = (prefix: string) =>
  [
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'ase-nsg'",
    "  location: 'westeurope'",
    '  properties: {',
    '    securityRules: [',
    "      { name: 'DenyAllInbound', properties: { priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
    '      //      ^^^^^^^^^^^^^^^^ ASE103',
    '    ]',
    '  }',
    '}',
    '',
    "module network 'network.bicep' = {",
    "  name: 'network'",
    `  params: { aseSubnetPrefix: ${prefix}, nsgId: nsg.id }`,
    '}',
    '',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    "  kind: 'ASEV2'",
    '  dependsOn: [ network ]',
    '  properties: {',
    "    internalLoadBalancingMode: 'Web, Publishing'",
    "    virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet') }",
    '  }',
    '}',
    '',
  ].join('\n');
// The same in ARM: the subnet in a nested deployment with inner scope, where
// `parameters('aseSubnetPrefix')` is the nested template's own parameter.
const nestedArm = [
  '{',
  '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
  '  "contentVersion": "1.0.0.0",',
  '  "resources": [',
  '    {',
  '      "type": "Microsoft.Network/networkSecurityGroups",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-nsg",',
  '      "location": "westeurope",',
  '      "properties": {',
  '        "securityRules": [',
  '          { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }',
  '          //        ^^^^^^^^^^^^^^^^ ASE103',
  '        ]',
  '      }',
  '    },',
  '    {',
  '      "type": "Microsoft.Resources/deployments",',
  '      "apiVersion": "2022-09-01",',
  '      "name": "network",',
  '      "properties": {',
  '        "mode": "Incremental",',
  '        "expressionEvaluationOptions": { "scope": "inner" },',
  '        "parameters": { "aseSubnetPrefix": { "value": "10.0.1.0/24" } },',
  '        "template": {',
  '          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
  '          "contentVersion": "1.0.0.0",',
  '          "parameters": { "aseSubnetPrefix": { "type": "string" } },',
  '          "resources": [',
  '            {',
  '              "type": "Microsoft.Network/virtualNetworks",',
  '              "apiVersion": "2023-04-01",',
  '              "name": "ase-vnet",',
  '              "location": "westeurope",',
  '              "properties": {',
  '                "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },',
  `                "subnets": [ { "name": "ase-subnet", "properties": { "addressPrefix": "[parameters('aseSubnetPrefix')]", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]" } } } ]`,
  '              }',
  '            }',
  '          ]',
  '        }',
  '      }',
  '    },',
  '    {',
  '      "type": "Microsoft.Web/hostingEnvironments",',
  '      "apiVersion": "2022-03-01",',
  '      "name": "my-ase",',
  '      "location": "westeurope",',
  '      "kind": "ASEV2",',
  '      "properties": {',
  '        "internalLoadBalancingMode": "Web, Publishing",',
  `        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }`,
  '      }',
  '    }',
  '  ]',
  '}',
].join('\n');

ruleTester(inboundIntraSubnet, {
  valid: [
    {
      name: 'subnet prefix allowed explicitly',
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
                  { "name": "Self", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "10.0.1.0/24", "sourcePortRange": "*", "destinationAddressPrefix": "10.0.1.0/24", "destinationPortRange": "*" } },
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
                name: 'Self'
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '10.0.1.0/24', sourcePortRange: '*', destinationAddressPrefix: '10.0.1.0/24', destinationPortRange: '*' }
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
    { name: 'default AllowVnetInBound', arm: aseTemplate({ securityRules: [] }), bicep: bicepTwin({ rules: [] }) },
    {
      name: 'a wider prefix covers the subnet',
      arm: aseTemplate({ securityRules: [nsgRule('Vnet', { priority: 100, direction: 'Inbound', access: 'Allow', source: '10.0.0.0/16' }), denyAll] }),
      bicep: bicepTwin({ rules: [{ name: 'Vnet', priority: 100, direction: 'Inbound', access: 'Allow', source: '10.0.0.0/16' }, denySpec] }),
    },
    {
      name: 'subnet prefix unresolved',
      arm: aseTemplate({ subnetPrefix: "[reference(resourceId('Microsoft.Network/virtualNetworks', 'hub'), '2023-04-01').addressSpace.addressPrefixes[0]]", securityRules: [denyAll] }),
      bicep: bicepTwin({
        params: ["resource hub 'Microsoft.Network/virtualNetworks@2023-04-01' existing = { name: 'hub' }"],
        subnetPrefixExpr: 'hub.properties.addressSpace.addressPrefixes[0]',
        rules: [denySpec],
      }),
    },
    {
      name: 'subnet prefix a parameter without a value, allowed by the same parameter',
      arm: unboundArm.replace('          { "name": "DenyAllInbound"', `          { "name": "Self", "properties": { "priority": 4000, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "[parameters('aseSubnetPrefix')]", "sourcePortRange": "*", "destinationAddressPrefix": "[parameters('aseSubnetPrefix')]", "destinationPortRange": "*" } },\n          { "name": "DenyAllInbound"`).replace('          //        ^^^^^^^^^^^^^^^^ ASE103\n', ''),
      bicep: unboundBicep.replace("      { name: 'DenyAllInbound'", "      { name: 'Self', properties: { priority: 4000, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: aseSubnetPrefix, sourcePortRange: '*', destinationAddressPrefix: aseSubnetPrefix, destinationPortRange: '*' } }\n      { name: 'DenyAllInbound'").replace('      //      ^^^^^^^^^^^^^^^^ ASE103\n', ''),
    },
  ],
  invalid: [
    {
      name: 'deny-all ahead of the default rule',
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
                  //        ^^^^^^^^^^^^^^^^ ASE103
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
        "NSG 'ase-nsg' blocks traffic from the ASE subnet to itself (rule 'DenyAllInbound', priority 4096): the ASE's own roles cannot reach each other and the ASE stops working",
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
                    "name": "AllowAseSubnetInbound",
                    "properties": {
                      "priority": 4090,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "*",
                      "sourceAddressPrefix": "10.0.1.0/24",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "10.0.1.0/24",
                      "destinationPortRange": "*"
                    }
                  },
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE103
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
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE103
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
                name: 'AllowAseSubnetInbound'
                properties: {
                  priority: 4090
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: '*'
                  sourceAddressPrefix: '10.0.1.0/24'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '10.0.1.0/24'
                  destinationPortRange: '*'
                }
              }
              {
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE103
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
      name: 'only TCP allowed inside the subnet',
      arm: aseTemplate({
        securityRules: [nsgRule('SelfTcp', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork' }), denyAll, underName('DenyAllInbound', 'ASE103')],
      }),
      messages: [message("rule 'DenyAllInbound', priority 4096", 'UDP/ICMP/ESP/AH all ports')],
      output: aseTemplate({
        securityRules: [nsgRule('SelfTcp', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork' }), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE103')],
      }),
      bicep: bicepDenied({ rules: [selfTcpSpec, denySpec] }),
      bicepOutput: bicepFixed({ rules: [selfTcpSpec, denySpec] }),
    },
    {
      name: 'a 0.0.0.0/0 route on the subnet: the fix writes the parameter the subnet uses, not VirtualNetwork',
      arm: routedArm,
      messages: [message("rule 'DenyAllInbound', priority 4096")],
      output: routedArmFixed,
      bicep: routedBicep,
      bicepOutput: routedBicepFixed,
    },
    {
      // Whatever the prefix turns out to be, the deny-all blocks the subnet's traffic to itself.
      name: 'the subnet prefix is a parameter without a value: the deny-all still blocks it, the fix writes the parameter',
      arm: unboundArm,
      messages: [message("rule 'DenyAllInbound', priority 4096")],
      output: routedArmFixed.replace(UNBOUND_FROM, UNBOUND_TO),
      bicep: unboundBicep,
      bicepOutput: routedBicepFixed.replace("param aseSubnetPrefix string = '10.0.1.0/24'", 'param aseSubnetPrefix string'),
    },
    {
      name: 'the prefix is a parameter of another scope: no fix rather than a broad one',
      arm: nestedArm,
      messages: [message("rule 'DenyAllInbound', priority 4096")],
      output: null,
      bicep: withModule("'10.0.1.0/24'"),
      files: { [NETWORK_URI]: networkModule },
    },
  ],
});

// After the fix, narrowing the management rule must still be an error: the inserted rule
// admits the subnet alone, so it cannot stand in for AppServiceManagement. With the tag
// (what the fix used to write), the 0.0.0.0/0 route makes `VirtualNetwork` hold every
// address, and the narrowing would pass unnoticed.
for (const [language, fixedText, uri] of [
  ['ARM', routedArmFixed, TEMPLATE_URI],
  ['Bicep', routedBicepFixed, BICEP_URI],
] as const) {
  tableTest(`ASE103 (${language}): after the fix, narrowing the management rule to 454 still reports ASE101; with VirtualNetwork it would not`, () => {
    const narrowed = fixedText.replace(/(destinationPortRange["']?: ["'])454-455/, '$1454');
    assert.notEqual(narrowed, fixedText);
    const codes = (text: string) => analysisOf(text, {}, uri).findings.map((f) => f.code);
    assert.ok(!codes(fixedText).includes('ASE103') && !codes(fixedText).includes('ASE101'), 'the fix meets the requirement');
    assert.ok(codes(narrowed).includes('ASE101'), 'narrowing management is still an error');
    const tagged = narrowed.replace(language === 'ARM' ? /"\[parameters\('aseSubnetPrefix'\)\]"/g : /Prefix: aseSubnetPrefix$/gm, language === 'ARM' ? '"VirtualNetwork"' : "Prefix: 'VirtualNetwork'");
    assert.ok(!codes(tagged).includes('ASE101'), 'VirtualNetwork, folded with 0.0.0.0/0, hides the narrowing');
  });
}

tableTest('ASE103 (Bicep): a literal prefix in a module is written as the literal', () => {
  const text = withModule("'10.0.1.0/24'");
  const moduleWithLiteral = networkModule.replace('addressPrefix: aseSubnetPrefix', "addressPrefix: '10.0.1.0/24'");
  const files = { [NETWORK_URI]: moduleWithLiteral };
  const analysis = analysisOf(text, files, BICEP_URI);
  const finding = analysis.findings.find((f) => f.code === 'ASE103');
  assert.ok(finding);
  const fix = offeredFix(analysis, finding, files);
  assert.match(fix?.texts.get(BICEP_URI) ?? '', /sourceAddressPrefix: '10\.0\.1\.0\/24'\n\s+sourcePortRange: '\*'\n\s+destinationAddressPrefix: '10\.0\.1\.0\/24'/);
});
