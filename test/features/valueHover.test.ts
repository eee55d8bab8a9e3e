import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { MarkupContent } from 'vscode-languageserver';
import { analyze } from '../../server/src/engine/analyze';
import { createDiskHost } from '../../server/src/engine/diskHost';
import { hoverAt } from '../../server/src/query/hover';
import { root } from '../support/ensureBuilt';
import { positionOf, textOf } from './hoverHelpers';

const fixtures = join(root, 'test', 'fixtures', 'lsp');
const file = (...parts: string[]) => ({ uri: pathToFileURL(join(fixtures, ...parts)).href, text: readFileSync(join(fixtures, ...parts), 'utf8') });
const host = createDiskHost(undefined, { roots: [pathToFileURL(fixtures).href] });

function hover(f: { uri: string; text: string }, needle: string, delta = 1, options = {}) {
  const analysis = analyze(f.uri, f.text, host, options);
  const h = hoverAt(analysis, positionOf(f.text, needle, delta), host);
  return h ? { markdown: (h.contents as MarkupContent).value, text: h.range ? textOf(f.text, h.range) : undefined } : null;
}

test('a parameter reference shows the value it resolves to and where it is given: the parameters file and its line, or the default', () => {
  const template = file('parameterised.json');
  const params = file('strict-deny.params.json');
  const fromFile = hover(template, "[parameters('catchAllAccess')]", 3, { parametersUri: params.uri });
  assert.equal(
    fromFile?.markdown,
    "**Resolved value** `Deny` — the access of security rule 'CatchAllInbound': from parameter 'catchAllAccess' in strict-deny.params.json, line 5\n\nParameter values from `strict-deny.params.json`.",
  );
  assert.equal(fromFile?.text, `"[parameters('catchAllAccess')]"`);
  const byDefault = hover(template, "[parameters('catchAllAccess')]", 3);
  assert.equal(byDefault?.markdown, "**Resolved value** `Allow` — the access of security rule 'CatchAllInbound': from the default of parameter 'catchAllAccess'");
  // A literal says what it is itself: no resolved-value hover on it.
  assert.equal(hover(template, '"Inbound"', 2)?.markdown.includes('Resolved value') ?? false, false);
});

test('a .bicepparam value shows the template it is given to and every value of the template it decides', () => {
  const params = file('params', 'main.bicepparam');
  const shown = hover(params, "'10.0.1.0/28'", 2);
  assert.equal(shown?.text, "'10.0.1.0/28'");
  assert.equal(
    shown?.markdown,
    [
      '**Given to** `main.bicep` from `main.bicepparam`, used as:',
      '',
      "- the prefix of subnet 'ase-subnet': `10.0.1.0/28` (network.bicep, line 23)",
      "- the destination of security rule 'AllowLoadBalancer': `10.0.1.0/28` (network.bicep, line 8)",
    ].join('\n'),
  );
});

test('a module that deploys an ASE shows its summary, as the ASE does', () => {
  const main = file('params', 'main.bicep');
  const shown = hover(main, 'module network', 8);
  assert.equal(shown?.text, 'network');
  assert.match(shown?.markdown ?? '', /^\*\*App Service Environment `my-ase`\*\*\n\n- Version: ASEv3\n/);
  assert.match(shown?.markdown ?? '', /\| `ASE401` \| subnet size \(\/24 recommended, \/27 at least\) \| \*\*blocked\*\* \| \/28 is below the \/27 minimum \|/);
  // The module's body is not the declaration: its arguments have hovers of their own.
  assert.equal(hover(main, 'aseSubnetPrefix: aseSubnetPrefix', 20)?.markdown.startsWith('**App Service Environment') ?? false, false);
});
