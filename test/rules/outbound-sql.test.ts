// ASE202 outbound-sql: an ASEv1/v2 reaches its configuration database on Sql 1433 (an error); the redirect ports 11000-11999 and 14000-14999 are information.
import { outboundSql } from '../../server/src/rules/outbound-sql';
import { dedent, ruleTester } from '../support/tester';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';
import { bicepRuleLines, bicepTwin, type RuleSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const redirects: RuleSpec = { name: 'SqlRedirect', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: 'Sql', portsList: ['11000-11999', '14000-14999'] };
const denyAll: RuleSpec = { name: 'DenyAllOutbound', priority: 4096, direction: 'Outbound', access: 'Deny' };
const sqlRule = allowRule('AllowSqlOutbound', { protocol: 'Tcp', ports: ['1433'], source: '*', destination: 'Sql', priority: 4090, direction: 'Outbound' });
const bicepSqlRule = [
  '      {',
  "        name: 'AllowSqlOutbound'",
  '        properties: {',
  '          priority: 4090',
  "          direction: 'Outbound'",
  "          access: 'Allow'",
  "          protocol: 'Tcp'",
  "          sourceAddressPrefix: '*'",
  "          sourcePortRange: '*'",
  "          destinationAddressPrefix: 'Sql'",
  "          destinationPortRange: '1433'",
  '        }',
  '      }',
];
const no1433 = (extra: string[] = []) =>
  aseTemplate({ securityRules: [nsgRule(redirects.name, redirects), ...extra, nsgRule(denyAll.name, denyAll, true), underName(denyAll.name, 'ASE202')] });
const bicepNo1433 = (extra: string[] = []) =>
  annotate(
    bicepTwin({ rules: [redirects, denyAll] }).replace(bicepRuleLines(denyAll).join('\n'), [...extra, ...bicepRuleLines(denyAll)].join('\n')),
    "name: 'DenyAllOutbound'",
    "'DenyAllOutbound'",
    'ASE202',
  );

// An NSG written in a house style: kebab-case names, description first, access before
// direction and priority, port lists on one line, a comment above the deny rule.
const styledArm = (sql: string[]) =>
  [
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
    '          {',
    '            "name": "Allow-Storage-Outbound",',
    '            "properties": {',
    '              "description": "Blobs, tables and queues of the ASE",',
    '              "access": "Allow",',
    '              "direction": "Outbound",',
    '              "priority": 200,',
    '              "protocol": "Tcp",',
    '              "sourceAddressPrefix": "*",',
    '              "sourcePortRange": "*",',
    '              "destinationAddressPrefix": "Storage",',
    '              "destinationPortRanges": [ "80", "443" ]',
    '            }',
    '          },',
    '          {',
    '            "name": "Allow-Sql-Outbound",',
    '            "properties": {',
    '              "description": "The configuration database",',
    '              "access": "Allow",',
    '              "direction": "Outbound",',
    '              "priority": 210,',
    '              "protocol": "Tcp",',
    '              "sourceAddressPrefix": "*",',
    '              "sourcePortRange": "*",',
    '              "destinationAddressPrefix": "Sql",',
    '              "destinationPortRanges": [ "1433" ]',
    '            }',
    '          },',
    ...sql,
    '          // Nothing else leaves the subnet.',
    '          {',
    '            "name": "Deny-All-Outbound",',
    '            //      ^^^^^^^^^^^^^^^^^^^ ASE202',
    '            "properties": {',
    '              "description": "Everything not allowed above",',
    '              "access": "Deny",',
    '              "direction": "Outbound",',
    '              "priority": 4096,',
    '              "protocol": "*",',
    '              "sourceAddressPrefix": "*",',
    '              "sourcePortRange": "*",',
    '              "destinationAddressPrefix": "*",',
    '              "destinationPortRange": "*"',
    '            }',
    '          }',
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
    '              "addressPrefix": "10.0.1.0/24",',
    `              "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]" }`,
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
    '        "internalLoadBalancingMode": "None",',
    `        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }`,
    '      }',
    '    }',
    '  ]',
    '}',
  ].join('\n');
const styledBicep = (sql: string[]) =>
  [
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'ase-nsg'",
    "  location: 'westeurope'",
    '  properties: {',
    '    securityRules: [',
    '      {',
    "        name: 'Allow-Storage-Outbound'",
    '        properties: {',
    "          description: 'Blobs, tables and queues of the ASE'",
    "          access: 'Allow'",
    "          direction: 'Outbound'",
    '          priority: 200',
    "          protocol: 'Tcp'",
    "          sourceAddressPrefix: '*'",
    "          sourcePortRange: '*'",
    "          destinationAddressPrefix: 'Storage'",
    "          destinationPortRanges: ['80', '443']",
    '        }',
    '      }',
    '      {',
    "        name: 'Allow-Sql-Outbound'",
    '        properties: {',
    "          description: 'The configuration database'",
    "          access: 'Allow'",
    "          direction: 'Outbound'",
    '          priority: 210',
    "          protocol: 'Tcp'",
    "          sourceAddressPrefix: '*'",
    "          sourcePortRange: '*'",
    "          destinationAddressPrefix: 'Sql'",
    "          destinationPortRanges: ['1433']",
    '        }',
    '      }',
    ...sql,
    '      // Nothing else leaves the subnet.',
    '      {',
    "        name: 'Deny-All-Outbound'",
    "        //    ^^^^^^^^^^^^^^^^^^^ ASE202",
    '        properties: {',
    "          description: 'Everything not allowed above'",
    "          access: 'Deny'",
    "          direction: 'Outbound'",
    '          priority: 4096',
    "          protocol: '*'",
    "          sourceAddressPrefix: '*'",
    "          sourcePortRange: '*'",
    "          destinationAddressPrefix: '*'",
    "          destinationPortRange: '*'",
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'ase-vnet'",
    "  location: 'westeurope'",
    '  properties: {',
    "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
    '    subnets: [',
    '      {',
    "        name: 'ase-subnet'",
    '        properties: {',
    "          addressPrefix: '10.0.1.0/24'",
    '          networkSecurityGroup: { id: nsg.id }',
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    "  kind: 'ASEV2'",
    '  properties: {',
    "    internalLoadBalancingMode: 'None'",
    "    virtualNetwork: { id: '${vnet.id}/subnets/ase-subnet' }",
    '  }',
    '}',
  ].join('\n');

ruleTester(outboundSql, {
  valid: [
    {
      name: 'Sql ranges allowed',
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
                  { "name": "Sql", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Sql", "destinationPortRanges": ["1433","11000-11999","14000-14999"] } },
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
                name: 'Sql'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Sql', destinationPortRanges: ['1433', '11000-11999', '14000-14999'] }
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
  ],
  invalid: [
    {
      name: 'TCP 1433 blocked: an error',
      arm: no1433(),
      bicep: bicepNo1433(),
      messages: [
        "NSG 'ase-nsg' blocks TCP 1433 to Sql (rule 'DenyAllOutbound', priority 4096): the ASE loses its configuration database, stops working and is suspended",
      ],
      fixTitle: 'Allow outbound to Sql',
      output: no1433(inserted(sqlRule, 10, true)),
      bicepOutput: bicepNo1433(bicepSqlRule),
    },
    {
      name: 'only 1433 allowed: the redirect ports are information',
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
                  { "name": "Sql1433", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Sql", "destinationPortRange": "1433" } },
                  { "name": "DenyAllOutbound", "properties": { "priority": 4096, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^^ ASE202
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
        "NSG 'ase-nsg' blocks TCP 11000-11999, 14000-14999 (the redirect ports) to Sql (rule 'DenyAllOutbound', priority 4096): connections Azure SQL redirects to those ports cannot follow the redirect; the ASE still reaches its databases through 1433",
      ],
      severities: ['information'],
      fixTitle: 'Allow the Sql redirect ports outbound',
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
                  { "name": "Sql1433", "properties": { "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Sql", "destinationPortRange": "1433" } },
                  {
                    "name": "AllowSqlRedirectOutbound",
                    "properties": {
                      "priority": 4090,
                      "direction": "Outbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "*",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "Sql",
                      "destinationPortRanges": [
                        "11000-11999",
                        "14000-14999"
                      ]
                    }
                  },
                  { "name": "DenyAllOutbound", "properties": { "priority": 4096, "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^^ ASE202
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
                name: 'Sql1433'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Sql', destinationPortRange: '1433' }
              }
              {
                name: 'DenyAllOutbound'
                //    ^^^^^^^^^^^^^^^^^ ASE202
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
                name: 'Sql1433'
                properties: { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Sql', destinationPortRange: '1433' }
              }
              {
                name: 'AllowSqlRedirectOutbound'
                properties: {
                  priority: 4090
                  direction: 'Outbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Sql'
                  destinationPortRanges: [
                    '11000-11999'
                    '14000-14999'
                  ]
                }
              }
              {
                name: 'DenyAllOutbound'
                //    ^^^^^^^^^^^^^^^^^ ASE202
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
      name: 'the new rule is written like its neighbours: their property order and naming style, a description, port lists on one line, above the comment of the next rule (the redirect ports, with 1433 allowed)',
      arm: styledArm([]),
      messages: [
        "NSG 'ase-nsg' blocks TCP 11000-11999, 14000-14999 (the redirect ports) to Sql (rule 'Deny-All-Outbound', priority 4096): connections Azure SQL redirects to those ports cannot follow the redirect; the ASE still reaches its databases through 1433",
      ],
      severities: ['information'],
      output: styledArm([
        '          {',
        '            "name": "Allow-Sql-Redirect-Outbound",',
        '            "properties": {',
        '              "description": "Needed by the App Service Environment: TCP 11000-11999, 14000-14999 (the redirect ports) to Sql",',
        '              "access": "Allow",',
        '              "direction": "Outbound",',
        '              "priority": 4090,',
        '              "protocol": "Tcp",',
        '              "sourceAddressPrefix": "*",',
        '              "sourcePortRange": "*",',
        '              "destinationAddressPrefix": "Sql",',
        '              "destinationPortRanges": [ "11000-11999", "14000-14999" ]',
        '            }',
        '          },',
      ]),
      bicep: styledBicep([]),
      bicepOutput: styledBicep([
        '      {',
        "        name: 'Allow-Sql-Redirect-Outbound'",
        '        properties: {',
        "          description: 'Needed by the App Service Environment: TCP 11000-11999, 14000-14999 (the redirect ports) to Sql'",
        "          access: 'Allow'",
        "          direction: 'Outbound'",
        '          priority: 4090',
        "          protocol: 'Tcp'",
        "          sourceAddressPrefix: '*'",
        "          sourcePortRange: '*'",
        "          destinationAddressPrefix: 'Sql'",
        "          destinationPortRanges: ['11000-11999', '14000-14999']",
        '        }',
        '      }',
      ]),
    },
  ],
});
