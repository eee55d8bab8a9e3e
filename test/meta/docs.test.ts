// Every rule has a documentation page (docs/rules/<name>.md, shipped in the .vsix) and the
// examples in it are run, as eslint runs the examples of its rule docs: an "incorrect"
// block must produce the rule's finding, a "correct" block must not, in ARM and in Bicep.
// An example may be a fragment of a base template (docs/rules/bases/): it runs merged
// into the base (docExamples.ts says how), and the page links the base it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { allRules } from '../../server/src/rules/index';
import { baseNames, baseTemplate, blocksOf, docsDir, examplesOf, pageOf } from './docExamples';

const requiredSections = ['What it checks', 'Why it matters', 'Examples', 'How to fix', 'Suppressing it'];

test('every rule has a page, and every page a rule', () => {
  const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md'));
  for (const r of allRules) assert.ok(existsSync(join(docsDir, `${r.name}.md`)), `docs/rules/${r.name}.md exists for ${r.code}`);
  const names = new Set(allRules.map((r) => `${r.name}.md`));
  assert.deepEqual(pages.filter((p) => !names.has(p)), [], 'no page without a rule');
});

for (const rule of allRules) {
  test(`${rule.code} ${rule.name}: the page is complete and its examples hold`, () => {
    const page = pageOf(rule.name);
    const lines = page.split('\n');
    assert.equal(lines[0], `# ${rule.code} ${rule.name}`, 'the first line names the code and the rule');
    const versions = rule.appliesTo === 'any' ? 'any' : rule.appliesTo.join(', ');
    // A rule that reports at two levels may say so in brackets after its default severity.
    const literal = (t: string) => t.replace(/[*()]/g, '\\$&');
    const header = `^${literal(`**Severity:** ${rule.severity}`)}( \\([^)]*\\))? · ${literal(`**ASE versions:** ${versions} · **Quick fix:** `)}`;
    assert.match(lines[2], new RegExp(header), 'the third line states the severity and versions as the rule does');
    for (const s of requiredSections) assert.match(page, new RegExp(`^## ${s}$`, 'm'), `section "## ${s}"`);
    assert.ok(page.includes(`ase-lint-disable-next-line ${rule.code}`), 'the page shows the inline suppression');
    assert.ok(page.includes(`#disable-next-line ${rule.code}`), 'the page shows the Bicep pragma');
    const examples = examplesOf(page);
    for (const base of new Set(examples.flatMap((e) => (e.base ? [e.base] : [])))) {
      assert.ok(page.includes(`](bases/${base}.md)`), `the page links the base template its examples name, bases/${base}.md`);
    }
    for (const language of ['json', 'bicep'] as const)
      for (const kind of ['incorrect', 'correct'] as const)
        assert.ok(
          examples.some((e) => e.language === language && e.kind === kind),
          `a \`${language} ${kind}\` example`,
        );
    for (const e of examples) {
      const uri = `file:///docs/rules/${rule.name}/line${e.line}.${e.language}`;
      const analysis = analyze(uri, e.text, { readFile: () => undefined });
      const where = `the ${e.language} ${e.kind} example at line ${e.line}`;
      assert.ok(analysis.isTemplate, `${where} is a template`);
      assert.deepEqual(analysis.failures, [], `${where} analyses without failure`);
      const own = analysis.findings.filter((f) => f.code === rule.code);
      if (e.kind === 'incorrect') {
        assert.ok(own.length > 0, `${where} produces ${rule.code}`);
      } else {
        assert.deepEqual(own.map((f) => f.message), [], `${where} produces no ${rule.code}`);
        // A correct example is correct as a whole: nothing else is broken in it (retired ASE versions aside).
        const others = analysis.findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.code !== 'ASE901');
        assert.deepEqual(others.map((f) => `${f.code}: ${f.message}`), [], `${where} has no other error or warning`);
      }
    }
  });
}

test('every base template is a whole template in ARM and in Bicep, and some page builds on it', () => {
  const used = new Set(allRules.flatMap((r) => blocksOf(pageOf(r.name)).flatMap((b) => (b.base ? [b.base] : []))));
  assert.ok(baseNames().length > 0);
  for (const base of baseNames()) {
    assert.ok(used.has(base), `docs/rules/bases/${base}.md is the base of some example`);
    for (const language of ['json', 'bicep'] as const) {
      const analysis = analyze(`file:///docs/rules/bases/${base}.${language}`, baseTemplate(base, language), { readFile: () => undefined });
      assert.ok(analysis.isTemplate, `${base} (${language}) is a template`);
      assert.deepEqual(analysis.failures, [], `${base} (${language}) analyses without failure`);
    }
  }
});
