/**
 * The parse of a new version of an ARM document from the previous one (parse/arm.ts):
 * a change that keeps the length inside one resource shares the other nodes with the
 * previous tree, and the line index takes the unchanged lines from the previous index.
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
      for (let i = 0; i < 150; i++) {
        const at = prng.int(text.length);
        const kind = prng.int(6);
        const replacement = prng.pick(['a', '0', ' ', '\n', '"', '{', '}', ',', '/', '*']);
        // Mostly a character typed over another (the length kept), else inserted or deleted.
        text = kind < 4 ? text.slice(0, at) + replacement + text.slice(at + 1) : kind === 4 ? text.slice(0, at) + replacement + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        if (prng.chance(0.1)) text = original;
        // Now and then a fix is verified in between: another text parsed under the same URI.
        if (prng.chance(0.2)) parseArmDocument(uri, text.replace('"resources": [', '"resources": [\n    { "type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt-fix" },'));
        const before = everything(previous);
        const reused = parseArmDocument(uri, text);
        assert.equal(everything(previous), before, `edit ${i} (FUZZ_SEED=${fuzzSeed}): the previous tree changed`);
        keepArmParses(false);
        const fresh = parseArmDocument(uri, text);
        keepArmParses(true);
        assert.equal(everything(reused), everything(fresh), `edit ${i} (FUZZ_SEED=${fuzzSeed}): the parse differs from a parse from nothing`);
        previous = reused;
      }
    });
  }

  it('builds the line index of a new version from the old one, line breaks of every kind', () => {
    const prng = prngFor('arm-parse:lines');
    const pieces = ['a', '\n', '\r', '\r\n', ' ', 'bc'];
    for (let t = 0; t < 3000; t++) {
      let a = '';
      for (let i = prng.int(30); i > 0; i--) a += prng.pick(pieces);
      let b = a;
      for (let j = prng.int(3); j >= 0; j--) {
        const at = prng.int(b.length + 1);
        let insert = '';
        for (let i = prng.int(3); i > 0; i--) insert += prng.pick(pieces);
        b = b.slice(0, at) + insert + b.slice(Math.min(b.length, at + prng.int(3)));
      }
      const reused = LineIndex.fromPrevious(new LineIndex(a), b, changeBetween(a, b));
      const fresh = new LineIndex(b);
      const starts = (l: LineIndex) => Array.from({ length: l.lineCount }, (_, line) => l.offsetAt({ line, character: 0 })).join(',');
      assert.equal(starts(reused), starts(fresh), `${JSON.stringify(a)} → ${JSON.stringify(b)}`);
    }
  });
});
