import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeRange, type ObjectLiteral } from '../../../server/src/parse/bicep';
import { declaration, parseBroken, parseClean } from './helpers';

test('ranges count UTF-16 units on CRLF lines', () => {
  const text =
    "// Réseau privé — 東京 🌐\r\n" +
    "param zone string = 'zone-é-🌐'\r\n" +
    'var tags = {\r\n' +
    "  'clé-🔑': '€'\r\n" +
    '  next: zone\r\n' +
    '}\r\n';
  const file = parseClean(text);
  const param = declaration(file, 'param');
  assert.deepEqual(nodeRange(file, param.name), { start: { line: 1, character: 6 }, end: { line: 1, character: 10 } });
  // 'zone-é-🌐' is 11 UTF-16 units: quotes, 7 BMP characters and a surrogate pair.
  assert.deepEqual(nodeRange(file, param.value!), { start: { line: 1, character: 20 }, end: { line: 1, character: 31 } });
  const obj = declaration(file, 'var').value as ObjectLiteral;
  const [first, second] = obj.items;
  assert.ok(first.kind === 'property' && second.kind === 'property');
  // 'clé-🔑' is 8 units (the key emoji is a surrogate pair).
  assert.deepEqual(nodeRange(file, first.key), { start: { line: 3, character: 2 }, end: { line: 3, character: 10 } });
  assert.deepEqual(nodeRange(file, first.value), { start: { line: 3, character: 12 }, end: { line: 3, character: 15 } });
  assert.deepEqual(nodeRange(file, second.value), { start: { line: 4, character: 8 }, end: { line: 4, character: 12 } });
  assert.deepEqual(nodeRange(file, obj), { start: { line: 2, character: 11 }, end: { line: 5, character: 1 } });
  assert.deepEqual(nodeRange(file, file.comments[0]), { start: { line: 0, character: 0 }, end: { line: 0, character: 23 } });
});

test('diagnostics and missing nodes get ranges too, also after a lone CR', () => {
  const text = "param a string\rvar b =\r\nvar c = 'ü\r\n";
  const file = parseBroken(text);
  const b = declaration(file, 'var');
  assert.deepEqual(nodeRange(file, b.value), { start: { line: 1, character: 7 }, end: { line: 1, character: 7 } });
  assert.deepEqual(
    file.diagnostics.map((d) => [d.message, nodeRange(file, d)]),
    [
      ['Expected a value after =.', { start: { line: 1, character: 7 }, end: { line: 1, character: 7 } }],
      ["Unterminated string: a string ends on its line; end it with '.", { start: { line: 2, character: 8 }, end: { line: 2, character: 10 } }],
    ],
  );
});

test('the line index is built once, on first use', () => {
  const file = parseClean('param a string\n');
  assert.equal(file.lines, file.lines);
  assert.equal(file.lines.lineCount, 2);
});
