import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectPath } from '../../server/src/eval/bicep/jsonPath';
import { parseYaml } from '../../server/src/eval/bicep/yaml';
import { isUnknown, type Value } from '../../server/src/core/value';

const yaml = (...lines: string[]) => parseYaml(lines.join('\n'));

function assertUnknown(v: Value, reason?: RegExp): void {
  assert.ok(isUnknown(v), `expected UNKNOWN, got ${JSON.stringify(v)}`);
  if (reason) assert.match(v.reason, reason);
}

test('YAML: block mappings and sequences, compact mappings in sequences, same-indent sequences under a key', () => {
  assert.deepEqual(
    yaml(
      '---',
      'name: ase-nsg   # the NSG',
      'rules:',
      '- name: a',
      '  ports: [ 443, "454-455" ]',
      '- name: b',
      '  nested:',
      '    - - x',
      '      - y',
      '    -',
      '      deep: true',
      'empty:',
      "quoted: 'it''s # not a comment'",
      'escaped: "tab\\there \\u00e9"',
      'flow: { a: 1, "b": [], c: {} }',
      '...',
    ),
    {
      name: 'ase-nsg',
      rules: [
        { name: 'a', ports: [443, '454-455'] },
        { name: 'b', nested: [['x', 'y'], { deep: true }] },
      ],
      empty: null,
      quoted: "it's # not a comment",
      escaped: 'tab\there \u00e9',
      flow: { a: 1, b: [], c: {} },
    },
  );
  assert.equal(yaml(''), null);
  assert.deepEqual(yaml('- 1', '- -2', '- ~', '- FALSE'), [1, -2, null, false]);
});

test('YAML: scalars Bicep releases read differently are UNKNOWN, the rest of the file is still read', () => {
  const v = yaml('a: 010', 'b: 0x1F', 'c: 1.5', "d: '443'", 'e: tRuE', 'f: "true"', 'g: https://example.com', 'h: 1_000', 'i: .inf', 'j: plain text');
  assert.ok(v && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v));
  const o = v as Record<string, Value>;
  for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) assertUnknown(o[k], /read differently by Bicep releases/);
  assert.equal(o.j, 'plain text');
});

test('YAML: the rest of the language is read as YAML 1.2 reads it (anchors, block scalars, multi-line values, directives)', () => {
  assert.deepEqual(yaml('a: &x 1', 'b: *x'), { a: 1, b: 1 });
  assert.deepEqual(yaml('a: |', '  text', 'b: >', '  folded', '  text'), { a: 'text\n', b: 'folded text\n' });
  assert.deepEqual(yaml('a: plain', '  continued'), { a: 'plain continued' });
  assert.deepEqual(yaml('a: [1,', '  2]'), { a: [1, 2] });
  assert.deepEqual(yaml('%YAML 1.2', '---', 'a: 1'), { a: 1 });
  assertUnknown((yaml('a: !!str 1') as Record<string, Value>).a, /read differently/);
});

test('YAML: what is not valid, or not one plain document, makes the whole file UNKNOWN', () => {
  const cases: string[][] = [
    ['a: "open'],
    ['a: 1', '---', 'b: 2'],
    ['a: 1', 'a: 2'],
    ['a:', '\tb: 1'],
    ['a:', '    b: 1', '  c: 2'],
    ['? [complex]', ': key'],
    ['/* comment */', 'a: 1'],
    ['a: b: c'],
    ['a: !custom 1'],
  ];
  for (const c of cases) assertUnknown(parseYaml(c.join('\n')), /YAML file/);
  // Aliases that expand without end (the "billion laughs") stop at a bound.
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}]`);
  assertUnknown(parseYaml(laughs.join('\n')), /too many aliases/);
});

test('JSONPath: the subset templates use, with Newtonsoft semantics', () => {
  const root: Value = { a: { b: [1, 2, 3] }, list: [{ p: 'x' }, { p: 'y' }], 'k.ey': 5 };
  assert.deepEqual(selectPath(root, '$'), root);
  assert.deepEqual(selectPath(root, '$.a.b'), [1, 2, 3]);
  assert.deepEqual(selectPath(root, 'a.b[2]'), 3);
  assert.deepEqual(selectPath(root, "$['k.ey']"), 5);
  assert.deepEqual(selectPath(root, '$.list[*].p'), ['x', 'y']);
  assert.deepEqual(selectPath(root, '$.list[1]'), { p: 'y' });
  assertUnknown(selectPath(root, '$.A'), /selects nothing/);
  assertUnknown(selectPath(root, '$.a.b[3]'), /selects nothing/);
  assertUnknown(selectPath(root, '$..p'), /not evaluated/);
  assertUnknown(selectPath(root, '$.list[0:1]'), /not evaluated/);
  assertUnknown(selectPath(root, '$.list[-1]'), /not evaluated/);
  assertUnknown(selectPath(root, "$.list[?(@.p == 'x')]"), /not evaluated/);
  assertUnknown(selectPath(root, '$.list.*'), /not evaluated/);
});
