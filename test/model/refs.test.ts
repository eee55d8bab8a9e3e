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

test('a reference whose object has no place of its own is placed on the property that holds it, without a path', () => {
  // json() builds the `{ id }` object: the id has no text of its own, so the reference falls
  // back to the `networkSecurityGroup` value (and a subnet's `{ id }` beside it keeps its own place).
  const nsgId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/n";
  const text = JSON.stringify(
    {
      $schema: SCHEMA,
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworks',
          name: 'v',
          properties: {
            addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
            subnets: [
              { name: 'a', properties: { addressPrefix: '10.0.0.0/24', networkSecurityGroup: `[json('{"id": "${nsgId}"}')]` } },
              { name: 'b', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsgId } } },
            ],
          },
        },
      ],
    },
    null,
    2,
  );
  const built = build(text);
  const [a, b] = built.model.subnets;
  assert.equal(a.networkSecurityGroup!.id, nsgId);
  assertRef(built, a.networkSecurityGroup!.ref, JSON.stringify(`[json('{"id": "${nsgId}"}')]`), null);
  assertRef(built, b.networkSecurityGroup!.ref, JSON.stringify(nsgId), ['resources', 0, 'properties', 'subnets', 1, 'properties', 'networkSecurityGroup', 'id']);
});

test('a security rule built by an expression is placed on the list that holds it, else on its NSG', () => {
  const rule = { name: 'r', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } };
  const inList = `[json('${JSON.stringify(rule)}')]`;
  const whole = `[json('${JSON.stringify([rule])}')]`;
  const text = JSON.stringify(
    {
      $schema: SCHEMA,
      resources: [
        { type: 'Microsoft.Network/networkSecurityGroups', name: 'listed', properties: { securityRules: [inList] } },
        { type: 'Microsoft.Network/networkSecurityGroups', name: 'built', properties: { securityRules: whole } },
      ],
    },
    null,
    2,
  );
  const built = build(text);
  const [listed, made] = built.model.nsgs;
  // The rule object has no text: the list's place (its whole value), without a path.
  assertRef(built, (listed.securityRules as SecurityRule[])[0].ref, `[\n          ${JSON.stringify(inList)}\n        ]`, null);
  // Neither has the list: the NSG's place, without a path.
  assertRef(built, (made.securityRules as SecurityRule[])[0].ref, '"built"', null);
});
