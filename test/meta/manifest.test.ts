// The extension's manifest against the code: every contributed file exists and parses,
// every command the client registers is declared and every declared one registered,
// template-only commands are shown only in templates, and the README's settings table
// lists every setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

test('grammars and language configurations exist; the Bicep languages have both', () => {
  for (const g of contributes.grammars) assert.ok(existsSync(join(root, g.path)), g.path);
  const byId = new Map<string, { configuration?: string }>(contributes.languages.map((l: { id: string }) => [l.id, l]));
  for (const id of ['bicep', 'bicep-params']) {
    const configuration = byId.get(id)?.configuration;
    assert.ok(configuration, `${id} has a language configuration`);
    const config = parse(readFileSync(join(root, configuration), 'utf8'));
    assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
    assert.ok(config.autoClosingPairs.some((p: { open: string; close: string }) => p.open === "'" && p.close === "'"), 'quotes close');
    for (const pattern of [config.wordPattern, config.indentationRules.increaseIndentPattern, config.indentationRules.decreaseIndentPattern]) {
      assert.doesNotThrow(() => new RegExp(pattern), pattern);
    }
    assert.ok(contributes.grammars.some((g: { language: string }) => g.language === id), `${id} has a grammar`);
  }
});

test('every command the client registers is declared, and every declared command is registered', () => {
  const client = readdirSync(join(root, 'client', 'src'))
    .map((f) => readFileSync(join(root, 'client', 'src', f), 'utf8'))
    .join('\n');
  const protocol = readFileSync(join(root, 'server', 'src', 'query', 'protocol.ts'), 'utf8');
  const ids = new Set([...`${client}\n${protocol}`.matchAll(/'(aseLint\.[a-zA-Z]+)'/g)].map((m) => m[1]).filter((id) => !/^aseLint\.(status|isTemplate|explain|enable|rules|trace)$/.test(id)));
  const declared = new Set(contributes.commands.map((c: { command: string }) => c.command));
  assert.deepEqual([...ids].sort(), [...declared].sort());
});

test('the explain command and its context-menu entry appear only in templates; the status menu is not in the palette', () => {
  const context = contributes.menus['editor/context'].find((m: { command: string }) => m.command === 'aseLint.explainDependency');
  assert.equal(context.when, 'aseLint.isTemplate');
  const palette = new Map(contributes.menus.commandPalette.map((m: { command: string; when: string }) => [m.command, m.when]));
  assert.equal(palette.get('aseLint.explainDependency'), 'aseLint.isTemplate');
  assert.equal(palette.get('aseLint.showStatusMenu'), 'false');
});

test('the README lists every setting with its default', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const [name, schema] of Object.entries(contributes.configuration.properties) as [string, { default: unknown }][]) {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
    assert.ok(row, `${name} in the README's settings table`);
    assert.ok(row.includes(`\`${JSON.stringify(schema.default)}\``), `${name}: default ${JSON.stringify(schema.default)} in '${row}'`);
  }
});

test('the Markdown preview gets the Bicep highlighting from the extension', () => {
  assert.equal(contributes['markdown.markdownItPlugins'], true);
  assert.match(readFileSync(join(root, 'client', 'src', 'extension.ts'), 'utf8'), /extendMarkdownIt/);
});
