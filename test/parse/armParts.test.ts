import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { Node } from 'jsonc-parser';
import { keepArmParses, parseArmDocument } from '../../server/src/parse/arm';
import { containerAt, parseArmInParts } from '../../server/src/parse/armParts';
import { nodePath } from '../../server/src/parse/jsonNode';
import { forgetReuse, parseDocument, reuseBetweenVersions, runEntry } from '../../server/src/engine/analyze';
import { manySmallArm } from '../../scripts/bench/manySmall';
import { armTemplate } from '../../scripts/bench/armTemplate';
import { hubSpokeArm } from '../../scripts/bench/hubSpoke';
import { hostOf } from '../support/model';

const CORPUS = '/work/shared/corpus/arm/';

/** Generated shapes: many small stacks; a few NSGs of 200 rules each (more parts in one resource than are kept); hub and spokes. */
function generated(): { name: string; text: string }[] {
  return [
    { name: 'many.json', text: manySmallArm(12) },
    { name: 'large.json', text: armTemplate(2, 200) },
    { name: 'hub.json', text: hubSpokeArm(3) },
  ];
}

function corpus(): { name: string; text: string }[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.json'))
    .map((name) => ({ name, text: readFileSync(CORPUS + name, 'utf8') }));
}

/** Every field a reader of the tree sees, with parent links and paths checked on the way (a part's children are a getter). */
function shape(node: Node, parent: Node | undefined): unknown {
  assert.equal(node.parent, parent, 'parent link');
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    value: node.value,
    colonOffset: node.colonOffset,
    path: nodePath(node),
    children: node.children?.map((c) => shape(c, node)),
  };
}

function whole(uri: string, text: string): Node {
  keepArmParses(false);
  try {
    return parseArmDocument(uri, text).root!;
  } finally {
    keepArmParses(true);
  }
}

test('a tree in parts reads as the whole tree: nodes, values, parents and paths (corpus templates, generated shapes)', () => {
  const texts = [...corpus(), ...generated()];
  let inParts = 0;
  for (const { name, text } of texts) {
    const parts = parseArmInParts(`file:///w/${name}`, text);
    if (!parts) continue;
    inParts++;
    assert.equal(parts.inParts, true);
    assert.deepEqual(parts.errors, []);
    assert.deepEqual(shape(parts.root!, undefined), shape(whole(`file:///w/${name}`, text), undefined), name);
  }
  assert.ok(inParts >= 5, 'templates larger than a part are read in parts');
});

test('a part let go is read again as it was, and containerAt finds every object and array by its offset', () => {
  const text = manySmallArm(12);
  const parts = parseArmInParts('file:///w/many.json', text)!;
  const all: Node[] = [];
  const stack = [whole('file:///w/many.json', text)];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'object' || n.type === 'array') all.push(n);
    stack.push(...(n.children ?? []));
  }
  // Twice over far more parts than are kept: the second pass reads each part again.
  for (let round = 0; round < 2; round++) {
    for (const expected of all) {
      const found = containerAt(parts.root!, expected.offset, expected.type);
      assert.ok(found, `${expected.type} at ${expected.offset}`);
      assert.equal(found.length, expected.length);
      assert.deepEqual(nodePath(found), nodePath(expected));
      assert.equal(found.children?.length, expected.children?.length);
    }
  }
  assert.equal(containerAt(parts.root!, 1, 'object'), undefined, 'no object starts there');
});

test('what is not well-formed, or too small to have parts, is left to the whole parse', () => {
  const text = manySmallArm(2);
  assert.equal(parseArmInParts('file:///w/broken.json', text.slice(0, text.length - 2)), undefined);
  assert.equal(parseArmInParts('file:///w/comma.json', text.replace('"resources": [', '"resources": [,')), undefined);
  assert.equal(parseArmInParts('file:///w/small.json', '{ "resources": [ { "type": "a" } ] }'), undefined);
  // Comments and trailing commas are read as the whole parse reads them.
  const commented = text.replace('"resources": [', '"resources": [ // the stacks\n /* { not a part } */');
  assert.deepEqual(shape(parseArmInParts('file:///w/c.json', commented)!.root!, undefined), shape(whole('file:///w/c.json', commented), undefined));
});

/** Every security rule's places, asked for after the rules ran (a hover, a fix), not only those findings use. */
function rulePlaces(model: ReturnType<typeof runEntry>['model']): unknown {
  return (model?.nsgs ?? []).map((n) => (Array.isArray(n.securityRules) ? n.securityRules.map((r) => JSON.parse(JSON.stringify({ ref: r.ref, fieldRefs: r.fieldRefs, priorityRef: r.priorityRef }))) : null));
}

test('an analysis of a template in parts finds what one of the whole tree finds, at the same places', () => {
  const texts = [...corpus().filter((t) => t.text.includes('hostingEnvironments')), ...generated()];
  reuseBetweenVersions(false);
  let compared = 0;
  try {
    for (const { name, text } of texts) {
      const uri = `file:///w/${name}`;
      const document = parseDocument(uri, text, true, true);
      if (document.language !== 'arm' || !document.inParts) continue;
      compared++;
      forgetReuse();
      const kept = runEntry(uri, text, hostOf({}), { releaseSyntax: true });
      forgetReuse();
      const parts = runEntry(uri, text, hostOf({}), { releaseSyntax: true }, document);
      assert.ok(kept.found.length > 0, `${name}: findings to compare`);
      // Getters (a rule's refs, worked out when asked) are read by the comparison too.
      assert.deepEqual(JSON.parse(JSON.stringify(parts.found)), JSON.parse(JSON.stringify(kept.found)), name);
      assert.deepEqual(rulePlaces(parts.model), rulePlaces(kept.model), `${name}: security rules' places`);
    }
    assert.ok(compared >= 7, 'templates compared');
  } finally {
    reuseBetweenVersions(true);
    forgetReuse();
  }
});

test('a tree in parts notes what the whole parse notes: the line starts, and whether the text holds a comment (where suppressions are)', () => {
  const text = manySmallArm(3);
  const commented = text.replace('"resources": [', '"resources": [ /* ase-lint-disable-next-line ASE101 */\n');
  for (const t of [text, commented, text.replace(/\n/g, '\r\n')]) {
    const parts = parseArmInParts('file:///w/t.json', t)!;
    const whole = parseArmDocument('file:///w/whole.json', t, false);
    assert.equal(parts.comments, whole.comments);
    for (let offset = 0; offset <= t.length; offset += 997) assert.deepEqual(parts.lines.position(offset), whole.lines.position(offset), `position of ${offset}`);
    assert.equal(parts.lines.lineCount, whole.lines.lineCount);
  }
  assert.equal(parseArmInParts('file:///w/t.json', commented)!.comments, undefined, 'a comment: suppressions are looked for');
  assert.equal(parseArmInParts('file:///w/t.json', text)!.comments, false);
});
