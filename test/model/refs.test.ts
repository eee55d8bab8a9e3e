import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnknown } from '../../server/src/core/value';
import type { SecurityRule } from '../../server/src/model/types';
import { assertRef, build, SCHEMA } from '../support/model';

/** A hand-written template with CRLF line ends and non-ASCII text before the ranges. */
const CRLF_TEXT = [
  '{',
  `  "$schema": "${SCHEMA}",`,
  '  "metadata": { "description": "Réseau de l’ASE 😀" },',
  '  "resources": [',
  '    {',
  '      "type": "Microsoft.Network/networkSecurityGroups", "name": "nsg-é", /* ünïcode 😀 */ "properties": {',
  '        "securityRules": [ { "name": "Deny😀All", "properties": { "priority": 4096 } } ]',
  '      }',
  '    }',
  '  ]',
  '}',
].join('\r\n');

test('ranges are exact with CRLF line ends and non-ASCII characters before them', () => {
  const built = build(CRLF_TEXT);
  const nsg = built.model.nsgs[0];
  const line5 = '      "type": "Microsoft.Network/networkSecurityGroups", "name": "nsg-é", /* ünïcode 😀 */ "properties": {';
  const nameStart = line5.indexOf('"nsg-é"');
  assert.deepEqual(nsg.ref.range, { start: { line: 5, character: nameStart }, end: { line: 5, character: nameStart + 7 } });
  assert.deepEqual(nsg.ref.path, ['resources', 0]);
  const rule = (nsg.securityRules as SecurityRule[])[0];
  const line6 = '        "securityRules": [ { "name": "Deny😀All", "properties": { "priority": 4096 } } ]';
  const ruleStart = line6.indexOf('"Deny😀All"');
  // the emoji is two UTF-16 units
  assert.deepEqual(rule.ref.range, { start: { line: 6, character: ruleStart }, end: { line: 6, character: ruleStart + 11 } });
  assertRef(built, rule.ref, '"Deny😀All"', ['resources', 0, 'properties', 'securityRules', 0]);
  assertRef(built, nsg.securityRulesRef, '"securityRules"', ['resources', 0, 'properties', 'securityRules']);
  assert.deepEqual(nsg.securityRulesRef!.range.start, { line: 6, character: 8 });
});

test('an element without a name is underlined at its first token', () => {
  const text = `{"$schema": "${SCHEMA}", "resources": [ {"type": "Microsoft.Network/networkSecurityGroups", "properties": {"securityRules": [ {"properties": {}} ]}} ]}`;
  const built = build(text);
  const nsg = built.model.nsgs[0];
  assert.ok(isUnknown(nsg.name));
  assertRef(built, nsg.ref, '{', ['resources', 0]);
  assertRef(built, (nsg.securityRules as SecurityRule[])[0].ref, '{', ['resources', 0, 'properties', 'securityRules', 0]);
});

test('refs of values from a parameters file point into that file', () => {
  const paramsUri = 'file:///work/infra/azuredeploy.parameters.json';
  const text = JSON.stringify(
    {
      $schema: SCHEMA,
      parameters: { prefixes: { type: 'array' } },
      resources: [{ type: 'Microsoft.Network/virtualNetworks', name: 'v', properties: { addressSpace: { addressPrefixes: "[parameters('prefixes')]" } } }],
    },
    null,
    2,
  );
  const params = JSON.stringify({ parameters: { prefixes: { value: ['10.0.0.0/16'] } } }, null, 2);
  const built = build(text, { [paramsUri]: params });
  const prefixes = built.model.vnets[0].addressPrefixes;
  assert.ok(!isUnknown(prefixes));
  assert.equal(prefixes[0].value, '10.0.0.0/16');
  assert.equal(prefixes[0].ref.uri, paramsUri);
  assert.deepEqual(prefixes[0].ref.path, ['parameters', 'prefixes', 'value', 0]);
});
