// The real-world templates in ../shared/corpus/arm (public quickstart templates that
// deploy ASEs and VNet Integration): each is analysed without a failure and without an
// error or warning. None of them is known to break an ASE rule, so a finding here is a
// false alarm to fix (or, if it is real, a case to document here with its reason).
// Documented: they deploy ASEv1/v2, which Azure has retired, so each of those ASEs gets
// exactly one ASE901 (an error since Azure refuses to create them); information notes (ASE902, hints) are allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/engine/analyze';

const dir = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'arm');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];

test('the shared corpus is present', { skip: existsSync(dir) ? false : `no corpus at ${dir}` }, () => {
  assert.ok(files.length >= 10, `expected the corpus templates, found ${files.length}`);
});

for (const file of files) {
  test(`corpus: ${file}`, () => {
    const path = join(dir, file);
    const uri = pathToFileURL(path).href;
    const analysis = analyze(uri, readFileSync(path, 'utf8'), {
      readFile: (u) => {
        try {
          return readFileSync(new URL(u), 'utf8');
        } catch {
          return undefined;
        }
      },
    });
    assert.equal(analysis.isTemplate, true);
    assert.deepEqual(analysis.failures, []);
    const loud = analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    const retired = loud.filter((f) => f.code === 'ASE901');
    assert.deepEqual(
      loud.filter((f) => f.code !== 'ASE901').map((f) => `${f.code} ${f.at.range.start.line + 1}:${f.at.range.start.character + 1} ${f.message}`),
      [],
    );
    // One ASE901 on each ASEv1/v2 the template deploys, and nowhere else.
    const oldAses = (analysis.model?.ases ?? []).filter((a) => (a.version === 'v1' || a.version === 'v2') && a.condition === true);
    assert.deepEqual(
      retired.map((f) => `${f.at.uri} ${f.at.range.start.line}:${f.at.range.start.character}`).sort(),
      oldAses.map((a) => `${(a.kindRef ?? a.ref).uri} ${(a.kindRef ?? a.ref).range.start.line}:${(a.kindRef ?? a.ref).range.start.character}`).sort(),
    );
  });
}
