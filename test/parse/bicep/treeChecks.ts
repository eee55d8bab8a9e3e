import assert from 'node:assert/strict';
import { forEachChild, walk, type BicepFile, type BicepNode } from '../../../server/src/parse/bicep';

/**
 * The structural promises of the parse tree, checked on any input: every node lies in
 * the text and inside its parent, siblings come in text order without overlapping,
 * strings have one more segment than holes, and trivia and diagnostics are in range.
 * Returns the tree's depth.
 */
export function checkTree(file: BicepFile, text: string): number {
  assert.equal(file.text, text);
  assert.equal(file.start, 0);
  assert.equal(file.end, text.length);
  let maxDepth = 0;
  const depth = new Map<BicepNode, number>([[file, 0]]);
  walk(file, (node, parent) => {
    const where = () => `${node.kind} ${node.start}-${node.end} in ${parent?.kind} ${parent?.start}-${parent?.end}`;
    assert.ok(Number.isInteger(node.start) && Number.isInteger(node.end), where());
    assert.ok(node.start >= 0 && node.start <= node.end && node.end <= text.length, where());
    if (parent) {
      assert.ok(parent.start <= node.start && node.end <= parent.end, where());
      const d = depth.get(parent)! + 1;
      depth.set(node, d);
      maxDepth = Math.max(maxDepth, d);
    }
    let previousEnd = node.start;
    forEachChild(node, (child) => {
      assert.ok(child.start >= previousEnd, `children out of order: ${child.kind} ${child.start} before ${previousEnd} in ${where()}`);
      previousEnd = child.end;
    });
    if (node.kind === 'string') assert.equal(node.segments.length, node.expressions.length + 1, where());
    if (node.kind === 'identifier' && !node.missing) assert.equal(text.slice(node.start, node.end), node.name, where());
  });
  for (const d of file.diagnostics) {
    assert.ok(d.start >= 0 && d.start <= d.end && d.end <= text.length, `diagnostic out of range: ${JSON.stringify(d)}`);
    assert.ok(d.message.length > 0);
  }
  let previous = 0;
  for (const t of [...file.comments, ...file.pragmas].sort((a, b) => a.start - b.start)) {
    assert.ok(t.start >= previous && t.end <= text.length && t.start < t.end, `trivia ${t.kind} ${t.start}-${t.end}`);
    previous = t.end;
  }
  return maxDepth;
}
