// The rule tester's own reading of a case: the literal texts and the carets under them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotations, dedent } from './tester';

test('dedent drops the lines of the backticks and the indentation the other lines share', () => {
  const text = dedent`
    {
      "name": "DenyAll",
      //      ^^^^^^^^^ ASE101

    }
  `;
  assert.equal(text, '{\n  "name": "DenyAll",\n  //      ^^^^^^^^^ ASE101\n\n}');
});

test('dedent keeps a line break at the end when an empty line precedes the closing backtick', () => {
  const text = dedent`
    param location = 'westeurope'

  `;
  assert.equal(text, "param location = 'westeurope'\n");
});

test('dedent reads escapes as the text they stand for', () => {
  assert.equal(
    dedent`
      virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
    `,
    "virtualNetwork: { id: '${vnet.id}/subnets/ase-subnet' }",
  );
});

test('dedent refuses a text that starts on the line of the backtick or ends on it', () => {
  assert.throws(() => dedent`{
  }
  `);
  assert.throws(() => dedent`
    {}`);
});

test('carets mark the range on the nearest line above that is not an annotation, whatever the indentation of the comment', () => {
  const text = dedent`
    { "name": "DenyAll", "priority": 100 }
    //        ^^^^^^^^^ ASE101
          //                         ^^^ ASE102
  `;
  assert.deepEqual(annotations(text), [
    { code: 'ASE101', range: { start: { line: 0, character: 10 }, end: { line: 0, character: 19 } } },
    { code: 'ASE102', range: { start: { line: 0, character: 33 }, end: { line: 0, character: 36 } } },
  ]);
});
