import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknown, type Value } from '../../server/src/core/value';
import { evaluateExpr, evaluateString } from '../../server/src/eval/evaluate';
import { parseExpression, type Expr } from '../../server/src/eval/expression';
import type { Scope } from '../../server/src/eval/scope';
import { assertUnknown, ev, makeScope } from './helpers';

test('plain strings are themselves; [[ loses one bracket', () => {
  assert.equal(ev('hello'), 'hello');
  assert.equal(ev(''), '');
  assert.equal(ev("[[concat('a')]"), "[concat('a')]");
  assert.equal(ev('[[literal]'), '[literal]');
  assert.equal(ev('[[not closed'), '[[not closed', 'only a would-be expression is unescaped');
  assert.equal(ev("[concat('a')] "), "[concat('a')] ");
});

test('literals evaluate to themselves', () => {
  assert.equal(ev("['it''s']"), "it's");
  assert.equal(ev('[42]'), 42);
  assert.equal(ev('[-3]'), -3);
  assert.equal(ev('[true]'), true);
  assert.equal(ev('[false()]'), false);
  assert.equal(ev('[null]'), null);
  assert.equal(ev('[null()]'), null);
});

test('parameters and variables come from the scope, case-insensitively', () => {
  const scope = makeScope({ parameters: { vnetName: 'vnet1' }, variables: { prefix: '10.0.0.0/16' } });
  assert.equal(ev("[parameters('vnetName')]", scope), 'vnet1');
  assert.equal(ev("[PARAMETERS('VNETNAME')]", scope), 'vnet1');
  assert.equal(ev("[variables('PREFIX')]", scope), '10.0.0.0/16');
  assertUnknown(ev("[parameters('missing')]", scope), "parameter 'missing' has no value");
  assertUnknown(ev('[parameters(1)]', scope), 'parameters(): argument 1 is an integer, expected a string');
});

test('identity: values passing through are the same objects, never copies', () => {
  const subnet = { name: 'ase', properties: { addressPrefix: '10.0.1.0/24' } };
  const subnets = [subnet, { name: 'other' }];
  const settings = { subnets, nsg: { rules: [] as Value[] } };
  const scope = makeScope({ parameters: { settings }, variables: { x: settings, list: subnets, nothing: null } });
  assert.equal(ev("[variables('x')]", scope), settings);
  assert.equal(ev("[parameters('settings')]", scope), settings);
  assert.equal(ev("[parameters('settings').subnets]", scope), subnets);
  assert.equal(ev("[parameters('settings').subnets[0]]", scope), subnet);
  assert.equal(ev("[variables('x')['NSG']]", scope), settings.nsg);
  assert.equal(ev("[if(true, variables('x'), 'no')]", scope), settings);
  assert.equal(ev("[if(false, 'no', variables('list'))]", scope), subnets);
  assert.equal(ev("[first(variables('list'))]", scope), subnet);
  assert.equal(ev("[last(variables('list'))]", scope), subnets[1]);
  assert.equal(ev("[coalesce(variables('nothing'), variables('x'))]", scope), settings);
  assert.equal(ev("[array(variables('list'))]", scope), subnets);
  const taken = ev("[take(variables('list'), 1)]", scope) as Value[];
  assert.equal(taken[0], subnet, 'take keeps the items themselves');
  const joined = ev("[concat(variables('list'), createArray(variables('x')))]", scope) as Value[];
  assert.equal(joined[0], subnet);
  assert.equal(joined[2], settings);
  const filtered = ev("[filter(variables('list'), lambda('s', equals(lambdaVariables('s').name, 'ase')))]", scope) as Value[];
  assert.deepEqual(filtered, [subnet]);
  assert.equal(filtered[0], subnet);
  const obj = ev("[createObject('s', variables('x'))]", scope) as { s: Value };
  assert.equal(obj.s, settings);
});

test('property access is case-insensitive; a missing property is UNKNOWN', () => {
  const scope = makeScope({ parameters: { o: { Properties: { AddressPrefix: '10.0.0.0/24' } } } });
  assert.equal(ev("[parameters('o').properties.addressPrefix]", scope), '10.0.0.0/24');
  assert.equal(ev("[parameters('o')['PROPERTIES']['addressprefix']]", scope), '10.0.0.0/24');
  assertUnknown(ev("[parameters('o').nope]", scope), "property 'nope' does not exist");
  assertUnknown(ev("[parameters('o').properties.addressPrefix.x]", scope), "cannot read property 'x' of a string");
  assertUnknown(ev("[createArray(1).x]", scope), "cannot read property 'x' of an array");
  assertUnknown(ev("[null().x]", scope), "cannot read property 'x' of null");
});

test('indexing arrays and objects', () => {
  const scope = makeScope({ parameters: { a: ['x', 'y'], o: { k: 1 } } });
  assert.equal(ev("[parameters('a')[1]]", scope), 'y');
  assert.equal(ev("[parameters('a')[add(0, 1)]]", scope), 'y');
  assert.equal(ev("[parameters('o')['K']]", scope), 1);
  assertUnknown(ev("[parameters('a')[2]]", scope), 'index 2 is outside the array (length 2)');
  assertUnknown(ev("[parameters('a')[-1]]", scope), 'index -1 is outside the array');
  assertUnknown(ev("[parameters('a')['x']]", scope), 'cannot index an array with a string');
  assertUnknown(ev("[parameters('o')[0]]", scope), 'cannot index an object with an integer');
  assertUnknown(ev("[parameters('o')['missing']]", scope), "property 'missing' does not exist");
  assertUnknown(ev("['abc'[0]]", scope), 'cannot index a string');
});

test('UNKNOWN propagates and keeps the first reason', () => {
  const scope = makeScope({ parameters: { known: 'k' } });
  const v = ev("[concat(parameters('a'), parameters('b'))]", scope);
  assertUnknown(v, "parameter 'a' has no value");
  assertUnknown(ev("[parameters('a').b.c[0]]", scope), "parameter 'a' has no value");
  assertUnknown(ev("[parameters('known')[parameters('i')]]", scope), "parameter 'i' has no value");
  assertUnknown(ev("[toLower(parameters('a'))]", scope), "parameter 'a' has no value");
  assertUnknown(ev("[length(parameters('a'))]", scope), "parameter 'a' has no value");
});

test('UNKNOWN property access returns the very same UNKNOWN', () => {
  const u = unknown('not deployed yet');
  const scope = makeScope({ parameters: { p: u } });
  assert.equal(ev("[parameters('p').a.b]", scope), u);
  assert.equal(ev("[parameters('p')[0]]", scope), u);
});

test('unknown and run-time functions are UNKNOWN naming the function', () => {
  assertUnknown(ev("[foo('a')]"), "function 'foo' is not evaluated");
  // uniqueString, guid, newGuid and utcNow are symbols, not UNKNOWN (symbolic.test.ts).
  assertUnknown(ev("[uniqueString(parameters('p'))]", makeScope({ parameters: { p: unknown('no p') } })), 'no p');
  assertUnknown(ev("[listKeys('id', '2020-01-01').keys[0].value]"), 'listKeys() is known only at deployment time');
  assertUnknown(ev("[listSecrets('id', '2020-01-01')]"), 'listSecrets() is known only at deployment time');
  assertUnknown(ev("[LISTconnectionStrings('id', '2020-01-01')]"), 'LISTconnectionStrings() is known only at deployment time');
  assertUnknown(ev("[reference('vnet1').addressSpace]"), 'reference() is known only at deployment time');
});

test('wrong argument counts are UNKNOWN', () => {
  assertUnknown(ev("[toLower('a', 'b')]"), 'toLower() takes 1 argument, got 2');
  assertUnknown(ev("[substring()]"), 'substring() takes 1 to 3 arguments, got 0');
  assertUnknown(ev('[concat()]'), 'concat() takes at least 1 argument');
  assertUnknown(ev("[if(true, 1)]"), 'if() takes 3 arguments, got 2');
});

test('user-defined functions go to the scope', () => {
  const calls: Value[][] = [];
  const scope: Scope = {
    ...makeScope(),
    userFunction: (ns, member, args) => {
      calls.push([ns, member, ...args]);
      return `${ns}.${member}:${args.join(',')}`;
    },
  };
  assert.equal(ev("[contoso.name('a', 1)]", scope), 'contoso.name:a,1');
  assert.deepEqual(calls, [['contoso', 'name', 'a', 1]]);
  assertUnknown(ev("[contoso.name('a')]"), "user-defined function 'contoso.name' is not evaluated");
});

test('a scope that throws yields UNKNOWN, not an exception', () => {
  const scope: Scope = {
    parameter: () => {
      throw new Error('boom');
    },
    variable: () => unknown('x'),
    copyIndex: () => unknown('x'),
  };
  assertUnknown(ev("[parameters('a')]", scope), 'parameters() failed: boom');
  assertUnknown(ev("[concat('x', parameters('a'))]", scope), 'parameters() failed: boom');
});

test('syntax errors evaluate to UNKNOWN with the message', () => {
  assertUnknown(ev("[concat('a']"), "invalid expression: expected ')' to close concat(");
  assertUnknown(ev('[]'), 'invalid expression: empty expression');
});

test('never throws on malformed input', () => {
  const inputs = [
    '[', ']', '[]', '[ ]', '[[', '[[]', '[(]', '[)]', "[']", "['''']", "[''']", '[,]', '[.]', '[..]', '[a.]', '[a.b]',
    '[a.b.c()]', "[concat(]", "[concat(,)]", "[concat('a',,'b')]", '[1 2]', '[-]', '[--1]', '[1.]', '[.5]', '[0x10]',
    "[parameters('x')[]]", "[parameters('x')[0]", "[parameters('x')..a]", '[if()]', '[if(1,2,3)]', '[and(1, 2)]',
    '[not(1)]', "[add('a', 1)]", '[div(1, 0)]', '[mod(1, 0)]', "[substring('abc', 5)]", "[range(0, -1)]",
    "[range(0, 100000000)]", "[json('{')]", "[format('{0')]", "[format('{5}', 1)]", "[format('}')]",
    "[resourceId()]", "[resourceId('a')]", "[resourceId('a', 'b', 'c', 'd', 'e')]", '[copyIndex(true)]',
    "[createObject('a')]", '[createObject(1, 2)]', "[union(createArray(1), createObject())]", '[lambda()]',
    "[map(createArray(1), 'notalambda')]", "[lambdaVariables('x')]", "[cidrSubnet('x', 1, 1)]",
    "[parseCidr('10.0.0.0/33')]", '[\u0000]', '[\uE000]', "['\uE000']", '[🙂()]', "[concat('a')('b')]",
    '[ns.]', '[ns.f]', '[true.x]', '[null[0]]', "[split('a', createArray(1))]",
  ];
  for (const s of inputs) {
    assert.doesNotThrow(() => ev(s), `threw for ${s}`);
  }
  // All of these are either UNKNOWN or a literal string; a few spot checks on exact results:
  assertUnknown(ev('[div(1, 0)]'), 'div(): division by zero');
  assertUnknown(ev("[substring('abc', 5)]"), 'substring(): start 5 and length 0 are outside the string (length 3)');
  assertUnknown(ev('[if(1,2,3)]'), 'if(): argument 1 is an integer, expected a boolean');
  assertUnknown(ev('[a.b]'), "invalid expression: expected '(' after 'a'");
  assert.equal(ev('[['), '[[');
  assert.equal(ev('[[]'), '[]');
});

test('10,000 nested calls do not overflow the stack', () => {
  assertUnknown(ev('[' + 'concat('.repeat(10000) + "'a'" + ')'.repeat(10000) + ']'), 'nested too deeply');
  assertUnknown(ev('[' + 'if(true, '.repeat(10000) + '1' + ', 0)'.repeat(10000) + ']'), 'nested too deeply');
  assertUnknown(ev('[' + '('.repeat(10000) + ']'), "unexpected '('");
});

test('hand-built deep trees are cut off, not overflowed', () => {
  let e: Expr = { kind: 'string', value: 'x', start: 0, end: 0 };
  for (let i = 0; i < 100000; i++) e = { kind: 'call', name: 'toLower', args: [e], start: 0, end: 0 };
  assertUnknown(evaluateExpr(e, makeScope()), 'nested too deeply');
});

test('evaluateExpr evaluates a parsed tree', () => {
  const scope = makeScope({ parameters: { n: 2 } });
  assert.equal(evaluateExpr(parseExpression("add(parameters('n'), 3)"), scope), 5);
});

test('evaluateString tolerates a non-string at run time', () => {
  assertUnknown(evaluateString(42 as unknown as string, makeScope()), 'not a string');
});

test('an expression that would build huge values is UNKNOWN, not an allocation spree', () => {
  assertUnknown(ev("[map(range(0, 10000), lambda('i', range(0, 10000)))]"), 'the expression builds values too large to evaluate');
  assertUnknown(ev("[padLeft('a', 100000000, 'x')]"), 'padLeft(): a length of 100000000 is too large to evaluate');
  // Ordinary work stays well inside the budget.
  assert.equal((ev("[map(range(0, 1000), lambda('i', concat('subnet-', string(lambdaVariables('i')))))]") as string[])[999], 'subnet-999');
});
