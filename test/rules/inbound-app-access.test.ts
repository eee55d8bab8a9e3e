// ASE104 inbound-app-access: clients on the internet reach the apps of an External ASE on TCP 80 and 443.
import { inboundAppAccess } from '../../server/src/rules/inbound-app-access';
import { dedent, ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { aseTemplate, caretsUnder, nsgRule, underName } from '../support/templates';

const lb = nsgRule('AllowLB', { priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' });
const web = (source: string, ports = ['80', '443']) =>
  nsgRule('AllowWeb', { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, portsList: ports });
const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
const kudu = 'and portal features that go through the SCM (Kudu) site stop working';
const access = (what: string, rule: string, consequence: string) => `NSG 'ase-nsg' blocks ${what} (${rule}): ${consequence}`;
// The same rules for the Bicep twins.
const lbSpec: RuleSpec = { name: 'AllowLB', priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' };
const webSpec = (source: string, ports = ['80', '443']): RuleSpec => ({ name: 'AllowWeb', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, portsList: ports });
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };
/** The twin with carets (`code`) under the name of the rule `rule`. */
const bicepUnder = (spec: TwinSpec, code: string, rule = 'DenyAllInbound') => annotate(bicepTwin(spec), `name: '${rule}'`, `'${rule}'`, code);

ruleTester(inboundAppAccess, {
  valid: [
    {
      name: 'HTTP and HTTPS allowed from Internet before the deny-all',
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
      `,
    },
    { name: 'no NSG on the subnet', arm: aseTemplate(), bicep: bicepTwin({}) },
    { name: 'HTTP and HTTPS allowed from any source', arm: aseTemplate({ securityRules: [web('*'), denyAll] }), bicep: bicepTwin({ rules: [webSpec('*'), denySpec] }) },
    {
      name: 'an ILB ASE is not reached from the internet',
      arm: aseTemplate({ ilbMode: 'Web, Publishing', securityRules: [lb, denyAll] }),
      bicep: bicepTwin({ ilbMode: 'Web, Publishing', rules: [lbSpec, denySpec] }),
    },
    { name: 'ILB mode Web (as a number)', arm: aseTemplate({ ilbMode: 1, securityRules: [denyAll] }), bicep: bicepTwin({ ilbMode: 1, rules: [denySpec] }) },
    {
      name: 'ILB mode unresolved',
      arm: aseTemplate({ ilbMode: "[parameters('mode')]", securityRules: [denyAll] }),
      bicep: bicepTwin({ params: ['param mode string'], ilbModeExpr: 'mode', rules: [denySpec] }),
    },
  ],
  invalid: [
    {
      name: 'deny-all closes both ports: one note on the deny rule',
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
                  //        ^^^^^^^^^^^^^^^^ ASE104
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
        "NSG 'ase-nsg' blocks TCP 80 and 443 from Internet (rule 'DenyAllInbound', priority 4096, denies TCP 80,443 from Internet): clients outside the network cannot reach the apps of External ASE 'my-ase', and portal features that go through the SCM (Kudu) site stop working",
      ],
      output: null,
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
                //    ^^^^^^^^^^^^^^^^ ASE104
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
      name: 'only HTTP opened: HTTPS is blocked',
      arm: aseTemplate({ securityRules: [web('Internet', ['80']), denyAll, underName('DenyAllInbound', 'ASE104')] }),
      bicep: bicepUnder({ rules: [webSpec('Internet', ['80']), denySpec] }, 'ASE104'),
      messages: [
        access(
          'TCP 443 from Internet',
          "rule 'DenyAllInbound', priority 4096",
          `clients outside the network cannot reach the apps of External ASE 'my-ase' over HTTPS, ${kudu}`,
        ),
      ],
      output: null,
    },
    {
      name: 'an explicit deny of HTTP ahead of the allow',
      arm: aseTemplate({
        securityRules: [
          nsgRule('DenyHttp', { priority: 150, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', source: 'Internet', ports: '80' }),
          underName('DenyHttp', 'ASE104'),
          web('Internet', ['80', '443']),
          denyAll,
        ],
      }),
      bicep: bicepUnder(
        { rules: [{ name: 'DenyHttp', priority: 150, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', source: 'Internet', ports: '80' }, webSpec('Internet', ['80', '443']), denySpec] },
        'ASE104',
        'DenyHttp',
      ),
      messages: [
        access(
          'TCP 80 from Internet',
          "rule 'DenyHttp', priority 150",
          "clients outside the network cannot reach the apps of External ASE 'my-ase' over HTTP",
        ),
      ],
      output: null,
    },
    {
      name: "no written rules: Azure's default DenyAllInBound, on the securityRules key",
      arm: aseTemplate({ securityRules: [caretsUnder('        "securityRules": [', '"securityRules"', 'ASE104')] }),
      bicep: annotate(bicepTwin({ rules: [] }), 'securityRules: [', 'securityRules', 'ASE104'),
      messages: [
        access(
          'TCP 80 and 443 from Internet',
          "Azure's default rule 'DenyAllInBound', priority 65500, denies TCP 80,443 from Internet",
          `clients outside the network cannot reach the apps of External ASE 'my-ase', ${kudu}`,
        ),
      ],
      output: null,
    },
    {
      name: 'an External ASEv3 is checked too',
      arm: aseTemplate({ kind: 'ASEV3', securityRules: [denyAll, underName('DenyAllInbound', 'ASE104')] }),
      bicep: bicepUnder({ kind: 'ASEV3', rules: [denySpec] }, 'ASE104'),
      messages: [
        access(
          'TCP 80 and 443 from Internet',
          "rule 'DenyAllInbound', priority 4096",
          `clients outside the network cannot reach the apps of External ASE 'my-ase', ${kudu}`,
        ),
      ],
      output: null,
    },
    {
      name: 'ILB mode Publishing keeps web traffic on the public VIP',
      arm: aseTemplate({ ilbMode: 'Publishing', securityRules: [lb, denyAll, underName('DenyAllInbound', 'ASE104')] }),
      bicep: bicepUnder({ ilbMode: 'Publishing', rules: [lbSpec, denySpec] }, 'ASE104'),
      messages: [
        access(
          'TCP 80 and 443 from Internet',
          "rule 'DenyAllInbound', priority 4096, denies TCP 80,443 from Internet",
          `clients outside the network cannot reach the apps of External ASE 'my-ase', ${kudu}`,
        ),
      ],
      output: null,
    },
  ],
});
