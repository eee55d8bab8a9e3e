import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/analyze';
import { isUnknown } from '../../../server/src/core/value';
import { parameterSymbol } from '../../../server/src/core/symbolic';
import { hostOf } from '../../support/model';
import { BICEP_URI, buildBicep, lines, rangeOf } from './helpers';

const MAIN = lines(
  'param nsgName string',
  "param priority int = 4096",
  'param prefixes array',
  "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
  '  name: nsgName',
  "  properties: { securityRules: [ { name: 'r', properties: { priority: priority, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } } ] }",
  '}',
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = { name: 'v', properties: { addressSpace: { addressPrefixes: prefixes } } }",
);
const PARAMS_URI = 'file:///work/infra/main.bicepparam';
const PARAMS = lines("using './main.bicep'", "var env = 'prod'", "param nsgName = 'nsg-${env}'", "param prefixes = [ '10.5.0.0/16' ]");

test('a .bicepparam file beside the template that uses it supplies the values; defaults fill the rest', () => {
  const model = buildBicep(MAIN, { [PARAMS_URI]: PARAMS });
  assert.deepEqual(model.uris, [BICEP_URI, PARAMS_URI]);
  assert.equal(model.nsgs[0].name, 'nsg-prod');
  const rules = model.nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.equal(rules[0].priority, 4096);
  const prefixes = model.vnets[0].addressPrefixes;
  assert.ok(!isUnknown(prefixes));
  assert.deepEqual(prefixes[0].ref, { uri: PARAMS_URI, range: rangeOf(PARAMS, "'10.5.0.0/16'"), path: ['prefixes', 0] });
});

test('a .bicepparam file that uses another template is not taken', () => {
  const model = buildBicep(MAIN, { [PARAMS_URI]: PARAMS.replace('./main.bicep', './other.bicep') });
  assert.deepEqual(model.uris, [BICEP_URI]);
  assert.equal(model.nsgs[0].name, parameterSymbol('nsgName'), 'the parameter has no value: its symbol');
});

test('an explicit parameters file wins (options.parametersUri), .bicepparam or ARM JSON', () => {
  const explicit = 'file:///work/params/prod.bicepparam';
  const model = buildBicep(MAIN, { [PARAMS_URI]: PARAMS, [explicit]: lines("using '../infra/main.bicep'", "param nsgName = 'explicit'") }, { parametersUri: explicit });
  assert.equal(model.nsgs[0].name, 'explicit');
  const json = 'file:///work/params/prod.parameters.json';
  const fromJson = buildBicep(MAIN, { [json]: '{ "parameters": { "nsgName": { "value": "from-json" } } }' }, { parametersUri: json });
  assert.equal(fromJson.nsgs[0].name, 'from-json');
  // Read as the ARM front end reads a parameters file: names in any case, a Key Vault
  // reference gives a value no file holds (not the default).
  const keyVault = '{ "parameters": { "NSGNAME": { "value": "any-case" }, "priority": { "reference": { "keyVault": { "id": "kv" }, "secretName": "p" } } } }';
  const fromVault = buildBicep(MAIN, { [json]: keyVault }, { parametersUri: json });
  assert.equal(fromVault.nsgs[0].name, 'any-case');
  const rules = fromVault.nsgs[0].securityRules;
  assert.ok(!isUnknown(rules));
  assert.ok(isUnknown(rules[0].priority) && rules[0].priority.reason.includes("parameter 'priority' is a Key Vault reference"), JSON.stringify(rules[0].priority));
});

test('a .bicepparam file is analysed through the template its `using` names: only what its values cause is reported in it', () => {
  const analysis = analyze(PARAMS_URI, PARAMS, hostOf({ [BICEP_URI]: MAIN }));
  assert.equal(analysis.isTemplate, true);
  assert.equal(analysis.document.language, 'bicep');
  assert.deepEqual(analysis.contexts?.map((c) => c.entry), [BICEP_URI]);
  assert.deepEqual(analysis.findings, [], 'none of its values causes a finding');
  // Without its template, or naming none, it is no template of its own.
  assert.equal(analyze(PARAMS_URI, PARAMS, hostOf({})).isTemplate, false);
  assert.equal(analyze(PARAMS_URI, PARAMS.replace("using './main.bicep'", 'using none'), hostOf({ [BICEP_URI]: MAIN })).isTemplate, false);
});
