// The notation of the rule pages' examples (docExamples.ts): a fragment merged into a
// base template, in ARM and in Bicep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bicepDeclarations, examplesOf, mergeArm, mergeBicep } from './docExamples';

const armBase = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { location: { type: 'string' } },
  resources: [
    { type: 'Microsoft.Network/networkSecurityGroups', name: 'nsg', properties: { securityRules: [{ name: 'A', properties: { priority: 100 } }, { name: 'B', properties: { priority: 200 } }] } },
    { type: 'Microsoft.Network/virtualNetworks', name: 'vnet', properties: { subnets: [{ name: 's', properties: {} }] } },
  ],
});

test('ARM: the items of a named array take the place of the items of the same name, in place; the others are added', () => {
  const merged = JSON.parse(mergeArm(armBase, 'securityRules', '[ { "name": "B", "properties": { "priority": 150 } }, { "name": "C", "properties": { "priority": 300 } } ]'));
  assert.deepEqual(
    merged.resources[0].properties.securityRules.map((r: { name: string; properties: { priority: number } }) => `${r.name}:${r.properties.priority}`),
    ['A:100', 'B:150', 'C:300'],
  );
});

test('ARM: resources take the place of the resource of the same type and name; parameters are merged by name', () => {
  const merged = JSON.parse(
    mergeArm(armBase, 'resources', '{ "parameters": { "prefix": { "type": "string" } }, "resources": [ { "type": "microsoft.network/virtualnetworks", "name": "VNET", "properties": {} }, { "type": "Microsoft.Web/sites", "name": "app" } ] }'),
  );
  assert.deepEqual(Object.keys(merged.parameters), ['location', 'prefix']);
  assert.deepEqual(merged.resources.map((r: { name: string }) => r.name), ['nsg', 'VNET', 'app']);
  assert.deepEqual(merged.resources[1].properties, {});
});

test('ARM: a fragment must name one array of the base, and hold named items', () => {
  assert.throws(() => mergeArm(armBase, 'routes', '[]'), /0 arrays named 'routes'/);
  assert.throws(() => mergeArm(armBase, 'securityRules', '[ { "priority": 1 } ]'), /items with a name/);
  assert.throws(() => mergeArm(armBase, 'securityRules', '[ { "name": "A" } '), /not valid JSON/);
});

const bicepBase = `param location string = 'westeurope'

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg'
  location: location
  properties: {
    securityRules: [
      {
        name: 'A'
        properties: { priority: 100 }
      }
      {
        name: 'B'
        properties: { priority: 200 }
      }
    ]
  }
}

@description('The network')
resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet'
  location: location
}
`;

test('Bicep: the items of a named array take the place of the items of the same name, indented where the array is', () => {
  const merged = mergeBicep(bicepBase, 'securityRules', "[\n  {\n    name: 'B'\n    properties: { priority: 150 }\n  }\n  {\n    name: 'C'\n    properties: { priority: 300 }\n  }\n]");
  assert.match(merged, /\n {6}\{\n {8}name: 'A'\n {8}properties: \{ priority: 100 \}\n {6}\}\n {6}\{\n {8}name: 'B'\n {8}properties: \{ priority: 150 \}\n {6}\}\n {6}\{\n {8}name: 'C'\n {8}properties: \{ priority: 300 \}\n {6}\}\n {4}\]/);
});

test('Bicep: declarations take the place of the declaration of the same symbol, decorators included; the others are added', () => {
  const merged = mergeBicep(bicepBase, 'resources', "param location string = 'northeurope'\n\nresource app 'Microsoft.Web/sites@2022-03-01' = {\n  name: 'app'\n}");
  assert.deepEqual(
    bicepDeclarations(merged).map((d) => d.symbol),
    ['location', 'nsg', 'vnet', 'app'],
  );
  assert.match(merged, /^param location string = 'northeurope'$/m);
  assert.match(merged, /@description\('The network'\)\nresource vnet/);
});

test('Bicep: a fragment must name one array of the base, with one item per brace pair', () => {
  assert.throws(() => mergeBicep(bicepBase, 'routes', '[\n]'), /0 arrays named 'routes'/);
  assert.throws(() => mergeBicep(bicepBase, 'securityRules', "[\n  { name: 'A' }\n]"), /alone on its line/);
  assert.throws(() => mergeBicep(bicepBase, 'securityRules', "[\n  {\n    properties: {}\n  }\n]"), /no name/);
});

test('a block that names a fragment and no base adds to the example before it; one with neither is a whole template', () => {
  const page = [
    '```bicep incorrect base=v3-ilb fragment=subnets',
    '[',
    '  {',
    "    name: 'extra'",
    "    properties: { addressPrefix: '10.0.9.0/24' }",
    '  }',
    ']',
    '```',
    '',
    '```bicep incorrect fragment=resources',
    "param note string = 'x'",
    '```',
    '',
    '```json correct',
    '{ "resources": [] }',
    '```',
  ].join('\n');
  const examples = examplesOf(page);
  assert.deepEqual(examples.map((e) => [e.language, e.kind, e.base, e.blocks.length]), [
    ['bicep', 'incorrect', 'v3-ilb', 2],
    ['json', 'correct', undefined, 1],
  ]);
  assert.match(examples[0].text, /name: 'extra'/);
  assert.match(examples[0].text, /^param note string = 'x'$/m);
  assert.equal(examples[1].text, '{ "resources": [] }');
  assert.throws(() => examplesOf('```json correct fragment=resources\n[]\n```'), /continues the json correct example before it/);
  assert.throws(() => examplesOf('```json correct base=v3-ilb\n[]\n```'), /says which fragment/);
  assert.throws(() => examplesOf('```json correct base=nowhere fragment=resources\n[]\n```'), /no base template/);
});
