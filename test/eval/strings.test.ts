import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertUnknown, ev, makeScope } from './helpers';

test('concat joins strings, with numbers and booleans written as ARM does', () => {
  assert.equal(ev("[concat('a', 'b', 'c')]"), 'abc');
  assert.equal(ev("[concat('nic-', 3)]"), 'nic-3');
  assert.equal(ev("[concat('flag-', true())]"), 'flag-True');
  assert.equal(ev("[concat('only')]"), 'only');
  assertUnknown(ev("[concat('a', createArray('b'))]"), 'concat(): argument 2 is an array, expected a string, like the first argument');
  assertUnknown(ev("[concat('a', createObject())]"), 'concat(): argument 2 is an object');
  assertUnknown(ev("[concat('a', null())]"), 'concat(): argument 2 is null');
});

test('concat composes with resourceId to name a subnet', () => {
  assert.equal(
    ev("[concat(resourceId('Microsoft.Network/virtualNetworks', 'v'), '/subnets/', 's')]"),
    '/subscriptions/\uE000subscriptionId\uE001/resourceGroups/\uE000resourceGroupName\uE001/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
  );
});

test('format: .NET composite formatting', () => {
  assert.equal(ev("[format('{0}-{1}', 'ase', 'subnet')]"), 'ase-subnet');
  assert.equal(ev("[format('{1}{0}{1}', 'a', 'b')]"), 'bab');
  assert.equal(ev("[format('{{literal}} {0}', 'x')]"), '{literal} x');
  assert.equal(ev("[format('Hello, {0}. Formatted number: {1:N0}', 'User', 8175133)]"), 'Hello, User. Formatted number: 8,175,133');
  assert.equal(ev("[format('{0:N2}', 1234)]"), '1,234.00');
  assert.equal(ev("[format('{0:D3}', 7)]"), '007');
  assert.equal(ev("[format('{0:D3}', -7)]"), '-007');
  assert.equal(ev("[format('{0:X}', 255)]"), 'FF');
  assert.equal(ev("[format('{0:x4}', 255)]"), '00ff');
  assert.equal(ev("[format('{0:F1}', 3)]"), '3.0');
  assert.equal(ev("[format('[{0,5}]', 'ab')]"), '[   ab]');
  assert.equal(ev("[format('[{0,-5}]', 'ab')]"), '[ab   ]');
  assert.equal(ev("[format('{0:yyyy}', 'ab')]"), 'ab', 'specifiers on strings are ignored');
  assert.equal(ev("[format('{0:E}', 12)]"), '12', 'unsupported specifiers keep the value');
  assert.equal(ev("[format('{0}', false)]"), 'False');
  assert.equal(ev("[format('no items')]"), 'no items');
  assertUnknown(ev("[format('{1}', 'a')]"), 'format(): {1} has no matching argument');
  assertUnknown(ev("[format('{0', 'a')]"), 'format(): invalid format item at position 0');
  assertUnknown(ev("[format('a}b', 'a')]"), "format(): unmatched '}' at position 1");
  assertUnknown(ev("[format('{0}', createObject())]"), 'format(): cannot turn an object into text');
  assertUnknown(ev('[format(1)]'), 'format(): argument 1 is an integer, expected a string');
});

test('format ignores UNKNOWN arguments it does not use', () => {
  assert.equal(ev("[format('{0}', 'a', parameters('missing'))]"), 'a');
  assertUnknown(ev("[format('{1}', 'a', parameters('missing'))]"), "parameter 'missing' has no value");
  assertUnknown(ev("[format(parameters('missing'), 'a')]"), "parameter 'missing' has no value");
});

test('toLower / toUpper', () => {
  assert.equal(ev("[toLower('AbC')]"), 'abc');
  assert.equal(ev("[toUpper('AbC')]"), 'ABC');
  assertUnknown(ev('[toLower(1)]'), 'toLower(): argument 1 is an integer, expected a string');
});

test('replace replaces every occurrence, case-sensitively', () => {
  assert.equal(ev("[replace('123-123-1234', '-', '')]"), '1231231234');
  assert.equal(ev("[replace('aAa', 'a', 'x')]"), 'xAx');
  assertUnknown(ev("[replace('abc', '', 'x')]"), 'replace(): the string to replace is empty');
});

test('split on a string or any of several delimiters, keeping empty entries', () => {
  assert.deepEqual(ev("[split('one,two,three', ',')]"), ['one', 'two', 'three']);
  assert.deepEqual(ev("[split('one;two,three', createArray(',', ';'))]"), ['one', 'two', 'three']);
  assert.deepEqual(ev("[split('a,,b,', ',')]"), ['a', '', 'b', '']);
  assert.deepEqual(ev("[split('abc', '')]"), ['abc']);
  assert.deepEqual(ev("[split('a--b-c', createArray('--', '-'))]"), ['a', 'b', 'c']);
  assert.deepEqual(ev("[split('', ',')]"), ['']);
  assertUnknown(ev("[split('a', 1)]"), 'split(): argument 2 is an integer, expected a string or an array of strings');
});

test('substring with and without a length', () => {
  assert.equal(ev("[substring('one two three', 4, 3)]"), 'two');
  assert.equal(ev("[substring('one two three', 4)]"), 'two three');
  assert.equal(ev("[substring('abc', 3)]"), '');
  assert.equal(ev("[substring('abc', 0, 0)]"), '');
  assertUnknown(ev("[substring('1234567890', 0, 11)]"), 'substring(): start 0 and length 11 are outside the string (length 10)');
  assertUnknown(ev("[substring('abc', -1)]"), 'substring(): the start and length must not be negative');
});

test('indexOf / lastIndexOf are case-insensitive', () => {
  assert.equal(ev("[indexOf('test', 't')]"), 0);
  assert.equal(ev("[lastIndexOf('test', 't')]"), 3);
  assert.equal(ev("[indexOf('abcdef', 'CD')]"), 2);
  assert.equal(ev("[lastIndexOf('abcdef', 'AB')]"), 0);
  assert.equal(ev("[indexOf('abcdef', 'z')]"), -1);
  assert.equal(ev("[lastIndexOf('abcdef', 'z')]"), -1);
});

test('indexOf / lastIndexOf on arrays compare items', () => {
  assert.equal(ev("[indexOf(createArray('a', 'b', 'a'), 'a')]"), 0);
  assert.equal(ev("[lastIndexOf(createArray('a', 'b', 'a'), 'a')]"), 2);
  assert.equal(ev("[indexOf(createArray(1, 2), 3)]"), -1);
  assert.equal(ev("[indexOf(createArray('A'), 'a')]"), -1);
  assertUnknown(ev("[indexOf(createArray(parameters('u'), 'a'), 'a')]"), "parameter 'u' has no value");
  assert.equal(ev("[indexOf(createArray('a', parameters('u')), 'a')]"), 0);
});

test('startsWith / endsWith are case-insensitive', () => {
  assert.equal(ev("[startsWith('abcdef', 'ab')]"), true);
  assert.equal(ev("[startsWith('abcdef', 'AB')]"), true);
  assert.equal(ev("[startsWith('abcdef', 'e')]"), false);
  assert.equal(ev("[endsWith('abcdef', 'ef')]"), true);
  assert.equal(ev("[endsWith('abcdef', 'EF')]"), true);
  assert.equal(ev("[endsWith('abcdef', 'e')]"), false);
});

test('trim removes surrounding whitespace', () => {
  assert.equal(ev("[trim('  one two three   ')]"), 'one two three');
  assert.equal(ev("[trim('x')]"), 'x');
});

test('padLeft', () => {
  assert.equal(ev("[padLeft('123', 10, '0')]"), '0000000123');
  assert.equal(ev('[padLeft(7, 3)]'), '  7');
  assert.equal(ev("[padLeft('abcdef', 3, '0')]"), 'abcdef');
  assertUnknown(ev("[padLeft('1', 3, '00')]"), 'padLeft(): argument 3 is a string, expected a single character');
});

test('string() converts like ARM', () => {
  assert.equal(ev("[string(createObject('valueA', 10, 'valueB', 'Example Text'))]"), '{"valueA":10,"valueB":"Example Text"}');
  assert.equal(ev("[string(createArray('a', 'b', 'c'))]"), '["a","b","c"]');
  assert.equal(ev('[string(5)]'), '5');
  assert.equal(ev('[string(true)]'), 'True');
  assert.equal(ev("[string('s')]"), 's');
  assertUnknown(ev("[string(createArray(parameters('u')))]"), "parameter 'u' has no value");
});

test('join', () => {
  assert.equal(ev("[join(createArray('a', 'b', 'c'), ', ')]"), 'a, b, c');
  assert.equal(ev("[join(createArray('a', 1, true), '-')]"), 'a-1-True');
  assert.equal(ev("[join(createArray(), ',')]"), '');
  assertUnknown(ev("[join(createArray('a', parameters('u')), ',')]"), "parameter 'u' has no value");
});

test('json parses JSON text; anything else is UNKNOWN', () => {
  assert.deepEqual(ev('[json(\'{"a": [1, 2], "b": null}\')]'), { a: [1, 2], b: null });
  assert.equal(ev("[json('null')]"), null);
  assert.equal(ev("[json('1.5')]"), 1.5);
  assert.equal(ev('[json(\'"text"\')]'), 'text');
  assertUnknown(ev("[json('{oops')]"), 'json(): the string is not valid JSON');
  assertUnknown(ev("[json(createObject())]"), 'json(): argument 1 is an object, expected a string');
});

test('string functions with a known scope argument', () => {
  const scope = makeScope({ parameters: { name: 'Contoso-ASE' } });
  assert.equal(ev("[toLower(replace(parameters('name'), '-', ''))]", scope), 'contosoase');
  assert.equal(ev("[take(parameters('name'), 7)]", scope), 'Contoso');
});
