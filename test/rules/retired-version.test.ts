// ASE901 retired-version: ASEv1 and ASEv2 are retired; a template that creates one fails (an error, with "Convert to ASEv3"), an existing one is a warning.
import { retiredVersion } from '../../server/src/rules/retired-version';
import { BICEP_URI, TEMPLATE_URI, dedent, ruleTester, tableTest, hostOf } from '../support/tester';
import { aseTemplate, markFirst, nsgRule, SCHEMA, type AseTemplate } from '../support/templates';
import { bicepTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { fixVerdict } from '../../server/src/engine/safeFixes';
import { applyTextEdits } from '../../server/src/edits/format';

const retired = (name: string, version: string) =>
  `ASE '${name}' is an ASE${version}: Azure has refused to create ASEv1/v2 since January 2024, and since their retirement on 31 August 2024 ` +
  'it migrates or deletes the ones still running, so this deployment fails: deploy an ASEv3 instead ' +
  '(its network needs differ: no management ports, a subnet delegated to Microsoft.Web/hostingEnvironments, a /24)';
const onKind = (kind: string) => (t: string) => markFirst(t, `"kind": "${kind}"`, `"${kind}"`, 'ASE901');
/** An ASE without `kind`: the version comes from its apiVersion. */
const withoutKind = (o: AseTemplate) => aseTemplate({ ...o, kind: '' }).replace('      "kind": "",\n', '');
// The Bicep twins.
const onBicepKind = (kind: string) => (t: string) => annotate(t, `kind: '${kind}'`, `'${kind}'`, 'ASE901');
/** The twin's ASE without `kind`, at `apiVersion`. */
const bicepWithoutKind = (apiVersion = '2022-03-01') =>
  bicepTwin({}).replace("  kind: 'ASEV2'\n", '').replace('hostingEnvironments@2022-03-01', `hostingEnvironments@${apiVersion}`);

// What "Convert to ASEv3" writes into the builders' subnet, which has only its prefix.
const armDelegated = (t: string) =>
  t.replace(
    '              "addressPrefix": "10.0.1.0/24"\n',
    [
      '              "addressPrefix": "10.0.1.0/24",',
      '              "delegations": [',
      '                {',
      '                  "name": "Microsoft.Web.hostingEnvironments",',
      '                  "properties": {',
      '                    "serviceName": "Microsoft.Web/hostingEnvironments"',
      '                  }',
      '                }',
      '              ]',
      '',
    ].join('\n'),
  );
const bicepDelegated = (t: string) =>
  t.replace(
    "          addressPrefix: '10.0.1.0/24'\n",
    [
      "          addressPrefix: '10.0.1.0/24'",
      '          delegations: [',
      '            {',
      "              name: 'Microsoft.Web.hostingEnvironments'",
      '              properties: {',
      "                serviceName: 'Microsoft.Web/hostingEnvironments'",
      '              }',
      '            }',
      '          ]',
      '',
    ].join('\n'),
  );

// An ASEv2 with an NSG, a route table, properties only v1/v2 take, and an Isolated plan in it.
const v2Props = [
  '        "multiSize": "Standard_D2_V2",',
  '        "multiRoleCount": 2,',
  '        "workerPools": [ { "workerSizeId": 0, "workerSize": "Small", "workerCount": 2 } ],',
  '        "frontEndScaleFactor": 15,',
  '        "ipsslAddressCount": 0,',
];
const isolatedPlan = (sku: string) =>
  [
    '    {',
    '      "type": "Microsoft.Web/serverfarms",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "ase-plan",',
    '      "location": "westeurope",',
    `      "sku": ${sku},`,
    '      "properties": {',
    `        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" }`,
    '      }',
    '    }',
  ].join('\n');
const lbRules = [
  nsgRule('AllowLoadBalancer', { priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' }),
  nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true),
];
const onpremRoute = ['          { "name": "onprem", "properties": { "addressPrefix": "192.168.0.0/16", "nextHopType": "VirtualNetworkGateway" } }'];
const fullV2 = onKind('ASEV2')(
  aseTemplate({ securityRules: lbRules, routes: onpremRoute, aseProps: v2Props, extraResources: [isolatedPlan('{ "name": "I1", "tier": "Isolated" }')] }),
);
const routeTableId = `                "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]"\n              }\n`;
const fullV3 = v2Props
  .reduce((t, line) => t.replace(`${line}\n`, ''), fullV2)
  .replace('"kind": "ASEV2"', '"kind": "ASEV3"')
  .replace('"sku": { "name": "I1", "tier": "Isolated" }', '"sku": { "name": "I1v2", "tier": "IsolatedV2" }')
  .replace(
    routeTableId,
    armDelegated(routeTableId.replace(/\n$/, ',\n') + '              "addressPrefix": "10.0.1.0/24"\n').replace('              "addressPrefix": "10.0.1.0/24",\n', ''),
  );
const bicepV2Props = [
  "    multiSize: 'Standard_D2_V2'",
  '    multiRoleCount: 2',
  "    workerPools: [ { workerSizeId: 0, workerSize: 'Small', workerCount: 2 } ]",
  '    frontEndScaleFactor: 15',
  '    ipsslAddressCount: 0',
];
const bicepPlan = (sku: string) => [
  "resource plan 'Microsoft.Web/serverfarms@2022-03-01' = {",
  "  name: 'ase-plan'",
  "  location: 'westeurope'",
  `  sku: ${sku}`,
  '  properties: {',
  '    hostingEnvironmentProfile: { id: ase.id }',
  '  }',
  '}',
];
const bicepFullV2 = onBicepKind('ASEV2')(
  bicepTwin({
    rules: [
      { name: 'AllowLoadBalancer', priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' },
      { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' },
    ],
    routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']],
    aseProps: bicepV2Props,
    extraResources: bicepPlan("{ name: 'I1', tier: 'Isolated' }"),
  }),
);
const bicepRouteTable = "          routeTable: { id: resourceId('Microsoft.Network/routeTables', 'ase-routes') }\n";
const bicepFullV3 = bicepV2Props
  .reduce((t, line) => t.replace(`${line}\n`, ''), bicepFullV2)
  .replace("kind: 'ASEV2'", "kind: 'ASEV3'")
  .replace("sku: { name: 'I1', tier: 'Isolated' }", "sku: { name: 'I1v2', tier: 'IsolatedV2' }")
  .replace(bicepRouteTable, bicepDelegated("          addressPrefix: '10.0.1.0/24'\n").replace("          addressPrefix: '10.0.1.0/24'\n", bicepRouteTable));

/** An existing ASE, as ARM's symbolic-name templates declare one: only its kind tells its version. */
const existingAse = (kind: string) => `{
  "$schema": "${SCHEMA}",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "resources": {
    "ase": {
      "type": "Microsoft.Web/hostingEnvironments",
      "apiVersion": "2022-03-01",
      "existing": true,
      "name": "old-ase",
      "kind": "${kind}"
    }
  }
}`;

ruleTester(retiredVersion, {
  valid: [
    {
      name: 'ASEv3',
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
                  addressPrefix: '10.0.1.0/24'
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
      name: 'kind unresolved',
      arm: aseTemplate({ kind: "[parameters('kind')]" }),
      bicep: bicepTwin({ params: ['param kind string'] }).replace("  kind: 'ASEV2'", '  kind: kind'),
    },
    { name: 'no kind and a recent apiVersion: the version is not known', arm: withoutKind({}), bicep: bicepWithoutKind() },
  ],
  invalid: [
    {
      name: 'an ASEv2 with an NSG, routes, v1/v2-only properties and an Isolated plan: converted, NSG and routes kept',
      arm: fullV2,
      messages: [retired('my-ase', 'v2')],
      fixTitle: "Convert ASE 'my-ase' to ASEv3 and plan 'ase-plan' to Isolated v2",
      output: fullV3,
      bicep: bicepFullV2,
      bicepOutput: bicepFullV3,
    },
    {
      name: 'the subnet delegated to another service: the ASE cannot be converted into it, no fix',
      arm: onKind('ASEV2')(aseTemplate({ delegations: ['                { "name": "d", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }'] })),
      messages: [retired('my-ase', 'v2')],
      output: null,
      bicep: onBicepKind('ASEV2')(bicepTwin({ delegation: 'Microsoft.Web/serverFarms' })),
      bicepOutput: null,
    },
    {
      name: 'a plan whose size cannot be told: no fix',
      arm: onKind('ASEV2')(aseTemplate({ extraResources: [isolatedPlan(`{ "name": "[parameters('size')]", "tier": "Isolated" }`)] })),
      messages: [retired('my-ase', 'v2')],
      output: null,
      bicep: onBicepKind('ASEV2')(bicepTwin({ params: ['param size string'], extraResources: bicepPlan("{ name: size, tier: 'Isolated' }") })),
      bicepOutput: null,
    },
    {
      name: 'an existing ASEv2 is a warning, without a fix',
      arm: markFirst(existingAse('ASEV2'), '"kind": "ASEV2"', '"ASEV2"', 'ASE901'),
      messages: ["ASE 'old-ase' is an existing ASEv2, a version retired on 31 August 2024: Azure migrates such ASEs to ASEv3 or deletes them, so plan its move to ASEv3"],
      severities: ['warning'],
      output: null,
      bicepWhyNot: 'a Bicep `existing` declaration takes no `kind`, so the version of an ASE it refers to is not known and nothing is reported',
    },
    {
      name: 'ASEv2, on the kind',
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
              //      ^^^^^^^ ASE901
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
      messages: [retired('my-ase', 'v2')],
      fixTitle: "Convert ASE 'my-ase' to ASEv3",
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
                      "addressPrefix": "10.0.1.0/24",
                      "delegations": [
                        {
                          "name": "Microsoft.Web.hostingEnvironments",
                          "properties": {
                            "serviceName": "Microsoft.Web/hostingEnvironments"
                          }
                        }
                      ]
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
              //      ^^^^^^^ ASE901
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
          //    ^^^^^^^ ASE901
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
                  delegations: [
                    {
                      name: 'Microsoft.Web.hostingEnvironments'
                      properties: {
                        serviceName: 'Microsoft.Web/hostingEnvironments'
                      }
                    }
                  ]
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV3'
          //    ^^^^^^^ ASE901
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    {
      name: 'kind in lower case',
      arm: onKind('asev1')(aseTemplate({ kind: 'asev1' })),
      messages: [retired('my-ase', 'v1')],
      output: armDelegated(onKind('asev1')(aseTemplate({ kind: 'asev1' })).replace('"kind": "asev1"', '"kind": "ASEV3"')),
      bicep: onBicepKind('asev1')(bicepTwin({ kind: 'asev1' })),
      bicepOutput: bicepDelegated(onBicepKind('asev1')(bicepTwin({ kind: 'asev1' })).replace("kind: 'asev1'", "kind: 'ASEV3'")),
    },
    {
      name: 'no kind and an apiVersion before 2019 (ASEv1), on the name',
      arm: markFirst(withoutKind({ apiVersion: '2016-09-01' }), '"name": "my-ase"', '"my-ase"', 'ASE901'),
      messages: [retired('my-ase', 'v1')],
      // The fix writes the kind the ASE lacked, after its properties.
      output: armDelegated(markFirst(withoutKind({ apiVersion: '2016-09-01' }), '"name": "my-ase"', '"my-ase"', 'ASE901')).replace(
        /\n      \}\n    \}\n  \]\n\}$/,
        '\n      },\n      "kind": "ASEV3"\n    }\n  ]\n}',
      ),
      bicep: annotate(bicepWithoutKind('2016-09-01'), "name: 'my-ase'", "'my-ase'", 'ASE901'),
      bicepOutput: bicepDelegated(annotate(bicepWithoutKind('2016-09-01'), "name: 'my-ase'", "'my-ase'", 'ASE901')).replace(/\n  \}\n\}$/, "\n  }\n  kind: 'ASEV3'\n}"),
    },
  ],
});

// "Convert to ASEv3" on the bundled ASEv2 example and on a real-world template: the result has no error or warning.

const repo = join(__dirname, '..', '..');
function converted(uri: string, text: string): { title: string; text: string } {
  const host = hostOf();
  const analysis = analyze(uri, text, host);
  const finding = analysis.findings.find((f) => f.code === 'ASE901');
  assert.ok(finding, 'ASE901 is reported');
  assert.equal(finding.severity, 'error');
  const verdict = fixVerdict(analysis, finding, host);
  assert.ok(verdict && 'offered' in verdict, `the fix is offered: ${verdict && 'refused' in verdict ? verdict.refused : 'none'}`);
  return { title: verdict.offered.title, text: applyTextEdits(text, verdict.offered.files.get(uri)!) };
}
const alarms = (uri: string, text: string) =>
  analyze(uri, text, hostOf())
    .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.code}: ${f.message}`);

for (const [label, path] of [
  ['the bundled ASEv2 example', join(repo, 'examples', 'ase-v2-correct.json')],
  ['a real-world ILB ASEv2 (mspnp, ase.json)', join(repo, '..', 'shared', 'corpus', 'real', 'mspnp+app-service-environments-ILB-deployments@9554677', 'deployment', 'templates', 'ase.json')],
] as const) {
  tableTest(
    `Convert to ASEv3 on ${label}: no error or warning under the v3 rules`,
    () => {
      const { text } = converted(TEMPLATE_URI, readFileSync(path, 'utf8'));
      assert.match(text, /"kind": "ASEV3"/);
      assert.match(text, /"serviceName": "Microsoft.Web\/hostingEnvironments"/);
      assert.deepEqual(alarms(TEMPLATE_URI, text), []);
    },
    // The shared corpus sits beside the repository, as for test/corpus.
    { skip: existsSync(path) ? false : `no template at ${path}` },
  );
}

tableTest('Convert to ASEv3 in Bicep: the converted twin analyses clean, the plan on Isolated v2', () => {
  const before = bicepFullV2.split('\n').filter((l) => !/^\s*\/\/\s*\^/.test(l)).join('\n');
  const { text } = converted(BICEP_URI, before);
  assert.match(text, /kind: 'ASEV3'/);
  assert.match(text, /sku: \{ name: 'I1v2', tier: 'IsolatedV2' \}/);
  assert.deepEqual(alarms(BICEP_URI, text), []);
});

tableTest('the subnet declared elsewhere: the fix converts the ASE and its title says to delegate the subnet where it is declared', () => {
  const text = aseTemplate({}).replace(/\{\n      "type": "Microsoft.Network\/virtualNetworks"[\s\S]*?\n    \},\n    /, '');
  const { title } = converted(TEMPLATE_URI, text);
  assert.equal(title, "Convert ASE 'my-ase' to ASEv3, then delegate its subnet to Microsoft.Web/hostingEnvironments where it is declared");
});

tableTest('a plan that names an ASE deployed elsewhere is not moved to Isolated v2', () => {
  const elsewhere = isolatedPlan('{ "name": "I1", "tier": "Isolated" }').replace(
    "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]",
    "[resourceId('other-rg', 'Microsoft.Web/hostingEnvironments', 'other-ase')]",
  );
  const { title, text } = converted(TEMPLATE_URI, aseTemplate({ extraResources: [elsewhere] }));
  assert.equal(title, "Convert ASE 'my-ase' to ASEv3");
  assert.match(text, /"sku": \{ "name": "I1", "tier": "Isolated" \}/);
});
