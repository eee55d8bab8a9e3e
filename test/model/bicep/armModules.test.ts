import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import { isUnknown } from '../../../server/src/core/value';
import { parameterSymbol } from '../../../server/src/core/symbolic';
import { hostOf, SCHEMA, textAt } from '../../support/model';
import { BICEP_URI, buildBicep, lines, rangeOf, vnetWithAse, DENY_ALL_INBOUND } from './helpers';

const DIR = 'file:///work/infra/';
const NSG_JSON_URI = `${DIR}modules/nsg.json`;

/** An ARM template deploying one NSG named by its parameter, with a deny-all inbound rule; its id is an output. */
const NSG_JSON = JSON.stringify(
  {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { nsgName: { type: 'string' }, location: { type: 'string', defaultValue: 'westeurope' } },
    resources: [
      {
        type: 'Microsoft.Network/networkSecurityGroups',
        apiVersion: '2023-04-01',
        name: "[parameters('nsgName')]",
        location: "[parameters('location')]",
        properties: {
          securityRules: [
            DENY_ALL_INBOUND,
          ],
        },
      },
    ],
    outputs: {
      id: { type: 'string', value: "[resourceId('Microsoft.Network/networkSecurityGroups', parameters('nsgName'))]" },
      name: { type: 'string', value: "[parameters('nsgName')]" },
    },
  },
  null,
  2,
);

function mainWith(nsgName: string, prefix = ''): string {
  return lines(
    prefix,
    `module nsgMod './modules/nsg.json' = { name: 'nsg', params: { nsgName: ${nsgName} } }`,
    ...vnetWithAse('nsgMod.outputs.id'),
  );
}

test('an ARM template as a module: params bound from the caller, resources in the model with refs into the JSON, outputs flow back', () => {
  const model = buildBicep(mainWith("'ase-nsg'"), { [NSG_JSON_URI]: NSG_JSON });
  assert.deepEqual(model.uris, [BICEP_URI, NSG_JSON_URI]);
  assert.equal(model.nsgs.length, 1);
  const nsg = model.nsgs[0];
  assert.equal(nsg.name, 'ase-nsg');
  assert.equal(nsg.location, 'westeurope', 'a parameter the caller leaves out takes its default');
  assert.equal(nsg.ref.uri, NSG_JSON_URI);
  assert.equal(textAt(NSG_JSON, nsg.ref.range), `"[parameters('nsgName')]"`);
  assert.deepEqual(nsg.ref.path, ['resources', 0], 'deployed once: literal text an ARM edit can change');
  assert.equal(model.subnets[0].networkSecurityGroup?.target, nsg, 'the id output links the subnet to the NSG');
  assert.deepEqual(model.unverified, []);
});

test('a finding inside the JSON module is reported in that file', () => {
  const analysis = analyze(BICEP_URI, mainWith("'ase-nsg'"), hostOf({ [NSG_JSON_URI]: NSG_JSON }));
  const ase101 = analysis.findings.filter((f) => f.code === 'ASE101');
  assert.equal(ase101.length, 1);
  assert.equal(ase101[0].at.uri, NSG_JSON_URI);
  assert.equal(textAt(NSG_JSON, ase101[0].at.range), '"deny-all"');
  assert.ok(ase101[0].related?.some((r) => r.at.uri === BICEP_URI), 'related information points at the ASE in the caller');
});

test("a module parameter given the caller's parameter without a value is that parameter's symbol, and links", () => {
  const model = buildBicep(mainWith('nsgName', 'param nsgName string'), { [NSG_JSON_URI]: NSG_JSON });
  assert.equal(model.nsgs[0].name, parameterSymbol('nsgName'));
  assert.equal(model.subnets[0].networkSecurityGroup?.target, model.nsgs[0]);
  const analysis = analyze(BICEP_URI, mainWith('nsgName', 'param nsgName string'), hostOf({ [NSG_JSON_URI]: NSG_JSON }));
  assert.equal(analysis.findings.filter((f) => f.code === 'ASE101').length, 1, 'the rule does not need the name');
});

test('JSON module loops, conditions and scope', () => {
  const main = lines(
    'param maybe bool',
    "module loop './modules/nsg.json' = [for n in ['a', 'b']: { name: 'nsg-${n}', params: { nsgName: 'nsg-${n}' } }]",
    "module off './modules/nsg.json' = if (false) { name: 'off', params: { nsgName: 'off' } }",
    "module undecided './modules/nsg.json' = if (maybe) { name: 'u', scope: resourceGroup('other-rg'), params: { nsgName: 'u' } }",
    "output uId string = undecided.outputs.id",
  );
  const model = buildBicep(main, { [NSG_JSON_URI]: NSG_JSON });
  assert.deepEqual(model.nsgs.map((n) => n.name), ['nsg-a', 'nsg-b', 'u']);
  assert.deepEqual(model.nsgs.map((n) => n.ref.path), [undefined, undefined, ['resources', 0]], 'a loop instance is not literal text');
  assert.ok(isUnknown(model.nsgs[2].condition));
  assert.equal(model.nsgs[2].key, 'microsoft.network/networksecuritygroups/u');
});

test('a scoped JSON module: resourceId() in its outputs carries the module\'s resource group', () => {
  const main = lines(
    "module nsgMod './modules/nsg.json' = { name: 'nsg', scope: resourceGroup('net-rg'), params: { nsgName: 'scoped' } }",
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'v'",
    "  properties: { subnets: [ { name: 's', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: { id: nsgMod.outputs.id } } } ] }",
    '}',
  );
  const model = buildBicep(main, { [NSG_JSON_URI]: NSG_JSON });
  const ref = model.subnets[0].networkSecurityGroup;
  assert.equal(ref?.id, '/subscriptions/\uE000subscriptionId\uE001/resourceGroups/net-rg/providers/Microsoft.Network/networkSecurityGroups/scoped');
  assert.equal(ref?.target, model.nsgs[0]);
});

test('a JSON module that is missing or is not a template: a note on the path, nothing invented', () => {
  const main = lines(
    "module a './modules/missing.json' = { name: 'a' }",
    "module b './modules/data.json' = { name: 'b' }",
    "module c './modules/thing.txt' = { name: 'c' }",
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = { name: a.outputs.name }",
  );
  const model = buildBicep(main, { [`${DIR}modules/data.json`]: '{ "rules": [] }' });
  assert.deepEqual(model.unverified.map((u) => u.what), [
    'the module ./modules/missing.json could not be read',
    'the module ./modules/data.json is not an ARM deployment template',
    'the module ./modules/thing.txt is neither a Bicep file nor an ARM template and is not analysed',
  ]);
  assert.deepEqual(model.unverified[1].at?.range, rangeOf(main, "'./modules/data.json'"));
  assert.ok(isUnknown(model.nsgs[0].name));
});

test('an ARM module with a linked template: the ARM front end follows it relative to the JSON file', () => {
  const outer = JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { nsgName: { type: 'string' } },
    resources: [
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'inner',
        properties: { mode: 'Incremental', templateLink: { relativePath: 'nsg.json' }, parameters: { nsgName: { value: "[parameters('nsgName')]" } } },
      },
    ],
  });
  const model = buildBicep("module m './modules/outer.json' = { name: 'm', params: { nsgName: 'linked' } }", {
    [`${DIR}modules/outer.json`]: outer,
    [NSG_JSON_URI]: NSG_JSON,
  });
  assert.deepEqual(model.nsgs.map((n) => n.name), ['linked']);
  assert.deepEqual(model.uris, [BICEP_URI, `${DIR}modules/outer.json`, NSG_JSON_URI]);
});
