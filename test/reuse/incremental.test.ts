/**
 * Re-analysis reuses what the analyses of earlier versions kept (NSG verdicts by the
 * content of their rules, see net/nsg.ts; parsed template expressions by their text, see
 * eval/expression.ts; the parse of the Bicep declarations an edit does not reach, see
 * parse/bicep/reuse.ts): its results must be exactly those of an analysis from nothing.
 * Over the samples and the shared corpus, each document goes
 * through a random walk of edits — typing and deleting characters, digits changed
 * (priorities, ports, prefixes), Allow and Deny, Inbound and Outbound swapped, a wildcard
 * written over, a return to an earlier version, now and then a garbled byte edit; in
 * Bicep also line breaks added and removed, quotes, braces and comment markers typed,
 * lines duplicated and removed — and every version is analysed twice: after all the
 * versions before it, with everything they kept, and from nothing (`forgetReuse`).
 * Findings (with their fixes as data), suppressed findings and failures must be equal,
 * to the character, and so must a Bicep document's syntax tree.
 *
 * Replay a failure with FUZZ_SEED=<seed> (printed in the message); REUSE_VERSIONS=<n>
 * walks longer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, forgetReuse, type Analysis } from '../../server/src/engine/analyze';
import type { Host } from '../../server/src/core/host';
import { modelText } from '../support/modelText';
import { fuzzSeed, prngFor, type Prng } from '../support/prng';
import { byteMutant } from '../support/mutations';
import { manySmallArm, manySmallBicep } from '../../scripts/bench/manySmall';
import { hubSpokeArm, hubSpokeBicep } from '../../scripts/bench/hubSpoke';
import { bicepTemplate } from '../../scripts/bench/bicepTemplate';
import { parseTree, type Node } from 'jsonc-parser';
import { reuseTemplate } from '../support/armReuse';
import { fixAll } from '../../server/src/engine/fixAll';
import { fixVerdict } from '../../server/src/engine/safeFixes';

const VERSIONS = Number(process.env.REUSE_VERSIONS ?? 12);
const samplesDir = join(__dirname, '..', 'samples');
const corpusDir = join(__dirname, '..', '..', '..', 'shared', 'corpus');

function templatesIn(dir: string, recurse: boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return recurse ? templatesIn(path, true) : [];
      return /\.(json|bicep)$/.test(name) && !/parameters\.json$/.test(name) ? [path] : [];
    })
    .sort();
}

const files = [...templatesIn(samplesDir, false), ...templatesIn(corpusDir, true)];

/**
 * The benchmark's shapes, small: many NSGs whose rules differ in a few prefixes and one
 * priority (every fifth stack has Azure SQL denied early), so NSGs share verdicts and an
 * edited priority, port or prefix changes what an NSG decides.
 */
const generated: Array<{ name: string; text: string }> = [
  { name: 'many-small.json', text: manySmallArm(4) },
  { name: 'many-small.bicep', text: manySmallBicep(4) },
  { name: 'hub-spoke.json', text: hubSpokeArm(3) },
  { name: 'hub-spoke.bicep', text: hubSpokeBicep(3) },
  // Few large NSGs, variables and loops many declarations read (their evaluations are kept, see lower/bicep/reuse.ts).
  { name: 'few-large.bicep', text: bicepTemplate(2, 12) },
];

const host: Host = {
  readFile: (uri) => {
    try {
      return readFileSync(new URL(uri), 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Everything an analysis reports, as text: findings with their fixes, suppressed findings, failures; for Bicep (whose evaluations are kept, see lower/bicep/reuse.ts) the model too. */
function results(a: Analysis): string {
  const reported = JSON.stringify({ isTemplate: a.isTemplate, findings: a.findings, suppressed: a.suppressed, failures: a.failures });
  return reported + (a.document.language === 'bicep' ? modelText(a.model) : modelText(a.model, { expand: true }));
}

/** A Bicep document's syntax tree and line index, as text. */
function syntaxOf(a: Analysis): string {
  if (a.document.language !== 'bicep') return '';
  const { lines, ...file } = a.document.file;
  const starts: number[] = [];
  for (let line = 0; line < lines.lineCount; line++) starts.push(lines.offsetAt({ line, character: 0 }));
  return JSON.stringify(file) + JSON.stringify(starts);
}

/** Offsets of each match of `pattern` in `text`. */
function offsets(text: string, pattern: RegExp): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(pattern)) out.push(m.index!);
  return out;
}

const swaps: Array<[string, string]> = [
  ['Allow', 'Deny'],
  ['Deny', 'Allow'],
  ['Inbound', 'Outbound'],
  ['Outbound', 'Inbound'],
  ['Tcp', 'Udp'],
  ['"*"', '"80"'],
  ["'*'", "'443'"],
];

/**
 * What changes the shape of Bicep declarations (the parse of each version reuses the
 * declarations the edit does not reach, see parse/bicep/reuse.ts): a line break added or
 * removed (declarations split and merged), a quote (an unterminated string), a brace,
 * a comment marker, a line duplicated or removed.
 */
const bicepInserts = ['\n', "'", '{', '}', '[', ']', '/*', '*/', '//', '@', '\nparam p string\n', 'resource '];

function bicepEdit(prng: Prng, text: string): string {
  const at = prng.int(text.length + 1);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const end = lineEnd < 0 ? text.length : lineEnd + 1;
  switch (prng.int(4)) {
    case 0:
      return text.slice(0, at) + prng.pick(bicepInserts) + text.slice(at);
    case 1:
      return lineEnd < 0 ? text : text.slice(0, lineEnd) + text.slice(lineEnd + 1);
    case 2:
      return text.slice(0, lineStart) + text.slice(lineStart, end) + text.slice(lineStart);
    default:
      return text.slice(0, lineStart) + text.slice(end);
  }
}

/** One edit as a user makes them, or (rarely) a garbled one. */
function edit(prng: Prng, text: string, earlier: string[], bicep: boolean): string {
  const kind = prng.int(10);
  if (kind === 0 && earlier.length > 0) return prng.pick(earlier);
  if (bicep && prng.chance(0.3)) return bicepEdit(prng, text);
  if (kind === 1) return byteMutant(prng, text);
  if (kind <= 4) {
    // Mostly a digit of what NSG rules read (a priority, a port, a prefix), else any digit.
    const digits = prng.chance(0.7) ? offsets(text, /(?<=(?:priority|[Pp]ort|[Pp]refix)\w*['"]?\s*:\s*['"]?[\d./-]*)\d/g) : offsets(text, /\d/g);
    if (digits.length > 0) {
      const at = prng.pick(digits);
      return text.slice(0, at) + String(prng.int(10)) + text.slice(at + 1);
    }
  }
  if (kind <= 6) {
    const [from, to] = prng.pick(swaps);
    const at = offsets(text, new RegExp(from.replace(/[*]/g, '\\*'), 'g'));
    if (at.length > 0) {
      const i = prng.pick(at);
      return text.slice(0, i) + to + text.slice(i + from.length);
    }
  }
  const at = prng.int(text.length + 1);
  return prng.chance(0.5) ? text.slice(0, at) + prng.pick(['a', '0', ' ', '-', '.', '/']) + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
}

describe('re-analysis after edits equals analysis from nothing', () => {
  it('has documents to edit', () => {
    assert.ok(files.length >= 10, `expected the samples at least, found ${files.length}`);
  });

  const documents = [
    ...files.map((file) => ({ name: relative(join(__dirname, '..', '..', '..'), file), uri: pathToFileURL(file).href, read: () => readFileSync(file, 'utf8') })),
    ...generated.map((g) => ({ name: `generated ${g.name}`, uri: `file:///generated/${g.name}`, read: () => g.text })),
  ];
  for (const { name, uri, read } of documents) {
    it(name, () => {
      const original = read();
      const prng = prngFor(`reuse:${name}`);
      const versions = [original];
      const bicep = /\.bicep$/.test(uri);
      for (let i = 1; i < VERSIONS; i++) versions.push(edit(prng, versions[i - 1], versions.slice(0, i), bicep));
      // With reuse: each version after all the ones before it, as in an editor.
      forgetReuse();
      const reused = versions.map((text) => results(analyze(uri, text, host)));
      for (const [i, text] of versions.entries()) {
        forgetReuse();
        const fresh = results(analyze(uri, text, host));
        assert.equal(reused[i], fresh, `version ${i} of ${name} (FUZZ_SEED=${fuzzSeed}): the re-analysis differs from the analysis from nothing`);
      }
      if (bicep) {
        // The syntax features read (outline, hovers, fixes) is the tree a parse from nothing gives.
        forgetReuse();
        const trees = versions.map((text) => syntaxOf(analyze(uri, text, host)));
        for (const [i, text] of versions.entries()) {
          forgetReuse();
          assert.equal(trees[i], syntaxOf(analyze(uri, text, host)), `version ${i} of ${name} (FUZZ_SEED=${fuzzSeed}): the reused syntax tree differs from a parse from nothing`);
        }
      }
    });
  }
});

/** The top-level resource elements of an ARM template (none when it does not parse). */
function armElements(text: string): Node[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const resources = root?.children?.find((p) => p.children?.[0]?.value === 'resources')?.children?.[1];
  return resources?.type === 'array' ? (resources.children ?? []) : [];
}

/**
 * What moves the lowering an ARM re-analysis keeps per resource (see
 * server/src/lower/arm/reuse.ts): characters and line breaks typed and deleted before,
 * inside, between and after resources (every kept resource after them moves), a
 * parameter's default and a variable changed, the parameters file edited, a resource
 * moved, duplicated or removed, a return to an earlier version.
 */
function armEdit(prng: Prng, version: { text: string; params: string }, earlier: Array<{ text: string; params: string }>): { text: string; params: string } {
  const { text, params } = version;
  const list = armElements(text);
  const at = (o: number, insert: string, remove = 0) => ({ text: text.slice(0, o) + insert + text.slice(o + remove), params });
  switch (prng.int(12)) {
    case 0:
      return earlier.length > 0 ? prng.pick(earlier) : version;
    case 1:
    case 2: {
      // Inside a resource: a character, a line break, a deletion.
      const e = list.length > 0 ? prng.pick(list) : undefined;
      const o = e ? e.offset + prng.int(e.length) : prng.int(text.length + 1);
      return prng.chance(0.3) ? at(o, '', 1) : at(o, prng.pick(['a', '0', ' ', '\n', '\r\n', '  ', '"', ',']));
    }
    case 3: {
      // Between resources, or before the first one.
      const e = list.length > 0 ? prng.pick(list) : undefined;
      return at(e ? e.offset : 0, prng.pick(['\n    ', ' ', '\n']));
    }
    case 4: {
      const m = /"defaultValue": (\d+|"[^"]*")/g;
      const found = [...text.matchAll(m)];
      if (found.length === 0) return at(0, ' ');
      const f = prng.pick(found);
      return at(f.index! + f[0].length - 1, prng.pick(['1', 'x', '']), 0);
    }
    case 5: {
      const v = text.indexOf('"variables"');
      return v < 0 ? at(0, '\n') : at(v + 15 + prng.int(200), prng.pick(['a', ' ', '\n']));
    }
    case 6:
      return { text, params: params.replace(/ase-shop-[a-z]+/, prng.pick(['ase-shop-prod', 'ase-shop-test', 'ase-shop-dev'])) };
    case 7: {
      if (list.length < 2) return at(0, ' ');
      const i = prng.int(list.length - 1);
      const [a, b] = [list[i], list[i + 1]];
      const ta = text.slice(a.offset, a.offset + a.length);
      const tb = text.slice(b.offset, b.offset + b.length);
      return { text: text.slice(0, a.offset) + tb + text.slice(a.offset + a.length, b.offset) + ta + text.slice(b.offset + b.length), params };
    }
    case 8: {
      if (list.length === 0) return at(0, ' ');
      const e = prng.pick(list);
      return at(e.offset + e.length, `,\n    ${text.slice(e.offset, e.offset + e.length)}`);
    }
    case 9: {
      if (list.length < 2) return at(0, ' ');
      const i = 1 + prng.int(list.length - 1);
      const prev = list[i - 1];
      const e = list[i];
      return { text: text.slice(0, prev.offset + prev.length) + text.slice(e.offset + e.length), params };
    }
    default: {
      // After the resources (outputs, the closing brackets), or anywhere.
      const o = prng.chance(0.5) && list.length > 0 ? list[list.length - 1].offset + list[list.length - 1].length + prng.int(5) : prng.int(text.length + 1);
      return at(Math.min(o, text.length), prng.pick(['\n', ' ', 'x']));
    }
  }
}

describe('ARM re-analysis that replays kept resources equals analysis from nothing', () => {
  const { template, parameters } = reuseTemplate();
  const armDocuments = [
    { name: 'reuse template with its parameters file', uri: 'file:///reuse/shop.json', text: template, params: parameters },
    { name: 'generated hub-spoke.json', uri: 'file:///generated/reuse-hub-spoke.json', text: hubSpokeArm(3), params: '' },
  ];
  for (const doc of armDocuments) {
    it(doc.name, () => {
      const prng = prngFor(`arm-reuse:${doc.name}`);
      const versions = [{ text: doc.text, params: doc.params }];
      for (let i = 1; i < VERSIONS * 3; i++) versions.push(armEdit(prng, versions[i - 1], versions.slice(0, i)));
      const parametersUri = doc.uri.replace(/\.json$/, '.parameters.json');
      const hostOf = (params: string): Host => ({ readFile: (u) => (u === parametersUri && params !== '' ? params : undefined) });
      // The model too, written out in full: what the re-analysis reuses of it (see lower/arm/reuse.ts) must hold what a build from nothing holds.
      const armResults = (a: Analysis) => results(a) + modelText(a.model, { expand: true });
      forgetReuse();
      const reused = versions.map((v) => armResults(analyze(doc.uri, v.text, hostOf(v.params))));
      for (const [i, v] of versions.entries()) {
        forgetReuse();
        const fresh = armResults(analyze(doc.uri, v.text, hostOf(v.params)));
        assert.equal(reused[i], fresh, `version ${i} of ${doc.name} (FUZZ_SEED=${fuzzSeed}): the re-analysis differs from the analysis from nothing`);
      }
    });
  }
});

/** Where each quoted string of a Bicep text starts and ends (its quotes excluded), on one line. */
function stringSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(/'([^'\n\\]*)'/g)].map((m) => [m.index! + 1, m.index! + m[0].length - 1] as [number, number]);
}

/** Where each top-level declaration's line starts (a line starting with a keyword or a decorator). */
function declarationLines(text: string): number[] {
  return offsets(text, /^(?:@|param |var |resource |module |output |type |func |import |targetScope|metadata )/gm);
}

/**
 * A length-changing edit as typing makes them (the declarations after it move, see
 * parse/bicep/reuse.ts, and their evaluations are taken, see lower/bicep/reuse.ts):
 * characters typed where the last edit was or anywhere, one deleted (backspace), a line
 * break added or removed, a string typed into or shortened, a decorator added or removed
 * above a declaration, a comment added (line or block) or removed, a line duplicated or
 * removed.
 */
function typingEdit(prng: Prng, text: string, last: number): { text: string; at: number } {
  const put = (at: number, insert: string, remove = 0) => ({ text: text.slice(0, at) + insert + text.slice(at + remove), at: at + insert.length });
  const anywhere = prng.int(text.length + 1);
  switch (prng.int(12)) {
    case 0:
    case 1:
      // Typing on where the last edit left off.
      return put(Math.min(last, text.length), prng.pick(['a', 'b', '1', ' ', '-', '.', 'x'.repeat(1 + prng.int(3))]));
    case 2:
      // Backspace.
      return last > 0 && last <= text.length ? put(last - 1, '', 1) : put(anywhere, '', 1);
    case 3: {
      const spans = stringSpans(text);
      if (spans.length === 0) return put(anywhere, 'a');
      const [s, e] = prng.pick(spans);
      const at = s + prng.int(e - s + 1);
      return prng.chance(0.3) && at < e ? put(at, '', 1) : put(at, prng.pick(['a', 'Z', '9', ' ', '/', '${x}', '-']));
    }
    case 4:
      return put(anywhere, prng.pick(['\n', '\r\n', '\n\n']));
    case 5: {
      const nl = text.indexOf('\n', anywhere);
      return nl < 0 ? put(anywhere, ' ') : put(nl, '', 1);
    }
    case 6: {
      const lines = declarationLines(text);
      if (lines.length === 0) return put(anywhere, '@');
      const at = prng.pick(lines);
      return put(at, prng.pick(["@description('typed')\n", "@sys.description('a note')\n", '@minLength(1)\n', "@allowed([\n  'a'\n])\n", '@']));
    }
    case 7: {
      // A decorator removed (its line).
      const ds = offsets(text, /^@[^\n]*\n/gm);
      if (ds.length === 0) return put(anywhere, '\n');
      const at = prng.pick(ds);
      return put(at, '', text.indexOf('\n', at) + 1 - at);
    }
    case 8: {
      // A comment: at a line's end, inline, or an unclosed one.
      const nl = text.indexOf('\n', anywhere);
      return prng.chance(0.6) && nl >= 0 ? put(nl, prng.pick([' // note', ' /* c */', ' //'])) : put(anywhere, prng.pick(['/* x */', '//', '/*', '*/']));
    }
    case 9: {
      const cs = [...text.matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)];
      if (cs.length === 0) return put(anywhere, ' // c');
      const c = prng.pick(cs);
      return put(c.index!, '', c[0].length);
    }
    case 10: {
      const start = text.lastIndexOf('\n', anywhere - 1) + 1;
      const end = text.indexOf('\n', anywhere);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return prng.chance(0.5) ? put(start, line) : put(start, '', line.length);
    }
    default:
      return prng.chance(0.5) ? put(anywhere, prng.pick(['a', "'", '{', '}', ']', '(', ')', ',', ':'])) : put(anywhere, '', 1 + prng.int(3));
  }
}

describe('Bicep re-analysis after length-changing edits (typing) equals analysis from nothing', () => {
  const bicepDocuments = [
    ...files.filter((f) => f.endsWith('.bicep')).map((file) => ({ name: relative(join(__dirname, '..', '..', '..'), file), uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') })),
    ...generated.filter((g) => g.name.endsWith('.bicep')).map((g) => ({ name: `generated ${g.name}`, uri: `file:///generated/typing-${g.name}`, text: g.text })),
  ];
  it('has Bicep documents to type into', () => assert.ok(bicepDocuments.length >= 6));
  for (const doc of bicepDocuments) {
    it(doc.name, () => {
      const prng = prngFor(`bicep-typing:${doc.name}`);
      const versions = [doc.text];
      let last = prng.int(doc.text.length);
      for (let i = 1; i < VERSIONS * 2; i++) {
        if (prng.chance(0.05)) {
          versions.push(prng.pick(versions));
          continue;
        }
        const next = typingEdit(prng, versions[i - 1], last);
        versions.push(next.text);
        last = next.at;
      }
      // Results and the syntax tree (with its line index) after each version, as an editor analyses them, then from nothing.
      const both = (a: Analysis) => results(a) + syntaxOf(a);
      forgetReuse();
      const reused = versions.map((text) => both(analyze(doc.uri, text, host)));
      for (const [i, text] of versions.entries()) {
        forgetReuse();
        const fresh = both(analyze(doc.uri, text, host));
        if (reused[i] !== fresh) {
          let k = 0;
          while (k < fresh.length && reused[i][k] === fresh[k]) k++;
          assert.fail(`version ${i} of ${doc.name} (FUZZ_SEED=${fuzzSeed}): the re-analysis differs from the analysis from nothing\nreused: …${reused[i].slice(Math.max(0, k - 200), k + 200)}\nfresh:  …${fresh.slice(Math.max(0, k - 200), k + 200)}`);
        }
      }
    });
  }
});

describe('a Bicep analysis keeps its syntax tree while other texts of its document are tried', () => {
  // An editor answers hovers and code actions from its last analysis: fixes verified, a fix-all run, must not move that analysis's tree (see parse/bicep/reuse.ts).
  const withFixes = [
    ...files.filter((f) => f.endsWith('.bicep')).map((file) => ({ uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') })),
    ...generated.filter((g) => g.name.endsWith('.bicep')).map((g) => ({ uri: `file:///generated/held-${g.name}`, text: g.text })),
  ];
  it('after fix-all and after each fix verified', () => {
    let fixed = 0;
    for (const doc of withFixes) {
      forgetReuse();
      const first = analyze(doc.uri, doc.text, host);
      const before = syntaxOf(first);
      const result = fixAll(first, host);
      fixed += result.applied.length;
      for (const f of first.findings) fixVerdict(first, f, host);
      assert.equal(syntaxOf(first), before, `${doc.uri}: the analysis's syntax tree changed under it`);
    }
    assert.ok(fixed > 0, 'expected fixes to apply');
  });
});
