import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { findProperty, nodePath, propertyValue, valueAt } from '../../server/src/parse/jsonNode';

test('properties are found exactly first, then case-insensitively; the last duplicate wins', () => {
  const root = parseTree('{"Id": 1, "id": 2, "Subnet": {"NAME": "s"}, "x": 1, "x": 2}')!;
  assert.equal(propertyValue(root, 'id')!.value, 2);
  assert.equal(propertyValue(root, 'Id')!.value, 1);
  assert.equal(propertyValue(root, 'ID')!.value, 2);
  assert.equal(valueAt(root, 'subnet', 'name')!.value, 's');
  assert.equal(propertyValue(root, 'x')!.value, 2);
  assert.equal(findProperty(root, 'missing'), undefined);
  assert.equal(propertyValue(undefined, 'a'), undefined);
  assert.equal(propertyValue(parseTree('[1]'), 'a'), undefined);
});

test('nodePath gives property names as written and array indices', () => {
  const root = parseTree('{"resources": [{"a": 1}, {"Properties": {"list": [0, 1, [2, {"deep": true}]]}}]}')!;
  const deep = valueAt(root.children![0].children![1].children![1], 'Properties', 'list')!.children![2].children![1];
  assert.deepEqual(nodePath(deep), ['resources', 1, 'Properties', 'list', 2, 1]);
  assert.deepEqual(nodePath(propertyValue(deep, 'deep')!), ['resources', 1, 'Properties', 'list', 2, 1, 'deep']);
  assert.deepEqual(nodePath(root), []);
});
