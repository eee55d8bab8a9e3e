// ASE401 subnet-size: an ASE subnet is large enough for the ASE to scale (a /24 recommended; at least a /25 for
// ASEv2, a /27 for ASEv3).
//
// Its fix where the prefix is not written literally on the subnet: "Widen the subnet
// to …" sets the value where it is defined — the parameters file or `.bicepparam` the
// analysis used, the default, the variable — or is not offered. The NSG rule that admits
// the load balancer names the subnet by the same expression, so editing anything else
// (the subnet's text) would leave the rule on the old /28 and raise ASE106 at once.
import assert from 'node:assert/strict';
import { subnetSize } from '../../server/src/rules/subnet-size';
import type { Host } from '../../server/src/core/host';
import { analyze } from '../../server/src/engine/analyze';
import type { ReportedFinding } from '../../server/src/core/findings';
import { fixVerdict } from '../../server/src/engine/safeFixes';
import { BICEP_URI, TEMPLATE_URI, dedent, offeredFix, ruleTester, tableTest } from '../support/tester';
import { SCHEMA, aseTemplate, caretsUnder } from '../support/templates';
import { bicepTwin, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

/** Carets under `"<prefix>"` of the subnet's addressPrefix line. */
const underPrefix = (prefix: string) => `              //${' '.repeat(15)}${'^'.repeat(prefix.length + 2)} ASE401`;
/** Inserts the caret line under the subnet's addressPrefix. */
function annotated(text: string, prefix: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(`"addressPrefix": "${prefix}"`));
  lines.splice(i + 1, 0, underPrefix(prefix));
  return lines.join('\n');
}
const v3Delegation = '                { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }';
const other = (prefix: string) => `          { "name": "other", "properties": { "addressPrefix": "${prefix}" } }`;
// The Bicep twins.
const otherBicep = (prefix: string) => ['      {', "        name: 'other'", `        properties: { addressPrefix: '${prefix}' }`, '      }'];
/** The twin with carets under the ASE subnet's addressPrefix value. */
const bicepPrefix = (spec: TwinSpec & { subnetPrefix: string }) => annotate(bicepTwin(spec), `addressPrefix: '${spec.subnetPrefix}'`, `'${spec.subnetPrefix}'`, 'ASE401');

const message =
  "The subnet 'ase-subnet' of ASEv3 'my-ase' is a /28, below the /27 minimum: the ASE cannot be created or cannot scale, and moving it to a larger subnet takes a support request (use a /24)";

/** An External ASEv3 whose subnet and load-balancer rule both use `prefix` (an ARM string). */
function armTemplate(o: { parameters?: string[]; variables?: string[]; prefix: string }): string {
  const subnetLine = `              "addressPrefix": "${o.prefix}",`;
  return [
    '{',
    `  "$schema": "${SCHEMA}",`,
    '  "contentVersion": "1.0.0.0",',
    ...(o.parameters ? ['  "parameters": {', ...o.parameters, '  },'] : []),
    ...(o.variables ? ['  "variables": {', ...o.variables, '  },'] : []),
    '  "resources": [',
    '    {',
    '      "type": "Microsoft.Network/networkSecurityGroups",',
    '      "apiVersion": "2023-04-01",',
    '      "name": "ase-nsg",',
    '      "location": "westeurope",',
    '      "properties": {',
    '        "securityRules": [',
    `          { "name": "AllowLoadBalancer", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "${o.prefix}", "destinationPortRange": "80" } },`,
    '          { "name": "DenyAllInbound", "properties": { "priority": 4096, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } }',
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
    subnetLine,
    caretsUnder(subnetLine, `"${o.prefix}"`, 'ASE401'),
    `              "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]" },`,
    '              "delegations": [ { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } } ]',
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
    '      "kind": "ASEV3",',
    '      "properties": {',
    `        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }`,
    '      }',
    '    }',
    '  ]',
    '}',
  ].join('\n');
}

/** The same in Bicep: `declarations` at the top, `prefix` a Bicep expression. */
function bicepTemplate(o: { declarations: string[]; prefix: string }): string {
  const subnetLine = `          addressPrefix: ${o.prefix}`;
  return [
    ...o.declarations,
    '',
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    "  name: 'ase-nsg'",
    "  location: 'westeurope'",
    '  properties: {',
    '    securityRules: [',
    `      { name: 'AllowLoadBalancer', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'AzureLoadBalancer', sourcePortRange: '*', destinationAddressPrefix: ${o.prefix}, destinationPortRange: '80' } }`,
    "      { name: 'DenyAllInbound', properties: { priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } }",
    '    ]',
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
    subnetLine,
    caretsUnder(subnetLine, o.prefix, 'ASE401'),
    '          networkSecurityGroup: { id: nsg.id }',
    "          delegations: [ { name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]",
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
    '',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    "  kind: 'ASEV3'",
    '  properties: {',
    "    virtualNetwork: { id: '${vnet.id}/subnets/ase-subnet' }",
    '  }',
    '}',
    '',
  ].join('\n');
}

const ARM_PARAMS_URI = TEMPLATE_URI.replace(/\.json$/, '.parameters.json');
const BICEPPARAM_URI = BICEP_URI.replace(/\.bicep$/, '.bicepparam');
const armParameters = (prefix: string) =>
  ['{', '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",', '  "contentVersion": "1.0.0.0",', '  "parameters": {', `    "aseSubnetPrefix": { "value": "${prefix}" }`, '  }', '}'].join('\n');
const bicepParameters = (prefix: string) => ["using 'template.bicep'", '', `param aseSubnetPrefix = '${prefix}'`, ''].join('\n');

const armParameter = (def?: string) => [`    "aseSubnetPrefix": { "type": "string"${def ? `, "defaultValue": "${def}"` : ''} }`];
const byParameter = "[parameters('aseSubnetPrefix')]";

ruleTester(subnetSize, {
  valid: [
    {
      name: 'ASEv2 /24',
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
    { name: 'ASEv2 /23', arm: aseTemplate({ subnetPrefix: '10.0.0.0/23' }), bicep: bicepTwin({ subnetPrefix: '10.0.0.0/23' }) },
    // Today's pages recommend a /24 on one page and a /25 on another: the quieter reading, a /25 is enough.
    { name: 'ASEv2 /25: enough by the quieter of the two documented recommendations', arm: aseTemplate({ subnetPrefix: '10.0.1.0/25' }), bicep: bicepTwin({ subnetPrefix: '10.0.1.0/25' }) },
    { name: 'ASEv1 is not checked', arm: aseTemplate({ kind: 'ASEV1', subnetPrefix: '10.0.1.0/26' }), bicep: bicepTwin({ kind: 'ASEV1', subnetPrefix: '10.0.1.0/26' }) },
    {
      name: 'unresolved prefix',
      arm: aseTemplate({ subnetPrefix: "[parameters('prefix')]" }),
      bicep: bicepTwin({ params: ['param prefix string'], subnetPrefixExpr: 'prefix' }),
    },
  ],
  invalid: [
    {
      name: 'ASEv3 /25 warns and widens to the containing /24',
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
                      "addressPrefix": "10.0.1.128/25"
                      //               ^^^^^^^^^^^^^^^ ASE401
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
              "kind": "ASEV3",
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
        "The subnet 'ase-subnet' of ASEv3 'my-ase' is a /25, smaller than the recommended /24: the ASE may run out of addresses as it scales, and moving it to a larger subnet takes a support request",
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
                      //               ^^^^^^^^^^^^^^^ ASE401
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
              "kind": "ASEV3",
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
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                properties: {
                  addressPrefix: '10.0.1.128/25'
                  //             ^^^^^^^^^^^^^^^ ASE401
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV3'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
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
                  //             ^^^^^^^^^^^^^^^ ASE401
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV3'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    {
      name: 'ASEv2 /26 is below the minimum; the containing /24 is taken, so the next free one',
      arm: annotated(aseTemplate({ subnetPrefix: '10.0.1.0/26', otherSubnets: [other('10.0.1.64/26')] }), '10.0.1.0/26'),
      severities: ['error'],
      messages: [
        "The subnet 'ase-subnet' of ASEv2 'my-ase' is a /26, below the /25 minimum: the ASE cannot be created or cannot scale, and the size cannot change later (use a /24)",
      ],
      output: annotated(aseTemplate({ subnetPrefix: '10.0.1.0/26', otherSubnets: [other('10.0.1.64/26')] }), '10.0.1.0/26').replace('"10.0.1.0/26"', '"10.0.0.0/24"'),
      bicep: bicepPrefix({ subnetPrefix: '10.0.1.0/26', otherSubnets: otherBicep('10.0.1.64/26') }),
      bicepOutput: bicepPrefix({ subnetPrefix: '10.0.1.0/26', otherSubnets: otherBicep('10.0.1.64/26') }).replace("addressPrefix: '10.0.1.0/26'", "addressPrefix: '10.0.0.0/24'"),
    },
    {
      name: 'ASEv3 /28 is an error; no free /24 in a /24 VNet',
      arm: annotated(aseTemplate({ kind: 'ASEV3', vnetPrefix: '10.0.1.0/24', subnetPrefix: '10.0.1.0/28', delegations: [v3Delegation], otherSubnets: [other('10.0.1.16/28')] }), '10.0.1.0/28'),
      severities: ['error'],
      messages: [
        "The subnet 'ase-subnet' of ASEv3 'my-ase' is a /28, below the /27 minimum: the ASE cannot be created or cannot scale, and moving it to a larger subnet takes a support request (use a /24)",
      ],
      output: null,
      bicep: bicepPrefix({
        kind: 'ASEV3',
        vnetPrefix: '10.0.1.0/24',
        subnetPrefix: '10.0.1.0/28',
        delegation: 'Microsoft.Web/hostingEnvironments',
        otherSubnets: otherBicep('10.0.1.16/28'),
      }),
    },
    {
      name: 'the prefix is a parameter given by the parameters file: the fix sets it there',
      arm: armTemplate({ parameters: armParameter(), prefix: byParameter }),
      files: { [ARM_PARAMS_URI]: armParameters('10.0.1.0/28'), [BICEPPARAM_URI]: bicepParameters('10.0.1.0/28') },
      severities: ['error'],
      messages: [message],
      fixTitle: "Widen the subnet to 10.0.1.0/24 (sets parameter 'aseSubnetPrefix' in template.parameters.json)",
      output: armTemplate({ parameters: armParameter(), prefix: byParameter }),
      outputFiles: { [ARM_PARAMS_URI]: armParameters('10.0.1.0/24') },
      bicep: bicepTemplate({ declarations: ['param aseSubnetPrefix string'], prefix: 'aseSubnetPrefix' }),
      bicepFixTitle: "Widen the subnet to 10.0.1.0/24 (sets parameter 'aseSubnetPrefix' in template.bicepparam)",
      bicepOutput: bicepTemplate({ declarations: ['param aseSubnetPrefix string'], prefix: 'aseSubnetPrefix' }),
      bicepOutputFiles: { [BICEPPARAM_URI]: bicepParameters('10.0.1.0/24') },
    },
    {
      name: 'the prefix is the default of a parameter: the fix sets the default',
      arm: armTemplate({ parameters: armParameter('10.0.1.0/28'), prefix: byParameter }),
      severities: ['error'],
      messages: [message],
      fixTitle: "Widen the subnet to 10.0.1.0/24 (sets the default of parameter 'aseSubnetPrefix')",
      output: armTemplate({ parameters: armParameter('10.0.1.0/24'), prefix: byParameter }),
      bicep: bicepTemplate({ declarations: ["param aseSubnetPrefix string = '10.0.1.0/28'"], prefix: 'aseSubnetPrefix' }),
      bicepOutput: bicepTemplate({ declarations: ["param aseSubnetPrefix string = '10.0.1.0/24'"], prefix: 'aseSubnetPrefix' }),
    },
    {
      name: 'the prefix is a variable with a literal value: the fix sets the variable',
      arm: armTemplate({ variables: ['    "aseSubnetPrefix": "10.0.1.0/28"'], prefix: "[variables('aseSubnetPrefix')]" }),
      severities: ['error'],
      messages: [message],
      fixTitle: "Widen the subnet to 10.0.1.0/24 (sets variable 'aseSubnetPrefix')",
      output: armTemplate({ variables: ['    "aseSubnetPrefix": "10.0.1.0/24"'], prefix: "[variables('aseSubnetPrefix')]" }),
      bicep: bicepTemplate({ declarations: ["var aseSubnetPrefix = '10.0.1.0/28'"], prefix: 'aseSubnetPrefix' }),
      bicepOutput: bicepTemplate({ declarations: ["var aseSubnetPrefix = '10.0.1.0/24'"], prefix: 'aseSubnetPrefix' }),
    },
    {
      name: 'the prefix is computed: no fix, rather than a literal in place of the expression',
      arm: armTemplate({ variables: ['    "base": "10.0.1.0"'], prefix: "[format('{0}/28', variables('base'))]" }),
      severities: ['error'],
      messages: [message],
      output: null,
      bicep: bicepTemplate({ declarations: ["var base = '10.0.1.0'"], prefix: "'${base}/28'" }),
    },
  ],
});

// The case of the issue: the subnet is in a module (a linked template in ARM) whose
// prefix is its caller's parameter, and the value is in `main.bicepparam` (the ARM
// parameters file). The fix edits that line; the module's text is left alone.
const MAIN_BICEP = 'file:///work/infra/main.bicep';
const MAIN_PARAMS = 'file:///work/infra/main.bicepparam';
const NETWORK_BICEP = 'file:///work/infra/network.bicep';
const mainBicep = [
  'param aseSubnetPrefix string',
  '',
  "module network 'network.bicep' = {",
  "  name: 'network'",
  '  params: {',
  '    aseSubnetPrefix: aseSubnetPrefix',
  '  }',
  '}',
  '',
].join('\n');
const networkBicep = bicepTemplate({ declarations: ['param aseSubnetPrefix string'], prefix: 'aseSubnetPrefix' }).replace(/\n\s*\/\/ *\^+ ASE401/, '');
const mainParams = (prefix: string) => ["using 'main.bicep'", '', `param aseSubnetPrefix = '${prefix}'`, ''].join('\n');

const MAIN_JSON = 'file:///work/infra/main.json';
const MAIN_JSON_PARAMS = 'file:///work/infra/main.parameters.json';
const NETWORK_JSON = 'file:///work/infra/network.json';
const mainJson = [
  '{',
  `  "$schema": "${SCHEMA}",`,
  '  "contentVersion": "1.0.0.0",',
  '  "parameters": { "aseSubnetPrefix": { "type": "string" } },',
  '  "resources": [',
  '    {',
  '      "type": "Microsoft.Resources/deployments",',
  '      "apiVersion": "2022-09-01",',
  '      "name": "network",',
  '      "properties": {',
  '        "mode": "Incremental",',
  '        "templateLink": { "relativePath": "network.json" },',
  `        "parameters": { "aseSubnetPrefix": { "value": "[parameters('aseSubnetPrefix')]" } }`,
  '      }',
  '    }',
  '  ]',
  '}',
].join('\n');
const networkJson = armTemplate({ parameters: armParameter(), prefix: byParameter }).replace(/\n\s*\/\/ *\^+ ASE401/, '');

const scenarios = [
  { language: 'Bicep', root: MAIN_BICEP, params: MAIN_PARAMS, module: NETWORK_BICEP, files: { [MAIN_BICEP]: mainBicep, [NETWORK_BICEP]: networkBicep, [MAIN_PARAMS]: mainParams('10.0.1.0/28') }, after: mainParams('10.0.1.0/24'), literal: ['addressPrefix: aseSubnetPrefix', "addressPrefix: '10.0.1.0/24'"] },
  { language: 'ARM', root: MAIN_JSON, params: MAIN_JSON_PARAMS, module: NETWORK_JSON, files: { [MAIN_JSON]: mainJson, [NETWORK_JSON]: networkJson, [MAIN_JSON_PARAMS]: armParameters('10.0.1.0/28') }, after: armParameters('10.0.1.0/24'), literal: [`"addressPrefix": "${byParameter}"`, '"addressPrefix": "10.0.1.0/24"'] },
] as const;

for (const s of scenarios) {
  const host: Host = { readFile: (u) => (s.files as Record<string, string>)[u] };
  const finding = (): { analysis: ReturnType<typeof analyze>; asl: ReportedFinding } => {
    const analysis = analyze(s.root, (s.files as Record<string, string>)[s.root], host);
    const asl = analysis.findings.find((f) => f.code === 'ASE401');
    assert.ok(asl, 'ASE401 is reported in the module');
    assert.equal(asl.at.uri, s.module);
    return { analysis, asl };
  };

  tableTest(`ASE401 (${s.language}): a module's subnet whose prefix comes from the parameters file is widened there, with no new ASE106`, () => {
    const { analysis, asl } = finding();
    const fix = offeredFix(analysis, asl, s.files as Record<string, string>);
    assert.ok(fix);
    assert.equal(fix.title, `Widen the subnet to 10.0.1.0/24 (sets parameter 'aseSubnetPrefix' in ${s.params.split('/').pop()})`);
    assert.deepEqual([...fix.texts.keys()], [s.params], 'only the parameters file changes');
    assert.equal(fix.texts.get(s.params), s.after);
    const fixed: Record<string, string> = { ...s.files, [s.params]: s.after };
    const again = analyze(s.root, fixed[s.root], { readFile: (u) => fixed[u] });
    assert.deepEqual(again.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code), []);
  });

  tableTest(`ASE401 (${s.language}): the old fix, a literal in the module while the parameter stays /28, is refused by the safety net`, () => {
    const { analysis, asl } = finding();
    const text = (s.files as Record<string, string>)[s.module];
    const offset = text.indexOf(s.literal[0]);
    const lines = text.slice(0, offset).split('\n');
    const start = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const literal: ReportedFinding = {
      ...asl,
      fix: { title: 'Widen the subnet to 10.0.1.0/24', changes: [], textEdits: [{ uri: s.module, range: { start, end: { line: start.line, character: start.character + s.literal[0].length } }, newText: s.literal[1] }] },
    };
    const verdict = fixVerdict(analysis, literal, host);
    assert.ok(verdict && 'refused' in verdict);
    assert.match(verdict.refused, /^the fix introduces ASE106 \(NSG 'ase-nsg' blocks TCP 80 from AzureLoadBalancer/);
  });
}
