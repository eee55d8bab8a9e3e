// ASE101 inbound-management: Azure manages an ASEv1/v2 over TCP 454-455 from AppServiceManagement.
import { inboundManagement } from '../../server/src/rules/inbound-management';
import { dedent, ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore, withPriorityExpr } from '../support/bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';

// The variations below are built from the same template as the literal cases.
const denyAll = (priority: number, last = true) => nsgRule('DenyAllInbound', { priority, direction: 'Inbound', access: 'Deny' }, last);
const mgmt = nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' });
const denySpec = (priority: number): RuleSpec => ({ name: 'DenyAllInbound', priority, direction: 'Inbound', access: 'Deny' });
const mgmtSpec: RuleSpec = { name: 'AllowMgmt', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' };
const deny455Spec: RuleSpec = { name: 'Deny455', priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', ports: '455' };
const underBicepName = (text: string, name: string) => annotate(text, `name: '${name}'`, `'${name}'`, 'ASE101');
const bicepFix = (priority: number) =>
  bicepRule('AllowAppServiceManagementInbound', { protocol: 'Tcp', ports: ['454-455'], source: 'AppServiceManagement', destination: '*', priority, direction: 'Inbound' });

/** The template with a parameter `mgmtAccess` (default `value`). */
const withAccessParameter = (text: string, value: string) =>
  text.replace('  "resources": [', `  "parameters": { "mgmtAccess": { "type": "string", "defaultValue": "${value}" } },\n  "resources": [`);
/** The Bicep twin whose management rule takes its access from `param mgmtAccess string = '<value>'`. */
const bicepAccessParameter = (text: string, value: string) => {
  const out = `param mgmtAccess string = '${value}'\n${text.replace("properties: { priority: 100, direction: 'Inbound', access: 'Deny'", "properties: { priority: 100, direction: 'Inbound', access: mgmtAccess")}`;
  if (!out.includes('access: mgmtAccess')) throw new Error('unexpected twin layout');
  return out;
};
const message = (rule: string) =>
  `NSG 'ase-nsg' blocks TCP 454-455 from AppServiceManagement (${rule}): Azure cannot manage the ASE and suspends it`;
const fixRule = (priority: number) =>
  allowRule('AllowAppServiceManagementInbound', { protocol: 'Tcp', ports: ['454-455'], source: 'AppServiceManagement', destination: '*', priority, direction: 'Inbound' });

ruleTester(inboundManagement, {
  valid: [
    {
      name: 'management allowed before deny-all',
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
                  { "name": "AllowMgmt", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AppServiceManagement", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "454-455" } },
                  { "name": "AllowLB", "properties": { "priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } },
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
                name: 'AllowMgmt'
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '454-455' }
              }
              {
                name: 'AllowLB'
                properties: { priority: 110, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
    { name: 'no NSG on the subnet', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      name: '454 and 455 allowed by two rules',
      arm: aseTemplate({
        securityRules: [
          nsgRule('A454', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454' }),
          nsgRule('A455', { priority: 101, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '455' }),
          denyAll(4096),
        ],
      }),
      bicep: bicepTwin({ rules: [{ ...mgmtSpec, name: 'A454', ports: '454' }, { ...mgmtSpec, name: 'A455', priority: 101, ports: '455' }, denySpec(4096)] }),
    },
    {
      name: 'port list in destinationPortRanges',
      arm: aseTemplate({
        securityRules: [
          nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', portsList: ['454', '455'] }),
          denyAll(4096),
        ],
      }),
      bicep: bicepTwin({ rules: [{ ...mgmtSpec, ports: undefined, portsList: ['454', '455'] }, denySpec(4096)] }),
    },
    {
      name: 'ASEv3 has no management ports',
      arm: aseTemplate({ kind: 'ASEV3', securityRules: [denyAll(4096)], delegations: [] }),
      bicep: bicepTwin({ kind: 'ASEV3', rules: [denySpec(4096)] }),
    },
    {
      name: 'an allow whose priority is unresolved may come first: silent',
      arm: aseTemplate({
        securityRules: [
          nsgRule('AllowMgmt', { priority: "[parameters('p')]", direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }),
          nsgRule('DenyAllInbound', { priority: 1000, direction: 'Inbound', access: 'Deny' }, true),
        ],
      }),
      // The priority is a parameter without a default (and no parameters file gives it a value).
      bicep: withPriorityExpr(bicepTwin({ params: ['param p int'], rules: [mgmtSpec, denySpec(1000)] }), 'AllowMgmt', 'p'),
    },
    {
      name: 'outbound deny does not affect inbound management',
      arm: aseTemplate({ securityRules: [mgmt, nsgRule('DenyOut', { priority: 200, direction: 'Outbound', access: 'Deny' }, true)] }),
      bicep: bicepTwin({ rules: [mgmtSpec, { name: 'DenyOut', priority: 200, direction: 'Outbound', access: 'Deny' }] }),
    },
  ],
  invalid: [
    {
      name: 'deny-all inbound with no management rule',
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
                  { "name": "AllowLB", "properties": { "priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } },
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE101
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
        "NSG 'ase-nsg' blocks TCP 454-455 from AppServiceManagement (rule 'DenyAllInbound', priority 4096): Azure cannot manage the ASE and suspends it",
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
                  { "name": "AllowLB", "properties": { "priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } },
                  {
                    "name": "AllowAppServiceManagementInbound",
                    "properties": {
                      "priority": 4090,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "AppServiceManagement",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "454-455"
                    }
                  },
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE101
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
                name: 'AllowLB'
                properties: { priority: 110, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
              }
              {
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE101
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
                name: 'AllowLB'
                properties: { priority: 110, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
              }
              {
                name: 'AllowAppServiceManagementInbound'
                properties: {
                  priority: 4090
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'AppServiceManagement'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '454-455'
                }
              }
              {
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE101
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
      name: 'a narrower deny before the allow decides',
      arm: aseTemplate({
        securityRules: [
          nsgRule('Deny455', { priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', ports: '455' }),
          underName('Deny455', 'ASE101'),
          nsgRule('AllowMgmt', { priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }, true),
        ],
      }),
      messages: [message("rule 'Deny455', priority 200, denies TCP 455")],
      output: aseTemplate({
        securityRules: [
          ...inserted(fixRule(190), 10, true),
          nsgRule('Deny455', { priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', ports: '455' }),
          underName('Deny455', 'ASE101'),
          nsgRule('AllowMgmt', { priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }, true),
        ],
      }),
      bicep: underBicepName(bicepTwin({ rules: [deny455Spec, { ...mgmtSpec, priority: 300 }] }), 'Deny455'),
      bicepOutput: insertRuleBefore(underBicepName(bicepTwin({ rules: [deny455Spec, { ...mgmtSpec, priority: 300 }] }), 'Deny455'), 'Deny455', bicepFix(190)),
    },
    {
      name: 'an allow rule flipped to Deny: the fix sets its access to Allow',
      arm: aseTemplate({
        securityRules: [
          nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }),
          underName('AllowMgmt', 'ASE101'),
          denyAll(4096, true),
        ],
      }),
      messages: [message("rule 'AllowMgmt', priority 100")],
      fixTitle: 'Set access to Allow',
      output: aseTemplate({
        securityRules: [
          nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }),
          underName('AllowMgmt', 'ASE101'),
          denyAll(4096, true),
        ],
      }),
      bicep: underBicepName(bicepTwin({ rules: [{ ...mgmtSpec, access: 'Deny' }, denySpec(4096)] }), 'AllowMgmt'),
      bicepOutput: underBicepName(bicepTwin({ rules: [mgmtSpec, denySpec(4096)] }), 'AllowMgmt'),
    },
    {
      name: 'an allow rule whose access comes from a parameter set to Deny: the parameter is set where it is defined',
      arm: withAccessParameter(
        aseTemplate({
          securityRules: [
            nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: "[parameters('mgmtAccess')]" as 'Deny', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }),
            underName('AllowMgmt', 'ASE101'),
            denyAll(4096, true),
          ],
        }),
        'Deny',
      ),
      messages: [message("rule 'AllowMgmt', priority 100")],
      fixTitle: "Set access to Allow (sets the default of parameter 'mgmtAccess')",
      output: withAccessParameter(
        aseTemplate({
          securityRules: [
            nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: "[parameters('mgmtAccess')]" as 'Deny', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }),
            underName('AllowMgmt', 'ASE101'),
            denyAll(4096, true),
          ],
        }),
        'Allow',
      ),
      bicep: bicepAccessParameter(underBicepName(bicepTwin({ rules: [{ ...mgmtSpec, access: 'Deny' }, denySpec(4096)] }), 'AllowMgmt'), 'Deny'),
      bicepOutput: bicepAccessParameter(underBicepName(bicepTwin({ rules: [{ ...mgmtSpec, access: 'Deny' }, denySpec(4096)] }), 'AllowMgmt'), 'Allow'),
    },
    {
      name: 'a rule named Allow that would admit more than management once allowed is not flipped: a narrow rule goes before it',
      arm: aseTemplate({
        securityRules: [
          nsgRule('AllowMgmt', { priority: 200, direction: 'Inbound', access: 'Deny', protocol: '*', source: '*', ports: '*' }),
          underName('AllowMgmt', 'ASE101'),
          denyAll(4096, true),
        ],
      }),
      messages: [message("rule 'AllowMgmt', priority 200")],
      output: aseTemplate({
        securityRules: [
          ...inserted(fixRule(190), 10, true),
          nsgRule('AllowMgmt', { priority: 200, direction: 'Inbound', access: 'Deny', protocol: '*', source: '*', ports: '*' }),
          underName('AllowMgmt', 'ASE101'),
          denyAll(4096, true),
        ],
      }),
      bicep: underBicepName(bicepTwin({ rules: [{ name: 'AllowMgmt', priority: 200, direction: 'Inbound', access: 'Deny' }, denySpec(4096)] }), 'AllowMgmt'),
      bicepOutput: insertRuleBefore(
        underBicepName(bicepTwin({ rules: [{ name: 'AllowMgmt', priority: 200, direction: 'Inbound', access: 'Deny' }, denySpec(4096)] }), 'AllowMgmt'),
        'AllowMgmt',
        bicepFix(190),
      ),
    },
    {
      name: 'a deny rule whose name says it denies is never flipped',
      arm: aseTemplate({
        securityRules: [
          nsgRule('DenyAllowedMgmt', { priority: 100, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }, true),
          underName('DenyAllowedMgmt', 'ASE101'),
        ],
      }),
      messages: [message("rule 'DenyAllowedMgmt', priority 100")],
      output: null,
      bicep: underBicepName(bicepTwin({ rules: [{ ...mgmtSpec, name: 'DenyAllowedMgmt', access: 'Deny' }] }), 'DenyAllowedMgmt'),
    },
    {
      name: 'ASEv1 too; a deny at the lowest priority leaves no room for a fix',
      arm: aseTemplate({ kind: 'ASEV1', securityRules: [denyAll(100), underName('DenyAllInbound', 'ASE101')] }),
      messages: [message("rule 'DenyAllInbound', priority 100")],
      output: null,
      bicep: underBicepName(bicepTwin({ kind: 'ASEV1', rules: [denySpec(100)] }), 'DenyAllInbound'),
    },
  ],
});
