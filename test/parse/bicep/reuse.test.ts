/**
 * A new version of a Bicep text parsed by reusing the parse of the previous one
 * (parse/bicep/reuse.ts) must give exactly the tree a parse from nothing gives: every
 * node with its offsets, the diagnostics, comments and pragmas in order, and the line
 * index. Each document goes through a random walk of edits, each version reparsed from
 * the previous reparse: characters typed and deleted, line breaks added and removed
 * (declarations split and merged), quotes, braces, brackets and comment markers
 * inserted (unterminated strings and comments, unclosed bodies), lines duplicated and
 * removed, decorators and declaration keywords typed, a return to an earlier version.
 *
 * Replay a failure with FUZZ_SEED=<seed>; REUSE_VERSIONS=<n> walks longer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBicep, type BicepFile } from '../../../server/src/parse/bicep';
import { parseBicepTraced } from '../../../server/src/parse/bicep/parse';
import { BicepParses, moveByKeys, moveNode, reparseBicep } from '../../../server/src/parse/bicep/reuse';
import { fuzzSeed, prngFor, type Prng } from '../../support/prng';
import { FIXTURES, readFixture } from './fixtures';
import { generateBicep } from './generateBicep';
import { manySmallBicep } from '../../../scripts/bench/manySmall';
import { hubSpokeBicep } from '../../../scripts/bench/hubSpoke';

const VERSIONS = Number(process.env.REUSE_VERSIONS ?? 40);
const samplesDir = join(__dirname, '..', '..', 'samples');

function bicepIn(dir: string): Array<{ name: string; text: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.bicep(param)?$/.test(f))
    .sort()
    .map((f) => ({ name: `samples/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Node kinds the samples and fixtures rarely hold (moved by kind, see moveNode). */
const RARE_KINDS = `type nn = foo!
type ix = bar[0]
type all = bar[*]
type arr = string[]
output vnetOut resource 'Microsoft.Network/virtualNetworks@2023-04-01' = vnet
resource ex 'Microsoft.Network/virtualNetworks@2023-04-01' existing = {
  name: 'x'
}
test t1 './x.bicep' = {
  params: { a: [1, -2, null, true] }
}
assert a1 = length(ex.name) > 0 && !empty(ex.id)
extends './base.bicepparam'
var broken = { a: (1 + }
) oops
var t = [for (x, i) in range(0, 3): x.?y[?0][^1]!]
`;

const documents = [
  { name: 'rare kinds', text: RARE_KINDS },
  ...bicepIn(samplesDir),
  ...FIXTURES.map((f) => ({ name: `fixtures/${f}`, text: readFixture(f) })),
  { name: 'generated 20 KB', text: generateBicep(20_000) },
  { name: 'many-small', text: manySmallBicep(3) },
  { name: 'hub-spoke', text: hubSpokeBicep(2) },
];

/** The tree as text, every field in order (offsets included), and the line index's answers. */
function shape(file: BicepFile): string {
  const { lines: _lines, ...rest } = file;
  const lineStarts: number[] = [];
  for (let line = 0; line < file.lines.lineCount; line++) lineStarts.push(file.lines.offsetAt({ line, character: 0 }));
  return JSON.stringify(rest) + JSON.stringify(lineStarts);
}

/** Where two shapes first differ, with some context (the shapes are long). */
function firstDifference(got: string, want: string): string {
  let i = 0;
  while (i < got.length && got[i] === want[i]) i++;
  return `reparsed: …${got.slice(Math.max(0, i - 300), i + 200)}\nfrom nothing: …${want.slice(Math.max(0, i - 300), i + 200)}`;
}

const inserts = ['\n', '\n\n', "'", "'''", '{', '}', '[', ']', '(', ')', '/*', '*/', '//', '@', '${', ' ', 'a', '0', ',', ':', '=',
  '\nresource r2 \'Microsoft.Network/virtualNetworks@2023-04-01\' = {\n', '\nparam p string\n', '\n@description(\'d\')\n', 'var ', '#disable-next-line ASE101\n', '\r\n'];

/** One edit: mostly small and local, as typed; sometimes a line moved or removed. */
function edit(prng: Prng, text: string, earlier: string[]): string {
  const kind = prng.int(12);
  if (kind === 0 && earlier.length > 0) return prng.pick(earlier);
  const at = prng.int(text.length + 1);
  if (kind <= 5) return text.slice(0, at) + prng.pick(inserts) + text.slice(at);
  if (kind <= 7) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + prng.int(prng.chance(0.2) ? 200 : 3)));
  if (kind === 8) {
    // A line break removed: two lines (two declarations, perhaps) become one.
    const nl = text.indexOf('\n', at);
    return nl < 0 ? text : text.slice(0, nl) + text.slice(nl + 1);
  }
  if (kind === 9) {
    // A line duplicated.
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const end = text.indexOf('\n', at);
    const line = text.slice(start, end < 0 ? text.length : end + 1);
    return text.slice(0, start) + line + text.slice(start);
  }
  if (kind === 10) {
    // A character replaced: the length stays, so the declarations after it are shared.
    return at < text.length ? text.slice(0, at) + prng.pick(["'", '}', 'x', '\n', '/']) + text.slice(at + 1) : text;
  }
  // Something pasted from elsewhere in the text.
  const from = prng.int(text.length);
  return text.slice(0, at) + text.slice(from, from + prng.int(120)) + text.slice(at);
}

/** Every object of a tree once (a node shared by two places would be moved twice), and only offsets and a number's value as numbers. */
function checkMovable(file: BicepFile, name: string): void {
  const seen = new Set<object>();
  const visit = (node: Record<string, unknown>): void => {
    assert.ok(!seen.has(node), `${name}: a node appears twice in the tree: ${JSON.stringify(node).slice(0, 200)}`);
    seen.add(node);
    for (const [key, v] of Object.entries(node)) {
      if (typeof v === 'number') assert.ok(['start', 'end', 'open', 'close', 'colon'].includes(key) || (key === 'value' && node.kind === 'number'), `${name}: a number under '${key}' in a ${String(node.kind)} node`);
      else if (Array.isArray(v)) v.forEach((x) => typeof x === 'object' && x !== null && visit(x as Record<string, unknown>));
      else if (typeof v === 'object' && v !== null) visit(v as Record<string, unknown>);
    }
  };
  file.declarations.forEach((d) => visit(d as unknown as Record<string, unknown>));
}

describe('Bicep reparse after edits equals a parse from nothing', () => {
  for (const { name, text } of documents) {
    it(name, () => {
      checkMovable(parseBicep(text), name);
      // Moved by kind as a walk over every key moves it.
      const byKind = parseBicep(text).declarations;
      const byKeys = parseBicep(text).declarations;
      byKind.forEach((d) => moveNode(d, 7));
      byKeys.forEach((d) => moveByKeys(d, 7));
      assert.equal(JSON.stringify(byKind), JSON.stringify(byKeys), `${name}: moved by kind differs from moved by keys`);
      // Twice: the declarations after a length-changing edit parsed again, then moved in place (some of them pinned: those are parsed again).
      for (const moving of [false, true]) {
        const prng = prngFor(`bicep-reparse:${name}`);
        let previous = parseBicepTraced(text);
        const pinned = new WeakSet<object>();
        const move = moving ? { pinned: (d: object) => pinned.has(d) } : undefined;
        const versions = [text];
        for (let i = 1; i < VERSIONS; i++) {
          const next = edit(prng, versions[i - 1], versions);
          versions.push(next);
          if (moving && prng.chance(0.2)) previous.file.declarations.forEach((d, j) => j % 3 === 0 && pinned.add(d));
          const reused = reparseBicep(previous, next, move);
          const got = shape(reused.file);
          const want = shape(parseBicep(next));
          if (got !== want) assert.fail(`version ${i} of ${name} (FUZZ_SEED=${fuzzSeed}${moving ? ', moving' : ''}): the reparse differs from a parse from nothing\n${firstDifference(got, want)}`);
          // The boundaries carried over are those a parse from nothing records, so the next reparse starts right.
          const fresh = parseBicepTraced(next).boundaries;
          assert.deepEqual(
            reused.boundaries.map(({ reach: _, ...b }) => b),
            fresh.map(({ reach: _, ...b }) => b),
            `version ${i} of ${name} (FUZZ_SEED=${fuzzSeed}): boundaries differ`,
          );
          // How far the text was read may be counted high after a reparse, never low.
          reused.boundaries.forEach((b, j) => assert.ok(b.reach >= fresh[j].reach, `version ${i} of ${name} (FUZZ_SEED=${fuzzSeed}): boundary ${j} read less than a parse from nothing`));
          previous = reused;
        }
      }
    });
  }

  it('reuses the declarations the edit does not reach', () => {
    const text = manySmallBicep(3);
    const before = parseBicepTraced(text);
    const at = text.indexOf("description: 'Spoke ", text.length >> 1) + 20;
    const replaced = reparseBicep(before, text.slice(0, at) + 'x' + text.slice(at + 1));
    const typed = reparseBicep(before, text.slice(0, at) + 'x' + text.slice(at));
    const old = before.file.declarations;
    const n = old.length;
    // The same length: every declaration but the edited one is the same object.
    const same = replaced.file.declarations.filter((d, i) => d === old[i]).length;
    assert.ok(same >= n - 2, `expected all but the edited declaration shared, ${same} of ${n}`);
    // One character more: those before are shared, those after are parsed again.
    const typedDecls = typed.file.declarations;
    assert.equal(typedDecls.length, n);
    const edited = old.findIndex((d) => d.start <= at && at < d.end);
    assert.ok(edited > 2);
    assert.equal(typedDecls[0], old[0]);
    assert.notEqual(typedDecls[n - 1], old[n - 1]);
    assert.equal(typedDecls[n - 1].start, old[n - 1].start + 1);
    // Moving: those after are the same objects, one character further.
    const lastStart = old[n - 1].start;
    const pinned = new WeakSet<object>([old[n - 3]]);
    const held = reparseBicep(before, text.slice(0, at) + 'x' + text.slice(at), { pinned: (d) => pinned.has(d) });
    // A pinned declaration is never moved: it and those before it are parsed again.
    assert.notEqual(held.file.declarations[n - 3], old[n - 3]);
    assert.equal(held.file.declarations[n - 2], old[n - 2]);
    const moved = reparseBicep(held, text.slice(0, at) + 'xy' + text.slice(at), { pinned: () => false });
    assert.equal(moved.file.declarations[n - 1], old[n - 1]);
    assert.equal(old[n - 1].start, lastStart + 2);
  });

  it('keeps the last parse of a bounded number of documents', () => {
    const parses = new BicepParses(2, 1000);
    const text = 'param a string\nparam b string\nparam c string\nparam d string\n';
    const first = parses.parse('file:///a.bicep', text);
    parses.parse('file:///b.bicep', text);
    parses.parse('file:///c.bicep', text);
    // a.bicep was forgotten (two documents at most): its next parse shares nothing with the first.
    const again = parses.parse('file:///a.bicep', text.replace('param d', 'param e'));
    assert.notEqual(again.declarations[0], first.declarations[0]);
    // c.bicep is still kept: an edit at its end shares the first declaration.
    const c1 = parses.parse('file:///c.bicep', text);
    const c2 = parses.parse('file:///c.bicep', text.replace('param d', 'param e'));
    assert.equal(c2.declarations[0], c1.declarations[0]);
    parses.clear();
    const c3 = parses.parse('file:///c.bicep', text);
    assert.notEqual(c3.declarations[0], c2.declarations[0]);
    // A text above the character limit is not kept.
    const big = 'param x string\n'.repeat(100);
    const b1 = parses.parse('file:///big.bicep', big);
    const b2 = parses.parse('file:///big.bicep', big + '\n');
    assert.notEqual(b2.declarations[0], b1.declarations[0]);
  });
});
