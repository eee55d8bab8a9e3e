// A fix that sets a value sets it where it is defined (edits/definitions.ts), writes a
// value the way the template writes it elsewhere, and removes a parameter it leaves
// unused (edits/unusedParameters.ts) — in ARM and in Bicep, across files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderFix, type RenderContext } from '../../server/src/edits/render';
import type { NodePath, NodeRef } from '../../server/src/core/nodeRef';
import type { ParameterSources } from '../../server/src/model/types';
import type { Change, ChangeValue, Fix } from '../../server/src/core/findings';

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const at = (uri: string, path: NodePath): NodeRef => ({ uri, range: zero, path });
const set = (uri: string, path: NodePath, value: ChangeValue): Change => ({ op: 'setProperty', at: at(uri, path), path: [], value });
const lines = (...l: string[]) => l.join('\n');

interface World {
  files: Record<string, string>;
  root: string;
  parametersFile?: string;
  deployers?: Record<string, NodeRef[]>;
}

function sources(w: World): ParameterSources {
  const deployers = new Map(Object.entries(w.deployers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { ...(w.parametersFile ? { parametersFile: w.parametersFile } : {}), deployers };
}

/** The fix rendered in `w`: its title and the files it changes, with their texts after it; undefined when refused. */
function render(w: World, fix: Fix): { title: string; after: Record<string, string> } | undefined {
  const context: RenderContext = { root: w.root, sources: sources(w) };
  const rendered = renderFix(fix, (u) => (w.files[u] === undefined ? undefined : { uri: u, text: w.files[u] }), context);
  if (!rendered) return undefined;
  const after: Record<string, string> = {};
  for (const [u, edits] of rendered.files) after[u] = TextDocument.applyEdits(TextDocument.create(u, 'x', 0, w.files[u]), edits);
  return { title: rendered.title, after };
}

const fix = (title: string, ...changes: Change[]): Fix => ({ title, changes });

// ARM --------------------------------------------------------------------------------

const ARM = 'file:///w/main.json';
const ARM_PARAMS = 'file:///w/main.parameters.json';
const armTemplate = (prefix: string, extra = '') =>
  lines(
    '{',
    '  "parameters": {',
    '    "aseSubnetPrefix": { "type": "string", "defaultValue": "10.0.1.0/28" },',
    '    "other": { "type": "string" }',
    '  },',
    '  "variables": { "literal": "10.0.3.0/28", "computed": "[concat(\'10.0.4\', \'.0/28\')]", "viaParam": "[parameters(\'aseSubnetPrefix\')]" },',
    '  "resources": [',
    `    { "type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": { "subnets": [ { "name": "s", "properties": { "addressPrefix": "${prefix}" } } ] } }${extra}`,
    '  ]',
    '}',
  );
const prefixPath = ['resources', 0, 'properties', 'subnets', 0, 'properties', 'addressPrefix'];
const armParams = lines('{', '  "parameters": {', '    "aseSubnetPrefix": { "value": "10.0.2.0/28" }', '  }', '}');

test('ARM: a parameter given by the parameters file is set there', () => {
  const w: World = { files: { [ARM]: armTemplate("[parameters('aseSubnetPrefix')]"), [ARM_PARAMS]: armParams }, root: ARM, parametersFile: ARM_PARAMS };
  const out = render(w, fix('Widen the subnet to 10.0.2.0/24', set(ARM, prefixPath, '10.0.2.0/24')));
  assert.deepEqual(out, {
    title: "Widen the subnet to 10.0.2.0/24 (sets parameter 'aseSubnetPrefix' in main.parameters.json)",
    after: { [ARM_PARAMS]: armParams.replace('10.0.2.0/28', '10.0.2.0/24') },
  });
});

test('ARM: without a value in the parameters file, the default is set; without a parameters file too', () => {
  const withFile: World = { files: { [ARM]: armTemplate("[parameters('aseSubnetPrefix')]"), [ARM_PARAMS]: '{ "parameters": {} }' }, root: ARM, parametersFile: ARM_PARAMS };
  const expected = {
    title: "Widen the subnet to 10.0.1.0/24 (sets the default of parameter 'aseSubnetPrefix')",
    after: { [ARM]: armTemplate("[parameters('aseSubnetPrefix')]").replace('"defaultValue": "10.0.1.0/28"', '"defaultValue": "10.0.1.0/24"') },
  };
  assert.deepEqual(render(withFile, fix('Widen the subnet to 10.0.1.0/24', set(ARM, prefixPath, '10.0.1.0/24'))), expected);
  const without: World = { files: { [ARM]: armTemplate("[parameters('aseSubnetPrefix')]") }, root: ARM };
  assert.deepEqual(render(without, fix('Widen the subnet to 10.0.1.0/24', set(ARM, prefixPath, '10.0.1.0/24'))), expected);
});

test('ARM: a variable with a literal value is set; one that names a parameter leads on to it; a computed one refuses', () => {
  const literal: World = { files: { [ARM]: armTemplate("[variables('literal')]") }, root: ARM };
  assert.deepEqual(render(literal, fix('Widen', set(ARM, prefixPath, '10.0.3.0/24'))), {
    title: "Widen (sets variable 'literal')",
    after: { [ARM]: armTemplate("[variables('literal')]").replace('"literal": "10.0.3.0/28"', '"literal": "10.0.3.0/24"') },
  });
  const via: World = { files: { [ARM]: armTemplate("[variables('viaParam')]") }, root: ARM };
  assert.equal(render(via, fix('Widen', set(ARM, prefixPath, '10.0.1.0/24')))?.title, "Widen (sets the default of parameter 'aseSubnetPrefix')");
  const computed: World = { files: { [ARM]: armTemplate("[variables('computed')]") }, root: ARM };
  assert.equal(render(computed, fix('Widen', set(ARM, prefixPath, '10.0.4.0/24'))), undefined);
  const call: World = { files: { [ARM]: armTemplate("[concat('10.0.5', '.0/28')]") }, root: ARM };
  assert.equal(render(call, fix('Widen', set(ARM, prefixPath, '10.0.5.0/24'))), undefined, 'an expression is not replaced by a literal');
});

test('ARM: a parameter with no value anywhere, or a Key Vault reference, refuses the fix', () => {
  const noValue: World = { files: { [ARM]: armTemplate("[parameters('other')]") }, root: ARM };
  assert.equal(render(noValue, fix('Widen', set(ARM, prefixPath, '10.0.1.0/24'))), undefined);
  const kv = lines('{ "parameters": { "aseSubnetPrefix": { "reference": { "keyVault": { "id": "x" }, "secretName": "s" } } } }');
  const vault: World = { files: { [ARM]: armTemplate("[parameters('aseSubnetPrefix')]"), [ARM_PARAMS]: kv }, root: ARM, parametersFile: ARM_PARAMS };
  assert.equal(render(vault, fix('Widen', set(ARM, prefixPath, '10.0.1.0/24'))), undefined);
});

test('ARM: a value that is itself an expression is never moved to where a parameter is defined', () => {
  const w: World = { files: { [ARM]: armTemplate("[parameters('aseSubnetPrefix')]") }, root: ARM };
  assert.equal(render(w, fix('x', set(ARM, prefixPath, "[parameters('other')]"))), undefined);
});

test('ARM: a nested template with inner scope takes the parameter from its deployment, which names the outer parameter', () => {
  const nested = lines(
    '{',
    '  "parameters": { "outerPrefix": { "type": "string", "defaultValue": "10.0.1.0/28" } },',
    '  "resources": [',
    '    {',
    '      "type": "Microsoft.Resources/deployments",',
    '      "name": "network",',
    '      "properties": {',
    '        "expressionEvaluationOptions": { "scope": "inner" },',
    '        "parameters": { "prefix": { "value": "[parameters(\'outerPrefix\')]" } },',
    '        "template": {',
    '          "parameters": { "prefix": { "type": "string" } },',
    '          "resources": [ { "type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": { "subnets": [ { "name": "s", "properties": { "addressPrefix": "[parameters(\'prefix\')]" } } ] } } ]',
    '        }',
    '      }',
    '    }',
    '  ]',
    '}',
  );
  const w: World = { files: { [ARM]: nested }, root: ARM };
  const path = ['resources', 0, 'properties', 'template', 'resources', 0, 'properties', 'subnets', 0, 'properties', 'addressPrefix'];
  assert.deepEqual(render(w, fix('Widen', set(ARM, path, '10.0.1.0/24'))), {
    title: "Widen (sets the default of parameter 'outerPrefix')",
    after: { [ARM]: nested.replace('"defaultValue": "10.0.1.0/28"', '"defaultValue": "10.0.1.0/24"') },
  });
  const literalArgument = nested.replace('"[parameters(\'outerPrefix\')]"', '"10.0.9.0/28"');
  assert.deepEqual(render({ files: { [ARM]: literalArgument }, root: ARM }, fix('Widen', set(ARM, path, '10.0.9.0/24'))), {
    title: "Widen (sets the argument 'prefix' of deployment 'network')",
    after: { [ARM]: literalArgument.replace('"10.0.9.0/28"', '"10.0.9.0/24"') },
  });
});

test('ARM: a linked template takes the parameter from the one deployment that links it; two deployments refuse', () => {
  const LINKED = 'file:///w/network.json';
  const linked = lines('{', '  "parameters": { "prefix": { "type": "string" } },', '  "resources": [', '    { "type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": { "subnets": [ { "name": "s", "properties": { "addressPrefix": "[parameters(\'prefix\')]" } } ] } }', '  ]', '}');
  const main = lines('{', '  "resources": [', '    { "type": "Microsoft.Resources/deployments", "name": "net", "properties": { "templateLink": { "relativePath": "network.json" }, "parameters": { "prefix": { "value": "10.0.1.0/28" } } } }', '  ]', '}');
  const deployer = at(ARM, ['resources', 0]);
  const w: World = { files: { [ARM]: main, [LINKED]: linked }, root: ARM, deployers: { [LINKED]: [deployer] } };
  assert.deepEqual(render(w, fix('Widen', set(LINKED, prefixPath, '10.0.1.0/24'))), {
    title: "Widen (sets the argument 'prefix' of deployment 'net' in main.json)",
    after: { [ARM]: main.replace('10.0.1.0/28', '10.0.1.0/24') },
  });
  const twice: World = { ...w, deployers: { [LINKED]: [deployer, { ...at(ARM, ['resources', 1]), range: { start: { line: 3, character: 0 }, end: zero.end } }] } };
  assert.equal(render(twice, fix('Widen', set(LINKED, prefixPath, '10.0.1.0/24'))), undefined);
});

// Bicep ------------------------------------------------------------------------------

const MAIN = 'file:///w/main.bicep';
const PARAMS = 'file:///w/main.bicepparam';
const NETWORK = 'file:///w/network.bicep';
const network = lines(
  'param aseSubnetPrefix string',
  'var fixed = \'10.0.7.0/28\'',
  '',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'v'",
  '  properties: {',
  '    subnets: [',
  '      {',
  "        name: 's'",
  '        properties: {',
  '          addressPrefix: aseSubnetPrefix',
  '        }',
  '      }',
  '    ]',
  '  }',
  '}',
);
const bicepPrefix = ['vnet', 'properties', 'subnets', 0, 'properties', 'addressPrefix'];
const main = lines(
  'param aseSubnetPrefix string = \'10.0.1.0/28\'',
  '',
  "module network 'network.bicep' = {",
  "  name: 'network'",
  '  params: {',
  '    aseSubnetPrefix: aseSubnetPrefix',
  '  }',
  '}',
);
const bicepparam = lines("using 'main.bicep'", '', "param aseSubnetPrefix = '10.0.2.0/28'", '');
const moduleDeployer = { uri: MAIN, range: zero, path: ['network'] };

test('Bicep: through a module call to the .bicepparam line the analysis used', () => {
  const w: World = { files: { [MAIN]: main, [NETWORK]: network, [PARAMS]: bicepparam }, root: MAIN, parametersFile: PARAMS, deployers: { [NETWORK]: [moduleDeployer] } };
  assert.deepEqual(render(w, fix('Widen the subnet to 10.0.2.0/24', set(NETWORK, bicepPrefix, '10.0.2.0/24'))), {
    title: "Widen the subnet to 10.0.2.0/24 (sets parameter 'aseSubnetPrefix' in main.bicepparam)",
    after: { [PARAMS]: bicepparam.replace('10.0.2.0/28', '10.0.2.0/24') },
  });
});

test('Bicep: without a parameters file the default of the caller\'s parameter; a literal argument is set in the call', () => {
  const w: World = { files: { [MAIN]: main, [NETWORK]: network }, root: MAIN, deployers: { [NETWORK]: [moduleDeployer] } };
  assert.deepEqual(render(w, fix('Widen', set(NETWORK, bicepPrefix, '10.0.1.0/24'))), {
    title: "Widen (sets the default of parameter 'aseSubnetPrefix' in main.bicep)",
    after: { [MAIN]: main.replace("string = '10.0.1.0/28'", "string = '10.0.1.0/24'") },
  });
  const literal = main.replace('aseSubnetPrefix: aseSubnetPrefix', "aseSubnetPrefix: '10.0.8.0/28'");
  const l: World = { ...w, files: { [MAIN]: literal, [NETWORK]: network } };
  assert.deepEqual(render(l, fix('Widen', set(NETWORK, bicepPrefix, '10.0.8.0/24'))), {
    title: "Widen (sets the argument 'aseSubnetPrefix' of module 'network' in main.bicep)",
    after: { [MAIN]: literal.replace("'10.0.8.0/28'", "'10.0.8.0/24'") },
  });
});

test('Bicep: a module deployed from two places, or a caller that computes the argument, refuses', () => {
  const twice: World = {
    files: { [MAIN]: main, [NETWORK]: network },
    root: MAIN,
    deployers: { [NETWORK]: [moduleDeployer, { uri: MAIN, range: { start: { line: 9, character: 0 }, end: zero.end }, path: ['network2'] }] },
  };
  assert.equal(render(twice, fix('Widen', set(NETWORK, bicepPrefix, '10.0.1.0/24'))), undefined);
  const computed = main.replace('aseSubnetPrefix: aseSubnetPrefix', "aseSubnetPrefix: '${base}/28'");
  const c: World = { files: { [MAIN]: computed, [NETWORK]: network }, root: MAIN, deployers: { [NETWORK]: [moduleDeployer] } };
  assert.equal(render(c, fix('Widen', set(NETWORK, bicepPrefix, '10.0.1.0/24'))), undefined);
  const unknownCaller: World = { files: { [MAIN]: main, [NETWORK]: network }, root: MAIN };
  assert.equal(render(unknownCaller, fix('Widen', set(NETWORK, bicepPrefix, '10.0.1.0/24'))), undefined, 'nothing says who deploys the module');
});

test('Bicep: a variable is set; a loop variable of the same name as a parameter is not followed', () => {
  const withVar = network.replace('addressPrefix: aseSubnetPrefix', 'addressPrefix: fixed');
  const w: World = { files: { [NETWORK]: withVar }, root: NETWORK };
  assert.deepEqual(render(w, fix('Widen', set(NETWORK, bicepPrefix, '10.0.7.0/24'))), {
    title: "Widen (sets variable 'fixed')",
    after: { [NETWORK]: withVar.replace("'10.0.7.0/28'", "'10.0.7.0/24'") },
  });
  const looped = lines(
    "param aseSubnetPrefix string = '10.0.1.0/28'",
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'v'",
    '  properties: {',
    "    subnets: [for aseSubnetPrefix in ['10.0.1.0/28']: {",
    "      name: 's'",
    '      properties: {',
    '        addressPrefix: aseSubnetPrefix',
    '      }',
    '    }]',
    '  }',
    '}',
  );
  assert.equal(render({ files: { [MAIN]: looped }, root: MAIN }, fix('Widen', set(MAIN, ['vnet', 'properties', 'subnets', 'properties', 'addressPrefix'], '10.0.1.0/24'))), undefined);
});

test('Bicep: a JSON parameters file given for a Bicep template is set in JSON', () => {
  const json = 'file:///w/main.parameters.json';
  const params = '{ "parameters": { "aseSubnetPrefix": { "value": "10.0.2.0/28" } } }';
  const w: World = { files: { [MAIN]: main, [NETWORK]: network, [json]: params }, root: MAIN, parametersFile: json, deployers: { [NETWORK]: [moduleDeployer] } };
  assert.deepEqual(render(w, fix('Widen', set(NETWORK, bicepPrefix, '10.0.2.0/24')))?.after, { [json]: params.replace('10.0.2.0/28', '10.0.2.0/24') });
});

// Values written as the template writes them ---------------------------------------------

const written = (ref: NodeRef): ChangeValue => ({ writtenAt: ref });

test('a value written as elsewhere: the same parameter in the same file, the literal anywhere, nothing across files or scopes', () => {
  const template = lines(
    'param aseSubnetPrefix string = \'10.0.1.0/24\'',
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'v'",
    '  properties: {',
    "    subnets: [ { name: 's', properties: { addressPrefix: aseSubnetPrefix } }, { name: 't', properties: { addressPrefix: '10.0.9.0/24' } } ]",
    '    other: {}',
    '  }',
    '}',
  );
  const w: World = { files: { [MAIN]: template, [NETWORK]: network }, root: MAIN };
  const param = at(MAIN, ['vnet', 'properties', 'subnets', 0, 'properties', 'addressPrefix']);
  const literal = at(MAIN, ['vnet', 'properties', 'subnets', 1, 'properties', 'addressPrefix']);
  const write = (uri: string, path: NodePath, value: ChangeValue) => render(w, fix('x', { op: 'setProperty', at: at(uri, path), path: [], value }));
  assert.equal(write(MAIN, ['vnet', 'properties', 'other', 'a'], { x: written(param) })?.after[MAIN].includes('a: {\n        x: aseSubnetPrefix\n      }'), true);
  assert.match(write(NETWORK, ['vnet', 'properties', 'other'], written(literal))?.after[NETWORK] ?? '', /other: '10\.0\.9\.0\/24'/);
  assert.equal(write(NETWORK, ['vnet', 'properties', 'other'], written(param)), undefined, 'a parameter of another file means nothing there');
});

test('ARM: a parameter reference is written only in the same template scope', () => {
  const nested = lines(
    '{',
    '  "parameters": { "p": { "type": "string", "defaultValue": "10.0.1.0/24" } },',
    '  "resources": [',
    '    { "type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": { "addressSpace": { "addressPrefixes": [ "[parameters(\'p\')]" ] } } },',
    '    { "type": "Microsoft.Resources/deployments", "name": "d", "properties": { "expressionEvaluationOptions": { "scope": "inner" }, "template": { "resources": [ { "type": "x", "name": "y", "properties": {} } ] } } }',
    '  ]',
    '}',
  );
  const w: World = { files: { [ARM]: nested }, root: ARM };
  const ref = at(ARM, ['resources', 0, 'properties', 'addressSpace', 'addressPrefixes', 0]);
  const same = render(w, fix('x', { op: 'setProperty', at: at(ARM, ['resources', 0, 'properties']), path: ['copy'], value: written(ref) }));
  assert.ok(same?.after[ARM].includes('"copy": "[parameters(\'p\')]"'));
  const inner = render(w, fix('x', { op: 'setProperty', at: at(ARM, ['resources', 1, 'properties', 'template', 'resources', 0, 'properties']), path: ['copy'], value: written(ref) }));
  assert.equal(inner, undefined, 'parameters() means the nested template\'s own parameters there');
});

// Parameters a fix leaves unused ----------------------------------------------------------

test('ARM: removing the only use of a parameter removes its declaration and its value in the parameters file', () => {
  const route = lines(
    '{',
    '  "parameters": {',
    '    "firewallIp": { "type": "string" },',
    '    "kept": { "type": "string" }',
    '  },',
    '  "resources": [',
    '    { "type": "Microsoft.Network/routeTables", "name": "rt", "properties": { "routes": [ { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "[parameters(\'firewallIp\')]" } } ] } }',
    '  ]',
    '}',
  );
  const params = lines('{', '  "parameters": {', '    "firewallIp": { "value": "10.0.0.4" },', '    "kept": { "value": "x" }', '  }', '}');
  const w: World = { files: { [ARM]: route, [ARM_PARAMS]: params }, root: ARM, parametersFile: ARM_PARAMS };
  const routePath = ['resources', 0, 'properties', 'routes', 0];
  const f = fix('Send route', set(ARM, [...routePath, 'properties', 'nextHopType'], 'Internet'), { op: 'removeProperty', at: at(ARM, routePath), path: ['properties', 'nextHopIpAddress'] });
  const out = render(w, f);
  assert.equal(out?.title, "Send route, and remove parameter 'firewallIp'");
  assert.equal(
    out?.after[ARM],
    lines(
      '{',
      '  "parameters": {',
      '    "kept": { "type": "string" }',
      '  },',
      '  "resources": [',
      '    { "type": "Microsoft.Network/routeTables", "name": "rt", "properties": { "routes": [ { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } } ] } }',
      '  ]',
      '}',
    ),
  );
  assert.equal(out?.after[ARM_PARAMS], lines('{', '  "parameters": {', '    "kept": { "value": "x" }', '  }', '}'));
  const used = route.replace('"resources": [', '"outputs": { "ip": { "type": "string", "value": "[parameters(\'firewallIp\')]" } },\n  "resources": [');
  const stays = render({ ...w, files: { [ARM]: used, [ARM_PARAMS]: params } }, f);
  assert.equal(stays?.title, 'Send route', 'still used by the output: kept, nothing to say');
  assert.deepEqual(Object.keys(stays?.after ?? {}), [ARM]);
});

test('Bicep: the parameter and its .bicepparam line go; a module\'s parameter is left, and the title says so', () => {
  const template = lines(
    '@description(\'The firewall\')',
    'param firewallIp string',
    "param location string = 'westeurope'",
    '',
    "resource rt 'Microsoft.Network/routeTables@2023-04-01' = {",
    "  name: 'rt'",
    '  location: location',
    '  properties: {',
    '    routes: [',
    '      {',
    "        name: 'default'",
    '        properties: {',
    "          addressPrefix: '0.0.0.0/0'",
    "          nextHopType: 'VirtualAppliance'",
    '          nextHopIpAddress: firewallIp',
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
  );
  const params = lines("using 'main.bicep'", '', "param firewallIp = '10.0.0.4'", "param location = 'westeurope'", '');
  const routePath = ['rt', 'properties', 'routes', 0];
  const f = fix('Send route', set(MAIN, [...routePath, 'properties', 'nextHopType'], 'Internet'), { op: 'removeProperty', at: at(MAIN, routePath), path: ['properties', 'nextHopIpAddress'] });
  const out = render({ files: { [MAIN]: template, [PARAMS]: params }, root: MAIN, parametersFile: PARAMS }, f);
  assert.equal(out?.title, "Send route, and remove parameter 'firewallIp'");
  assert.equal(out?.after[MAIN], template.split('\n').slice(2).join('\n').replace("'VirtualAppliance'\n          nextHopIpAddress: firewallIp", "'Internet'"));
  assert.equal(out?.after[PARAMS], lines("using 'main.bicep'", '', "param location = 'westeurope'", ''));
  const inModule = render({ files: { [NETWORK]: template }, root: MAIN, deployers: { [NETWORK]: [moduleDeployer] } }, { ...f, changes: f.changes.map((c) => ('at' in c ? { ...c, at: { ...c.at, uri: NETWORK } } : c)) });
  assert.equal(inModule?.title, "Send route (leaves parameter 'firewallIp' of network.bicep unused)");
});
