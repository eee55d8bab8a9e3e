// The Bicep TextMate grammar, run through the same engine VS Code uses
// (vscode-textmate with the oniguruma regex library), on lines an ASE template has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

const root = join(__dirname, '..', '..');
let grammarPromise: Promise<IGrammar> | undefined;

function grammar(): Promise<IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const path = join(root, 'syntaxes', 'bicep.tmLanguage.json');
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (s) => new OnigScanner(s), createOnigString: (s) => new OnigString(s) }),
      loadGrammar: async () => parseRawGrammar(readFileSync(path, 'utf8'), path),
    });
    const g = await registry.loadGrammar('source.bicep.ase-lint');
    assert.ok(g, 'the grammar loads');
    return g;
  })();
  return grammarPromise;
}

/** Each token's text with its most specific scope. */
async function tokens(lines: string[]): Promise<[string, string][]> {
  const g = await grammar();
  let state = INITIAL;
  const out: [string, string][] = [];
  for (const line of lines) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const text = line.slice(t.startIndex, t.endIndex);
      if (text.trim() !== '') out.push([text, t.scopes[t.scopes.length - 1]]);
    }
    state = r.ruleStack;
  }
  return out;
}

const scopeOf = (all: [string, string][], text: string) => all.find(([t]) => t === text)?.[1];

test('declarations, decorators, types and resource type strings', async () => {
  const all = await tokens([
    "@description('Address range of the ASE subnet')",
    "param subnetPrefix string = '10.0.1.0/24'",
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
    '  name: nsgName',
    '  type: 1',
    '}',
  ]);
  assert.equal(scopeOf(all, 'description'), 'entity.name.function.decorator.bicep');
  assert.equal(scopeOf(all, 'param'), 'keyword.other.declaration.bicep');
  assert.equal(scopeOf(all, 'string'), 'support.type.primitive.bicep');
  assert.equal(scopeOf(all, 'resource'), 'keyword.other.declaration.bicep');
  assert.equal(scopeOf(all, 'Microsoft.Network/networkSecurityGroups@2023-04-01'), 'string.quoted.single.bicep');
  assert.equal(scopeOf(all, 'name'), 'variable.other.property.bicep');
  assert.equal(scopeOf(all, 'type'), 'variable.other.property.bicep', 'a property called type is not the keyword');
});

test('interpolation, escapes, multi-line strings and comments', async () => {
  const all = await tokens([
    "var id = '${vnet.id}/subnets/it\\'s'",
    "var script = '''",
    "not ${interpolated} here",
    "'''",
    '// a comment with resource in it',
  ]);
  assert.equal(scopeOf(all, '${'), 'punctuation.definition.interpolation.begin.bicep');
  assert.equal(scopeOf(all, 'vnet'), 'variable.other.readwrite.bicep');
  assert.equal(scopeOf(all, "\\'"), 'constant.character.escape.bicep');
  assert.equal(scopeOf(all, 'not ${interpolated} here'), 'string.quoted.multi.bicep');
  assert.equal(scopeOf(all, '// a comment with resource in it'), 'comment.line.double-slash.bicep');
});

test('loops, conditions, calls, lambdas and pragmas', async () => {
  const all = await tokens([
    '#disable-next-line ASE102',
    "resource rules 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01' = [for (r, i) in items: if (r.enabled) {",
    '  name: toLower(r.name)',
    '  properties: filter(r.list, x => x.on) ?? []',
    '}]',
  ]);
  assert.equal(scopeOf(all, '#disable-next-line'), 'keyword.control.directive.bicep');
  assert.equal(scopeOf(all, ' ASE102'), 'constant.other.diagnostic-code.bicep');
  assert.equal(scopeOf(all, 'for'), 'keyword.control.bicep');
  assert.equal(scopeOf(all, 'in'), 'keyword.control.bicep');
  assert.equal(scopeOf(all, 'toLower'), 'entity.name.function.bicep');
  assert.equal(scopeOf(all, '=>'), 'keyword.operator.bicep');
  assert.equal(scopeOf(all, '??'), 'keyword.operator.bicep');
});
