import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderBicepChanges } from '../../server/src/edits/bicep';
import { parseBicep, type Expression } from '../../server/src/parse/bicep';
import { propertyName } from '../../server/src/parse/bicep';
import type { NodePath } from '../../server/src/core/nodeRef';
import type { PlacedChange as Change } from '../../server/src/edits/format';

/**
 * Every edit the renderer can make to the realistic sample files — a property added to
 * and removed from each literal object, an item inserted into each literal array, every
 * value replaced — yields Bicep that parses without a syntax error, or is refused.
 */
const dir = 'test/fixtures/bicep';
const files = [...readdirSync(dir), ...readdirSync(join(dir, 'modules')).map((f) => join('modules', f))].filter(
  // types.bicep declares only types: nothing a path can reach.
  (f) => f.endsWith('.bicep') && !f.endsWith('types.bicep'),
);
const uri = 'file:///sample.bicep';

/** The literal objects and arrays of a file with their Bicep node paths, as the model writes them. */
function literalPaths(text: string): { path: NodePath; node: Expression }[] {
  const out: { path: NodePath; node: Expression }[] = [];
  const visit = (node: Expression, path: NodePath) => {
    if (node.kind === 'if' || node.kind === 'for') return visit(node.body, path);
    if (node.kind === 'paren') return visit(node.expression, path);
    out.push({ path, node });
    if (node.kind === 'object') {
      for (const item of node.items) {
        if (item.kind === 'property' && propertyName(item) !== undefined) visit(item.value, [...path, propertyName(item)!]);
        if (item.kind === 'resource') visit(item.value, [...path, `::${item.name.name}`]);
      }
    }
    if (node.kind === 'array') node.items.forEach((item, i) => item.kind !== 'spread' && visit(item, [...path, i]));
  };
  for (const d of parseBicep(text).declarations) {
    if ((d.kind === 'resource' || d.kind === 'module' || d.kind === 'var' || d.kind === 'output') && d.value) visit(d.value, [d.name.name]);
  }
  return out;
}

for (const name of files) {
  test(`every edit to ${name} re-parses cleanly`, () => {
    const text = readFileSync(join(dir, name), 'utf8');
    assert.deepEqual(parseBicep(text).diagnostics, [], 'the sample itself is clean');
    const target = (path: NodePath) => ({ uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, path });
    const changes: Change[] = [];
    for (const { path, node } of literalPaths(text)) {
      if (node.kind === 'object') {
        changes.push({ target: target(path), path: ['added'], value: { name: "it's", list: ['a'] } });
        changes.push({ target: target(path), path: ['properties', 'delegations'], value: { name: 'd' }, insert: 'end' });
        for (const item of node.items) if (item.kind === 'property') changes.push({ target: target(path), path: [propertyName(item) ?? ''], value: undefined });
      } else if (node.kind === 'array') {
        changes.push({ target: target(path), path: [], value: { name: 'n', properties: { priority: 100 } }, insert: 0 });
        changes.push({ target: target(path), path: [], value: 'x', insert: 'end' });
      }
      if (path.length > 1) changes.push({ target: target(path), path: [], value: { replaced: [1, 2] } });
    }
    assert.ok(changes.length > 20, 'the sample has literal structure to edit');
    let applied = 0;
    for (const change of changes) {
      const edits = renderBicepChanges({ uri, text }, [change]);
      if (!edits) continue;
      applied++;
      const out = TextDocument.applyEdits(TextDocument.create(uri, 'bicep', 0, text), edits);
      const problems = parseBicep(out).diagnostics.map((d) => d.message);
      assert.deepEqual(problems, [], `${JSON.stringify(change.target.path)} ${JSON.stringify(change.path)}:\n${out}`);
    }
    assert.ok(applied > changes.length / 2, `most edits apply (${applied} of ${changes.length})`);
  });
}
