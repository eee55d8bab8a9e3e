// ASE102 inbound-load-balancer: an ASEv1/v2's load balancer reaches it on the ports of its mode (454-455 and 16001,
// 80 and 443 for an External ASE, every port for IP-based SSL).
import { inboundLoadBalancer } from '../../server/src/rules/inbound-load-balancer';
import { dedent, ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore } from '../support/bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';

// An NSG whose rules name the ASE subnet by the parameter the subnet is written with.
const bySubnetArm = (fix: string[]) =>
  [
    '{',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
    '  "contentVersion": "1.0.0.0",',
    '  "parameters": { "aseSubnetPrefix": { "type": "string", "defaultValue": "10.0.1.0/24" } },',
    '  "resources": [',
    '    {',
    '      "type": "Microsoft.Network/networkSecurityGroups",',
    '      "apiVersion": "2023-04-01",',
    '      "name": "ase-nsg",',
    '      "location": "westeurope",',
    '      "properties": {',
    '        "securityRules": [',
    `          { "name": "AllowMgmt", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AppServiceManagement", "sourcePortRange": "*", "destinationAddressPrefix": "[parameters('aseSubnetPrefix')]", "destinationPortRange": "454-455" } },`,
    ...fix,
    '          { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }',
    '          //        ^^^^^^^^^^^^^^^^ ASE102',
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
    `          { "name": "ase-subnet", "properties": { "addressPrefix": "[parameters('aseSubnetPrefix')]", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]" } } }`,
    '        ]',
    '      }',
    '    },',
    '    {',
    '      "type": "Microsoft.Web/hostingEnvironments",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "my-ase",',
    '      "location": "westeurope",',
    '      "kind": "ASEV2",',
    `      "properties": { "internalLoadBalancingMode": "Web", "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" } }`,
    '    }',
    '  ]',
    '}',
  ].join('\n');
const bySubnetBicep = (fix: string[]) =>
  [
    "param aseSubnetPrefix string = '10.0.1.0/24'",
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'ase-nsg'",
    "  location: 'westeurope'",
    '  properties: {',
    '    securityRules: [',
    "      { name: 'AllowMgmt', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: aseSubnetPrefix, destinationPortRange: '454-455' } }",
    ...fix,
    "      { name: 'DenyAllInbound', properties: { priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
    '      //      ^^^^^^^^^^^^^^^^ ASE102',
    '    ]',
    '  }',
    '}',
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'ase-vnet'",
    "  location: 'westeurope'",
    '  properties: {',
    "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
    "    subnets: [ { name: 'ase-subnet', properties: { addressPrefix: aseSubnetPrefix, networkSecurityGroup: { id: nsg.id } } } ]",
    '  }',
    '}',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    "  kind: 'ASEV2'",
    "  properties: { internalLoadBalancingMode: 'Web', virtualNetwork: { id: '${vnet.id}/subnets/ase-subnet' } }",
    '}',
  ].join('\n');
const mgmt = nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' });
const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
const lbPorts = (ports: string) =>
  nsgRule('AllowLB', { priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports });
const fixRule = allowRule('AllowAzureLoadBalancerInbound', { protocol: '*', ports: ['*'], source: 'AzureLoadBalancer', destination: '*', priority: 4090, direction: 'Inbound' });
const message = (ports: string, rule: string, part?: string) =>
  `NSG 'ase-nsg' blocks TCP ${ports} from AzureLoadBalancer (${rule}${part ? `, denies ${part}` : ''}): the load balancer cannot reach the ASE, which then stops serving and being managed`;

// The same rules for the Bicep twins.
const mgmtSpec: RuleSpec = { name: 'AllowMgmt', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' };
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };
const lbSpec = (ports: string, name = 'AllowLB', priority = 110): RuleSpec => ({ name, priority, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports });
const bicepFix = bicepRule('AllowAzureLoadBalancerInbound', { protocol: '*', ports: ['*'], source: 'AzureLoadBalancer', destination: '*', priority: 4090, direction: 'Inbound' });
/** The twin with carets under the deny-all rule's name, and the same text with the fix's rule inserted before it. */
const bicepDenied = (spec: TwinSpec) => annotate(bicepTwin(spec), "name: 'DenyAllInbound'", "'DenyAllInbound'", 'ASE102');
const bicepFixed = (spec: TwinSpec) => insertRuleBefore(bicepDenied(spec), 'DenyAllInbound', bicepFix);
const ipSslSiteBicep = [
  "resource app 'Microsoft.Web/sites@2022-03-01' = {",
  "  name: 'app'",
  "  location: 'westeurope'",
  '  properties: {',
  '    hostingEnvironmentProfile: { id: ase.id }',
  "    hostNameSslStates: [ { name: 'www.contoso.com', sslState: 'IpBasedEnabled' } ]",
  '  }',
  '}',
];

const ipSslSite = `    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2022-03-01",
      "name": "app",
      "location": "westeurope",
      "properties": {
        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" },
        "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "IpBasedEnabled" } ]
      }
    }`;

/** The ARM template with a `parameters` block (each parameter a bool without a default). */
const withBoolParams = (text: string, ...names: string[]) =>
  text.replace(
    '  "contentVersion": "1.0.0.0",\n',
    `  "contentVersion": "1.0.0.0",\n  "parameters": { ${names.map((n) => `"${n}": { "type": "bool" }`).join(', ')} },\n`,
  );
// An IP-based SSL app whose `condition` cannot be decided (a parameter without a value).
const maybeIpSslSite = ipSslSite.replace('"name": "app",', '"name": "app",\n      "condition": "[parameters(\'deployApp\')]",');
const maybeIpSslSiteBicep = ipSslSiteBicep.map((l) => (l.startsWith('resource app ') ? l.replace('= {', '= if (deployApp) {') : l));
// A certain app whose IP-based SSL comes from a hostNameBindings child whose `condition` cannot be decided.
const maybeIpSslBinding = `    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2022-03-01",
      "name": "app",
      "location": "westeurope",
      "properties": {
        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }
      }
    },
    {
      "type": "Microsoft.Web/sites/hostNameBindings",
      "apiVersion": "2022-03-01",
      "name": "app/www.contoso.com",
      "condition": "[parameters('bindIp')]",
      "dependsOn": [ "[resourceId('Microsoft.Web/sites', 'app')]" ],
      "properties": { "sslState": "IpBasedEnabled", "thumbprint": "0000000000000000000000000000000000000000" }
    }`;
const maybeIpSslBindingBicep = [
  "resource app 'Microsoft.Web/sites@2022-03-01' = {",
  "  name: 'app'",
  "  location: 'westeurope'",
  '  properties: {',
  '    hostingEnvironmentProfile: { id: ase.id }',
  '  }',
  '}',
  "resource binding 'Microsoft.Web/sites/hostNameBindings@2022-03-01' = if (bindIp) {",
  '  parent: app',
  "  name: 'www.contoso.com'",
  "  properties: { sslState: 'IpBasedEnabled', thumbprint: '0000000000000000000000000000000000000000' }",
  '}',
];
const certainPorts = [lbPorts('80,443,454-455,16001'), denyAll];
const certainPortsBicep = [lbSpec('80,443,454-455,16001'), denySpec];

ruleTester(inboundLoadBalancer, {
  valid: [
    {
      name: 'the documented allow-all from the load balancer',
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
                  { "name": "AllowLB", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } },
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
                name: 'AllowLB'
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
    { name: 'no written rules: Azure default AllowAzureLoadBalancerInBound', arm: aseTemplate({ securityRules: [] }), bicep: bicepTwin({ rules: [] }) },
    {
      name: 'ILB ASE with exactly the minimum ports',
      arm: aseTemplate({ ilbMode: 3, securityRules: [mgmt, lbPorts('454-455'), nsgRule('LB16001', { priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '16001' }), denyAll] }),
      bicep: bicepTwin({ ilbMode: 3, rules: [mgmtSpec, lbSpec('454-455'), lbSpec('16001', 'LB16001', 120), denySpec] }),
    },
    {
      name: 'ILB mode unresolved: held to the minimum',
      arm: aseTemplate({ ilbMode: "[parameters('mode')]", securityRules: [lbPorts('454-455'), nsgRule('LB16001', { priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '16001' }), denyAll] }),
      bicep: bicepTwin({ params: ['param mode string'], ilbModeExpr: 'mode', rules: [lbSpec('454-455'), lbSpec('16001', 'LB16001', 120), denySpec] }),
    },
    {
      name: 'an IP-based SSL app whose condition is unresolved: the ASE is held to the ports that are certain',
      arm: withBoolParams(aseTemplate({ securityRules: certainPorts, extraResources: [maybeIpSslSite] }), 'deployApp'),
      bicep: bicepTwin({ params: ['param deployApp bool'], rules: certainPortsBicep, extraResources: maybeIpSslSiteBicep }),
    },
    {
      name: 'an IP-based SSL binding whose condition is unresolved: the ASE is held to the ports that are certain',
      arm: withBoolParams(aseTemplate({ securityRules: certainPorts, extraResources: [maybeIpSslBinding] }), 'bindIp'),
      bicep: bicepTwin({ params: ['param bindIp bool'], rules: certainPortsBicep, extraResources: maybeIpSslBindingBicep }),
    },
    { name: 'ASEv3 is checked by ASE106 instead', arm: aseTemplate({ kind: 'ASEV3', securityRules: [denyAll] }), bicep: bicepTwin({ kind: 'ASEV3', rules: [denySpec] }) },
  ],
  invalid: [
    {
      name: 'deny-all inbound with nothing for the load balancer (the first example of the product)',
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
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE102
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
        "NSG 'ase-nsg' blocks TCP 80,443,454-455,16001 from AzureLoadBalancer (rule 'DenyAllInbound', priority 4096): the load balancer cannot reach the ASE, which then stops serving and being managed",
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
                  { "name": "AllowMgmt", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AppServiceManagement", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "454-455" } },
                  {
                    "name": "AllowAzureLoadBalancerInbound",
                    "properties": {
                      "priority": 4090,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "*",
                      "sourceAddressPrefix": "AzureLoadBalancer",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  },
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE102
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
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE102
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
                name: 'AllowMgmt'
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AppServiceManagement', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '454-455' }
              }
              {
                name: 'AllowAzureLoadBalancerInbound'
                properties: {
                  priority: 4090
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: '*'
                  sourceAddressPrefix: 'AzureLoadBalancer'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '*'
                }
              }
              {
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE102
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
      name: 'ILB ASE missing the keep-alive port 16001',
      arm: aseTemplate({ ilbMode: 'Web, Publishing', securityRules: [lbPorts('454-455'), denyAll, underName('DenyAllInbound', 'ASE102')] }),
      messages: [message('454-455,16001', "rule 'DenyAllInbound', priority 4096", 'TCP 16001')],
      output: aseTemplate({ ilbMode: 'Web, Publishing', securityRules: [lbPorts('454-455'), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE102')] }),
      bicep: bicepDenied({ ilbMode: 'Web, Publishing', rules: [lbSpec('454-455'), denySpec] }),
      bicepOutput: bicepFixed({ ilbMode: 'Web, Publishing', rules: [lbSpec('454-455'), denySpec] }),
    },
    {
      name: 'External ASE with an IP-based SSL app needs every port',
      arm: aseTemplate({ securityRules: [lbPorts('80,443,454-455,16001'), denyAll, underName('DenyAllInbound', 'ASE102')], extraResources: [ipSslSite] }),
      messages: [message('on every port', "rule 'DenyAllInbound', priority 4096", 'TCP 1-79,81-442,444-453,456-16000,16002-65535')],
      output: aseTemplate({ securityRules: [lbPorts('80,443,454-455,16001'), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE102')], extraResources: [ipSslSite] }),
      bicep: bicepDenied({ rules: [lbSpec('80,443,454-455,16001'), denySpec], extraResources: ipSslSiteBicep }),
      bicepOutput: bicepFixed({ rules: [lbSpec('80,443,454-455,16001'), denySpec], extraResources: ipSslSiteBicep }),
    },
    {
      name: 'an IP-based SSL app whose condition is unresolved: the certain ports are still checked, not every port',
      arm: withBoolParams(aseTemplate({ securityRules: [lbPorts('80,443,454-455'), denyAll, underName('DenyAllInbound', 'ASE102')], extraResources: [maybeIpSslSite] }), 'deployApp'),
      messages: [message('80,443,454-455,16001', "rule 'DenyAllInbound', priority 4096", 'TCP 16001')],
      output: withBoolParams(
        aseTemplate({ securityRules: [lbPorts('80,443,454-455'), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE102')], extraResources: [maybeIpSslSite] }),
        'deployApp',
      ),
      bicep: bicepDenied({ params: ['param deployApp bool'], rules: [lbSpec('80,443,454-455'), denySpec], extraResources: maybeIpSslSiteBicep }),
      bicepOutput: bicepFixed({ params: ['param deployApp bool'], rules: [lbSpec('80,443,454-455'), denySpec], extraResources: maybeIpSslSiteBicep }),
    },
    {
      name: 'the Bicep ASE names its subnet as vnet.properties.subnets[0].id (the subnet id Azure returns)',
      arm: aseTemplate({ securityRules: [mgmt, denyAll, underName('DenyAllInbound', 'ASE102')] }),
      messages: [message('80,443,454-455,16001', "rule 'DenyAllInbound', priority 4096")],
      output: aseTemplate({ securityRules: [mgmt, ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE102')] }),
      bicep: bicepDenied({ rules: [mgmtSpec, denySpec], aseSubnetIdExpr: 'vnet.properties.subnets[0].id' }),
      bicepOutput: bicepFixed({ rules: [mgmtSpec, denySpec], aseSubnetIdExpr: 'vnet.properties.subnets[0].id' }),
    },
    {
      name: 'the neighbours name the ASE subnet by its parameter: so does the new rule, in place of *',
      arm: bySubnetArm([]),
      messages: ["NSG 'ase-nsg' blocks TCP 454-455,16001 from AzureLoadBalancer (rule 'DenyAllInbound', priority 4096): the load balancer cannot reach the ASE, which then stops serving and being managed"],
      output: bySubnetArm([
        '          {',
        '            "name": "AllowAzureLoadBalancerInbound",',
        '            "properties": {',
        '              "priority": 4090,',
        '              "direction": "Inbound",',
        '              "access": "Allow",',
        '              "protocol": "*",',
        '              "sourceAddressPrefix": "AzureLoadBalancer",',
        '              "sourcePortRange": "*",',
        `              "destinationAddressPrefix": "[parameters('aseSubnetPrefix')]",`,
        '              "destinationPortRange": "*"',
        '            }',
        '          },',
      ]),
      bicep: bySubnetBicep([]),
      bicepOutput: bySubnetBicep([
        '      {',
        "        name: 'AllowAzureLoadBalancerInbound'",
        '        properties: {',
        '          priority: 4090',
        "          direction: 'Inbound'",
        "          access: 'Allow'",
        "          protocol: '*'",
        "          sourceAddressPrefix: 'AzureLoadBalancer'",
        "          sourcePortRange: '*'",
        '          destinationAddressPrefix: aseSubnetPrefix',
        "          destinationPortRange: '*'",
        '        }',
        '      }',
      ]),
    },
  ],
});
