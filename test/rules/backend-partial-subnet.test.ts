// ASE801 backend-partial-subnet: an NSG rule in front of a back end admits the whole subnet of the ASE that calls it,
// not part of it.
import { backendPartialSubnet } from '../../server/src/rules/backend-partial-subnet';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, nsgRule, underName, type AseTemplate } from '../support/templates';
import { bicepNsg, bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { allowCaller, allowCallerSpec, bicepCrossCase, crossCase, management, managementSpec } from '../support/callerAse';

/** A second NSG, `name`, with `rules` (lines made by nsgRule). */
function nsg(name: string, rules: string[]): string {
  return [
    '    {',
    '      "type": "Microsoft.Network/networkSecurityGroups",',
    '      "apiVersion": "2023-04-01",',
    `      "name": "${name}",`,
    '      "location": "westeurope",',
    '      "properties": {',
    '        "securityRules": [',
    ...rules,
    '        ]',
    '      }',
    '    }',
  ].join('\n');
}
const sqlSubnet = `          { "name": "sql", "properties": { "addressPrefix": "10.0.2.0/24", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'sql-nsg')]" } } }`;
const fromAse = (source: string, last = true) =>
  nsgRule('AllowAseSql', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, destination: '10.0.2.0/24', ports: '1433' }, last);
const backendCase = (rules: string[], o: AseTemplate = {}) => aseTemplate({ ...o, otherSubnets: [sqlSubnet], extraResources: [nsg('sql-nsg', rules)] });
const partial = (source: string) =>
  `Rule 'AllowAseSql', priority 100 of NSG 'sql-nsg' allows ${source}, only part of the subnet 10.0.1.0/24 of ASE 'my-ase': the ASE's instances use any address of the subnet and change it when they move, so calls from the others are dropped`;
// The Bicep twins.
const bicepSqlSubnet = "      { name: 'sql', properties: { addressPrefix: '10.0.2.0/24', networkSecurityGroup: { id: sqlNsg.id } } }";
const fromAseSpec = (source: string): RuleSpec => ({ name: 'AllowAseSql', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, destination: '10.0.2.0/24', ports: '1433' });
const bicepBackendCase = (rules: RuleSpec[], o: TwinSpec = {}) => bicepTwin({ ...o, otherSubnets: [bicepSqlSubnet], extraResources: bicepNsg('sqlNsg', 'sql-nsg', rules) });
const bicepOnRule = (text: string, name: string, code: string) => annotate(text, `name: '${name}'`, `'${name}'`, code);

ruleTester(backendPartialSubnet, {
  valid: [
    {
      name: 'the whole ASE subnet',
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
                      "addressPrefix": "10.0.1.0/24"
                    }
                  },
                  { "name": "sql", "properties": { "addressPrefix": "10.0.2.0/24", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'sql-nsg')]" } } }
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
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "sql-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  { "name": "AllowAseSql", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "10.0.1.0/24", "sourcePortRange": "*", "destinationAddressPrefix": "10.0.2.0/24", "destinationPortRange": "1433" } }
                ]
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
                }
              }
              { name: 'sql', properties: { addressPrefix: '10.0.2.0/24', networkSecurityGroup: { id: sqlNsg.id } } }
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
        resource sqlNsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'sql-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowAseSql'
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.0.1.0/24', sourcePortRange: '*', destinationAddressPrefix: '10.0.2.0/24', destinationPortRange: '1433' }
              }
            ]
          }
        }
      `,
    },
    { name: 'a wider range', arm: backendCase([fromAse('10.0.0.0/16')]), bicep: bicepBackendCase([fromAseSpec('10.0.0.0/16')]) },
    { name: 'VirtualNetwork', arm: backendCase([fromAse('VirtualNetwork')]), bicep: bicepBackendCase([fromAseSpec('VirtualNetwork')]) },
    { name: 'a range outside the ASE subnet', arm: backendCase([fromAse('10.0.3.0/26')]), bicep: bicepBackendCase([fromAseSpec('10.0.3.0/26')]) },
    {
      name: 'a deny rule',
      arm: backendCase([nsgRule('DenyPart', { priority: 100, direction: 'Inbound', access: 'Deny', source: '10.0.1.0/26' }, true)]),
      bicep: bicepBackendCase([{ name: 'DenyPart', priority: 100, direction: 'Inbound', access: 'Deny', source: '10.0.1.0/26' }]),
    },
    {
      name: 'ASE subnet prefix unresolved',
      arm: backendCase([fromAse('10.0.1.0/26')], { subnetPrefix: "[parameters('prefix')]" }),
      bicep: bicepBackendCase([fromAseSpec('10.0.1.0/26')], { params: ['param prefix string'], subnetPrefixExpr: 'prefix' }),
    },
    {
      // Calls to an External ASE come from the caller's public address: ASE802 reports this rule.
      name: "an External ASE's NSG admits part of another ASE's subnet",
      arm: crossCase([management, allowCaller('10.0.5.0/26')]),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/26')]),
    },
    {
      name: "the ILB mode of the ASE behind the NSG unresolved",
      arm: crossCase([management, allowCaller('10.0.5.0/26')], { ilbMode: "[parameters('mode')]" }),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/26')], { params: ['param mode string'], ilbModeExpr: 'mode' }),
    },
  ],
  invalid: [
    {
      name: 'a quarter of the subnet: the fix widens it',
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
                      "addressPrefix": "10.0.1.0/24"
                    }
                  },
                  { "name": "sql", "properties": { "addressPrefix": "10.0.2.0/24", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'sql-nsg')]" } } }
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
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "sql-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  { "name": "AllowAseSql", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "10.0.1.0/26", "sourcePortRange": "*", "destinationAddressPrefix": "10.0.2.0/24", "destinationPortRange": "1433" } }
                  //        ^^^^^^^^^^^^^ ASE801
                ]
              }
            }
          ]
        }
      `,
      messages: [
        "Rule 'AllowAseSql', priority 100 of NSG 'sql-nsg' allows 10.0.1.0/26, only part of the subnet 10.0.1.0/24 of ASE 'my-ase': the ASE's instances use any address of the subnet and change it when they move, so calls from the others are dropped",
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
                      "addressPrefix": "10.0.1.0/24"
                    }
                  },
                  { "name": "sql", "properties": { "addressPrefix": "10.0.2.0/24", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'sql-nsg')]" } } }
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
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "sql-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  { "name": "AllowAseSql", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "10.0.1.0/24", "sourcePortRange": "*", "destinationAddressPrefix": "10.0.2.0/24", "destinationPortRange": "1433" } }
                  //        ^^^^^^^^^^^^^ ASE801
                ]
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
                }
              }
              { name: 'sql', properties: { addressPrefix: '10.0.2.0/24', networkSecurityGroup: { id: sqlNsg.id } } }
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
        resource sqlNsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'sql-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowAseSql'
                //    ^^^^^^^^^^^^^ ASE801
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.0.1.0/26', sourcePortRange: '*', destinationAddressPrefix: '10.0.2.0/24', destinationPortRange: '1433' }
              }
            ]
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
                }
              }
              { name: 'sql', properties: { addressPrefix: '10.0.2.0/24', networkSecurityGroup: { id: sqlNsg.id } } }
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
        resource sqlNsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'sql-nsg'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'AllowAseSql'
                //    ^^^^^^^^^^^^^ ASE801
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.0.1.0/24', sourcePortRange: '*', destinationAddressPrefix: '10.0.2.0/24', destinationPortRange: '1433' }
              }
            ]
          }
        }
      `,
    },
    {
      name: "one instance's address among other sources: no fix",
      arm: backendCase([
        nsgRule('AllowAseSql', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destination: '10.0.2.0/24', ports: '1433' }, true).replace(
          '"sourceAddressPrefix": "*"',
          '"sourceAddressPrefixes": ["10.0.1.4", "192.168.0.0/24"]',
        ),
        underName('AllowAseSql', 'ASE801'),
      ]),
      messages: [partial('10.0.1.4')],
      output: null,
      bicep: bicepOnRule(
        bicepBackendCase([fromAseSpec('*')]).replace("sourceAddressPrefix: '*'", "sourceAddressPrefixes: [ '10.0.1.4', '192.168.0.0/24' ]"),
        'AllowAseSql',
        'ASE801',
      ),
    },
    {
      // Calls to an ILB ASE stay in the network and come from the caller's subnet.
      name: "an ILB ASE's NSG admits part of another ASE's subnet",
      arm: crossCase([management, allowCaller('10.0.5.0/26'), underName('AllowCaller', 'ASE801')], { ilbMode: 'Web' }),
      messages: [
        "Rule 'AllowCaller', priority 200 of NSG 'ase-nsg' allows 10.0.5.0/26, only part of the subnet 10.0.5.0/24 of ASE 'caller-ase': the ASE's instances use any address of the subnet and change it when they move, so calls from the others are dropped",
      ],
      output: crossCase([management, allowCaller('10.0.5.0/24'), underName('AllowCaller', 'ASE801')], { ilbMode: 'Web' }),
      bicep: bicepOnRule(bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/26')], { ilbMode: 'Web' }), 'AllowCaller', 'ASE801'),
      bicepOutput: bicepOnRule(bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/24')], { ilbMode: 'Web' }), 'AllowCaller', 'ASE801'),
    },
  ],
});
