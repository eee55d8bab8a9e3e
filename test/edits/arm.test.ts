import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderChanges, detectFormatting } from '../../server/src/edits/arm';
import type { Change } from '../../server/src/rules/types';
import type { NodeRef } from '../../server/src/model/nodeRef';

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
