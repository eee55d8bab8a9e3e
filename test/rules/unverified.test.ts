// ASE902 unverified: one note on the template for what could not be verified, naming the rules each unknown silences.
import { unverified } from '../../server/src/rules/unverified';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, markFirst, nsgRule, route, SCHEMA } from '../support/templates';
import { bicepTwin, type RuleSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { analyze } from '../../server/src/engine/analyze';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { Range } from '../../server/src/core/nodeRef';
import { hoverAt } from '../../server/src/query/hover';

const withParameters = (t: string, params: string) =>
  t.replace('  "contentVersion": "1.0.0.0",', `  "contentVersion": "1.0.0.0",\n  "parameters": ${params},`);
const onSchema = (t: string) => markFirst(t, '"$schema"', `"${SCHEMA}"`, 'ASE902');
/** The note's one line: the value itself when there is one, else how many; the rules they may silence (`codes` without "affects"); each value is in `details`, shown in the hover. */
const notVerified = (what: string | number, codes: string) => {
  const silenced = `${codes.replace(/^affects /, '').replace(/^may affect any rule$/, 'any rule')} may stay silent`;
  return typeof what === 'string' ? `Not verified: ${what}, so ${silenced} where it decides` : `${what} values in this template could not be verified, so ${silenced} where they decide`;
};
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
        notVerified("parameter 'prio' has no value", nsgCodes),
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
      // The rules either value silences, once: the hover lists each with its own.
      // The route prefix adds the integration rules that read routes (ASE712, ASE713) to the kind's.
      messages: [notVerified(2, kindCodes.replace('ASE602,', 'ASE602, ASE712, ASE713,'))],
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
      messages: [notVerified("parameter 'kind' has no value", kindCodes)],
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
      messages: [notVerified('the linked template missing.json could not be read', 'may affect any rule')],
      output: null,
      // Bicep links a template as a module (a module may deploy an ARM JSON template), and says so.
      bicep: onFirstBicepName(bicepTwin({ extraResources: ["module more 'missing.json' = {", "  name: 'more'", '}'] }), 'ase-vnet'),
      bicepMessages: [notVerified('the module missing.json could not be read', 'may affect any rule')],
    },
    {
      name: 'ten values: the message counts them',
      arm: onSchema(
        withParameters(
          aseTemplate({ securityRules: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10'].map((p, i) => priorityRule(p, i === 9)) }),
          intParams(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10']),
        ),
      ),
      messages: [notVerified(10, nsgCodes)],
      output: null,
      bicep: onFirstBicepName(bicepPriorities(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10']), 'ase-nsg'),
    },
  ],
});

// Beyond the note: a hint on each value that leaves a rule's verdict open, and the note's details.

const v3 = { kind: 'ASEV3', delegations: ['                { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }'] };
const v3Twin = { kind: 'ASEV3', delegation: 'Microsoft.Web/hostingEnvironments' };
/** The load balancer denied by a rule of its own: ASE106 reports it. */
const denyLoadBalancer = { name: 'DenyLoadBalancer', priority: 200, direction: 'Inbound', access: 'Deny', source: 'AzureLoadBalancer' } as const;

function found(uri: string, text: string) {
  return analyze(uri, text, { readFile: () => undefined }).findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, text: textAt(text, f.at.range) }));
}

function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

test('an error never silently goes when the text gets worse: a half-typed access turns ASE106 into a hint on that value (ARM and Bicep)', () => {
  const arm = (access: string) => aseTemplate({ ...v3, securityRules: [nsgRule(denyLoadBalancer.name, { ...denyLoadBalancer, access: access as 'Deny' }, true)] });
  const bicep = (access: string) => bicepTwin({ ...v3Twin, rules: [{ ...denyLoadBalancer, access: access as 'Deny' }] });
  for (const [uri, text, quoted] of [
    ['file:///t.json', arm, (v: string) => `"${v}"`],
    ['file:///t.bicep', bicep, (v: string) => `'${v}'`],
  ] as const) {
    const before = found(uri, text('Deny')).filter((f) => f.code === 'ASE106');
    assert.deepEqual(before.map((f) => [f.severity, f.text]), [['error', quoted(denyLoadBalancer.name)]], `${uri}: ASE106 before`);
    const after = found(uri, text('Den'));
    assert.deepEqual(after.filter((f) => f.code === 'ASE106'), [], `${uri}: the error cannot be claimed any more`);
    const hints = after.filter((f) => f.severity === 'hint');
    assert.deepEqual(
      hints.map((f) => [f.code, f.text, f.message]),
      [['ASE902', quoted('Den'), "ASE106 not verified: the access of 'DenyLoadBalancer' (priority 200) is unresolved (access 'Den' is not one of Allow, Deny)"]],
      `${uri}: the hint sits on the value and names the rule it stops`,
    );
  }
});

test("a tag whose addresses are not documented: the hint names the rule and sits on the tag", () => {
  const text = aseTemplate({
    ...v3,
    securityRules: [
      nsgRule('AllowInternet', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'Internet', ports: '80' }),
      nsgRule(denyLoadBalancer.name, denyLoadBalancer, true),
    ],
  });
  const hints = found('file:///t.json', text).filter((f) => f.severity === 'hint');
  assert.deepEqual(
    hints.map((f) => [f.code, f.text, f.message]),
    [
      [
        'ASE902',
        '"Internet"',
        "ASE106 not verified: 'AllowInternet' (priority 100) may or may not match TCP 80: whether 'Internet' holds 168.63.129.16 or reserved ranges is not documented; where it does not, 'DenyLoadBalancer' (priority 200) denies it",
      ],
    ],
  );
});

test('no hint where nothing typed in the files is the cause: a decided verdict, an address known only at deployment, a default rule', () => {
  // Decided: allowed, or blocked (the error itself).
  const allowed = aseTemplate({ ...v3, securityRules: [nsgRule('AllowLb', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '80' }, true)] });
  assert.deepEqual(found('file:///t.json', allowed).filter((f) => f.severity === 'hint'), []);
  // A priority that is a parameter without a value (a module analysed alone): the note lists it, no hint.
  const symbolic = withParameters(aseTemplate({ securityRules: [priorityRule('prio', true)] }), '{ "prio": { "type": "int" } }');
  assert.deepEqual(found('file:///t.json', symbolic).filter((f) => f.severity === 'hint'), []);
});

test('the note is one line; each value with the rules it silences is in its details (the hover shows them)', () => {
  const text = withParameters(
    aseTemplate({ kind: "[parameters('kind')]", routes: [route('r', "[parameters('prefix')]", 'Internet', undefined, true)] }),
    '{ "kind": { "type": "string" }, "prefix": { "type": "string" } }',
  );
  const analysis = analyze('file:///t.json', text, { readFile: () => undefined });
  const note = analysis.findings.find((f) => f.code === 'ASE902')!;
  assert.doesNotMatch(note.message, /\n/);
  assert.deepEqual(note.details, [
    "parameter 'prefix' has no value (affects ASE101-ASE107, ASE201-ASE206, ASE301-ASE303, ASE601, ASE712, ASE713)",
    `parameter 'kind' has no value (${kindCodes})`,
  ]);
  const hover = hoverAt(analysis, { line: 1, character: 20 });
  const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  assert.equal(
    markdown,
    [
      `**ASE902** ${note.message}`,
      '',
      "- parameter 'prefix' has no value (affects ASE101-ASE107, ASE201-ASE206, ASE301-ASE303, ASE601, ASE712, ASE713)",
      `- parameter 'kind' has no value (${kindCodes})`,
    ].join('\n'),
  );
  assert.deepEqual(hover?.range, note.at.range);
  // Ten values: every one in the details, none cut.
  const ten = analyze(
    'file:///t.json',
    withParameters(
      aseTemplate({ securityRules: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10'].map((p, i) => priorityRule(p, i === 9)) }),
      intParams(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10']),
    ),
    { readFile: () => undefined },
  );
  assert.equal(ten.findings.find((f) => f.code === 'ASE902')?.details?.length, 10);
});
