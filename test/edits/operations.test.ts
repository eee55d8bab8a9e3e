// A fix's changes are meaning (core/findings.ts); edits/ places each in the file's own
// language: a new resource, a child, a dependency, a value read from a deployed resource,
// an item before another, a value written as elsewhere — the same change in ARM and in
// Bicep, and refused where the language cannot say it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderFix } from '../../server/src/edits/render';
import { parseBicep } from '../../server/src/parse/bicep';
import type { NodePath, NodeRef } from '../../server/src/core/nodeRef';
import type { Change, DeclaredResource, NewResource } from '../../server/src/core/findings';

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const at = (uri: string, path: NodePath): NodeRef => ({ uri, range: zero, path });
const lines = (...l: string[]) => l.join('\n');
const ARM = 'file:///w/main.json';
const BICEP = 'file:///w/main.bicep';

/** The texts after the fix, by file; undefined when it is refused. A Bicep result must parse cleanly. */
function render(files: Record<string, string>, ...changes: Change[]): Record<string, string> | undefined {
  const rendered = renderFix({ title: 't', changes }, (u) => (files[u] === undefined ? undefined : { uri: u, text: files[u] }));
  if (!rendered) return undefined;
  const out: Record<string, string> = {};
  for (const [u, edits] of rendered.files) {
    out[u] = TextDocument.applyEdits(TextDocument.create(u, 'x', 0, files[u]), edits);
    if (u.endsWith('.bicep')) assert.deepEqual(parseBicep(out[u]).diagnostics.map((d) => d.message), [], out[u]);
  }
  return out;
}

const table = (name: string): NewResource => ({
  type: 'Microsoft.Network/routeTables',
  apiVersion: '2023-04-01',
  name,
  location: 'westeurope',
  properties: { routes: [] },
});

// ARM ---------------------------------------------------------------------------------

const armVnet = lines(
  '{',
  '  "resources": [',
  '    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "v", "properties": { "subnets": [ { "name": "s", "properties": {} } ] } },',
  '    { "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d", "properties": { "mode": "Incremental", "template": { "resources": [',
  '      { "type": "Microsoft.Web/hostingEnvironments", "apiVersion": "2022-03-01", "name": "ase", "properties": {} }',
  '    ] } } }',
  '  ]',
  '}',
);
const armSubnet = at(ARM, ['resources', 0, 'properties', 'subnets', 0]);
const armAse = at(ARM, ['resources', 1, 'properties', 'template', 'resources', 0]);

test('ARM: a new resource goes into the template that declares its neighbour, and the neighbour can wait for it', () => {
  const out = render(
    { [ARM]: armVnet },
    { op: 'addDependency', from: { at: armSubnet }, on: { added: 'rt' } },
    { op: 'addResource', key: 'rt', beside: armSubnet, resource: table('rt') },
  )?.[ARM];
  assert.ok(out);
  const parsed = JSON.parse(out);
  assert.deepEqual(parsed.resources[0].dependsOn, ["[resourceId('Microsoft.Network/routeTables', 'rt')]"]);
  assert.deepEqual(parsed.resources[2], { type: 'Microsoft.Network/routeTables', apiVersion: '2023-04-01', name: 'rt', location: 'westeurope', properties: { routes: [] } });
  // Beside a resource of the nested template: into that template's resources.
  const nested = JSON.parse(render({ [ARM]: armVnet }, { op: 'addResource', beside: armAse, resource: table('inner') })![ARM]);
  assert.equal(nested.resources[1].properties.template.resources[1].name, 'inner');
});

test('ARM: a dependency names a resource of the same template only, by a plain name', () => {
  const vnet: DeclaredResource = { at: at(ARM, ['resources', 0]), type: 'Microsoft.Network/virtualNetworks', name: 'v' };
  assert.equal(render({ [ARM]: armVnet }, { op: 'addDependency', from: { at: armAse }, on: vnet }), undefined, 'the VNet is outside the nested template');
  const ase: DeclaredResource = { at: armAse, type: 'Microsoft.Web/hostingEnvironments', name: 'ase' };
  assert.equal(render({ [ARM]: armVnet }, { op: 'addDependency', from: { at: armSubnet }, on: ase }), undefined);
  const same = render({ [ARM]: armVnet }, { op: 'addDependency', from: { at: armSubnet }, on: { ...vnet, at: at(ARM, ['resources', 0, 'properties']) } });
  assert.deepEqual(JSON.parse(same![ARM]).resources[0].dependsOn, ["[resourceId('Microsoft.Network/virtualNetworks', 'v')]"]);
  assert.equal(render({ [ARM]: armVnet }, { op: 'addDependency', from: { at: armSubnet }, on: { ...vnet, name: undefined } }), undefined, 'no plain name');
  assert.equal(render({ [ARM]: armVnet }, { op: 'addDependency', from: { at: armSubnet }, on: { ...vnet, name: "it's" } }), undefined);
});

test('ARM: a template whose resources are keyed by symbolic name gets no new resource', () => {
  const symbolic = lines('{', '  "languageVersion": "2.0",', '  "resources": { "v": { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "v" } }', '}');
  assert.equal(render({ [ARM]: symbolic }, { op: 'addResource', beside: at(ARM, ['resources', 'v']), resource: table('rt') }), undefined);
});

const aseResource = (uri: string, path: NodePath): DeclaredResource => ({ at: at(uri, path), type: 'Microsoft.Web/hostingEnvironments', name: 'ase' });
const networking: NewResource = { type: 'Microsoft.Web/hostingEnvironments/configurations', apiVersion: '2022-03-01', name: 'networking', label: 'networking', existing: true };
const zoneRecord = (dependsOn: DeclaredResource): NewResource => ({
  type: 'Microsoft.Network/privateDnsZones/A',
  apiVersion: '2020-06-01',
  name: '*',
  label: 'apps',
  dependsOn: [dependsOn],
  properties: { aRecords: [{ ipv4Address: { deployed: { added: 'networking' }, property: ['internalInboundIpAddresses', 0], apiVersion: '2019-08-01' } }] },
});

test('ARM: a child is named after its parent and depends on it; a value of an existing resource is read by its id', () => {
  const text = lines(
    '{',
    '  "resources": [',
    '    { "type": "Microsoft.Network/privateDnsZones", "apiVersion": "2020-06-01", "name": "contoso.net" },',
    '    { "type": "Microsoft.Web/hostingEnvironments", "apiVersion": "2022-03-01", "name": "ase" }',
    '  ]',
    '}',
  );
  const ase = aseResource(ARM, ['resources', 1]);
  const zone: DeclaredResource = { at: at(ARM, ['resources', 0]), type: 'Microsoft.Network/privateDnsZones', name: 'contoso.net' };
  const out = render(
    { [ARM]: text },
    { op: 'addChild', key: 'networking', parent: ase, resource: networking },
    { op: 'addChild', parent: zone, resource: zoneRecord(ase) },
  );
  assert.deepEqual(JSON.parse(out![ARM]).resources[2], {
    type: 'Microsoft.Network/privateDnsZones/A',
    apiVersion: '2020-06-01',
    name: 'contoso.net/*',
    dependsOn: ["[resourceId('Microsoft.Network/privateDnsZones', 'contoso.net')]", "[resourceId('Microsoft.Web/hostingEnvironments', 'ase')]"],
    properties: { aRecords: [{ ipv4Address: "[reference(concat(resourceId('Microsoft.Web/hostingEnvironments', 'ase'), '/configurations/networking'), '2019-08-01').internalInboundIpAddresses[0]]" }] },
  });
  assert.equal(JSON.parse(out![ARM]).resources.length, 3, 'the existing networking configuration is not declared');
  const twice = render({ [ARM]: text }, { op: 'addChild', key: 'k', parent: ase, resource: networking }, { op: 'addChild', key: 'k', parent: ase, resource: networking });
  assert.equal(twice, undefined, 'two resources under one key');
});

// Bicep -------------------------------------------------------------------------------

const bicep = lines(
  "resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {",
  "  name: 'contoso.net'",
  '}',
  '',
  "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  "  name: 'ase'",
  '}',
  '',
);

test('Bicep: a child declares its parent, takes the parent\'s symbol and its label, and reads through an existing declaration', () => {
  const ase = aseResource(BICEP, ['ase']);
  const zone: DeclaredResource = { at: at(BICEP, ['zone', 'name']), type: 'Microsoft.Network/privateDnsZones' };
  const out = render(
    { [BICEP]: bicep },
    { op: 'addChild', key: 'networking', parent: ase, resource: networking },
    { op: 'addChild', parent: zone, resource: zoneRecord(ase) },
  );
  assert.equal(
    out?.[BICEP],
    lines(
      bicep.trimEnd(),
      '',
      "resource aseNetworking 'Microsoft.Web/hostingEnvironments/configurations@2022-03-01' existing = {",
      '  parent: ase',
      "  name: 'networking'",
      '}',
      '',
      "resource zoneApps 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {",
      '  parent: zone',
      "  name: '*'",
      '  dependsOn: [',
      '    ase',
      '  ]',
      '  properties: {',
      '    aRecords: [',
      '      {',
      '        ipv4Address: aseNetworking.properties.internalInboundIpAddresses[0]',
      '      }',
      '    ]',
      '  }',
      '}',
      '',
    ),
  );
  // The symbol a label asks for is taken: refused rather than named otherwise.
  const taken = `${bicep}var zoneApps = 1\n`;
  assert.equal(render({ [BICEP]: taken }, { op: 'addChild', parent: zone, resource: { ...zoneRecord(ase), dependsOn: [], properties: {} } }), undefined);
  // A resource only read by its id (no API version) has no Bicep declaration.
  const virtualIp: NewResource = { type: 'Microsoft.Web/hostingEnvironments/capacities', name: 'virtualip', existing: true };
  assert.equal(render({ [BICEP]: bicep }, { op: 'addChild', key: 'v', parent: ase, resource: virtualIp }), undefined);
});

test('Bicep: new resources are named after their names, numbered when taken; a dependency is a symbol of the same file', () => {
  const out = render(
    { [BICEP]: `${bicep}var rt = 1\n` },
    { op: 'addResource', key: 'a', beside: at(BICEP, ['ase', 'properties']), resource: table('rt') },
    { op: 'addResource', key: 'b', beside: at(BICEP, ['ase']), resource: table('rt') },
    { op: 'addDependency', from: { added: 'b' }, on: { added: 'a' } },
    { op: 'addDependency', from: { at: at(BICEP, ['ase', 'name']) }, on: { added: 'b' } },
  )?.[BICEP];
  assert.match(out ?? '', /resource rt2 'Microsoft\.Network\/routeTables@2023-04-01' = \{/);
  assert.match(out ?? '', /resource rt3 'Microsoft\.Network\/routeTables@2023-04-01' = \{\n  name: 'rt'\n  location: 'westeurope'\n  dependsOn: \[\n    rt2\n  \]/);
  assert.match(out ?? '', /name: 'ase'\n  dependsOn: \[\n    rt3\n  \]\n\}/);
  const other = 'file:///w/other.bicep';
  const across = render({ [BICEP]: bicep, [other]: bicep }, { op: 'addDependency', from: { at: at(BICEP, ['ase']) }, on: { at: at(other, ['zone']) } });
  assert.equal(across, undefined, 'a symbol of another file');
  const nested = render({ [BICEP]: bicep }, { op: 'addDependency', from: { at: at(BICEP, ['ase']) }, on: { at: at(BICEP, ['zone', '::child']) } });
  assert.equal(nested, undefined, 'a nested resource has no symbol of its own');
});

// Both --------------------------------------------------------------------------------

test('an item goes before the item it names, else at the end', () => {
  const text = lines('var rules = [', "  'a'", "  'b'", ']', '');
  const rules = at(BICEP, ['rules']);
  assert.equal(render({ [BICEP]: text }, { op: 'insertItem', at: rules, path: [], value: 'x', before: at(BICEP, ['rules', 1]) })?.[BICEP], lines('var rules = [', "  'a'", "  'x'", "  'b'", ']', ''));
  assert.equal(render({ [BICEP]: text }, { op: 'insertItem', at: rules, path: [], value: 'x', before: at(BICEP, ['other', 1]) })?.[BICEP], lines('var rules = [', "  'a'", "  'b'", "  'x'", ']', ''));
  const json = '{ "rules": [ 1, 2 ] }';
  assert.equal(render({ [ARM]: json }, { op: 'insertItem', at: at(ARM, []), path: ['rules'], value: 0, before: at(ARM, ['Rules', 0]) })?.[ARM], '{ "rules": [ 0, 1, 2 ] }');
});

test('a value written as elsewhere, any expression of the same scope, else what it falls back to', () => {
  const location = (ref: NodeRef) => ({ writtenAt: ref, path: ['location'], anyExpression: true, otherwise: 'fallback' });
  const bicepText = lines(
    'param loc string',
    "resource a 'T@1' = {",
    "  name: 'a'",
    '  location: toLower(loc)',
    '}',
    "resource b 'T@1' = [for loc in ['x']: {",
    "  name: 'b'",
    '  location: loc',
    '}]',
    '',
  );
  const write = (from: NodePath) => render({ [BICEP]: bicepText }, { op: 'addResource', beside: at(BICEP, ['a']), resource: { type: 'T', apiVersion: '1', name: 'n', location: location(at(BICEP, from)) } })?.[BICEP];
  assert.match(write(['a']) ?? '', /name: 'n'\n  location: toLower\(loc\)\n/);
  assert.match(write(['b']) ?? '', /name: 'n'\n  location: 'fallback'\n/, 'a loop variable means nothing at the top level');
  const armText = lines(
    '{',
    '  "parameters": { "loc": { "type": "string" } },',
    '  "resources": [',
    '    { "type": "T", "apiVersion": "1", "name": "a", "location": "[toLower(parameters(\'loc\'))]" },',
    '    { "type": "T", "apiVersion": "1", "name": "[concat(\'b\', copyIndex())]", "location": "[concat(parameters(\'loc\'), copyIndex())]", "copy": { "name": "c", "count": 2 } }',
    '  ]',
    '}',
  );
  const armWrite = (i: number) => JSON.parse(render({ [ARM]: armText }, { op: 'addResource', beside: at(ARM, ['resources', 0]), resource: { type: 'T', apiVersion: '1', name: 'n', location: location(at(ARM, ['resources', i])) } })![ARM]).resources[2].location;
  assert.equal(armWrite(0), "[toLower(parameters('loc'))]");
  assert.equal(armWrite(1), 'fallback', 'an expression of a copy loop');
});
