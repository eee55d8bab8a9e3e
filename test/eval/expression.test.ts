import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetParsedExpressions, isExpression, parseExpression, parseTemplateExpression, type Expr } from '../../server/src/eval/expression';

/** The tree without offsets, to compare shapes. */
function shape(e: Expr): unknown {
  switch (e.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return e.value;
    case 'null':
      return { null: true };
    case 'call':
      return e.namespace ? { call: `${e.namespace}.${e.name}`, args: e.args.map(shape) } : { call: e.name, args: e.args.map(shape) };
    case 'property':
      return { prop: e.name, of: shape(e.object) };
    case 'index':
      return { index: shape(e.index), of: shape(e.object) };
    case 'error':
      return { error: e.message };
  }
}

function errorOf(source: string): string {
  const e = parseExpression(source);
  assert.equal(e.kind, 'error', `expected a syntax error for ${source}, got ${JSON.stringify(shape(e))}`);
  return e.kind === 'error' ? e.message : '';
}

test('isExpression: brackets at both ends, [[ is an escaped literal', () => {
  assert.equal(isExpression("[parameters('x')]"), true);
  assert.equal(isExpression('[]'), true);
  assert.equal(isExpression("[[parameters('x')]"), false);
  assert.equal(isExpression('plain'), false);
  assert.equal(isExpression('['), false);
  assert.equal(isExpression(''), false);
  assert.equal(isExpression("[concat('a')] "), false, 'ARM does not trim: a trailing space makes a literal');
  assert.equal(isExpression("x[concat('a')]"), false);
});

test('string literals with doubled quotes', () => {
  assert.deepEqual(shape(parseExpression("'it''s'")), "it's");
  assert.deepEqual(shape(parseExpression("''''")), "'");
  assert.deepEqual(shape(parseExpression("''")), '');
  assert.deepEqual(shape(parseExpression("'a]b[c,d)'")), 'a]b[c,d)');
});

test('numbers, including negative and decimal', () => {
  assert.deepEqual(shape(parseExpression('42')), 42);
  assert.deepEqual(shape(parseExpression('-7')), -7);
  assert.deepEqual(shape(parseExpression('0')), 0);
  assert.deepEqual(shape(parseExpression('1.5')), 1.5);
  assert.deepEqual(shape(parseExpression("add(-1, 2)")), { call: 'add', args: [-1, 2] });
});

test('true/false/null bare and as calls', () => {
  assert.deepEqual(shape(parseExpression('true')), true);
  assert.deepEqual(shape(parseExpression('False')), false);
  assert.deepEqual(shape(parseExpression('null')), { null: true });
  assert.deepEqual(shape(parseExpression('true()')), { call: 'true', args: [] });
  assert.deepEqual(shape(parseExpression('null()')), { call: 'null', args: [] });
});

test('nested calls and whitespace', () => {
  assert.deepEqual(shape(parseExpression(" concat ( 'a' ,\n\tparameters( 'b' ) , toLower('C'))  ")), {
    call: 'concat',
    args: ['a', { call: 'parameters', args: ['b'] }, { call: 'toLower', args: ['C'] }],
  });
});

test('chained property and index access after any primary', () => {
  assert.deepEqual(shape(parseExpression("parameters('x').a[0]['b']")), {
    index: 'b',
    of: { index: 0, of: { prop: 'a', of: { call: 'parameters', args: ['x'] } } },
  });
  assert.deepEqual(shape(parseExpression("reference('v').properties . subnets[add(1, 1)].id")), {
    prop: 'id',
    of: {
      index: { call: 'add', args: [1, 1] },
      of: { prop: 'subnets', of: { prop: 'properties', of: { call: 'reference', args: ['v'] } } },
    },
  });
  assert.deepEqual(shape(parseExpression("'abc'[0]")), { index: 0, of: 'abc' });
  assert.deepEqual(shape(parseExpression("createArray(1)[0]")), { index: 0, of: { call: 'createArray', args: [1] } });
});

test('user-defined functions have a namespace', () => {
  assert.deepEqual(shape(parseExpression("contoso.uniqueName( 'a' )")), { call: 'contoso.uniqueName', args: ['a'] });
  assert.deepEqual(shape(parseExpression("contoso . uniqueName('a').b")), {
    prop: 'b',
    of: { call: 'contoso.uniqueName', args: ['a'] },
  });
});

test('offsets locate nodes inside the source', () => {
  const e = parseExpression("concat('a', parameters('p'))");
  assert.equal(e.kind, 'call');
  if (e.kind !== 'call') return;
  assert.deepEqual([e.start, e.end], [0, 28]);
  assert.deepEqual([e.args[0].start, e.args[0].end], [7, 10]);
  assert.deepEqual([e.args[1].start, e.args[1].end], [12, 27]);
});

test('syntax errors give an error node with a short message', () => {
  assert.equal(errorOf(''), 'empty expression');
  assert.equal(errorOf('   '), 'empty expression');
  assert.equal(errorOf("'abc"), 'unterminated string');
  assert.equal(errorOf("concat('a'"), "expected ')' to close concat(");
  assert.equal(errorOf("concat('a',)"), 'expected an argument after ,');
  assert.equal(errorOf("concat('a' 'b')"), "expected ',' or ')' but found '''");
  assert.equal(errorOf('foo'), "expected '(' after 'foo'");
  assert.equal(errorOf("parameters('x')."), "expected a property name after '.'");
  assert.equal(errorOf("parameters('x')[0"), "expected ']'");
  assert.equal(errorOf("parameters('x')[]"), 'expected an index inside [ ]');
  assert.equal(errorOf("concat('a')) "), "unexpected ')'");
  assert.equal(errorOf('(1)'), "unexpected '('");
  assert.equal(errorOf('12abc'), 'invalid number');
  assert.equal(errorOf('-'), "unexpected '-'");
  assert.equal(errorOf("'a' 'b'"), "unexpected '''");
});

test('error nodes point at the problem', () => {
  const e = parseExpression("concat('a' 'b')");
  assert.equal(e.kind, 'error');
  assert.deepEqual([e.start, e.end], [11, 12]);
});

test('deep nesting is an error, not a stack overflow', () => {
  assert.equal(errorOf('a('.repeat(10000) + ')'.repeat(10000)), 'expression is nested too deeply');
  assert.equal(errorOf('('.repeat(10000)), "unexpected '('");
  assert.equal(errorOf("parameters('x')" + '.a'.repeat(10000)), 'expression is nested too deeply');
  assert.equal(errorOf("parameters('x')" + '[0]'.repeat(10000)), 'expression is nested too deeply');
  // Moderate nesting is fine.
  assert.equal(parseExpression('add(1, '.repeat(50) + '1' + ')'.repeat(50)).kind, 'call');
});

test('parsing is memoised: the same text gives the same frozen tree', () => {
  const a = parseExpression("concat('memo', 'test')");
  const b = parseExpression("concat('memo', 'test')");
  assert.equal(a, b);
  assert.ok(Object.isFrozen(a));
  // The cache is bounded: parsing many distinct expressions still works and re-parses equal trees.
  for (let i = 0; i < 6000; i++) parseExpression(`add(${i}, 1)`);
  assert.deepEqual(shape(parseExpression("concat('memo', 'test')")), { call: 'concat', args: ['memo', 'test'] });
});

test('parse cache: a template string parses to the tree of its inner text, kept until forgotten and bounded', () => {
  const text = "[concat(parameters('prefix'), '-vnet')]";
  const tree = parseTemplateExpression(text);
  assert.deepEqual(tree, parseExpression(text.slice(1, -1)));
  assert.equal(parseTemplateExpression(text), tree, 'the same text gives the kept tree');
  assert.ok(Object.isFrozen(tree), 'kept trees are shared, so frozen');
  // Thousands of other expressions later, a tree still in use is kept; one never asked for again is not.
  const unused = parseTemplateExpression("[variables('never again')]");
  for (let i = 0; i < 6000; i++) {
    parseTemplateExpression(`[variables('v${i}')]`);
    if (i % 1000 === 0) assert.equal(parseTemplateExpression(text), tree);
  }
  assert.equal(parseTemplateExpression(text), tree);
  assert.notEqual(parseTemplateExpression("[variables('never again')]"), unused);
  forgetParsedExpressions();
  const again = parseTemplateExpression(text);
  assert.notEqual(again, tree, 'forgotten: parsed anew');
  assert.deepEqual(again, tree);
  assert.equal(errorOf(''), 'empty expression');
});
