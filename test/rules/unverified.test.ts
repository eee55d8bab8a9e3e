// ASE902 unverified: one note on the template for what could not be verified, naming the rules each unknown silences.
import { unverified } from '../../server/src/rules/unverified';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, markFirst, nsgRule, route, SCHEMA } from '../support/templates';
import { bicepTwin, type RuleSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const withParameters = (t: string, params: string) =>
  t.replace('  "contentVersion": "1.0.0.0",', `  "contentVersion": "1.0.0.0",\n  "parameters": ${params},`);
const onSchema = (t: string) => markFirst(t, '"$schema"', `"${SCHEMA}"`, 'ASE902');
const notVerified = (parts: string) => `Not everything in this template could be verified, and rules stay silent where a value is unknown: ${parts}`;
const nsgCodes = 'affects ASE101-ASE108, ASE201-ASE206, ASE601, ASE712, ASE713, ASE801, ASE802';
/** Every rule that leaves out an ASE whose version is unknown. */
const kindCodes = 'affects ASE101-ASE107, ASE201-ASE206, ASE301-ASE304, ASE401-ASE405, ASE410, ASE412, ASE413, ASE501, ASE504, ASE505, ASE601, ASE602, ASE801-ASE803, ASE901';
/** A VM's network interface in the ASE subnet (ASE402, ASE803 when the ASE's version is known). */
const aseSubnetNic = [
  '    {',
  '      "type": "Microsoft.Network/networkInterfaces",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "vm-nic",',
  '      "location": "westeurope",',
  '      "properties": {',
  `        "ipConfigurations": [ { "name": "ipconfig1", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" } } } ]`,
  '      }',
  '    }',
].join('\n');
const bicepAseSubnetNic = [
  "resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {",
  "  name: 'vm-nic'",
  "  location: 'westeurope'",
  '  properties: {',
  "    ipConfigurations: [ { name: 'ipconfig1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet') } } } ]",
  '  }',
  '}',
];
const priorityRule = (param: string, last = false) =>
  nsgRule(`Rule-${param}`, { priority: `[parameters('${param}')]`, direction: 'Inbound', access: 'Allow' }, last);
const intParams = (names: string[]) => `{ ${names.map((n) => `"${n}": { "type": "int" }`).join(', ')} }`;
// The Bicep twins: a Bicep file has no `$schema`, so the note goes on the first resource's name.
const onFirstBicepName = (t: string, name: string) => annotate(t, `name: '${name}'`, `'${name}'`, 'ASE902');
/** NSG rules whose priorities are the int parameters `names` (declared with `declare`, e.g. `param p int`). */
function bicepPriorities(names: string[], declare = (n: string) => `param ${n} int`): string {
  const rules: RuleSpec[] = names.map((n, i) => ({ name: `Rule-${n}`, priority: 9000 + i, direction: 'Inbound', access: 'Allow' }));
  let text = bicepTwin({ params: names.map(declare), rules });
  names.forEach((n, i) => (text = text.replace(`priority: ${9000 + i},`, `priority: ${n},`)));
  return text;
}

ruleTester(unverified, {
  valid: [
    {
      name: 'everything resolves',
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
                ]
              }
            },
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-04-01",
              "name": "ase-routes",
              "location": "westeurope",
              "properties": {
                "routes": [
                  { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }
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
                      },
                      "routeTable": {
                        "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]"
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
            ]
          }
        }
        resource rt 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'ase-routes'
          location: 'westeurope'
          properties: {
            routes: [
              { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }
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
                  routeTable: { id: resourceId('Microsoft.Network/routeTables', 'ase-routes') }
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
      name: 'a parameter with a default value',
      arm: withParameters(aseTemplate({ securityRules: [priorityRule('prio', true)] }), '{ "prio": { "type": "int", "defaultValue": 100 } }'),
      bicep: bicepPriorities(['prio'], (n) => `param ${n} int = 100`),
    },
  ],
  invalid: [
    {
      name: 'a security rule priority without a value',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          //         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE902
          "contentVersion": "1.0.0.0",
          "parameters": { "prio": { "type": "int" } },
          "resources": [
            {
              "type": "Microsoft.Network/networkSecurityGroups",
              "apiVersion": "2023-04-01",
              "name": "ase-nsg",
              "location": "westeurope",
              "properties": {
                "securityRules": [
                  { "name": "Rule-prio", "properties": { "priority": "[parameters('prio')]", "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }
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
        "Not everything in this template could be verified, and rules stay silent where a value is unknown: parameter 'prio' has no value (affects ASE101-ASE108, ASE201-ASE206, ASE601, ASE712, ASE713, ASE801, ASE802)",
      ],
      output: null,
      bicep: dedent`
        param prio int
        resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
          name: 'ase-nsg'
          //    ^^^^^^^^^ ASE902
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'Rule-prio'
                properties: { priority: prio, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
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
      name: 'the ASE kind and a route prefix: each with the rules it silences',
      arm: onSchema(
        withParameters(
          aseTemplate({ kind: "[parameters('kind')]", routes: [route('r', "[parameters('prefix')]", 'Internet', undefined, true)] }),
          '{ "kind": { "type": "string" }, "prefix": { "type": "string" } }',
        ),
      ),
      messages: [
        notVerified(
          "parameter 'prefix' has no value (affects ASE101-ASE107, ASE201-ASE206, ASE301-ASE303, ASE601, ASE712, ASE713); " +
            `parameter 'kind' has no value (${kindCodes})`,
        ),
      ],
      output: null,
      bicep: onFirstBicepName(
        bicepTwin({ params: ['param kind string', 'param prefix string'], routes: [['r', '10.9.0.0/16', 'Internet']] })
          .replace("addressPrefix: '10.9.0.0/16'", 'addressPrefix: prefix')
          .replace("  kind: 'ASEV2'", '  kind: kind'),
        'ase-routes',
      ),
    },
    {
      // The ASE is left out of every rule that needs its version: ASE402 and ASE803 stay
      // silent on the NIC in its subnet (their own tables hold that case), and the note names them.
      name: 'the ASE kind unresolved, with a NIC in the ASE subnet: the note names every rule it silences',
      arm: onSchema(withParameters(aseTemplate({ kind: "[parameters('kind')]", extraResources: [aseSubnetNic] }), '{ "kind": { "type": "string" } }')),
      messages: [notVerified(`parameter 'kind' has no value (${kindCodes})`)],
      output: null,
      bicep: onFirstBicepName(
        bicepTwin({ params: ['param kind string'], extraResources: bicepAseSubnetNic }).replace("  kind: 'ASEV2'", '  kind: kind'),
        'ase-vnet',
      ),
    },
    {
      name: 'a linked template that cannot be read may affect any rule',
      arm: onSchema(
        aseTemplate({
          extraResources: [
            `    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "more",
      "properties": { "mode": "Incremental", "templateLink": { "relativePath": "missing.json" } }
    }`,
          ],
        }),
      ),
      messages: [notVerified('the linked template missing.json could not be read (may affect any rule)')],
      output: null,
      // Bicep links a template as a module (a module may deploy an ARM JSON template), and says so.
      bicep: onFirstBicepName(bicepTwin({ extraResources: ["module more 'missing.json' = {", "  name: 'more'", '}'] }), 'ase-vnet'),
      bicepMessages: [notVerified('the module missing.json could not be read (may affect any rule)')],
    },
    {
      name: 'past eight notes the message counts the rest',
      arm: onSchema(
        withParameters(
          aseTemplate({ securityRules: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10'].map((p, i) => priorityRule(p, i === 9)) }),
          intParams(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10']),
        ),
      ),
      messages: [
        notVerified(
          ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((p) => `parameter '${p}' has no value (${nsgCodes})`).join('; ') +
            '; and 2 more (see the related information)',
        ),
      ],
      output: null,
      bicep: onFirstBicepName(bicepPriorities(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10']), 'ase-nsg'),
    },
  ],
});
