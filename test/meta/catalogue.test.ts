// Keeps the rule catalogue honest: unique codes and names, one file per rule named after
// it, a title present (the prose is the rule's page: test/meta/docs.test.ts), a rule table
// in test/rules, and the files `npm run catalogue` writes (the settings and project
// schemas, the README's rule table) as it writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../server/src/rules/index';
import { projectSchema, readmeRulesTable, settingsRulesSchema } from '../../scripts/catalogue';
import { loadRuleTables, twinProblem, type RuleTable } from '../support/tester';

const root = join(__dirname, '..', '..');

test('codes and names are unique and well-formed', () => {
  const codes = allRules.map((r) => r.code);
  const names = allRules.map((r) => r.name);
  assert.equal(new Set(codes).size, codes.length);
  assert.equal(new Set(names).size, names.length);
  for (const r of allRules) {
    assert.match(r.code, /^ASE\d{3}$/);
    assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.match(r.title, /^[A-Z].*\.$/, `${r.code} title is one capitalised sentence ending with a period`);
  }
});

test('each rule lives in a file named after it', () => {
  for (const r of allRules) {
    const file = join(root, 'server', 'src', 'rules', `${r.name}.ts`);
    assert.ok(existsSync(file), `${file} exists`);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`code: '${r.code}'`));
  }
});

test('rules/catalogue.ts lists each rule on one line, exported from the file named after it; allRules follows the codes', () => {
  const text = readFileSync(join(root, 'server', 'src', 'rules', 'catalogue.ts'), 'utf8');
  const lines = text.split('\n').filter((l) => l.startsWith('export '));
  const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  assert.deepEqual(lines.slice().sort(), allRules.map((r) => `export { ${camel(r.name)} } from './${r.name}';`).sort());
  assert.deepEqual(allRules.map((r) => r.code), allRules.map((r) => r.code).slice().sort());
});

test('each rule has a rule table that runs it', () => {
  const dir = join(root, 'test', 'rules');
  const strays = readdirSync(dir).filter((f) => !allRules.some((r) => f === `${r.name}.test.ts`));
  assert.deepEqual(strays, [], 'test/rules holds one test file per rule, named after it');
  for (const r of allRules) {
    const file = join(dir, `${r.name}.test.ts`);
    assert.ok(existsSync(file), `${r.code} ${r.name} has its test file test/rules/${r.name}.test.ts`);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(`server/src/rules/${r.name}'`), `test/rules/${r.name}.test.ts imports its rule`);
    assert.match(text, /ruleTester\(/);
  }
});

test('the README rule table is the one `npm run catalogue` writes', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('<!-- rules-table'), readme.indexOf('<!-- /rules-table -->') + '<!-- /rules-table -->'.length);
  assert.equal(table, readmeRulesTable(), 'README.md is stale: run `npm run catalogue`');
  // One row per rule, saying what its definition says.
  const rows = table.split('\n').filter((l) => /^\| ASE\d{3} /.test(l));
  assert.deepEqual(rows.map((r) => r.split(' | ')[0].slice(2)), allRules.map((r) => r.code));
  for (const r of allRules) assert.ok(rows.some((row) => row.includes(` ${r.name} | ${r.severity} | `) && row.endsWith(` ${r.title} |`)), r.code);
});

test('every rule is in the aseLint.rules setting and the ase-lint.json schema, as `npm run catalogue` writes them', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const setting = pkg.contributes.configuration.properties['aseLint.rules'];
  for (const r of allRules) assert.ok(setting.properties[r.code], `${r.code} in the aseLint.rules setting`);
  // The Settings editor's key dropdown lists the properties with their plain descriptions: codes and names both.
  for (const r of allRules) assert.match(setting.properties[r.name]?.description ?? '', new RegExp(`^${r.code} — `), `${r.name} in the dropdown`);
  assert.deepEqual(setting, settingsRulesSchema(), 'package.json is stale: run `npm run catalogue`');
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'ase-lint.schema.json'), 'utf8'));
  for (const r of allRules) {
    assert.ok(schema.properties.rules.properties[r.code], `${r.code} in the project schema`);
    assert.ok(schema.properties.rules.properties[r.name], `${r.name} in the project schema`);
  }
  assert.deepEqual(schema, projectSchema(), 'schemas/ase-lint.schema.json is stale: run `npm run catalogue`');
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: 'ase-lint.json', url: './schemas/ase-lint.schema.json' }]);
});

test('every rule is tested in ARM and in Bicep', () => {
  for (const r of allRules) {
    const file = join(root, 'test', 'rules', `${r.name}.test.ts`);
    const table = existsSync(file) ? readFileSync(file, 'utf8') : '';
    assert.ok(/\barm:/.test(table) && /\bbicep:/.test(table), `${r.code} has ARM and Bicep cases`);
  }
});

// Every rule table, read through ruleTester's registry: loading the files here registers
// none of their tests. Read before the tests, so that an error loading a table fails the test below.
const fileTables = new Map<string, RuleTable[]>();
const tables = (() => {
  const dir = join(root, 'test', 'rules');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  try {
    let all: RuleTable[] = [];
    for (const f of files) {
      const before = all.length;
      all = loadRuleTables([join(dir, f)]);
      fileTables.set(f, all.slice(before));
    }
    return all;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
})();

test("a rule's test file holds that rule's tables alone", () => {
  if (tables instanceof Error) throw tables;
  const misplaced = [...fileTables].flatMap(([f, ts]) => ts.filter((t) => f !== `${t.rule.name}.test.ts`).map((t) => `${f} holds a table of ${t.rule.code} ${t.rule.name}`));
  assert.deepEqual(misplaced, []);
});

test('every rule case has a Bicep twin', () => {
  if (tables instanceof Error) throw tables;
  for (const r of allRules) assert.ok(tables.some((t) => t.rule === r), `${r.code} ${r.name} has a table run by ruleTester`);
  const problems: string[] = [];
  for (const t of tables) {
    for (const c of [...t.valid, ...t.invalid]) {
      const problem = twinProblem(c);
      if (problem) problems.push(`${t.rule.code} '${c.name}' ${problem}`);
    }
  }
  assert.deepEqual(problems, []);
});
