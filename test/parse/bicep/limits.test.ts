import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DEPTH, parseBicep } from '../../../server/src/parse/bicep';
import { checkTree } from './treeChecks';

/** Parses, checks the tree and returns its depth and messages. */
function survey(text: string): { depth: number; messages: string[]; kinds: string[] } {
  const file = parseBicep(text);
  const depth = checkTree(file, text);
  return { depth, messages: file.diagnostics.map((d) => d.message), kinds: file.declarations.map((d) => d.kind) };
}

// Each nesting level of the parser adds at most a few tree levels (object → property → value).
const DEPTH_BOUND = 3 * MAX_DEPTH + 10;

test('10,000 nested brackets, parens, braces and holes neither overflow nor deepen the tree past the limit', () => {
  const n = 10_000;
  for (const [open, close] of [
    ['[', ']'],
    ['(', ')'],
    ['{a:', '}'],
    ["'${", "}'"],
    ['[for x in ', ': x]'],
  ]) {
    for (const text of [`var x = ${open.repeat(n)}1${close.repeat(n)}\nparam after string\n`, `var x = ${open.repeat(n)}\nparam after string\n`]) {
      const { depth, messages, kinds } = survey(text);
      assert.ok(depth <= DEPTH_BOUND, `${open}: depth ${depth}`);
      assert.ok(messages.some((m) => m.startsWith('Nesting deeper')), `${open}: ${messages.slice(0, 3)}`);
      assert.equal(kinds[kinds.length - 1], 'param', `${open}: the declaration after the deep one survives`);
    }
  }
});

test('nested types, unary operators and long operator or access chains are bounded too', () => {
  for (const text of [
    `type t = ${'['.repeat(10_000)}`,
    `type t = ${'{a: '.repeat(10_000)}`,
    `param p string${'?'.repeat(10_000)}`,
    `var x = ${'!'.repeat(10_000)}a`,
    `var x = ${'-'.repeat(10_000)}1`,
    `var x = a${'.b'.repeat(100_000)}`,
    `var x = a${'!'.repeat(100_000)}`,
    `var x = f${'()'.repeat(50_000)}`,
    `var x = 1${' + 1'.repeat(100_000)}`,
    `var x = a${' ? b : c'.repeat(10_000)}`,
    `var x = ${'x => '.repeat(10_000)}1`,
  ]) {
    const { depth } = survey(`${text}\nparam after string\n`);
    assert.ok(depth <= DEPTH_BOUND, `${text.slice(0, 20)}: depth ${depth}`);
  }
});

test('nesting below the limit is fine', () => {
  const depth = 100;
  const { messages } = survey(`var x = ${'['.repeat(depth)}1${']'.repeat(depth)}\n`);
  assert.deepEqual(messages, []);
});

test('NUL bytes, lone surrogates, a BOM and odd whitespace do not break parsing', () => {
  for (const text of [
    '',
    '\uFEFF',
    '\uFEFFparam a string\n',
    '\0',
    'param a\0 string\nparam b string\n',
    "var s = '\0\uD800\uDFFF\uDC00'\nparam b string\n",
    '// \uD800 comment\nparam b string\n',
    '\uD800\nparam b string\n',
    'param \uDC00 string\nparam b string\n',
    '\r\r\r\n\n\t  \v\f\u00A0\u2028\nparam b string',
    "'''\0\uD800",
    '/*\0',
  ]) {
    const { kinds } = survey(text);
    if (text.includes('param b')) assert.equal(kinds[kinds.length - 1], 'param', JSON.stringify(text));
  }
});

test('inputs that would be quadratic for a careless scanner finish', { timeout: 60_000 }, () => {
  for (const text of [
    `var x = [\n${'@x\n'.repeat(50_000)}]\nparam after string\n`,
    `var x = {\n${'@x(\n'.repeat(20_000)}}\nparam after string\n`,
    `param a string ${'#'.repeat(200_000)}\nparam after string\n`,
    `param a string ${'/*'.repeat(100_000)}`,
    `${"'".repeat(99_999)}\nparam after string\n`,
    `var x = '${'${'.repeat(100_000)}'\nparam after string\n`,
  ]) {
    const { kinds } = survey(text);
    assert.ok(kinds.length > 0);
  }
});

test('a BOM at the start is whitespace, also before a pragma', () => {
  assert.deepEqual(survey('\uFEFFparam a string\n').messages, []);
  assert.equal(parseBicep('\uFEFF#disable-next-line ASE102\nparam a string\n').pragmas.length, 1);
});
