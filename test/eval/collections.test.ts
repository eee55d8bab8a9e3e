import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnknown, unknown, type Value } from '../../server/src/core/value';
import { assertUnknown, ev, makeScope } from './helpers';

const U = unknown('not known yet');
const scope = makeScope({
  parameters: {
    withUnknown: ['a', U, 'c'],
    objWithUnknown: { a: 1, b: U },
    empty: [],
  },
});

test('concat of arrays, keeping unknown items unknown', () => {
  assert.deepEqual(ev('[concat(createArray(1, 2), createArray(3), createArray())]'), [1, 2, 3]);
  const v = ev("[concat(parameters('withUnknown'), createArray('d'))]", scope) as Value[];
  assert.equal(v.length, 4);
  assert.equal(v[0], 'a');
  assert.equal(v[1], U);
  assert.equal(v[3], 'd');
  assertUnknown(ev("[concat(createArray(1), 'x')]"), 'concat(): argument 2 is a string, expected an array, like the first argument');
  assertUnknown(ev("[concat(createArray(1), parameters('nope'))]", scope), "parameter 'nope' has no value");
});

test('first / last of arrays and strings', () => {
  assert.equal(ev("[first(createArray('one', 'two', 'three'))]"), 'one');
  assert.equal(ev("[last(createArray('one', 'two', 'three'))]"), 'three');
  assert.equal(ev("[first('One Two Three')]"), 'O');
  assert.equal(ev("[last('One Two Three')]"), 'e');
  assert.equal(ev("[first(parameters('empty'))]", scope), null);
  assert.equal(ev("[last(parameters('empty'))]", scope), null);
  assert.equal(ev("[first('')]"), '');
  assert.equal(ev("[first(parameters('withUnknown'))]", scope), 'a');
  assert.equal(ev("[last(parameters('withUnknown'))]", scope), 'c');
  assertUnknown(ev('[first(1)]'), 'first(): argument 1 is an integer, expected an array or a string');
});

test('take / skip', () => {
  assert.deepEqual(ev("[take(createArray('one', 'two', 'three'), 2)]"), ['one', 'two']);
  assert.deepEqual(ev("[skip(createArray('one', 'two', 'three'), 2)]"), ['three']);
  assert.equal(ev("[take('one two three', 2)]"), 'on');
  assert.equal(ev("[skip('one two three', 4)]"), 'two three');
  assert.deepEqual(ev("[take(createArray(1, 2), -1)]"), []);
  assert.deepEqual(ev("[skip(createArray(1, 2), -1)]"), [1, 2]);
  assert.deepEqual(ev("[take(createArray(1, 2), 10)]"), [1, 2]);
  assert.equal(ev("[skip('abc', 10)]"), '');
  assertUnknown(ev("[take(createArray(1), 'x')]"), 'take(): argument 2 is a string, expected an integer');
});

test('contains: arrays by value, strings case-sensitively, object keys case-insensitively', () => {
  assert.equal(ev("[contains('OneTwoThree', 'e')]"), true);
  assert.equal(ev("[contains('OneTwoThree', 'z')]"), false);
  assert.equal(ev("[contains('OneTwoThree', 'one')]"), false);
  assert.equal(ev("[contains('abc123', 12)]"), true);
  assert.equal(ev("[contains(createObject('one', 'a', 'two', 'b'), 'TWO')]"), true);
  assert.equal(ev("[contains(createObject('one', 'a'), 'three')]"), false);
  assert.equal(ev("[contains(createArray('one', 'two'), 'two')]"), true);
  assert.equal(ev("[contains(createArray('one', 'two'), 'TWO')]"), false);
  assert.equal(ev("[contains(createArray(createArray(1), createObject('a', 1)), createObject('A', 1))]"), true);
});

test('contains with unknown items: a match is still a match; no match is unknown', () => {
  assert.equal(ev("[contains(parameters('withUnknown'), 'c')]", scope), true);
  assertUnknown(ev("[contains(parameters('withUnknown'), 'z')]", scope), 'not known yet');
  assert.equal(ev("[contains(parameters('empty'), parameters('nope'))]", scope), false);
  assertUnknown(ev("[contains('abc', parameters('nope'))]", scope), "parameter 'nope'");
});

test('empty', () => {
  assert.equal(ev('[empty(createArray())]'), true);
  assert.equal(ev('[empty(createObject())]'), true);
  assert.equal(ev("[empty('')]"), true);
  assert.equal(ev('[empty(null())]'), true);
  assert.equal(ev('[empty(createArray(1))]'), false);
  assert.equal(ev("[empty(' ')]"), false);
  assert.equal(ev("[empty(parameters('withUnknown'))]", scope), false);
  assertUnknown(ev('[empty(1)]'), 'empty(): argument 1 is an integer');
});

test('length of arrays (even with unknown items), strings and objects', () => {
  assert.equal(ev("[length(createArray('a', 'b', 'c'))]"), 3);
  assert.equal(ev("[length('One Two Three')]"), 13);
  assert.equal(ev("[length(createObject('a', 1, 'b', 2, 'c', 3, 'd', 4))]"), 4);
  assert.equal(ev("[length(parameters('withUnknown'))]", scope), 3);
  assert.equal(ev("[length(parameters('objWithUnknown'))]", scope), 2);
  assertUnknown(ev('[length(1)]'), 'length(): argument 1 is an integer');
});

test('createArray and array()', () => {
  assert.deepEqual(ev("[createArray(1, 'a', true, null)]"), [1, 'a', true, null]);
  assert.deepEqual(ev('[createArray()]'), []);
  const v = ev("[createArray('a', parameters('nope'))]", scope) as Value[];
  assert.equal(v[0], 'a');
  assertUnknown(v[1], "parameter 'nope' has no value");
  assert.deepEqual(ev("[array('x')]"), ['x']);
  assert.deepEqual(ev('[array(createObject())]'), [{}]);
  assertUnknown(ev('[array(null())]'), 'array(null) is not evaluated');
});

test('range', () => {
  assert.deepEqual(ev('[range(1, 5)]'), [1, 2, 3, 4, 5]);
  assert.deepEqual(ev('[range(-2, 3)]'), [-2, -1, 0]);
  assert.deepEqual(ev('[range(0, 0)]'), []);
  assertUnknown(ev('[range(0, -1)]'), 'range(): count -1 is outside 0..10000');
  assertUnknown(ev('[range(0, 10001)]'), 'range(): count 10001 is outside 0..10000');
  assert.equal((ev('[range(0, 10000)]') as Value[]).length, 10000);
});

test('min / max of integers or an array', () => {
  assert.equal(ev('[min(createArray(0, 3, 2, 5, 4))]'), 0);
  assert.equal(ev('[min(0, 3, 2, 5, 4)]'), 0);
  assert.equal(ev('[max(createArray(0, 3, 2, 5, 4))]'), 5);
  assert.equal(ev('[max(-1, -7)]'), -1);
  assertUnknown(ev('[max(createArray())]'), 'max(): the array is empty');
  assertUnknown(ev("[max(1, 'a')]"), 'max(): expected integers, got a string');
  assertUnknown(ev("[min(parameters('withUnknown'))]", scope), 'not known yet');
});

test('union of objects merges deeply, later values winning', () => {
  assert.deepEqual(
    ev("[union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', 'e'))]"),
    { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' },
  );
  assert.deepEqual(
    ev("[union(json('{\"a\": {\"x\": 1, \"l\": [1]}, \"b\": 1}'), json('{\"A\": {\"y\": 2, \"l\": [2]}}'))]"),
    { a: { x: 1, l: [2], y: 2 }, b: 1 },
  );
  const u = ev("[union(parameters('objWithUnknown'), createObject('b', 2))]", scope);
  assert.deepEqual(u, { a: 1, b: 2 });
});

test('union of arrays keeps distinct items in order', () => {
  assert.deepEqual(ev("[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]"), ['one', 'two', 'three', 'four']);
  assert.deepEqual(ev('[union(createArray(1, 1, 2), createArray(2, 3))]'), [1, 2, 3]);
  assertUnknown(ev("[union(parameters('withUnknown'), createArray('z'))]", scope), 'union(): cannot tell whether items are distinct');
  assertUnknown(ev('[union(createArray(1), createObject())]'), 'union(): arguments must be all objects or all arrays, got an array, an object');
});

test('intersection of objects and arrays', () => {
  assert.deepEqual(
    ev("[intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c'))]"),
    { one: 'a', three: 'c' },
  );
  assert.deepEqual(ev("[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]"), ['two', 'three']);
  assert.deepEqual(ev('[intersection(createArray(1, 1, 2), createArray(1, 2), createArray(2, 1))]'), [1, 2]);
  assert.deepEqual(ev('[intersection(createArray(1), createArray(2))]'), []);
  assertUnknown(ev("[intersection(parameters('objWithUnknown'), createObject('b', 2))]", scope), 'not known yet');
});

test('items / objectKeys / tryGet / shallowMerge', () => {
  assert.deepEqual(ev("[items(createObject('b', 2, 'a', 1))]"), [
    { key: 'a', value: 1 },
    { key: 'b', value: 2 },
  ]);
  assert.deepEqual(ev("[objectKeys(createObject('b', 2, 'a', 1))]"), ['b', 'a']);
  assert.equal(ev("[tryGet(createObject('a', createObject('b', 5)), 'A', 'b')]"), 5);
  assert.equal(ev("[tryGet(createObject('a', 1), 'missing')]"), null);
  assert.equal(ev("[tryGet(createArray(1, 2), 5)]"), null);
  assert.equal(ev("[tryGet(createArray(1, 2), 1)]"), 2);
  assert.deepEqual(ev("[shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('n', createObject('y', 2))))]"), {
    a: 1,
    n: { y: 2 },
  });
});

test('createObject: pairs, later keys replace earlier ones case-insensitively', () => {
  assert.deepEqual(ev("[createObject('a', 1, 'b', createArray(2))]"), { a: 1, b: [2] });
  assert.deepEqual(ev("[createObject('a', 1, 'A', 2)]"), { a: 2 });
  assert.deepEqual(ev('[createObject()]'), {});
  const v = ev("[createObject('known', 1, 'unknown', parameters('nope'))]", scope) as Record<string, Value>;
  assert.equal(v.known, 1);
  assert.ok(isUnknown(v.unknown));
  assertUnknown(ev("[createObject('a')]"), 'createObject(): expects key/value pairs, got 1 arguments');
  assertUnknown(ev("[createObject(parameters('nope'), 1)]", scope), "parameter 'nope'");
});
