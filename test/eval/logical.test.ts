import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknown } from '../../server/src/core/value';
import { assertUnknown, ev, makeScope } from './helpers';

const U = unknown('not known yet');
const scope = makeScope({ parameters: { u: U, list: ['a', U], flag: true } });

test('if picks a branch and never evaluates the other', () => {
  assert.equal(ev("[if(true, 'yes', 'no')]"), 'yes');
  assert.equal(ev("[if(false, 'yes', 'no')]"), 'no');
  assert.equal(ev("[if(true, 'x', parameters('u'))]", scope), 'x');
  assert.equal(ev("[if(false, parameters('u'), 'y')]", scope), 'y');
  assert.equal(ev("[if(true, 1, div(1, 0))]"), 1);
  assert.equal(ev("[if(parameters('flag'), 'on', 'off')]", scope), 'on');
});

test('if with an unknown condition: known only when both branches agree', () => {
  assert.equal(ev("[if(parameters('u'), 'same', 'same')]", scope), 'same');
  assert.deepEqual(ev("[if(parameters('u'), createArray(1), createArray(1))]", scope), [1]);
  assert.equal(ev("[if(parameters('u'), 'a', 'b')]", scope), U);
  assertUnknown(ev("[if('true', 1, 2)]"), 'if(): argument 1 is a string, expected a boolean');
});

test('and / or short-circuit over UNKNOWN', () => {
  assert.equal(ev("[and(false, parameters('u'))]", scope), false);
  assert.equal(ev("[and(parameters('u'), false)]", scope), false);
  assert.equal(ev("[and(true, parameters('u'))]", scope), U);
  assert.equal(ev('[and(true, true, true)]'), true);
  assert.equal(ev('[and(true, false, true)]'), false);
  assert.equal(ev("[or(true, parameters('u'))]", scope), true);
  assert.equal(ev("[or(parameters('u'), true)]", scope), true);
  assert.equal(ev("[or(false, parameters('u'))]", scope), U);
  assert.equal(ev('[or(false, false)]'), false);
  assert.equal(ev('[or(false, true)]'), true);
  assertUnknown(ev('[and(true, 1)]'), 'and(): argument 2 is an integer, expected a boolean');
  assertUnknown(ev('[or(true)]'), 'or() takes at least 2 arguments, got 1');
});

test('not', () => {
  assert.equal(ev('[not(true)]'), false);
  assert.equal(ev('[not(false)]'), true);
  assert.equal(ev("[not(parameters('u'))]", scope), U);
  assertUnknown(ev("[not('false')]"), 'not(): argument 1 is a string, expected a boolean');
});

test('coalesce: first non-null; an earlier UNKNOWN makes the answer UNKNOWN', () => {
  assert.equal(ev("[coalesce(null(), null, 'x', 'y')]"), 'x');
  assert.equal(ev("[coalesce('a', parameters('u'))]", scope), 'a');
  assert.equal(ev("[coalesce(null(), parameters('u'), 'b')]", scope), U);
  assert.equal(ev('[coalesce(null(), null())]'), null);
});

test('equals: deep, case-sensitive on strings, type-strict', () => {
  assert.equal(ev("[equals('a', 'a')]"), true);
  assert.equal(ev("[equals('a', 'A')]"), false);
  assert.equal(ev("[equals(1, '1')]"), false);
  assert.equal(ev('[equals(1, 1)]'), true);
  assert.equal(ev('[equals(createArray(1, 2), createArray(1, 2))]'), true);
  assert.equal(ev('[equals(createArray(1, 2), createArray(2, 1))]'), false);
  assert.equal(ev("[equals(createObject('a', 1), createObject('A', 1))]"), true);
  assert.equal(ev("[equals(createObject('a', 1), createObject('a', 1, 'b', 2))]"), false);
  assert.equal(ev('[equals(null(), null())]'), true);
  assert.equal(ev('[equals(null(), 0)]'), false);
});

test('equals with unknown parts: a definite difference still decides', () => {
  assert.equal(ev("[equals(parameters('u'), 'a')]", scope), U);
  assert.equal(ev("[equals(parameters('list'), createArray('b', 'c'))]", scope), false);
  assert.equal(ev("[equals(parameters('list'), createArray('a', 'c', 'd'))]", scope), false);
  assert.equal(ev("[equals(parameters('list'), createArray('a', 'c'))]", scope), U);
});

test('comparisons', () => {
  assert.equal(ev('[less(1, 2)]'), true);
  assert.equal(ev('[less(2, 2)]'), false);
  assert.equal(ev('[lessOrEquals(2, 2)]'), true);
  assert.equal(ev('[greater(3, 2)]'), true);
  assert.equal(ev('[greaterOrEquals(1, 2)]'), false);
  assert.equal(ev("[less('a', 'b')]"), true);
  assert.equal(ev("[greater('b', 'a')]"), true);
  assert.equal(ev("[lessOrEquals('abc', 'abc')]"), true);
  assertUnknown(ev("[less('a', 'B')]"), "less(): the order of 'a' and 'B' depends on case rules");
  assertUnknown(ev("[less(1, 'a')]"), 'less(): cannot compare an integer with a string');
  assert.equal(ev("[less(parameters('u'), 1)]", scope), U);
});

test('bool and int conversions', () => {
  assert.equal(ev("[bool('true')]"), true);
  assert.equal(ev("[bool('False')]"), false);
  assert.equal(ev('[bool(1)]'), true);
  assert.equal(ev('[bool(0)]'), false);
  assert.equal(ev('[bool(true)]'), true);
  assertUnknown(ev("[bool('yes')]"), 'bool(): argument 1 is a string');
  assert.equal(ev("[int('4')]"), 4);
  assert.equal(ev("[int(' -12 ')]"), -12);
  assert.equal(ev('[int(7)]'), 7);
  assertUnknown(ev("[int('4.5')]"), 'int(): argument 1 is a string, expected an integer or a string holding one');
  assertUnknown(ev('[int(true)]'), 'int(): argument 1 is a boolean');
});

test('integer arithmetic truncates like .NET', () => {
  assert.equal(ev('[add(5, 3)]'), 8);
  assert.equal(ev('[sub(5, 7)]'), -2);
  assert.equal(ev('[mul(5, -3)]'), -15);
  assert.equal(ev('[div(8, 3)]'), 2);
  assert.equal(ev('[div(-7, 2)]'), -3);
  assert.equal(ev('[div(-1, 2)]'), 0);
  assert.equal(ev('[mod(7, 3)]'), 1);
  assert.equal(ev('[mod(-7, 3)]'), -1);
  assert.equal(ev('[mod(-4, 2)]'), 0);
  assertUnknown(ev('[div(1, 0)]'), 'div(): division by zero');
  assertUnknown(ev('[mod(1, 0)]'), 'mod(): division by zero');
  assertUnknown(ev("[add('1', 2)]"), 'add(): argument 1 is a string, expected an integer');
  assertUnknown(ev("[add(json('1.5'), 2)]"), 'add(): argument 1 is a number, expected an integer');
  assertUnknown(ev('[mul(9007199254740991, 2)]'), 'mul(): the result is too large');
  assert.equal(ev("[add(parameters('u'), 1)]", scope), U);
});
