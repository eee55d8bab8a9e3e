// The server's source folders are layers that point one way (docs/architecture.md): a
// file may import from its own layer and from the layers below it, never from above.
// The test reads every import of server/src and client/src and fails on one that points
// upward, naming the file, the import and the two layers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = join(__dirname, '..', '..');
const serverSrc = join(root, 'server', 'src');

/** From the bottom up. A layer is a folder of server/src (or a sub-folder where it says so). */
export const layers: readonly string[][] = [
  ['core'], // ranges, node refs, values, symbols, flows, findings and fixes as data, the host
  ['ip'], // CIDR, ports, intervals, address sets: arithmetic, no model
  ['parse'], // ARM JSON and Bicep syntax
  ['eval'], // ARM expressions and Bicep values
  ['model'], // the network model and the typed builders both front ends share
  ['knowledge'], // the documented port tables and sizes, as data
  ['net'], // NSG and route evaluation over the model
  ['lower/arm'], // the ARM front end: template → model
  ['lower/bicep'], // the Bicep front end (it reads ARM JSON modules through lower/arm)
  ['rules'], // the catalogue, one file per rule; rules/support holds what several rules share
  ['edits'], // fixes (language-free data) placed as text in ARM and Bicep
  ['engine'], // text → findings in one call: front end, rules, suppression, configuration, the safety net
  ['query'], // hovers, explain, code lens, symbols, SARIF: pure services over an analysis
  ['lsp', 'cli'], // the language server and the command line, side by side
];

function layerOf(file: string): number | undefined {
  const rel = relative(serverSrc, file).split(sep).join('/');
  let best: { index: number; length: number } | undefined;
  layers.forEach((names, index) => {
    for (const name of names) {
      if ((rel === name || rel.startsWith(`${name}/`)) && (!best || name.length > best.length)) best = { index, length: name.length };
    }
  });
  return best?.index;
}

function sideOf(file: string): string | undefined {
  const rel = relative(serverSrc, file).split(sep);
  return rel[0] === 'lsp' || rel[0] === 'cli' ? rel[0] : undefined;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Relative imports of a file (static, dynamic and type-only), resolved to absolute paths without extension. */
function importsOf(file: string): { spec: string; target: string }[] {
  const text = readFileSync(file, 'utf8');
  const out: { spec: string; target: string }[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g)) {
    out.push({ spec: m[1], target: resolve(dirname(file), m[1]) });
  }
  return out;
}

test('every server source file belongs to a layer', () => {
  const loose = sourceFiles(serverSrc).filter((f) => layerOf(f) === undefined);
  assert.deepEqual(loose.map((f) => relative(root, f)), []);
});

test('imports point down the layers, never up (and lsp and cli stay apart)', () => {
  const upward: string[] = [];
  for (const file of sourceFiles(serverSrc)) {
    const from = layerOf(file)!;
    for (const { spec, target } of importsOf(file)) {
      if (!target.startsWith(serverSrc + sep)) continue; // package.json and the like
      const to = layerOf(target);
      if (to === undefined) continue;
      const crossSides = from === to && sideOf(file) !== sideOf(target);
      if (to > from || crossSides) {
        upward.push(`${relative(root, file)} imports '${spec}': ${layers[from].join('|')} → ${layers[to].join('|')}`);
      }
    }
  }
  assert.deepEqual(upward, []);
});

test('a rule imports no other rule: what rules share lives in rules/support', () => {
  const rulesDir = join(serverSrc, 'rules');
  const ruleFile = (p: string) => dirname(p) === rulesDir && /\/[a-z0-9]+(-[a-z0-9]+)+$/.test(p.replace(/\.ts$/, ''));
  const crossing: string[] = [];
  for (const file of sourceFiles(rulesDir)) {
    // The catalogue lists every rule, one line each.
    if (file.endsWith(`${sep}catalogue.ts`)) continue;
    for (const { spec, target } of importsOf(file)) {
      if (ruleFile(target)) crossing.push(`${relative(root, file)} imports '${spec}'`);
    }
  }
  assert.deepEqual(crossing, []);
});

test('the client imports from the server only the wire protocol and the Bicep scanner', () => {
  const allowed = [join(serverSrc, 'query', 'protocol'), join(serverSrc, 'parse', 'bicep') + sep];
  const bad: string[] = [];
  for (const file of sourceFiles(join(root, 'client', 'src'))) {
    for (const { spec, target } of importsOf(file)) {
      if (target.startsWith(join(root, 'server') + sep) && !allowed.some((a) => target === a || target.startsWith(a))) {
        bad.push(`${relative(root, file)} imports '${spec}'`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

/** The edit layer's language renderers: how ARM and Bicep text is written. */
const languageRenderers = ['arm', 'bicep'].flatMap((l) => [join(serverSrc, 'edits', l), join(serverSrc, 'edits', l) + sep]);
const isLanguageRenderer = (target: string) => languageRenderers.some((r) => (r.endsWith(sep) ? target.startsWith(r) : target === r));

test('only the edit layer writes a language: nothing outside edits/ imports the ARM or Bicep renderer (edits/render.ts is the way in)', () => {
  const editsDir = join(serverSrc, 'edits') + sep;
  const bad: string[] = [];
  for (const file of [...sourceFiles(serverSrc), ...sourceFiles(join(root, 'client', 'src'))]) {
    if (file.startsWith(editsDir)) continue;
    for (const { spec, target } of importsOf(file)) if (isLanguageRenderer(target)) bad.push(`${relative(root, file)} imports '${spec}'`);
  }
  assert.deepEqual(bad, []);
});

test('a rule does not know the source language: it imports no syntax, front end or Bicep evaluation, and tests no file name', () => {
  const rulesDir = join(serverSrc, 'rules');
  const languageBound = ['parse', 'lower', join('eval', 'bicep'), 'edits'].map((d) => join(serverSrc, d) + sep);
  const bad: string[] = [];
  for (const file of sourceFiles(rulesDir)) {
    for (const { spec, target } of importsOf(file)) {
      if (languageBound.some((d) => (target + sep).startsWith(d))) bad.push(`${relative(root, file)} imports '${spec}'`);
    }
    // A file extension in code (a string or a regular expression), not in the prose of the docs.
    const code = readFileSync(file, 'utf8').replace(/docs:\s*`(?:[^`\\]|\\.)*`/g, '');
    for (const m of code.matchAll(/['"`]\.bicep(param)?['"`]|\\\.bicep|\bisBicep\w*|\bisArm\w*/g)) bad.push(`${relative(root, file)} tells the language: ${m[0]}`);
  }
  assert.deepEqual(bad, []);
});
