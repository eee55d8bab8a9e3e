// The .bicepparam TextMate grammar, run through the same engine VS Code uses: its own
// words (`using`, `extends`, `param name = …`) and, for the values, the Bicep grammar it
// includes by scope name, as VS Code resolves it between the two contributed grammars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

const root = join(__dirname, '..', '..');
const files: Record<string, string> = {
  'source.bicep.ase-lint': join(root, 'syntaxes', 'bicep.tmLanguage.json'),
  'source.bicep-params.ase-lint': join(root, 'syntaxes', 'bicepparam.tmLanguage.json'),
};

async function grammar(): Promise<IGrammar> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => undefined);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new OnigScanner(s), createOnigString: (s) => new OnigString(s) }),
    loadGrammar: async (scope) => (files[scope] ? parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
  });
  const g = await registry.loadGrammar('source.bicep-params.ase-lint');
  assert.ok(g, 'the grammar loads');
  return g;
}

test('.bicepparam: using, extends, parameter names, and Bicep values', async () => {
  const g = await grammar();
  let state = INITIAL;
  const all: [string, string][] = [];
  for (const line of [
    "using './main.bicep'",
    "extends './base.bicepparam'",
    '// Production spoke.',
    "param prefix = 'contoso-${env}'",
    'param tags = {',
    "  owner: readEnvironmentVariable('TEAM', 'platform')",
    '}',
    'var env = true',
    'using none',
  ]) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const text = line.slice(t.startIndex, t.endIndex);
      if (text.trim() !== '') all.push([text.trim(), t.scopes[t.scopes.length - 1]]);
    }
    state = r.ruleStack;
  }
  const scopesOf = (text: string) => all.filter(([t]) => t === text).map(([, s]) => s);
  assert.deepEqual(scopesOf('using'), ['keyword.other.using.bicep-params', 'keyword.other.using.bicep-params']);
  assert.deepEqual(scopesOf('none'), ['constant.language.none.bicep-params']);
  assert.deepEqual(scopesOf('extends'), ['keyword.other.extends.bicep-params']);
  assert.deepEqual(scopesOf('param'), ['keyword.other.declaration.bicep-params', 'keyword.other.declaration.bicep-params']);
  assert.deepEqual(scopesOf('prefix'), ['variable.parameter.bicep-params']);
  assert.deepEqual(scopesOf('tags'), ['variable.parameter.bicep-params']);
  assert.deepEqual(scopesOf('env'), ['variable.other.readwrite.bicep', 'variable.other.declaration.bicep-params'], 'inside the string, a Bicep symbol; after var, its declaration');
  // The rest is Bicep, from the included grammar.
  assert.deepEqual(scopesOf('./main.bicep'), ['string.quoted.single.bicep']);
  assert.deepEqual(scopesOf('// Production spoke.'), ['comment.line.double-slash.bicep']);
  assert.deepEqual(scopesOf('readEnvironmentVariable'), ['entity.name.function.bicep']);
  assert.deepEqual(scopesOf('owner'), ['variable.other.property.bicep']);
  assert.deepEqual(scopesOf('true'), ['constant.language.bicep']);
});
