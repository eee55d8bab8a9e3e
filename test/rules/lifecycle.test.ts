// ASE901-ASE902: retired versions, and what could not be verified.
import { retiredVersion } from '../../server/src/rules/retired-version';
import { unverified } from '../../server/src/rules/unverified';
import { ruleTester } from './tester';
import { aseTemplate, caretsUnder, nsgRule, route, SCHEMA, type AseTemplate } from './templates';
import { bicepTwin, type RuleSpec } from '../model/bicep/twin';
import { annotate as annotateBicep } from './bicepTwins';

/** Inserts `annotation` after the first line that contains `marker`. */
function annotate(text: string, marker: string, annotation: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no line with ${marker}`);
  lines.splice(i + 1, 0, annotation);
  return lines.join('\n');
}

const retired = (name: string, version: string) =>
  `ASE '${name}' is an ASE${version}, a version retired on 31 August 2024 that Azure no longer creates: deploy an ASEv3 instead ` +
  '(its network needs differ: no management ports, a subnet delegated to Microsoft.Web/hostingEnvironments, a /24)';
const onKind = (kind: string) => (t: string) => annotate(t, `"kind": "${kind}"`, caretsUnder(`      "kind": "${kind}",`, `"${kind}"`, 'ASE901'));
/** An ASE without `kind`: the version comes from its apiVersion. */
const withoutKind = (o: AseTemplate) => aseTemplate({ ...o, kind: '' }).replace('      "kind": "",\n', '');
// The Bicep twins.
const onBicepKind = (kind: string) => (t: string) => annotateBicep(t, `kind: '${kind}'`, `'${kind}'`, 'ASE901');
/** The twin's ASE without `kind`, at `apiVersion`. */
const bicepWithoutKind = (apiVersion = '2022-03-01') =>
  bicepTwin({}).replace("  kind: 'ASEV2'\n", '').replace('hostingEnvironments@2022-03-01', `hostingEnvironments@${apiVersion}`);

ruleTester(retiredVersion, {
  valid: [
    { name: 'ASEv3', arm: aseTemplate({ kind: 'ASEV3' }), bicep: bicepTwin({ kind: 'ASEV3' }) },
    {
      name: 'kind unresolved',
      arm: aseTemplate({ kind: "[parameters('kind')]" }),
      bicep: bicepTwin({ params: ['param kind string'] }).replace("  kind: 'ASEV2'", '  kind: kind'),
    },
    { name: 'no kind and a recent apiVersion: the version is not known', arm: withoutKind({}), bicep: bicepWithoutKind() },
  ],
  invalid: [
    { name: 'ASEv2, on the kind', arm: onKind('ASEV2')(aseTemplate()), messages: [retired('my-ase', 'v2')], output: null, bicep: onBicepKind('ASEV2')(bicepTwin({})) },
    {
      name: 'kind in lower case',
      arm: onKind('asev1')(aseTemplate({ kind: 'asev1' })),
      messages: [retired('my-ase', 'v1')],
      output: null,
      bicep: onBicepKind('asev1')(bicepTwin({ kind: 'asev1' })),
    },
    {
      name: 'no kind and an apiVersion before 2019 (ASEv1), on the name',
      arm: annotate(withoutKind({ apiVersion: '2016-09-01' }), '"name": "my-ase"', caretsUnder('      "name": "my-ase",', '"my-ase"', 'ASE901')),
      messages: [retired('my-ase', 'v1')],
      output: null,
      bicep: annotateBicep(bicepWithoutKind('2016-09-01'), "name: 'my-ase'", "'my-ase'", 'ASE901'),
    },
  ],
});

const withParameters = (t: string, params: string) =>
  t.replace('  "contentVersion": "1.0.0.0",', `  "contentVersion": "1.0.0.0",\n  "parameters": ${params},`);
const schemaLine = `  "$schema": "${SCHEMA}",`;
const onSchema = (t: string) => annotate(t, '"$schema"', caretsUnder(schemaLine, `"${SCHEMA}"`, 'ASE902'));
const notVerified = (parts: string) => `Not everything in this template could be verified, and rules stay silent where a value is unknown: ${parts}`;
const nsgCodes = 'affects ASE101-ASE106, ASE201-ASE206, ASE601, ASE801, ASE802';
/** Every rule that leaves out an ASE whose version is unknown. */
const kindCodes = 'affects ASE101-ASE106, ASE201-ASE206, ASE301-ASE304, ASE401-ASE404, ASE504, ASE505, ASE601, ASE602, ASE801-ASE803, ASE901';
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
const onFirstBicepName = (t: string, name: string) => annotateBicep(t, `name: '${name}'`, `'${name}'`, 'ASE902');
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
      arm: aseTemplate({ securityRules: [], routes: [route('default', '0.0.0.0/0', 'Internet', undefined, true)] }),
      bicep: bicepTwin({ rules: [], routes: [['default', '0.0.0.0/0', 'Internet']] }),
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
      arm: onSchema(withParameters(aseTemplate({ securityRules: [priorityRule('prio', true)] }), intParams(['prio']))),
      messages: [notVerified(`parameter 'prio' has no value (${nsgCodes})`)],
      output: null,
      bicep: onFirstBicepName(bicepPriorities(['prio']), 'ase-nsg'),
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
          "parameter 'prefix' has no value (affects ASE101-ASE106, ASE201-ASE206, ASE301-ASE303, ASE601); " +
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
