import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderChanges, detectFormatting } from '../../server/src/edits/arm';
import type { PlacedChange as Change } from '../../server/src/edits/format';
import type { NodeRef } from '../../server/src/core/nodeRef';

const uri = 'file:///t.json';
const at = (path: (string | number)[]): NodeRef => ({ uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, path });

function apply(text: string, changes: Change[]): string | undefined {
  const edits = renderChanges({ uri, text }, changes);
  if (!edits) return undefined;
  return TextDocument.applyEdits(TextDocument.create(uri, 'json', 0, text), edits);
}

test('inserts into an existing array before an element, with the file indentation, keeping comments', () => {
  const text = [
    '{',
    '    "properties": {',
    '        // deny everything else',
    '        "securityRules": [',
    '            { "name": "deny" }',
    '        ]',
    '    }',
    '}',
  ].join('\n');
  const out = apply(text, [{ target: at([]), path: ['Properties', 'securityRules'], value: { name: 'allow' }, insert: 0 }]);
  assert.equal(
    out,
    [
      '{',
      '    "properties": {',
      '        // deny everything else',
      '        "securityRules": [',
      '            {',
      '                "name": "allow"',
      '            },',
      '            { "name": "deny" }',
      '        ]',
      '    }',
      '}',
    ].join('\n'),
  );
});

test('creates a missing array and keeps CRLF', () => {
  const text = '{\r\n  "properties": {\r\n    "x": 1\r\n  }\r\n}';
  const out = apply(text, [{ target: at([]), path: ['properties', 'routes'], value: { name: 'r' }, insert: 'end' }]);
  assert.equal(out, '{\r\n  "properties": {\r\n    "x": 1,\r\n    "routes": [\r\n      {\r\n        "name": "r"\r\n      }\r\n    ]\r\n  }\r\n}');
});

test('sets and removes properties matched case-insensitively, in one edit', () => {
  const text = '{\n  "Properties": { "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4" }\n}';
  const edits = renderChanges({ uri, text }, [
    { target: at([]), path: ['properties', 'nextHopType'], value: 'Internet' },
    { target: at([]), path: ['properties', 'nextHopIpAddress'], value: undefined },
  ]);
  assert.equal(edits?.length, 1);
  const out = apply(text, [
    { target: at([]), path: ['properties', 'nextHopType'], value: 'Internet' },
    { target: at([]), path: ['properties', 'nextHopIpAddress'], value: undefined },
  ]);
  assert.equal(out, '{\n  "Properties": { "nextHopType": "Internet" }\n}');
});

test('refuses targets without a path or in another file', () => {
  const text = '{}';
  assert.equal(renderChanges({ uri, text }, [{ target: { ...at([]), path: undefined }, path: ['a'], value: 1 }]), undefined);
  assert.equal(renderChanges({ uri, text }, [{ target: { ...at([]), uri: 'file:///other.json' }, path: ['a'], value: 1 }]), undefined);
});

test('detects tabs and indentation width', () => {
  assert.deepEqual(detectFormatting('{\n\t"a": {\n\t\t"b": 1\n\t}\n}'), { tabSize: 2, insertSpaces: false, eol: '\n', insertFinalNewline: false });
  assert.equal(detectFormatting('{\n    "a": {\n        "b": 1\n    }\n}').tabSize, 4);
});

test('inserting never reflows the neighbouring items', () => {
  const text = '{\n  "rules": [\n    { "name": "a" },\n    { "name": "b" }\n  ]\n}';
  assert.equal(
    apply(text, [{ target: at([]), path: ['rules'], value: { name: 'n' }, insert: 1 }]),
    '{\n  "rules": [\n    { "name": "a" },\n    {\n      "name": "n"\n    },\n    { "name": "b" }\n  ]\n}',
  );
  assert.equal(
    apply(text, [{ target: at([]), path: ['rules'], value: { name: 'n' }, insert: 'end' }]),
    '{\n  "rules": [\n    { "name": "a" },\n    { "name": "b" },\n    {\n      "name": "n"\n    }\n  ]\n}',
  );
});

test('a one-line array stays on one line; an empty array opens up', () => {
  assert.equal(
    apply('{ "a": [ 1, 2 ] }', [{ target: at([]), path: ['a'], value: { x: 1 }, insert: 1 }]),
    '{ "a": [ 1, {"x":1}, 2 ] }',
  );
  assert.equal(
    apply('{\n  "a": []\n}', [{ target: at([]), path: ['a'], value: 1, insert: 'end' }]),
    '{\n  "a": [\n    1\n  ]\n}',
  );
});

test('a path through a scalar is refused, not thrown', () => {
  assert.equal(renderChanges({ uri, text: '{ "a": 1 }' }, [{ target: at([]), path: ['a', 'b'], value: 1, insert: 'end' }]), undefined);
});
