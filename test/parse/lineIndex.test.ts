import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/lineIndex';

test('positions count lines after LF, CRLF and lone CR', () => {
  const text = 'ab\ncd\r\nef\rgh';
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 4);
  assert.deepEqual(idx.position(0), { line: 0, character: 0 });
  assert.deepEqual(idx.position(2), { line: 0, character: 2 });
  assert.deepEqual(idx.position(3), { line: 1, character: 0 });
  assert.deepEqual(idx.position(7), { line: 2, character: 0 });
  assert.deepEqual(idx.position(10), { line: 3, character: 0 });
  assert.deepEqual(idx.position(12), { line: 3, character: 2 });
});

test('CR CR LF is two line ends', () => {
  const idx = new LineIndex('a\r\r\nb\n\n');
  assert.equal(idx.lineCount, 5);
  assert.deepEqual(idx.position(4), { line: 2, character: 0 });
  assert.deepEqual(idx.position(6), { line: 3, character: 0 });
  assert.deepEqual(idx.position(7), { line: 4, character: 0 });
});

test('offsets are clamped into the text', () => {
  const idx = new LineIndex('a\nb');
  assert.deepEqual(idx.position(-5), { line: 0, character: 0 });
  assert.deepEqual(idx.position(99), { line: 1, character: 1 });
  assert.deepEqual(new LineIndex('').position(0), { line: 0, character: 0 });
});

test('characters are UTF-16 code units', () => {
  const text = '😀x\n';
  const idx = new LineIndex(text);
  assert.deepEqual(idx.position(text.indexOf('x')), { line: 0, character: 2 });
  assert.deepEqual(idx.range(2, 1), { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } });
});
