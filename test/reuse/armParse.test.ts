/**
 * The parse of a new version of an ARM document from the previous one (parse/arm.ts):
 * a change inside one resource shares the nodes before it with the previous tree (and
 * those after it when the length is kept; else they are copied at their new offsets), and
 * the line index takes the unchanged lines from the previous index.
 * Whatever the edit, the tree (types, offsets, lengths, values, paths through parents),
 * the errors and the lines must be those of a parse from nothing; and the previous
 * tree must be left as it was.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'jsonc-parser';
import { forgetArmParses, keepArmParses, parseArmDocument, type ArmDocument } from '../../server/src/parse/arm';
import { nodePath } from '../../server/src/parse/jsonNode';
import { LineIndex } from '../../server/src/core/lineIndex';
import { changeBetween } from '../../server/src/core/textDiff';
import { fuzzSeed, prngFor } from '../support/prng';
import { reuseTemplate } from '../support/armReuse';
import { hubSpokeArm } from '../../scripts/bench/hubSpoke';

/** Everything a tree says, paths included (a path walks the parents), as text. */
function treeOf(doc: ArmDocument): string {
  const out: string[] = [];
  const visit = (n: Node): void => {
    out.push(`${n.type} ${n.offset} ${n.length} ${n.colonOffset ?? ''} ${JSON.stringify(n.value) ?? ''} ${JSON.stringify(nodePath(n))}`);
    for (const c of n.children ?? []) {
      assert.equal(c.offset >= n.offset && c.offset + c.length <= n.offset + n.length, true);
      visit(c);
    }
  };
  if (doc.root) visit(doc.root);
  return out.join('\n');
}

function linesOf(doc: ArmDocument): string {
  const starts: number[] = [];
  for (let line = 0; line < doc.lines.lineCount; line++) starts.push(doc.lines.offsetAt({ line, character: 0 }));
  return starts.join(',');
}

function everything(doc: ArmDocument): string {
  return [treeOf(doc), JSON.stringify(doc.errors), linesOf(doc), doc.isTemplate, doc.kind, doc.deploymentScope].join('\n#\n');
}

/** The items of the root's `resources` array. */
function resourcesOf(doc: ArmDocument): Node[] {
  const property = doc.root?.children?.find((p) => p.children?.[0]?.value === 'resources');
  return property?.children?.[1]?.children ?? [];
}

/** Whether the two trees hold one resource node in common. */
function sharesItems(a: ArmDocument, b: ArmDocument): boolean {
  const old = new Set(resourcesOf(b));
  return resourcesOf(a).some((n) => old.has(n));
}

describe('the parse of a new version of an ARM document', () => {
  const documents = [
    { name: 'reuse template', text: reuseTemplate().template },
    { name: 'hub-spoke', text: hubSpokeArm(2) },
  ];
  for (const { name, text: original } of documents) {
    it(`equals a parse from nothing after each edit (${name})`, () => {
      const prng = prngFor(`arm-parse:${name}`);
      const uri = `file:///parse/${name}.json`;
      keepArmParses(true);
      forgetArmParses();
      let text = original;
      let previous = parseArmDocument(uri, text);
      const shared = { sameLength: 0, otherLength: 0 };
      for (let i = 0; i < 150; i++) {
        let at = prng.int(text.length);
        const kind = prng.int(6);
        let replacement = prng.pick(['a', '0', ' ', '\n', '"', '{', '}', ',', '/', '*']);
        // Mostly a letter in a string value, as a person types (the text stays well-formed).
        if (prng.chance(0.8)) {
          const value = /":\s*"/g;
          value.lastIndex = at;
          const found = value.exec(text);
          if (found) {
            at = found.index + found[0].length;
            replacement = prng.pick(['a', 'Z', '0', '-']);
          }
        }
        // Mostly a character typed over another (the length kept), else inserted or deleted.
        text = kind < 4 ? text.slice(0, at) + replacement + text.slice(at + 1) : kind === 4 ? text.slice(0, at) + replacement + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        if (prng.chance(0.1)) text = original;
        // Now and then a fix is verified in between: another text parsed under the same URI.
        if (prng.chance(0.2)) parseArmDocument(uri, text.replace('"resources": [', '"resources": [\n    { "type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt-fix" },'));
        const before = everything(previous);
        const reused = parseArmDocument(uri, text);
        assert.equal(everything(previous), before, `edit ${i} (FUZZ_SEED=${fuzzSeed}): the previous tree changed`);
        // Under a URI never parsed before: from nothing (turning keeping off would forget what the next edit shares).
        const fresh = parseArmDocument(`${uri}#fresh-${i}`, text);
        assert.equal(everything(reused), everything(fresh), `edit ${i} (FUZZ_SEED=${fuzzSeed}): the parse differs from a parse from nothing`);
        if (sharesItems(reused, previous)) shared[reused.text.length === previous.text.length ? 'sameLength' : 'otherLength']++;
        previous = reused;
      }
      // The cases above are not only parses from nothing: both kinds of edit shared nodes.
      assert.ok(shared.sameLength > 10 && shared.otherLength >= 2, JSON.stringify(shared));
    });
  }

  it('after a character typed or deleted in a resource: the resources before it are the same nodes, those after it copies at their new offsets', () => {
    const original = reuseTemplate().template;
    const uri = 'file:///parse/typed.json';
    keepArmParses(true);
    forgetArmParses();
    const first = parseArmDocument(uri, original);
    const items = resourcesOf(first);
    assert.ok(items.length >= 3);
    const inside = items[1].offset + items[1].length - 1;
    const at = original.lastIndexOf('"', inside);
    for (const text of [original.slice(0, at) + 'x' + original.slice(at), original.slice(0, at - 1) + original.slice(at)]) {
      forgetArmParses();
      const old = parseArmDocument(uri, original);
      const before = everything(old);
      const next = parseArmDocument(uri, text);
      const [was, now] = [resourcesOf(old), resourcesOf(next)];
      assert.equal(now[0], was[0], 'the resource before the edit is shared');
      assert.notEqual(now[1], was[1], 'the edited one is parsed again');
      for (let i = 2; i < now.length; i++) {
        assert.notEqual(now[i], was[i], 'a resource after the edit is a copy');
        assert.equal(now[i].offset, was[i].offset + text.length - original.length);
      }
      assert.equal(everything(old), before, 'the previous tree is unchanged');
      keepArmParses(false);
      assert.equal(everything(next), everything(parseArmDocument(uri, text)));
      keepArmParses(true);
    }
  });

  it('builds the line index of a new version from the old one, line breaks of every kind', () => {
    const prng = prngFor('arm-parse:lines');
    const pieces = ['a', '\n', '\r', '\r\n', ' ', 'bc'];
    for (let t = 0; t < 3000; t++) {
      let a = '';
      for (let i = prng.int(30); i > 0; i--) a += prng.pick(pieces);
      const edited = (from: string) => {
        let b = from;
        for (let j = prng.int(3); j >= 0; j--) {
          const at = prng.int(b.length + 1);
          let insert = '';
          for (let i = prng.int(3); i > 0; i--) insert += prng.pick(pieces);
          b = b.slice(0, at) + insert + b.slice(Math.min(b.length, at + prng.int(3)));
        }
        return b;
      };
      const b = edited(a);
      const reused = LineIndex.fromPrevious(new LineIndex(a), b, changeBetween(a, b));
      const starts = (l: LineIndex) => Array.from({ length: l.lineCount }, (_, line) => l.offsetAt({ line, character: 0 })).join(',');
      assert.equal(starts(reused), starts(new LineIndex(b)), `${JSON.stringify(a)} → ${JSON.stringify(b)}`);
      // And from an index itself made from an earlier one, as while typing.
      const c = edited(b);
      const again = LineIndex.fromPrevious(reused, c, changeBetween(b, c));
      assert.equal(starts(again), starts(new LineIndex(c)), `${JSON.stringify(a)} → ${JSON.stringify(b)} → ${JSON.stringify(c)}`);
    }
  });
});
