// ASE105 inbound-app-assigned-ip: an app with its own IP-based SSL address in an External ASEv1/v2 is reached on two
// ports chosen at deployment, so the NSG admits every TCP port from the internet.
import { inboundAppAssignedIp } from '../../server/src/rules/inbound-app-assigned-ip';
import { dedent, ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore } from '../support/bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';

const lb = nsgRule('AllowLB', { priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' });
const web = (source: string, ports = ['80', '443']) =>
  nsgRule('AllowWeb', { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, portsList: ports });
const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
// The same rules for the Bicep twins.
const lbSpec: RuleSpec = { name: 'AllowLB', priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' };
const webSpec = (source: string, ports = ['80', '443']): RuleSpec => ({ name: 'AllowWeb', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, portsList: ports });
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };
/** The twin with carets (`code`) under the name of the rule `rule`. */
const bicepUnder = (spec: TwinSpec, code: string, rule = 'DenyAllInbound') => annotate(bicepTwin(spec), `name: '${rule}'`, `'${rule}'`, code);

const ipSslSite = (sslState = 'IpBasedEnabled') => `    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2022-03-01",
      "name": "app",
      "location": "westeurope",
      "properties": {
        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" },
        "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "${sslState}" } ]
      }
    }`;
const fixRule = allowRule('AllowAppAssignedAddressesInbound', { protocol: 'Tcp', ports: ['*'], source: 'Internet', destination: '*', priority: 4090, direction: 'Inbound' });
const assigned = (part: string) =>
  `NSG 'ase-nsg' blocks TCP on every port from Internet (rule 'DenyAllInbound', priority 4096, denies ${part}): ` +
  "app 'app' has its own IP-based SSL address, and the two ports the ASE maps to it are chosen at deployment, so clients cannot reach the app on that address";
const ipSslSiteBicep = (sslState = 'IpBasedEnabled') => [
  "resource app 'Microsoft.Web/sites@2022-03-01' = {",
  "  name: 'app'",
  "  location: 'westeurope'",
  '  properties: {',
  '    hostingEnvironmentProfile: { id: ase.id }',
  `    hostNameSslStates: [ { name: 'www.contoso.com', sslState: '${sslState}' } ]`,
  '  }',
  '}',
];
// A plan on the ASE that is deployed only when a parameter without a value says so, and an IP-based SSL app on it.
const maybePlan = `    {
      "type": "Microsoft.Web/serverfarms",
      "apiVersion": "2022-03-01",
      "name": "plan",
      "condition": "[parameters('deployPlan')]",
      "location": "westeurope",
      "sku": { "name": "I1", "tier": "Isolated" },
      "properties": { "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" } }
    }`;
const planSite = `    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2022-03-01",
      "name": "app",
      "location": "westeurope",
      "properties": {
        "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'plan')]",
        "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "IpBasedEnabled" } ]
      }
    }`;
const maybePlanBicep = [
  'param deployPlan bool',
  "resource plan 'Microsoft.Web/serverfarms@2022-03-01' = if (deployPlan) {",
  "  name: 'plan'",
  "  location: 'westeurope'",
  "  sku: { name: 'I1', tier: 'Isolated' }",
  '  properties: { hostingEnvironmentProfile: { id: ase.id } }',
  '}',
];
const planSiteBicep = [
  "resource app 'Microsoft.Web/sites@2022-03-01' = {",
  "  name: 'app'",
  "  location: 'westeurope'",
  '  properties: {',
  '    serverFarmId: plan.id',
  "    hostNameSslStates: [ { name: 'www.contoso.com', sslState: 'IpBasedEnabled' } ]",
  '  }',
  '}',
];
const bicepFix = bicepRule('AllowAppAssignedAddressesInbound', { protocol: 'Tcp', ports: ['*'], source: 'Internet', destination: '*', priority: 4090, direction: 'Inbound' });

ruleTester(inboundAppAssignedIp, {
  valid: [
    {
      name: 'apps use SNI only',
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
                  { "name": "AllowWeb", "properties": { "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRanges": ["80","443"] } },
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
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "app",
              "location": "westeurope",
              "properties": {
                "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" },
                "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "SniEnabled" } ]
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
                name: 'AllowWeb'
                properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRanges: ['80', '443'] }
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
        resource app 'Microsoft.Web/sites@2022-03-01' = {
          name: 'app'
          location: 'westeurope'
          properties: {
            hostingEnvironmentProfile: { id: ase.id }
            hostNameSslStates: [ { name: 'www.contoso.com', sslState: 'SniEnabled' } ]
          }
        }
      `,
    },
    {
      name: 'every TCP port open from Internet',
      arm: aseTemplate({
        securityRules: [lb, nsgRule('AllowClients', { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'Internet' }), denyAll],
        extraResources: [ipSslSite()],
      }),
      bicep: bicepTwin({
        rules: [lbSpec, { name: 'AllowClients', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'Internet' }, denySpec],
        extraResources: ipSslSiteBicep(),
      }),
    },
    { name: 'no NSG on the subnet', arm: aseTemplate({ extraResources: [ipSslSite()] }), bicep: bicepTwin({ extraResources: ipSslSiteBicep() }) },
    {
      name: 'HTTPS itself is closed to the internet: which clients to admit is the author\'s choice (ASE104)',
      arm: aseTemplate({ securityRules: [lb, denyAll], extraResources: [ipSslSite()] }),
      bicep: bicepTwin({ rules: [lbSpec, denySpec], extraResources: ipSslSiteBicep() }),
    },
    {
      name: 'HTTPS open only to one partner range',
      arm: aseTemplate({ securityRules: [lb, web('203.0.113.0/24'), denyAll], extraResources: [ipSslSite()] }),
      bicep: bicepTwin({ rules: [lbSpec, webSpec('203.0.113.0/24'), denySpec], extraResources: ipSslSiteBicep() }),
    },
    {
      name: 'an ILB ASE cannot have app-assigned addresses (ASE503)',
      arm: aseTemplate({ ilbMode: 3, securityRules: [lb, web('Internet'), denyAll], extraResources: [ipSslSite()] }),
      bicep: bicepTwin({ ilbMode: 3, rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: ipSslSiteBicep() }),
    },
    {
      name: 'the IP-based SSL app is on a plan whose condition is unresolved: it may not exist',
      arm: aseTemplate({ securityRules: [lb, web('Internet'), denyAll], extraResources: [maybePlan, planSite] }),
      bicep: bicepTwin({ rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: [...maybePlanBicep, ...planSiteBicep] }),
    },
    {
      name: 'ASEv3 is not checked',
      arm: aseTemplate({ kind: 'ASEV3', securityRules: [lb, web('Internet'), denyAll], extraResources: [ipSslSite()] }),
      bicep: bicepTwin({ kind: 'ASEV3', rules: [lbSpec, webSpec('Internet'), denySpec], extraResources: ipSslSiteBicep() }),
    },
  ],
  invalid: [
    {
      name: 'HTTP and HTTPS open, the mapped ports are not',
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
                  { "name": "AllowWeb", "properties": { "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRanges": ["80","443"] } },
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE105
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
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "app",
              "location": "westeurope",
              "properties": {
                "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" },
                "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "IpBasedEnabled" } ]
              }
            }
          ]
        }
      `,
      messages: [
        "NSG 'ase-nsg' blocks TCP on every port from Internet (rule 'DenyAllInbound', priority 4096, denies TCP 1-79,81-442,444-65535 from Internet): app 'app' has its own IP-based SSL address, and the two ports the ASE maps to it are chosen at deployment, so clients cannot reach the app on that address",
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
                  { "name": "AllowLB", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } },
                  { "name": "AllowWeb", "properties": { "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRanges": ["80","443"] } },
                  {
                    "name": "AllowAppAssignedAddressesInbound",
                    "properties": {
                      "priority": 4090,
                      "direction": "Inbound",
                      "access": "Allow",
                      "protocol": "Tcp",
                      "sourceAddressPrefix": "Internet",
                      "sourcePortRange": "*",
                      "destinationAddressPrefix": "*",
                      "destinationPortRange": "*"
                    }
                  },
                  { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
                  //        ^^^^^^^^^^^^^^^^ ASE105
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
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "app",
              "location": "westeurope",
              "properties": {
                "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" },
                "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "IpBasedEnabled" } ]
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
                name: 'AllowWeb'
                properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRanges: ['80', '443'] }
              }
              {
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE105
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
        resource app 'Microsoft.Web/sites@2022-03-01' = {
          name: 'app'
          location: 'westeurope'
          properties: {
            hostingEnvironmentProfile: { id: ase.id }
            hostNameSslStates: [ { name: 'www.contoso.com', sslState: 'IpBasedEnabled' } ]
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
                properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
              }
              {
                name: 'AllowWeb'
                properties: { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRanges: ['80', '443'] }
              }
              {
                name: 'AllowAppAssignedAddressesInbound'
                properties: {
                  priority: 4090
                  direction: 'Inbound'
                  access: 'Allow'
                  protocol: 'Tcp'
                  sourceAddressPrefix: 'Internet'
                  sourcePortRange: '*'
                  destinationAddressPrefix: '*'
                  destinationPortRange: '*'
                }
              }
              {
                name: 'DenyAllInbound'
                //    ^^^^^^^^^^^^^^^^ ASE105
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
        resource app 'Microsoft.Web/sites@2022-03-01' = {
          name: 'app'
          location: 'westeurope'
          properties: {
            hostingEnvironmentProfile: { id: ase.id }
            hostNameSslStates: [ { name: 'www.contoso.com', sslState: 'IpBasedEnabled' } ]
          }
        }
      `,
    },
    {
      name: 'web open to any source, still only on 80 and 443',
      arm: aseTemplate({ securityRules: [lb, web('*'), denyAll, underName('DenyAllInbound', 'ASE105')], extraResources: [ipSslSite()] }),
      messages: [assigned('TCP 1-79,81-442,444-65535 from Internet')],
      output: aseTemplate({
        securityRules: [lb, web('*'), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE105')],
        extraResources: [ipSslSite()],
      }),
      bicep: bicepUnder({ rules: [lbSpec, webSpec('*'), denySpec], extraResources: ipSslSiteBicep() }, 'ASE105'),
      bicepOutput: insertRuleBefore(bicepUnder({ rules: [lbSpec, webSpec('*'), denySpec], extraResources: ipSslSiteBicep() }, 'ASE105'), 'DenyAllInbound', bicepFix),
    },
  ],
});
