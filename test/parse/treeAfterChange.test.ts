// A renderer that applies a fix's changes one after another makes the tree of each text
// from the tree of the one before (parse/treeAfterChange.ts) instead of reading the whole
// text again. The tree must be the one a parse of the new text gives: checked over the
// samples' and the corpus's ARM templates, with edits at random places (characters typed
// and deleted in strings, values replaced, properties and items added and removed), and
// edits one after another from the tree made before, as the renderer makes them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Node } from 'jsonc-parser';
import { changeBetween } from '../../server/src/core/textDiff';
import { treeAfterChange } from '../../server/src/parse/treeAfterChange';
import { parseWellFormedTree } from '../../server/src/parse/wellFormedTree';
import { corpusDir, jsonIn, samplesDir } from '../support/jsonFiles';

/** The tree as text: every field a parse sets but the parent links, which are checked apart. */
function shape(node: Node | null | undefined): string {
  if (!node) return 'undefined';
  const out: string[] = [];
  const visit = (n: Node) => {
    out.push(`${n.type}@${n.offset}+${n.length}${n.colonOffset !== undefined ? `:${n.colonOffset}` : ''}${n.value !== undefined ? `=${JSON.stringify(n.value)}` : ''}`);
    if (n.children) {
      out.push('(');
      n.children.forEach(visit);
      out.push(')');
    }
  };
  visit(node);
  return out.join(' ');
}

/** Every node whose parent is not the node that lists it, from the root down through the nodes the change reached (the new ones). */
function wrongParents(root: Node, start: number): string[] {
  const wrong: string[] = [];
  const visit = (n: Node) => {
    for (const c of n.children ?? []) {
      // Nodes wholly before the change may keep the previous tree's parent (documented); those it reached or that follow it may not.
      if (c.offset + c.length < start) continue;
      if (c.parent !== n) wrong.push(`${c.type}@${c.offset}`);
      visit(c);
    }
  };
  visit(root);
  return wrong;
}

/** A deterministic random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Edits of the kinds fixes and typing make, at a place picked by `r`. */
function edit(text: string, root: Node, r: () => number): string {
  const nodes: Node[] = [];
  const collect = (n: Node) => {
    nodes.push(n);
    n.children?.forEach(collect);
  };
  collect(root);
  const n = nodes[Math.floor(r() * nodes.length)];
  const at = n.offset + Math.floor(r() * (n.length + 1));
  switch (Math.floor(r() * 7)) {
    case 0: // a character typed
      return text.slice(0, at) + 'xyz'[Math.floor(r() * 3)] + text.slice(at);
    case 1: // a character deleted
      return text.slice(0, at) + text.slice(at + 1);
    case 2: // a line break typed
      return text.slice(0, at) + '\n' + text.slice(at);
    case 3: // the node replaced by a value
      return text.slice(0, n.offset) + (n.type === 'property' ? '"added": [1, {"a": "b"}]' : '"replaced"') + text.slice(n.offset + n.length);
    case 4: // an item or property added inside an object or array
      if (n.type === 'object') return text.slice(0, n.offset + 1) + '"new": {"priority": 100},' + text.slice(n.offset + 1);
      if (n.type === 'array') return text.slice(0, n.offset + 1) + '{"name": "AllowAzureLoadBalancerInbound"},' + text.slice(n.offset + 1);
      return text.slice(0, at) + ' ' + text.slice(at);
    case 5: // the node removed (with the comma after it, when there is one)
      return text.slice(0, n.offset) + text.slice(n.offset + n.length).replace(/^\s*,/, '');
    default: // a word pasted
      return text.slice(0, at) + 'pasted' + text.slice(at);
  }
}

test('the tree made after a change is the tree a parse of the new text gives', () => {
  const files = [...jsonIn(samplesDir), ...jsonIn(corpusDir)];
  assert.ok(files.length >= 10, `expected templates, found ${files.length}`);
  const r = random(20261207);
  let made = 0;
  let refused = 0;
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    const first = parseWellFormedTree(original);
    if (!first) continue;
    for (let walk = 0; walk < 6; walk++) {
      let text = original;
      let tree: Node = first;
      for (let step = 0; step < 4; step++) {
        const next = edit(text, tree, r);
        const before = shape(tree);
        const change = changeBetween(text, next);
        const after = treeAfterChange(tree, next, change);
        assert.equal(shape(tree), before, `${file}: the previous tree was changed`);
        const fresh = parseWellFormedTree(next);
        if (!after) {
          refused++;
          if (!fresh) break;
          text = next;
          tree = fresh;
          continue;
        }
        made++;
        assert.ok(fresh, `${file}: a tree was made for a text that is not well-formed:\n${next.slice(Math.max(0, change.start - 80), change.newEnd + 80)}`);
        assert.equal(shape(after), shape(fresh), `${file}: the tree made after the change at ${change.start} differs from a parse of the new text`);
        assert.equal(after.parent, undefined, `${file}: the root has a parent`);
        assert.deepEqual(wrongParents(after, change.start), [], `${file}: nodes the change reached or moved point to the previous tree`);
        text = next;
        tree = after;
      }
    }
  }
  // Most edits stay inside an object or array and leave it well-formed: a test that made no tree would prove nothing.
  assert.ok(made > 200 && made > refused, `trees made ${made}, refused ${refused}`);
});

test('a change that reaches the root, or leaves its container not well-formed, makes no tree', () => {
  const text = '{"a": {"b": [1, 2]}, "c": "d"}';
  const root = parseWellFormedTree(text)!;
  const at = (next: string) => treeAfterChange(root, next, changeBetween(text, next));
  assert.equal(at('[' + text.slice(1)), undefined, 'the root bracket itself');
  assert.equal(at(text.replace('[1, 2]', '[1, 2')), undefined, 'an array left open');
  assert.equal(at(text.replace('"d"', '"d')), undefined, 'a string left open');
  const made = at(text.replace('[1, 2]', '[1, 22, 3]'));
  assert.equal(shape(made), shape(parseWellFormedTree(text.replace('[1, 2]', '[1, 22, 3]'))));
});
