import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getProp, propKey, sameKey } from '../../server/src/core/value';

// Property names are matched as Azure matches them: ignoring case, as toLowerCase() folds it.
// The lookups compare without lower-casing each name; these names include the ones where
// that could differ: U+0130 lower-cases to two units, the Kelvin sign to an ASCII 'k'.
const NAMES = ['a', 'A', 'İd', 'i\u0307d', 'ID', 'Id', 'id', 'subnet', 'SUBNET', 'Subnet', 'K', 'k', '\u212a', 'ſ', 'S', 's', 'ΣΑΣ', 'σας', 'İ', 'i\u0307', 'x', '', 'addressPrefix', 'addressPrefixes'];

test('sameKey, propKey and getProp agree with comparing lower-cased names', () => {
  for (const a of NAMES) {
    for (const b of NAMES) {
      const folded = a.toLowerCase() === b.toLowerCase();
      assert.equal(sameKey(a, b), folded, `sameKey(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
      const obj = { other: 1, [a]: 2 };
      const expected = Object.prototype.hasOwnProperty.call(obj, b) ? b : Object.keys(obj).find((k) => k.toLowerCase() === b.toLowerCase());
      assert.equal(propKey(obj, b), expected, `propKey({${JSON.stringify(a)}}, ${JSON.stringify(b)})`);
      assert.equal(getProp(obj, b), expected === undefined ? undefined : obj[expected as keyof typeof obj], `getProp({${JSON.stringify(a)}}, ${JSON.stringify(b)})`);
    }
  }
});

test('getProp: the exact spelling first, then the first key that matches ignoring case', () => {
  assert.equal(getProp({ Name: 1, name: 2 }, 'name'), 2);
  assert.equal(getProp({ NAME: 1, Name: 2 }, 'name'), 1);
  assert.equal(propKey({ NAME: 1, Name: 2 }, 'nAme'), 'NAME');
  assert.equal(getProp({ a: 1 }, 'b'), undefined);
  assert.equal(getProp(['a'] as never, '0'), undefined);
});
