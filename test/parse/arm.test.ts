import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parseTree, type Node } from 'jsonc-parser';
import { parseArmDocument, rangeOf } from '../../server/src/parse/arm';
import { parseTreeIteratively } from '../../server/src/parse/iterativeTree';
import { classifySchema } from '../../server/src/parse/schema';
import { LineIndex } from '../../server/src/core/lineIndex';

const CORPUS = '/work/shared/corpus/arm/';

test('deployment template schemas of every scope, version and host are templates', () => {
  for (const schema of [
    'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#',
    'http://schema.management.azure.com/schemas/2014-04-01-preview/deploymentTemplate.json',
    'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#',
    'https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#',
    'HTTPS://SCHEMA.MANAGEMENT.AZURE.COM/SCHEMAS/2019-04-01/DEPLOYMENTTEMPLATE.JSON#',
    'https://schema.management.usgovcloudapi.net/schemas/2019-04-01/deploymentTemplate.json#',
  ]) {
    const doc = parseArmDocument('file:///t.json', JSON.stringify({ $schema: schema, resources: [] }));
    assert.equal(doc.isTemplate, true, schema);
    assert.equal(doc.kind, 'template');
  }
});

test('the schema names the deployment scope', () => {
  assert.equal(classifySchema('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#').scope, 'resourceGroup');
  assert.equal(classifySchema('https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#').scope, 'subscription');
  assert.equal(classifySchema('https://x/managementGroupDeploymentTemplate.json#').scope, 'managementGroup');
  assert.equal(classifySchema('https://x/tenantDeploymentTemplate.json').scope, 'tenant');
});

test('parameter files and other JSON are not templates', () => {
  const params = parseArmDocument(
    'file:///p.json',
    '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}',
  );
  assert.equal(params.isTemplate, false);
  assert.equal(params.kind, 'parameters');
  for (const text of ['{"name": "x"}', '[]', '"deploymentTemplate.json"', '', '{"$schema": "https://json.schemastore.org/package.json"}', '{"$schema": 3}', 'null']) {
    const doc = parseArmDocument('file:///o.json', text);
    assert.equal(doc.isTemplate, false, text);
  }
  // `$schema` must be a property of the root object, not anywhere.
  assert.equal(parseArmDocument('file:///o.json', '{"a": {"$schema": "https://x/deploymentTemplate.json#"}}').isTemplate, false);
});

test('the $schema key is matched case-insensitively', () => {
  assert.equal(parseArmDocument('file:///t.json', '{"$Schema": "https://x/deploymentTemplate.json#"}').isTemplate, true);
});

test('comments and trailing commas are tolerated without errors', () => {
  const text = [
    '{',
    '  // a line comment',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
    '  /* a block',
    '     comment */',
    '  "resources": [',
    '    { "type": "Microsoft.Network/virtualNetworks", "name": "v", },',
    '  ],',
    '}',
  ].join('\n');
  const doc = parseArmDocument('file:///t.json', text);
  assert.equal(doc.isTemplate, true);
  assert.deepEqual(doc.errors, []);
});

test('invalid JSON keeps what can be read and reports errors with ranges, never throws', () => {
  const text = '{\n  "$schema": "https://x/deploymentTemplate.json#",\n  "resources": [\n    { "type": "Microsoft.Network/virtualNetworks", "name": ';
  const doc = parseArmDocument('file:///t.json', text);
  assert.equal(doc.isTemplate, true);
  assert.ok(doc.root);
  assert.ok(doc.errors.length > 0);
  for (const e of doc.errors) {
    assert.equal(typeof e.message, 'string');
    assert.ok(e.range.start.line >= 0 && e.range.start.line <= 3);
  }
  const missingComma = parseArmDocument('file:///t.json', '{"$schema": "https://x/deploymentTemplate.json#" "resources": []}');
  assert.equal(missingComma.isTemplate, true);
  assert.equal(missingComma.errors[0].message, 'CommaExpected');
  assert.deepEqual(missingComma.errors[0].range.start, { line: 0, character: 49 });
});

test('ranges are zero-based lines and UTF-16 characters, with CRLF line ends', () => {
  const text = '{\r\n  "a": "é😀",\r\n  "b": 1\r\n}';
  const doc = parseArmDocument('file:///t.json', text);
  const b = doc.root!.children![1].children![1];
  assert.deepEqual(rangeOf(doc, b), { start: { line: 2, character: 7 }, end: { line: 2, character: 8 } });
  const a = doc.root!.children![0].children![1];
  // é is one UTF-16 unit, 😀 two: the string with its quotes is 5 units.
  assert.deepEqual(rangeOf(doc, a), { start: { line: 1, character: 7 }, end: { line: 1, character: 12 } });
});

test('a lone CR ends a line too', () => {
  const doc = parseArmDocument('file:///t.json', '{\r"a":\r1}');
  const one = doc.root!.children![0].children![1];
  assert.deepEqual(rangeOf(doc, one).start, { line: 2, character: 0 });
});

test('the line index found while parsing is the one the text gives, whatever ends its lines and wherever they end', () => {
  const eols = ['\n', '\r\n', '\r'];
  const texts = [
    '{"a": 1}',
    '\n\n{"a": 1}\n\n',
    '{\r\n"a": 1,\r"b": [\n1,\r\n2\r]\r\n}\r',
    '{"a": 1 // to the end of the line\r\n, "b": 2 // lone CR\r}',
    '{"a": /* one\r\ntwo\rthree\nfour */ 1, /*\r*/ "b": /*\n*/ 2 /* no break */}\n',
    '/* before\n the value */ [1, 2]',
    '   \r\n\t\r\r\n',
    ...eols.map((eol) => JSON.stringify({ $schema: 'x', resources: [{ name: 'a', properties: { b: [1, 2] } }] }, null, 2).replace(/\n/g, eol)),
  ];
  for (const text of texts) {
    const doc = parseArmDocument(`file:///lines-${texts.indexOf(text)}.json`, text);
    assert.deepEqual(doc.errors, [], JSON.stringify(text));
    const fresh = new LineIndex(text);
    assert.equal(doc.lines.lineCount, fresh.lineCount, JSON.stringify(text));
    for (let o = 0; o <= text.length; o++) assert.deepEqual(doc.lines.position(o), fresh.position(o), `${JSON.stringify(text)} at ${o}`);
  }
});

test('a document says it holds no comment only when the parser read all of it and saw none', () => {
  const none = '{"a": "// not a comment", "b": "/* nor this */"}';
  assert.equal(parseArmDocument('file:///c1.json', none).comments, false);
  for (const text of ['{"a": 1} // after', '// before\n{"a": 1}', '{"a": /**/ 1}', '[1, /* ase-lint-disable ASE101 */ 2]']) {
    assert.equal(parseArmDocument('file:///c2.json', text).comments, undefined, text);
  }
  // Not well-formed: jsonc-parser reads it, and nothing is claimed.
  assert.equal(parseArmDocument('file:///c3.json', '{"a": 1,, }').comments, undefined);
  // A new version that shares the tree: a comment typed into the one resource parsed again is seen.
  const template = (body: string) => JSON.stringify({ $schema: 'x', resources: [{ name: 'a', properties: {} }, { name: 'b', properties: {} }] }).replace('"name":"b"', body);
  const before = template('"name":"b"    ');
  const after = template('"name":"b"/**/');
  assert.equal(before.length, after.length);
  assert.equal(parseArmDocument('file:///c4.json', before).comments, false);
  const shared = parseArmDocument('file:///c4.json', after);
  assert.equal(shared.comments, undefined);
  // Back again: its tree is shared with the version that had one, which says nothing of the text around the item.
  assert.equal(parseArmDocument('file:///c4.json', before).comments, undefined);
  // A version whose tree is shared with one that had none, and whose item has none, has none.
  const other = template('"name":"c"    ');
  const first = parseArmDocument('file:///c5.json', before);
  assert.equal(first.comments, false);
  const next = parseArmDocument('file:///c5.json', other);
  const resourceOf = (d: typeof first) => d.root!.children![1].children![1].children![0];
  assert.equal(resourceOf(next), resourceOf(first), 'the tree is shared');
  assert.equal(next.comments, false);
});

test('10,000 levels of nesting parse without overflowing the stack', () => {
  const depth = 10_000;
  const text = `{"$schema": "https://x/deploymentTemplate.json#", "deep": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const doc = parseArmDocument('file:///t.json', text);
  assert.equal(doc.isTemplate, true);
  assert.deepEqual(doc.errors, []);
  let node: Node | undefined = doc.root!.children![1].children![1];
  let n = 0;
  while (node) {
    n++;
    node = node.children?.[0];
  }
  assert.equal(n, depth);
  const objects = `{"$schema": "https://x/deploymentTemplate.json#", "deep": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
  assert.equal(parseArmDocument('file:///t.json', objects).isTemplate, true);
  const unclosed = `{"$schema": "https://x/deploymentTemplate.json#", "deep": ${'['.repeat(depth)}`;
  const u = parseArmDocument('file:///t.json', unclosed);
  assert.equal(u.isTemplate, true);
  assert.ok(u.errors.length > 0);
});

/** The shape of a tree without parent links, for comparing two parsers. */
function shape(node: Node | undefined): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    value: node.type === 'object' || node.type === 'array' || node.type === 'property' ? undefined : node.value,
    offset: node.offset,
    length: node.length,
    colonOffset: node.colonOffset,
    children: node.children?.map(shape),
  };
}

test('the iterative parser builds the same tree as jsonc-parser on valid documents', () => {
  const texts = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readFileSync(CORPUS + f, 'utf8'));
  texts.push('{"a": [1, 2.5, -3e2, true, false, null, {"b": {}}, []], "c": "d", /* x */ "e": [],}');
  for (const text of texts) {
    const expected = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    const errors: never[] = [];
    const actual = parseTreeIteratively(text, errors);
    assert.deepEqual(shape(actual), shape(expected));
    assert.deepEqual(errors, []);
    // parent links point to the containing node
    const stack: Node[] = [actual!];
    while (stack.length) {
      const n = stack.pop()!;
      for (const c of n.children ?? []) {
        assert.equal(c.parent, n);
        stack.push(c);
      }
    }
  }
});

test('the iterative parser recovers from errors without throwing', () => {
  for (const text of ['{"a" 1}', '{"a": }', '[1 2]', '{,}', '}', '{"a": [}', '{"a": 1} extra', ':', '{"a": {"b": [1, {"c"', '']) {
    const errors: { error: number }[] = [];
    parseTreeIteratively(text, errors as never);
    if (text !== '') assert.ok(errors.length > 0, text);
  }
});
