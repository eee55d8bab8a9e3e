import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { findParts, NOT_WELL_FORMED, parseWellFormedTree, type TextFacts } from '../../server/src/parse/wellFormedTree';
import { byteMutant } from '../support/mutations';
import { prngFor, type Prng } from '../support/prng';
import { armTemplate } from '../../scripts/bench/armTemplate';

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** Every field of every node, and parent links checked as the walk goes: two equal results are the same tree. */
function shape(node: Node | undefined, parent?: Node): unknown {
  if (!node) return node;
  assert.equal(node.parent, parent, 'parent link');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (key === 'parent') continue;
    out[key] = key === 'children' ? node.children!.map((c) => shape(c, node)) : (node as unknown as Record<string, unknown>)[key];
  }
  return out;
}

/** The fast path either declines or gives exactly jsonc-parser's tree, and then jsonc-parser finds no error. */
function assertAgrees(text: string, mustTake = false): void {
  const fast = parseWellFormedTree(text);
  assertPartsAgree(text, fast);
  if (fast === NOT_WELL_FORMED) {
    assert.ok(!mustTake, `the fast path declined ${JSON.stringify(text.slice(0, 200))}`);
    return;
  }
  const errors: ParseError[] = [];
  const expected = parseTree(text, errors, OPTIONS);
  assert.deepEqual(errors, [], `jsonc-parser finds errors in a text the fast path took: ${JSON.stringify(text.slice(0, 200))}`);
  assert.deepEqual(shape(fast), shape(expected), JSON.stringify(text.slice(0, 200)));
  if (fast) assert.equal('parent' in fast, false, 'the root has no parent property, as with parseTree');
}

/** The parts of a tree, found by walking it: containers with children, at most `partBytes` long, values of a longer one. */
function partsOf(root: Node | undefined, partBytes: number): Map<number, number> {
  const out = new Map<number, number>();
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const values = n.type === 'object' ? (n.children ?? []).map((p) => p.children?.[1]) : n.type === 'array' ? (n.children ?? []) : [];
    for (const v of values) {
      if (!v || (v.type !== 'object' && v.type !== 'array')) continue;
      if (n.length > partBytes && v.length <= partBytes && (v.children?.length ?? 0) > 0) out.set(v.offset, v.length);
      stack.push(v);
    }
  }
  return out;
}

/** findParts declines what the parse declines, and finds the parts and the text's facts the parse's tree and notes give, at several part sizes. */
function assertPartsAgree(text: string, tree: Node | undefined | null): void {
  const noted: TextFacts = { lineStarts: [0], comments: false };
  if (tree !== NOT_WELL_FORMED) parseWellFormedTree(text, { noted });
  for (const partBytes of [0, 2, 5, 12, 40, 2048]) {
    const facts: TextFacts = { lineStarts: [0], comments: false };
    const parts = findParts(text, partBytes, facts);
    if (tree === NOT_WELL_FORMED) {
      assert.equal(parts, NOT_WELL_FORMED, `findParts took what the parse declines: ${JSON.stringify(text.slice(0, 200))}`);
      continue;
    }
    assert.notEqual(parts, NOT_WELL_FORMED, `findParts declined what the parse takes: ${JSON.stringify(text.slice(0, 200))}`);
    assert.deepEqual(parts ?? new Map(), partsOf(tree, partBytes), `parts of ${partBytes} characters in ${JSON.stringify(text.slice(0, 200))}`);
    assert.deepEqual(facts, noted, `line starts and comments of ${JSON.stringify(text.slice(0, 200))}`);
  }
}

function files(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

const valid = [
  '{}',
  '[]',
  '',
  '   \n\t\r\n ',
  '// only a comment',
  '/* only */',
  '0',
  '-0',
  '"root string"',
  'true',
  'null',
  '{"a": [1, 2.5, -3e2, 1E+2, 4e-1, 0.0, -0.5, true, false, null, {"b": {}}, []], "c": "d", /* x */ "e": [],}',
  '[1,]',
  '{"a":1,}',
  '{"a" : 1 , "b":\t[ 1 , 2 , ] }',
  '{"esc": "a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00", "\\u0041key": 1}',
  '{"unicode": "é😀\u2028\u2029", "ключ": "значение"}',
  '{"dup": 1, "dup": 2, "Dup": 3}',
  '{\r\n  "crlf": 1\r\n}',
  '{\r"lone cr": 1}',
  '{"a": 1 // trailing comment\n, "b": 2}',
  '{"a": /* before */ 1 /* after */}',
  '[1 /* a */, /* b */ 2]',
  '{"big": 123456789012345678901234567890, "small": 1e-400, "huge": 1e400}',
  '{"nested": [[[[{"deep": [[[]]]}]]]]}',
  '{"a": "[concat(parameters(\'x\'), \'y\')]"}',
  '"\\u0000 escaped NUL is fine"',
  // Repeated short strings are shared: the same text gives the same value, a different one of the same length its own.
  '[{"ab": "ba", "ba": "ab"}, {"ab": "ab", "ba": "ba"}, {"a\\u0062": "ab", "": ""}, ["", "xyzzy", "xyzzy", "xyzzz", "zyzzy"]]',
];

const invalid = [
  '{',
  '}',
  '[1 2]',
  '{"a" 1}',
  '{"a": }',
  '{,}',
  '[,]',
  '{"a": 1} extra',
  '{"a": 01}',
  '{"a": 1.}',
  '{"a": 1e}',
  '{"a": -}',
  '{"a": .5}',
  '{"a": +1}',
  '{"a": truex}',
  '{"a": tru}',
  '{"a": True}',
  '{"a": nul}',
  '{"a": undefined}',
  "{'a': 1}",
  '{a: 1}',
  '{"a": "unterminated}',
  '{"a": "line\nbreak"}',
  '{"a": "tab\tinside"}',
  '{"a": "\\x41"}',
  '{"a": "\\u12"}',
  '{"a": 1} /* unclosed',
  '{"a": 1} / 2',
  '\uFEFF{"bom": 1}',
  '{"nbsp":\u00a01}',
  '{"vt":\u000b1}',
  '{"a": 1,,}',
  '[1,,2]',
  '{"a": [}',
  '{"a": {"b": [1, {"c"',
  ':',
  '"a" "b"',
  '[1]]',
];

test('well-formed documents: the same tree as jsonc-parser', () => {
  for (const text of valid) assertAgrees(text, true);
});

test('documents jsonc-parser reports errors in are left to it', () => {
  for (const text of invalid) {
    assert.equal(parseWellFormedTree(text), NOT_WELL_FORMED, JSON.stringify(text));
    assertPartsAgree(text, NOT_WELL_FORMED);
    const errors: ParseError[] = [];
    parseTree(text, errors, OPTIONS);
    // The cases that are only unusual whitespace are valid for jsonc-parser only in name: it reports them.
    assert.ok(errors.length > 0, JSON.stringify(text));
  }
});

test('templates of the corpus, the fixtures and the benchmark take the fast path and give the same tree', () => {
  const texts = [
    ...files('/work/shared/corpus/arm', '.json'),
    ...files('test/fixtures', '.json'),
    ...files('test/samples', '.json'),
    ...files('examples', '.json'),
  ].map((f) => readFileSync(f, 'utf8'));
  texts.push(armTemplate(2, 30));
  for (const text of texts) {
    if (parseTree(text, [], OPTIONS) === undefined && text.trim() !== '') continue;
    const errors: ParseError[] = [];
    parseTree(text, errors, OPTIONS);
    assertAgrees(text, errors.length === 0 && !/[^\x00-\x7f]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')));
  }
});

/** A random JSONC value: every token kind, odd spacing, comments, trailing commas, escapes. */
function randomValue(prng: Prng, depth: number): string {
  const ws = () => prng.pick(['', ' ', '\n', '\r\n', '\t', ' /* c */ ', ' // c\n', '\r']);
  const str = () =>
    '"' +
    Array.from({ length: prng.int(6) }, () => prng.pick(['a', 'Z', ' ', 'é', '😀', '\\n', '\\"', '\\\\', '\\u0041', '\\/', '[', "'", '\u2028'])).join('') +
    '"';
  const kind = depth > 4 ? prng.int(4) : prng.int(6);
  switch (kind) {
    case 0:
      return str();
    case 1:
      return prng.pick(['0', '-0', '12', '-3.25', '1e3', '2E-2', '6.02e+23', '123456789012345678901']);
    case 2:
      return prng.pick(['true', 'false']);
    case 3:
      return 'null';
    case 4: {
      const items = Array.from({ length: prng.int(4) }, () => ws() + randomValue(prng, depth + 1) + ws());
      return '[' + items.join(',') + (items.length > 0 && prng.chance(0.2) ? ',' : '') + ws() + ']';
    }
    default: {
      const props = Array.from({ length: prng.int(4) }, () => ws() + str() + ws() + ':' + ws() + randomValue(prng, depth + 1) + ws());
      return '{' + props.join(',') + (props.length > 0 && prng.chance(0.2) ? ',' : '') + ws() + '}';
    }
  }
}

test('random documents and their byte mutants: the fast path declines or agrees with jsonc-parser', () => {
  const prng = prngFor('wellFormedTree');
  let taken = 0;
  for (let i = 0; i < 3000; i++) {
    const text = randomValue(prng, 0);
    assertAgrees(text, true);
    taken++;
    for (let m = 0; m < 3; m++) assertAgrees(byteMutant(prng, text));
  }
  const template = armTemplate(1, 20);
  for (let i = 0; i < 500; i++) assertAgrees(byteMutant(prng, template));
  assert.ok(taken > 0);
});

test('nesting at the depth limit: findParts declines exactly where the parse declines', () => {
  let declined = 0;
  for (const depth of [999, 1000, 1001, 1002, 1003]) {
    for (const text of ['['.repeat(depth) + ']'.repeat(depth), '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), '['.repeat(depth) + '1' + ']'.repeat(depth)]) {
      const tree = parseWellFormedTree(text);
      if (tree === NOT_WELL_FORMED) declined++;
      assertPartsAgree(text, tree);
    }
  }
  assert.ok(declined > 0 && declined < 15, 'some of them are too deep');
});

test('texts read one after another through the reused buffer of code units: each as jsonc-parser reads it', () => {
  // A long text, then shorter ones (the buffer keeps the long text's units past their end),
  // a text longer than the buffer is kept for, characters beyond one byte, lone surrogates.
  const long = armTemplate(1, 40);
  const beyond = '[' + '"x",'.repeat((1 << 21) / 4) + '1]';
  const texts = [long, '{"a": 1}', '[1, 2]', '"\uD800 lone \uDC00"', '{"é": "😀", "\uDBFF": ["\uDFFF"]}', beyond, '{"b": [true]} ', long.slice(0, 40_000) + ' ', '{"tail": "x"}'];
  for (const text of texts) {
    const tree = parseWellFormedTree(text);
    const errors: ParseError[] = [];
    const expected = parseTree(text, errors, OPTIONS);
    if (errors.length > 0) {
      assert.equal(tree, NOT_WELL_FORMED, JSON.stringify(text.slice(0, 80)));
      continue;
    }
    assert.deepEqual(shape(tree ?? undefined), shape(expected), JSON.stringify(text.slice(0, 80)));
  }
});

/** The objects and arrays of a tree, each with its offset and length. */
function containers(root: Node): Node[] {
  const out: Node[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'object' || n.type === 'array') out.push(n);
    stack.push(...(n.children ?? []));
  }
  return out;
}

test('a range of a text reads as its value read alone, at its offsets in the text, with other texts read in between', () => {
  // A text the scratch buffer holds and one above it (kept with its own units), each read
  // again in ranges while other texts overwrite the buffer between two ranges.
  const small = armTemplate(1, 40);
  const beyond = '{"items": [' + Array.from({ length: 60_000 }, (_, i) => `{"n": ${i}, "s": "value ${i % 7}", "ok": ${i % 2 === 0}, "x": null}`).join(', ') + ']}';
  assert.ok(beyond.length > 1 << 21, 'above the scratch buffer');
  for (const text of [small, beyond]) {
    const whole = parseTree(text, [], OPTIONS)!;
    const all = containers(whole);
    const picked = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 300)) === 0);
    for (const [i, expected] of picked.entries()) {
      if (i % 3 === 1) parseWellFormedTree('{"other": ["text", 1]}');
      if (i % 50 === 2) findParts(beyond === text ? small : beyond, 100);
      const read = parseWellFormedTree(text, { range: { offset: expected.offset, length: expected.length } });
      assert.ok(read, `the ${expected.type} at ${expected.offset}`);
      // Read alone, the value is a root: no parent, as parseTree's root.
      assert.equal('parent' in read, false);
      assert.deepEqual(shape(read), shape(expected, expected.parent), `the ${expected.type} at ${expected.offset}`);
    }
  }
});

test('a range that cuts a value or takes more than one is not well-formed', () => {
  const text = '{"a": 12, "b": true, "c": [1, 2], "d": "x"}';
  const at = (s: string) => text.indexOf(s);
  assert.equal(parseWellFormedTree(text, { range: { offset: at('12'), length: 1 } }), NOT_WELL_FORMED, 'a number cut');
  assert.equal(parseWellFormedTree(text, { range: { offset: at('true'), length: 3 } }), NOT_WELL_FORMED, 'a word cut');
  assert.equal(parseWellFormedTree(text, { range: { offset: at('[1'), length: 4 } }), NOT_WELL_FORMED, 'an array cut');
  assert.equal(parseWellFormedTree(text, { range: { offset: at('"x"'), length: 2 } }), NOT_WELL_FORMED, 'a string cut');
  assert.equal(parseWellFormedTree(text, { range: { offset: at('12'), length: 8 } }), NOT_WELL_FORMED, 'two values');
  assert.equal((parseWellFormedTree(text, { range: { offset: at('[1'), length: 6 } }) as Node).children?.length, 2, 'the array whole');
  assert.equal((parseWellFormedTree(text, { range: { offset: at('12') - 1, length: 3 } }) as Node).value, 12, 'with whitespace around it');
});
