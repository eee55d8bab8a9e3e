import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBicep, type BicepFile, type Declaration } from '../../../server/src/parse/bicep';
import { checkCoverage } from './coverage';
import { FIXTURES, readFixture } from './fixtures';
import { generateBicep } from './generateBicep';
import { seededRandom } from './random';
import { checkTree } from './treeChecks';

// Bounded by count; the timeout turns a hang into a failure instead of a stuck run.
const TIMEOUT = 120_000;
const SOURCES = [...FIXTURES.map((name) => ({ name, text: readFixture(name) })), { name: 'generated', text: generateBicep(20_000) }];

/** What a person might be typing, plus the characters that break scanners. */
const SNIPPETS = [
  '{', '}', '[', ']', '(', ')', "'", "'''", '${', ':', ',', '=', '@', '.', '.?', '::', '!', '?', '??', '|', '=>', '...',
  '\n', '\r\n', '\r', ' ', '\t', '//', '/*', '*/', '#disable-next-line ASE102', '#', '\\', '\0', '\uD800', '\uDC00', 'é', '🌐',
  'resource ', 'param ', 'var ', 'output ', 'module ', 'type ', 'func ', 'import ', 'if (', '[for x in xs: ', 'existing ',
  "resource x 'Microsoft.Network/virtualNetworks@2023-04-01' = {", 'name: ', "'abc", 'x => x.id', '1 + ', '-',
];

function parseChecked(text: string, label: string): BicepFile {
  let file: BicepFile;
  try {
    file = parseBicep(text);
  } catch (e) {
    assert.fail(`${label}: parseBicep threw ${String(e)}`);
  }
  try {
    checkTree(file, text);
    checkCoverage(file);
  } catch (e) {
    assert.fail(`${label}: ${String(e)}`);
  }
  return file;
}

function same(a: Declaration, b: Declaration): boolean {
  const name = (d: Declaration) => ('name' in d ? d.name.name : '');
  return a.kind === b.kind && a.start === b.start && a.end === b.end && name(a) === name(b);
}

test('truncations keep every declaration that ended before the cut', { timeout: TIMEOUT }, () => {
  const random = seededRandom(0x5eed);
  for (const { name, text } of SOURCES) {
    const whole = parseBicep(text).declarations;
    for (let i = 0; i < 250; i++) {
      const cut = i < 50 ? Math.floor((text.length * i) / 50) : Math.floor(random() * (text.length + 1));
      const label = `${name} cut at ${cut}`;
      const file = parseChecked(text.slice(0, cut), label);
      for (const d of whole) {
        if (d.end > cut) break;
        assert.ok(
          file.declarations.some((k) => same(k, d)),
          `${label}: lost ${d.kind} at ${d.start}-${d.end}`,
        );
      }
    }
  }
});

test('random edits never throw and always give a sound tree covering the text', { timeout: TIMEOUT }, () => {
  const seed = 0xa5e;
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  for (let i = 0; i < 1500; i++) {
    const source = pick(SOURCES);
    let text = source.text;
    const edits = 1 + Math.floor(random() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * (text.length + 1));
      const choice = random();
      if (choice < 0.45) {
        text = text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
      } else if (choice < 0.75) {
        text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 40));
      } else if (choice < 0.9) {
        const from = Math.floor(random() * text.length);
        text = text.slice(0, at) + text.slice(from, from + Math.floor(random() * 200)) + text.slice(at);
      } else {
        text = text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x10000)) + text.slice(at + 1);
      }
    }
    parseChecked(text, `${source.name}, case ${i} of seed ${seed}`);
  }
});
