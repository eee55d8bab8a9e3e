import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArmModel } from '../../server/src/lower/arm/build';
import { siblingCandidates } from '../../server/src/lower/arm/parameterFile';
import { getProp, getPath, type Value } from '../../server/src/core/value';
import { parameterSymbol } from '../../server/src/core/symbolic';
import { parseArmDocument } from '../../server/src/parse/arm';
import { build, hostOf, reasonOf, template, URI } from '../support/model';

/** A resource whose properties show what expressions evaluate to. */
function probe(properties: Record<string, unknown>) {
  return { type: 'Microsoft.Test/probes', apiVersion: '2020-01-01', name: 'probe', properties };
}

function probed(text: string, files: Record<string, string> = {}, options = {}): Value | undefined {
  const { model } = build(text, files, options);
  return model.resources.find((r) => r.type === 'Microsoft.Test/probes')?.properties;
}

function paramsFile(values: Record<string, unknown>): string {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    contentVersion: '1.0.0.0',
    parameters: values,
  });
}

const withParam = template({
  parameters: { prefix: { type: 'string', defaultValue: 'from-default' } },
  resources: [probe({ v: "[parameters('prefix')]" })],
});

test('a parameter takes its defaultValue when no parameters file exists', () => {
  assert.equal(getProp(probed(withParam), 'v'), 'from-default');
});

test('parameters files beside the template are tried in order: <name>.parameters.json, azuredeploy, main', () => {
  assert.deepEqual(siblingCandidates('file:///work/infra/ase.json'), [
    'file:///work/infra/ase.parameters.json',
    'file:///work/infra/azuredeploy.parameters.json',
    'file:///work/infra/main.parameters.json',
  ]);
  // a template named azuredeploy.json does not try its sibling twice
  assert.deepEqual(siblingCandidates(URI), ['file:///work/infra/azuredeploy.parameters.json', 'file:///work/infra/main.parameters.json']);
  const dir = 'file:///work/infra/';
  const uri = `${dir}ase.json`;
  const files = {
    [`${dir}main.parameters.json`]: paramsFile({ prefix: { value: 'main' } }),
    [`${dir}azuredeploy.parameters.json`]: paramsFile({ prefix: { value: 'azuredeploy' } }),
  };
  const run = (f: Record<string, string>) => {
    const host = hostOf(f);
    const model = buildArmModel(parseArmDocument(uri, withParam), host, {});
    return { v: getProp(model.resources[0].properties, 'v'), reads: host.reads, uris: model.uris };
  };
  const a = run(files);
  assert.equal(a.v, 'azuredeploy');
  assert.deepEqual(a.reads, [`${dir}ase.parameters.json`, `${dir}azuredeploy.parameters.json`]);
  assert.deepEqual(a.uris, [uri, `${dir}azuredeploy.parameters.json`]);
  assert.equal(run({ ...files, [`${dir}ase.parameters.json`]: paramsFile({ prefix: { value: 'own' } }) }).v, 'own');
  assert.equal(run({ [`${dir}main.parameters.json`]: paramsFile({ prefix: { value: 'main' } }) }).v, 'main');
});

test('an explicit parameters file wins; one that cannot be read leaves the defaults and a note', () => {
  const explicit = 'file:///elsewhere/prod.json';
  const files = {
    'file:///work/infra/azuredeploy.parameters.json': paramsFile({ prefix: { value: 'sibling' } }),
    [explicit]: paramsFile({ prefix: { value: 'explicit' } }),
  };
  assert.equal(getProp(probed(withParam, files, { parametersUri: explicit }), 'v'), 'explicit');
  const { model } = build(withParam, files, { parametersUri: 'file:///missing.json' });
  assert.equal(getProp(model.resources[0].properties, 'v'), 'from-default');
  assert.deepEqual(
    model.unverified.map((u) => u.what),
    ['the parameters file file:///missing.json could not be read'],
  );
});

test('parameter names are case-insensitive, in the template and in the parameters file', () => {
  const text = template({
    parameters: { VnetName: { type: 'string' }, Location: { type: 'string', defaultValue: 'westeurope' } },
    resources: [probe({ a: "[parameters('vnetname')]", b: "[parameters('LOCATION')]" })],
  });
  const props = probed(text, { 'file:///work/infra/azuredeploy.parameters.json': paramsFile({ VNETNAME: { value: 'v1' } }) });
  assert.equal(getProp(props, 'a'), 'v1');
  assert.equal(getProp(props, 'b'), 'westeurope');
});

test('string parameters without a value are symbols; others, Key Vault references and undeclared parameters are UNKNOWN', () => {
  const text = template({
    parameters: { missing: { type: 'string' }, secret: { type: 'securestring' }, count: { type: 'int' }, Hidden: { type: 'securestring' } },
    resources: [probe({ a: "[parameters('missing')]", b: "[parameters('secret')]", c: "[parameters('nope')]", d: "[parameters('count')]", e: "[parameters('hidden')]" })],
  });
  const props = probed(text, {
    'file:///work/infra/azuredeploy.parameters.json': paramsFile({
      secret: { reference: { keyVault: { id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv' }, secretName: 's' } },
    }),
  });
  assert.equal(getProp(props, 'a'), parameterSymbol('missing'));
  assert.equal(getProp(props, 'e'), parameterSymbol('Hidden'), 'named as declared, whatever the case of the reference');
  assert.equal(reasonOf(getProp(props, 'd')), "parameter 'count' has no value");
  assert.equal(reasonOf(getProp(props, 'b')), "parameter 'secret' is a Key Vault reference");
  assert.equal(reasonOf(getProp(props, 'c')), "parameter 'nope' is not declared");
});

test('defaultValue is itself evaluated, and may use other parameters; a cycle is UNKNOWN', () => {
  const text = template({
    parameters: {
      base: { type: 'string', defaultValue: 'ase' },
      derived: { type: 'string', defaultValue: "[concat(parameters('base'), '-vnet')]" },
      loop: { type: 'string', defaultValue: "[parameters('loop')]" },
    },
    resources: [probe({ a: "[parameters('derived')]", b: "[parameters('loop')]" })],
  });
  const props = probed(text);
  assert.equal(getProp(props, 'a'), 'ase-vnet');
  assert.equal(reasonOf(getProp(props, 'b')), "parameter 'loop' refers to itself");
});

test('values in a parameters file are data, not expressions', () => {
  const text = template({ parameters: { p: { type: 'string' } }, resources: [probe({ a: "[parameters('p')]" })] });
  const props = probed(text, { 'file:///work/infra/azuredeploy.parameters.json': paramsFile({ p: { value: "[concat('a', 'b')]" } }) });
  assert.equal(getProp(props, 'a'), "[concat('a', 'b')]");
});

test('variables are evaluated lazily and once: the same object everywhere it is used', () => {
  const text = template({
    parameters: { n: { type: 'int', defaultValue: 2 } },
    variables: {
      subnetObj: { name: "[concat('s', parameters('n'))]", list: [1, 2] },
      Unused: "[parameters('doesNotExist')]",
      chained: "[variables('SUBNETOBJ').name]",
    },
    resources: [probe({ a: "[variables('subnetObj')]", b: "[variables('subnetobj')]", c: "[variables('chained')]" })],
  });
  const { model } = build(text);
  const props = model.resources[0].properties;
  assert.deepEqual(getProp(props, 'a'), { name: 's2', list: [1, 2] });
  assert.equal(getProp(props, 'a'), getProp(props, 'b'));
  assert.equal(getProp(props, 'c'), 's2');
  // an unused variable with a problem produces no note
  assert.deepEqual(model.unverified, []);
});

test('variables that refer to each other in a cycle are UNKNOWN, not a stack overflow', () => {
  const text = template({
    variables: { a: "[variables('b')]", b: "[concat(variables('a'), 'x')]", self: "[variables('self')]" },
    resources: [probe({ a: "[variables('a')]", self: "[variables('self')]", none: "[variables('none')]" })],
  });
  const props = probed(text);
  assert.match(reasonOf(getProp(props, 'a')), /refers to itself/);
  assert.equal(reasonOf(getProp(props, 'self')), "variable 'self' refers to itself");
  assert.equal(reasonOf(getProp(props, 'none')), "variable 'none' is not declared");
});

test('copy-built variables: variables.copy and copy inside an object variable', () => {
  const text = template({
    parameters: { count: { type: 'int', defaultValue: 3 } },
    variables: {
      copy: [
        { name: 'prefixes', count: "[parameters('count')]", input: "[concat('10.0.', copyIndex('prefixes'), '.0/24')]" },
        { name: 'unknownCount', count: "[parameters('nothing')]", input: 'x' },
      ],
      holder: {
        copy: [{ name: 'rules', count: 2, input: { priority: "[add(100, copyIndex('rules'))]" } }],
        other: true,
      },
    },
    resources: [probe({ a: "[variables('prefixes')]", b: "[variables('holder')]", c: "[variables('unknownCount')]" })],
  });
  const props = probed(text);
  assert.deepEqual(getProp(props, 'a'), ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
  assert.deepEqual(getProp(props, 'b'), { rules: [{ priority: 100 }, { priority: 101 }], other: true });
  assert.match(reasonOf(getProp(props, 'c')), /copy count of variable 'unknownCount' could not be resolved/);
});

test('user-defined functions are evaluated with their arguments', () => {
  const text = template({
    functions: [
      {
        namespace: 'contoso',
        members: {
          subnetName: {
            parameters: [{ name: 'env', type: 'string' }],
            output: { type: 'string', value: "[concat('ase-', parameters('env'))]" },
          },
          usesVariables: { parameters: [], output: { type: 'string', value: "[variables('x')]" } },
        },
      },
    ],
    variables: { x: 'y' },
    resources: [probe({ a: "[contoso.subnetName('prod')]", b: "[contoso.usesVariables()]", c: "[contoso.missing()]" })],
  });
  const props = probed(text);
  assert.equal(getProp(props, 'a'), 'ase-prod');
  assert.match(reasonOf(getProp(props, 'b')), /cannot be used in function/);
  assert.equal(reasonOf(getProp(props, 'c')), "function 'contoso.missing' is not declared");
});

test('reference() is UNKNOWN; resourceGroup() stays symbolic', () => {
  const text = template({
    resources: [probe({ a: "[reference('x').y]", b: "[resourceGroup().location]" })],
  });
  const props = probed(text);
  assert.match(reasonOf(getProp(props, 'a')), /reference/);
  assert.equal(typeof getPath(props, 'b'), 'string');
});
