// An item inserted among others of its kind is written as they are (server/src/edits/neighbours.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restyle, type Written } from '../../server/src/edits/neighbours';

const str = (value: string): Written => ({ kind: 'string', value });
const rule = (name: string, keys: string[] = ['priority', 'access'], arrays?: { oneLine: boolean; spaced: boolean }): Written => ({
  kind: 'object',
  oneLine: false,
  entries: [
    ['name', str(name)],
    [
      'properties',
      {
        kind: 'object',
        oneLine: false,
        entries: [
          ...keys.map((k): [string, Written] => [k, str('x')]),
          ...(arrays ? [['destinationPortRanges', { kind: 'array', ...arrays, items: [str('80'), str('443')] }] as [string, Written]] : []),
        ],
      },
    ],
  ],
});
const item = { name: 'AllowSqlOutbound', properties: { description: 'why', access: 'Allow', priority: 100, destinationPortRanges: ['1433', '11000-11999'] } };
const nameOf = (neighbours: Written[], name = 'AllowSqlOutbound') => (restyle({ ...item, name }, neighbours, [], undefined).value as { name: string }).name;

test('the name follows the style most neighbours share', () => {
  assert.equal(nameOf([rule('Allow-Storage-Outbound'), rule('Deny-All-Outbound')]), 'Allow-Sql-Outbound');
  assert.equal(nameOf([rule('allow-storage-outbound'), rule('deny-all')]), 'allow-sql-outbound');
  assert.equal(nameOf([rule('allow_storage_outbound'), rule('deny_all')]), 'allow_sql_outbound');
  assert.equal(nameOf([rule('ALLOW_STORAGE_OUT'), rule('DENY_ALL')]), 'ALLOW_SQL_OUTBOUND');
  assert.equal(nameOf([rule('allowStorageOutbound'), rule('denyAll')]), 'allowSqlOutbound');
  assert.equal(nameOf([rule('AllowStorage'), rule('DenyAll')]), 'AllowSqlOutbound');
  // No shared style (one-word names, or a mix): the fix's own name.
  assert.equal(nameOf([rule('storage'), rule('deny')]), 'AllowSqlOutbound');
  assert.equal(nameOf([rule('allow-storage'), rule('Deny_All'), rule('denyVnet')]), 'AllowSqlOutbound');
});

test('the restyled name stays unique; the fix’s own -2 suffix is written in the style', () => {
  assert.equal(nameOf([rule('Allow-Storage-Outbound'), rule('Allow-Sql-Outbound')]), 'Allow-Sql-Outbound-2');
  assert.equal(nameOf([rule('allow_storage'), rule('allow_sql_outbound')], 'AllowSqlOutbound-2'), 'allow_sql_outbound_2');
  assert.equal(nameOf([rule('Allow-Port-443'), rule('Deny-All')], 'AllowPort443'), 'Allow-Port-443-2');
});

test('properties in the order of the closest neighbour, twins (singular, plural) in each other’s place, a description only when every neighbour has one', () => {
  const neighbours = [rule('A-B', ['access', 'destinationPortRange', 'priority'])];
  const out = restyle(item, neighbours, [['properties', 'description']], 0).value as { properties: object };
  assert.deepEqual(Object.keys(out.properties), ['access', 'destinationPortRanges', 'priority']);
  const described = restyle(item, [rule('A-B', ['description', 'access', 'priority'])], [['properties', 'description']], 0).value as { properties: object };
  assert.deepEqual(Object.keys(described.properties), ['description', 'access', 'priority', 'destinationPortRanges']);
  const without = restyle(item, [], [['properties', 'description']], undefined).value as { properties: object };
  assert.ok(!('description' in without.properties), 'no neighbours: no description');
});

test('arrays on one line only when every neighbour writes its lists on one line', () => {
  assert.deepEqual(restyle(item, [rule('A-B', [], { oneLine: true, spaced: true })], [], 0).arrays, { inline: true, spaced: true });
  assert.deepEqual(restyle(item, [rule('A-B', [], { oneLine: true, spaced: false })], [], 0).arrays, { inline: true, spaced: false });
  assert.deepEqual(restyle(item, [rule('A-B', [], { oneLine: true, spaced: true }), rule('C-D', [], { oneLine: false, spaced: false })], [], 0).arrays, { inline: false });
  assert.deepEqual(restyle(item, [rule('A-B')], [], 0).arrays, { inline: false });
});
