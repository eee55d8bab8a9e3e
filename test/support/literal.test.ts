// The edits rule tables make to their literal texts: each lands where it says, or fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotations } from './tester';
import { armReplaceResource, armWithFirstResource, armWithParameters, armWithResources, bicepReplaceDeclaration, replaceOnce, replacing, withCarets, withoutCarets } from './literal';

const template = '{\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    { "name": "a" }\n  ]\n}';

test('replaceOnce replaces the one occurrence, literally, and fails on none or several', () => {
  assert.equal(replaceOnce("id: 'x'", "'x'", "'${vnet.id}/$&'"), "id: '${vnet.id}/$&'");
  assert.throws(() => replaceOnce('a b', 'c', 'd'), /not exactly one occurrence of "c"/);
  assert.throws(() => replaceOnce('a b a', 'a', 'd'), /not exactly one occurrence of "a"/);
  assert.equal(replacing('a b', ['a', 'c'], ['b', 'd']), 'c d');
});

test('withoutCarets drops exactly the annotation lines the tester reads', () => {
  const text = '{\n  "name": "x",\n  //      ^^^ ASE101\n  // a comment\n}';
  assert.equal(annotations(text).length, 1);
  assert.equal(withoutCarets(text), '{\n  "name": "x",\n  // a comment\n}');
  assert.deepEqual(annotations(withoutCarets(text)), []);
});

test('withCarets puts the carets under the target of the one line that holds it', () => {
  const text = '{\n  "a": {\n    "name": "x"\n  }\n}';
  const marked = withCarets(text, '"name"', '"x"', 'ASE101');
  assert.equal(marked, '{\n  "a": {\n    "name": "x"\n          //^^^ ASE101\n  }\n}');
  assert.deepEqual(annotations(marked), [{ code: 'ASE101', range: { start: { line: 2, character: 12 }, end: { line: 2, character: 15 } } }]);
  assert.throws(() => withCarets(text, '"b"', '"x"', 'ASE101'), /not exactly one line/);
  assert.throws(() => withCarets(text, '"name"', '"y"', 'ASE101'), /must start after column 2/);
});

test('the ARM edits add parameters after contentVersion and resources at either end', () => {
  assert.equal(
    armWithParameters(template, '"p": { "type": "bool" }'),
    '{\n  "contentVersion": "1.0.0.0",\n  "parameters": { "p": { "type": "bool" } },\n  "resources": [\n    { "name": "a" }\n  ]\n}',
  );
  assert.equal(armWithResources(template, '    { "name": "b" }', '    { "name": "c" }'), '{\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    { "name": "a" },\n    { "name": "b" },\n    { "name": "c" }\n  ]\n}');
  assert.equal(armWithFirstResource(template, '    { "name": "z" }'), '{\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    { "name": "z" },\n    { "name": "a" }\n  ]\n}');
  assert.throws(() => armWithResources(`${template}\n`, '    {}'), /does not end with its resources array/);
});

test('armReplaceResource and bicepReplaceDeclaration replace one whole resource, keeping the comma between resources', () => {
  const arm = '{\n  "resources": [\n    {\n      "type": "t",\n      "name": "a",\n      "properties": {\n        "x": 1\n      }\n    },\n    {\n      "name": "b"\n    }\n  ]\n}';
  assert.equal(armReplaceResource(arm, 'a', '    { "name": "z" }'), '{\n  "resources": [\n    { "name": "z" },\n    {\n      "name": "b"\n    }\n  ]\n}');
  assert.equal(armReplaceResource(arm, 'b', '    {\n      "name": "z"\n    }'), arm.replace('"name": "b"', '"name": "z"'));
  assert.throws(() => armReplaceResource(arm, 'c', '{}'), /not exactly one top-level resource named c/);
  const bicep = "resource a 't@1' = {\n  name: 'a'\n  properties: {\n    x: 1\n  }\n}\n\nresource b 't@1' = {\n  name: 'b'\n}";
  assert.equal(bicepReplaceDeclaration(bicep, 'a', "resource z 't@1' = {}"), "resource z 't@1' = {}\n\nresource b 't@1' = {\n  name: 'b'\n}");
  assert.throws(() => bicepReplaceDeclaration(bicep, 'c', ''), /not exactly one declaration c/);
});
