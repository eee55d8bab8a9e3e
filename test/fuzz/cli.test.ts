// The built command line on a folder of fuzzed and extreme files, some of them not even
// valid UTF-8: it must finish with 0 or 1 (2 is for I/O and usage errors only), print
// well-formed JSON, and report no internal failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { SCHEMA } from '../support/templates';
import { byteMutant, treeMutant } from '../support/mutations';
import { pathologicalInputs } from './pathological';
import { fuzzSeed, prngFor } from '../support/prng';
import { seedTemplates } from './sources';

let folder = '';

/** Byte sequences a UTF-8 decoder must replace: a stray continuation byte, an overlong NUL, a CESU-8 surrogate, a cut sequence. */
const badUtf8 = [Buffer.from([0xff]), Buffer.from([0xc0, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82])];

before(() => {
  ensureBuilt();
  folder = mkdtempSync(join(tmpdir(), 'ase-lint-fuzz-cli-'));
  const prng = prngFor('cli');
  const seeds = seedTemplates();
  for (let i = 0; i < 30; i++) {
    const source = prng.pick(seeds);
    writeFileSync(join(folder, `mutant-${i}.json`), i % 2 ? byteMutant(prng, source.text) : treeMutant(prng, source.text));
  }
  // The two slowest extreme inputs are left to the engine-level test.
  for (const [i, p] of pathologicalInputs().entries()) {
    if (!p.name.startsWith('100,000 security rules') && !p.name.startsWith('100,000 address')) writeFileSync(join(folder, `extreme-${i}.json`), p.text);
  }
  const template = Buffer.from(`{ "$schema": "${SCHEMA}", "resources": [ { "type": "Microsoft.Web/hostingEnvironments", "name": "ase-`);
  badUtf8.forEach((bytes, i) => writeFileSync(join(folder, `bad-utf8-${i}.json`), Buffer.concat([template, bytes, Buffer.from('" } ] }')])));
  writeFileSync(join(folder, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seeds[0].text, 'utf16le')]));
  writeFileSync(join(folder, 'empty.json'), '');
});

after(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

for (const format of ['json', 'text']) {
  test(`ase-lint --format ${format} on a folder of fuzzed files exits 0 or 1 without internal failures`, { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', format, folder], {
      cwd: folder,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    const context = `FUZZ_SEED=${fuzzSeed}, status ${r.status}, signal ${r.signal}\n${r.stderr.slice(0, 4000)}`;
    assert.ok(r.status === 0 || r.status === 1, context);
    assert.doesNotMatch(r.stderr, /failed|internal failure|error:/i, context);
    if (format === 'json') {
      const report = JSON.parse(r.stdout) as { findings?: unknown };
      assert.ok(Array.isArray(report.findings), 'the JSON report has a findings array');
    }
  });
}
