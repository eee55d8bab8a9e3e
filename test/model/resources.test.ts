import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getProp, isUnknown } from '../../server/src/core/value';
import { assertRef, build, reasonOf, template, values, vnet } from '../support/model';

const nsg = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Network/networkSecurityGroups',
  apiVersion: '2023-04-01',
  name,
  location: 'westeurope',
  ...extra,
  properties: { securityRules: [] },
});

test('nested child resources compose type and name with their parent', () => {
  const text = template({
    resources: [
      {
        ...vnet('vnet1', { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } }),
        resources: [
          { type: 'subnets', apiVersion: '2023-04-01', name: 'ase', properties: { addressPrefix: '10.0.1.0/24' } },
          { type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2023-04-01', name: 'vnet1/other', properties: { addressPrefix: '10.0.2.0/24' } },
        ],
      },
      {
        type: 'Microsoft.Storage/storageAccounts',
        name: 'st',
        resources: [{ type: 'blobServices/containers', name: "[concat('default/', 'scripts')]" }],
      },
    ],
  });
  const { model } = build(text);
  assert.deepEqual(
    model.resources.map((r) => [r.type, r.name, r.key]),
    [
      ['Microsoft.Network/virtualNetworks', 'vnet1', 'microsoft.network/virtualnetworks/vnet1'],
      ['Microsoft.Network/virtualNetworks/subnets', 'vnet1/ase', 'microsoft.network/virtualnetworks/subnets/vnet1/ase'],
      ['Microsoft.Network/virtualNetworks/subnets', 'vnet1/other', 'microsoft.network/virtualnetworks/subnets/vnet1/other'],
      ['Microsoft.Storage/storageAccounts', 'st', 'microsoft.storage/storageaccounts/st'],
      ['Microsoft.Storage/storageAccounts/blobServices/containers', 'st/default/scripts', 'microsoft.storage/storageaccounts/blobservices/containers/st/default/scripts'],
    ],
  );
  assert.deepEqual(model.vnets[0].subnets.map((s) => s.subnetName), ['ase', 'other']);
});

test('type names are case-insensitive', () => {
  const text = template({
    resources: [{ type: 'microsoft.network/VIRTUALNETWORKS', name: 'v', Properties: { AddressSpace: { AddressPrefixes: ['10.0.0.0/16'] } } }],
  });
  const { model } = build(text);
  assert.equal(model.vnets.length, 1);
  assert.deepEqual(values(model.vnets[0].addressPrefixes), ['10.0.0.0/16']);
});

test('languageVersion 2.0: resources keyed by symbolic name, existing resources, dependsOn by symbol', () => {
  const text = template({
    languageVersion: '2.0',
    resources: {
      net: vnet('vnet2', { addressSpace: { addressPrefixes: ['10.1.0.0/16'] }, subnets: [{ name: 'a', properties: { addressPrefix: '10.1.0.0/24' } }] }),
      old: { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name: 'shared-nsg', existing: true },
      sub: {
        type: 'Microsoft.Network/virtualNetworks/subnets',
        apiVersion: '2023-04-01',
        name: 'vnet2/b',
        dependsOn: ['net'],
        properties: { addressPrefix: '10.1.1.0/24', networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'shared-nsg')]" } },
      },
    },
  });
  const built = build(text);
  const { model } = built;
  assert.deepEqual(model.resources.map((r) => r.name), ['vnet2', 'shared-nsg', 'vnet2/b', 'vnet2/a']);
  assertRef(built, model.resources[0].ref, '"vnet2"', ['resources', 'net']);
  const old = model.resources[1];
  assert.equal(old.existing, true);
  assert.deepEqual(model.nsgs, []);
  const b = model.subnets.find((s) => s.subnetName === 'b')!;
  assert.deepEqual(b.dependsOn, ['microsoft.network/virtualnetworks/vnet2']);
  assert.equal(b.networkSecurityGroup?.target, undefined, 'an existing NSG is outside the analysed files');
  assert.equal(b.vnet, model.vnets[0]);
});

test('resource copy loops: one instance per index, evaluated with its copyIndex, without edit paths', () => {
  const text = template({
    parameters: { count: { type: 'int', defaultValue: 3 } },
    resources: [{ ...nsg("[concat('nsg-', copyIndex(1))]"), copy: { name: 'nsgLoop', count: "[parameters('count')]" } }],
  });
  const built = build(text);
  const { model } = built;
  assert.deepEqual(model.nsgs.map((n) => n.name), ['nsg-1', 'nsg-2', 'nsg-3']);
  for (const n of model.nsgs) {
    assert.equal(n.condition, true);
    assertRef(built, n.ref, `"[concat('nsg-', copyIndex(1))]"`, null);
  }
});

test('a copy count of zero declares nothing; an unresolved count gives one undecided instance and a note', () => {
  const zero = build(template({ resources: [{ ...nsg('n'), copy: { name: 'l', count: 0 } }] }));
  assert.deepEqual(zero.model.resources, []);
  const text = template({
    parameters: { count: { type: 'int' } },
    resources: [{ ...nsg("[concat('nsg-', copyIndex())]"), copy: { name: 'loop', count: "[parameters('count')]" } }],
  });
  const built = build(text);
  const { model } = built;
  assert.equal(model.nsgs.length, 1);
  assert.match(reasonOf(model.nsgs[0].condition), /copy count of 'loop' could not be resolved/);
  assert.ok(isUnknown(model.nsgs[0].name));
  assert.equal(model.unverified.length, 1);
  assert.match(model.unverified[0].what, /^the copy count of 'loop' could not be resolved \(parameter 'count' has no value\)$/);
});

test('conditions: false removes the resource and its children, UNKNOWN keeps it undecided', () => {
  const text = template({
    parameters: { deploy: { type: 'bool', defaultValue: false }, maybe: { type: 'bool' } },
    resources: [
      { ...nsg('off'), condition: "[parameters('deploy')]", resources: [{ type: 'securityRules', name: 'r', properties: {} }] },
      { ...nsg('on'), condition: "[not(parameters('deploy'))]" },
      { ...nsg('maybe'), condition: "[parameters('maybe')]", resources: [{ type: 'securityRules', name: 'r', properties: {} }] },
      { ...nsg('literal-false'), condition: false },
      { ...nsg('string-true'), condition: 'true' },
    ],
  });
  const { model } = build(text);
  assert.deepEqual(model.resources.map((r) => r.name), ['on', 'maybe', 'maybe/r', 'string-true']);
  assert.equal(model.resources[0].condition, true);
  assert.match(reasonOf(model.resources[1].condition), /parameter 'maybe' has no value/);
  assert.ok(isUnknown(model.resources[2].condition), 'a child of an undecided parent is undecided');
});

const nested = (scope: 'inner' | 'outer' | undefined, templateResources: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'Microsoft.Resources/deployments',
  apiVersion: '2022-09-01',
  name: 'nested',
  properties: {
    mode: 'Incremental',
    ...(scope ? { expressionEvaluationOptions: { scope } } : {}),
    parameters: { vnetName: { value: "[concat(parameters('prefix'), '-inner')]" } },
    template: {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { vnetName: { type: 'string' }, prefix: { type: 'string', defaultValue: 'innerdefault' } },
      variables: { v: 'inner-variable' },
      resources: templateResources,
    },
    ...extra,
  },
});

test("nested deployment with 'inner' scope: its own parameters (bound from the outer scope) and variables", () => {
  const text = template({
    parameters: { prefix: { type: 'string', defaultValue: 'outer' } },
    variables: { v: 'outer-variable' },
    resources: [nested('inner', [vnet("[parameters('vnetName')]", { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } }, { tags: { v: "[variables('v')]" } })])],
  });
  const built = build(text);
  const { model } = built;
  assert.deepEqual(model.resources.map((r) => r.type), ['Microsoft.Resources/deployments', 'Microsoft.Network/virtualNetworks']);
  const v = model.vnets[0];
  assert.equal(v.name, 'outer-inner');
  assertRef(built, v.ref, `"[parameters('vnetName')]"`, ['resources', 0, 'properties', 'template', 'resources', 0]);
  // the deployment's own properties are evaluated without its template
  assert.equal(getProp(model.resources[0].properties, 'template'), undefined);
});

test("nested deployment with 'outer' scope (the default): expressions see the parent template", () => {
  for (const scope of ['outer', undefined] as const) {
    const text = template({
      parameters: { prefix: { type: 'string', defaultValue: 'outer' } },
      variables: { v: 'outer-variable' },
      resources: [nested(scope, [vnet("[concat(parameters('prefix'), '-', variables('v'))]", {})])],
    });
    const { model } = build(text);
    assert.equal(model.vnets[0].name, 'outer-outer-variable');
  }
});

test('a nested deployment with condition false deploys nothing; in a copy loop, its resources have no edit path', () => {
  const off = template({ resources: [{ ...nested('outer', [nsg('n')]), condition: false }] });
  assert.deepEqual(build(off).model.resources, []);
  const looped = template({
    resources: [{ ...nested('outer', [nsg("[concat('n', copyIndex())]")]), copy: { name: 'd', count: 2 } }],
  });
  const built = build(looped);
  assert.deepEqual(built.model.nsgs.map((n) => n.name), ['n0', 'n1']);
  assert.equal(built.model.nsgs[0].ref.path, undefined);
});

test('linked templates by relativePath are read through the host; others are noted', () => {
  const linked = template({ parameters: { name: { type: 'string' } }, resources: [nsg("[parameters('name')]")] });
  const text = template({
    resources: [
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'linked',
        properties: { mode: 'Incremental', templateLink: { relativePath: 'modules/nsg.json' }, parameters: { name: { value: 'from-parent' } } },
      },
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'remote',
        properties: { mode: 'Incremental', templateLink: { uri: 'https://example.com/t.json' } },
      },
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'missing',
        properties: { mode: 'Incremental', templateLink: { relativePath: 'nope.json' } },
      },
    ],
  });
  const linkedUri = 'file:///work/infra/modules/nsg.json';
  const built = build(text, { [linkedUri]: linked });
  const { model } = built;
  assert.deepEqual(model.nsgs.map((n) => n.name), ['from-parent']);
  assert.equal(model.nsgs[0].ref.uri, linkedUri);
  assert.deepEqual(model.nsgs[0].ref.path, ['resources', 0]);
  assert.deepEqual(model.uris, ['file:///work/infra/azuredeploy.json', linkedUri]);
  assert.deepEqual(
    model.unverified.map((u) => u.what),
    ['the linked template https://example.com/t.json is not analysed', 'the linked template nope.json could not be read'],
  );
});

test('the same linked template deployed twice is analysed twice', () => {
  const linked = template({ parameters: { name: { type: 'string' } }, resources: [nsg("[parameters('name')]")] });
  const deploy = (name: string) => ({
    type: 'Microsoft.Resources/deployments',
    name,
    properties: { templateLink: { relativePath: './modules/nsg.json' }, parameters: { name: { value: name } } },
  });
  const { model } = build(template({ resources: [deploy('a'), deploy('b')] }), { 'file:///work/infra/modules/nsg.json': linked });
  assert.deepEqual(model.nsgs.map((n) => n.name), ['a', 'b']);
  assert.deepEqual(model.uris, ['file:///work/infra/azuredeploy.json', 'file:///work/infra/modules/nsg.json']);
});

test('a template that links itself is followed once', () => {
  const uri = 'file:///work/infra/azuredeploy.json';
  const self = template({
    resources: [
      nsg('n'),
      { type: 'Microsoft.Resources/deployments', name: 'again', properties: { templateLink: { relativePath: 'azuredeploy.json' } } },
    ],
  });
  const { model } = build(self, { [uri]: self });
  assert.equal(model.nsgs.length, 1);
  assert.deepEqual(model.unverified.map((u) => u.what), ['the linked template azuredeploy.json deploys a template that is already being analysed (a cycle)']);
});

test('dependsOn resolves resource ids, type/name paths and bare names to keys', () => {
  const text = template({
    resources: [
      vnet('v', {}),
      nsg('n', { dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks', 'v')]", 'Microsoft.Network/virtualNetworks/v', 'v', 'unknownThing'] }),
    ],
  });
  const { model } = build(text);
  assert.deepEqual(model.nsgs[0].dependsOn, ['microsoft.network/virtualnetworks/v', 'unknownthing']);
  assert.deepEqual(model.vnets[0].dependsOn, []);
});

test('every resource is in model.resources with its evaluated properties and location', () => {
  const text = template({
    variables: { sku: 'Standard_LRS' },
    resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'st', location: "[resourceGroup().location]", properties: { sku: "[variables('sku')]" } }],
  });
  const { model } = build(text);
  assert.equal(model.resources.length, 1);
  assert.deepEqual(model.resources[0].properties, { sku: 'Standard_LRS' });
  assert.equal(typeof model.resources[0].location, 'string');
});
