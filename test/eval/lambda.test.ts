import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknown, type Value } from '../../server/src/core/value';
import { assertUnknown, ev, makeScope } from './helpers';

const U = unknown('not known yet');
const subnets = [
  { name: 'ase', prefix: '10.0.1.0/24' },
  { name: 'apps', prefix: '10.0.2.0/24' },
];
const scope = makeScope({ parameters: { subnets, withUnknown: [1, U] } });

test('map builds new values per item; lambda variables are case-insensitive', () => {
  assert.deepEqual(ev("[map(parameters('subnets'), lambda('s', lambdaVariables('S').name))]", scope), ['ase', 'apps']);
  assert.deepEqual(ev("[map(range(1, 3), lambda('n', 'i', add(lambdaVariables('n'), lambdaVariables('i'))))]"), [1, 3, 5]);
  const out = ev("[map(parameters('withUnknown'), lambda('x', add(lambdaVariables('x'), 1)))]", scope) as Value[];
  assert.equal(out[0], 2);
  assert.equal(out[1], U);
});

test('filter keeps the items themselves', () => {
  const kept = ev("[filter(parameters('subnets'), lambda('s', startsWith(lambdaVariables('s').name, 'a')))]", scope) as Value[];
  assert.equal(kept.length, 2);
  assert.equal(kept[0], subnets[0]);
  assert.deepEqual(ev("[filter(parameters('subnets'), lambda('s', equals(lambdaVariables('s').name, 'apps')))]", scope), [subnets[1]]);
  assertUnknown(ev("[filter(parameters('withUnknown'), lambda('x', equals(lambdaVariables('x'), 1)))]", scope), 'not known yet');
  assertUnknown(ev("[filter(range(0, 2), lambda('x', 1))]"), 'filter(): the lambda returned number, expected a boolean');
});

test('reduce, sort, toObject', () => {
  assert.equal(ev("[reduce(range(1, 4), 0, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]"), 10);
  assert.deepEqual(ev("[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]"), [1, 2, 3]);
  assert.deepEqual(ev("[toObject(parameters('subnets'), lambda('s', lambdaVariables('s').name), lambda('s', lambdaVariables('s').prefix))]", scope), {
    ase: '10.0.1.0/24',
    apps: '10.0.2.0/24',
  });
  const byName = ev("[toObject(parameters('subnets'), lambda('s', lambdaVariables('s').name))]", scope) as Record<string, Value>;
  assert.equal(byName.ase, subnets[0]);
});

test('nested lambdas see outer variables', () => {
  assert.deepEqual(
    ev("[map(range(0, 2), lambda('a', map(range(0, 2), lambda('b', concat(string(lambdaVariables('a')), string(lambdaVariables('b')))))))]"),
    [
      ['00', '01'],
      ['10', '11'],
    ],
  );
});

test('lambda misuse is UNKNOWN', () => {
  assertUnknown(ev("[lambda('x', 1)]"), 'lambda() can only be an argument of map, filter, reduce, sort or toObject');
  assertUnknown(ev("[lambdaVariables('x')]"), "lambda variable 'x' is not defined here");
  assertUnknown(ev("[map(range(0, 2), 'x')]"), "map(): expected lambda('name', ...) as an argument");
  assertUnknown(ev("[map(range(0, 2), lambda('a', 'b', 'c', 1))]"), 'map(): the lambda takes 3 parameters; expected 1 or 2');
  assertUnknown(ev("[map(parameters('nope'), lambda('x', 1))]", scope), "parameter 'nope' has no value");
  assertUnknown(ev("[map('abc', lambda('x', 1))]"), 'map(): argument 1 is a string, expected an array');
});
