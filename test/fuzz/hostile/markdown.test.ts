// Hovers and the explain request on templates whose names and values are hostile
// Markdown (seeded): whatever a template writes, the Markdown the server sends has no
// link, image, raw HTML or heading of the template's making, through the engine and
// through the real server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { analyze } from '../../../server/src/engine/analyze';
import { explainAt } from '../../../server/src/query/explain';
import { hoverAt } from '../../../server/src/query/hover';
import { LineIndex } from '../../../server/src/core/lineIndex';
import type { Position } from '../../../server/src/core/nodeRef';
import { ensureBuilt } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { fuzzSeed, prngFor } from '../../support/prng';
import { assertInertMarkdown } from './inertMarkdown';
import { hostileArm, hostileBicep, hostileNames } from './payloads';

const templates = 5;

/** Where a hover or an explanation has something to say: the start of every line's text and just inside every string. */
function positionsIn(text: string): Position[] {
  const at = new LineIndex(text);
  const offsets = new Set<number>();
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      const indent = text.slice(lineStart, i).search(/\S/);
      if (indent >= 0) offsets.add(lineStart + indent).add(lineStart + indent + 2);
      lineStart = i + 1;
    } else if (text[i] === '"' || text[i] === "'") {
      offsets.add(i + 1).add(i + 3);
    }
  }
  return [...offsets].filter((o) => o <= text.length).map((o) => at.position(o));
}

for (const language of ['arm', 'bicep'] as const) {
  test(`hovers and explanations on ${language === 'arm' ? 'ARM' : 'Bicep'} templates with hostile names are inert Markdown`, { timeout: 60_000 }, () => {
    const prng = prngFor(`markdown ${language}`);
    let hovers = 0;
    for (let t = 0; t < templates; t++) {
      const names = hostileNames(prng);
      const uri = language === 'arm' ? 'file:///hostile/template.json' : 'file:///hostile/main.bicep';
      const text = language === 'arm' ? hostileArm(names) : hostileBicep(names);
      const analysis = analyze(uri, text, { readFile: () => undefined });
      const label = `${language} template ${t} (FUZZ_SEED=${fuzzSeed}, names ${JSON.stringify(names)})`;
      assert.ok(analysis.model?.ases.length, `${label}: the ASE is in the model`);
      for (const [i, position] of positionsIn(text).entries()) {
        const hover = hoverAt(analysis, position);
        if (hover) {
          hovers++;
          assertInertMarkdown((hover.contents as MarkupContent).value, `${label}, hover at ${JSON.stringify(position)}`);
        }
        if (i % 8 === 0) assertInertMarkdown(explainAt(analysis, { uri, position }).markdown, `${label}, explain at ${JSON.stringify(position)}`);
      }
      assertInertMarkdown(explainAt(analysis, { uri }).markdown, `${label}, explain`);
    }
    assert.ok(hovers > templates * 10, `only ${hovers} hovers answered`);
  });
}

test('the server sends inert Markdown for hovers and explanations of a hostile template', { timeout: 60_000 }, async (t) => {
  ensureBuilt();
  const prng = prngFor('markdown server');
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  for (const [i, language] of (['arm', 'bicep'] as const).entries()) {
    const names = hostileNames(prng);
    const uri = language === 'arm' ? `file:///hostile/server-${i}.json` : `file:///hostile/server-${i}.bicep`;
    const text = language === 'arm' ? hostileArm(names) : hostileBicep(names);
    await client.open(uri, text, language === 'arm' ? 'json' : 'bicep');
    let answered = 0;
    for (const position of positionsIn(text)) {
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
      if (!hover) continue;
      answered++;
      assertInertMarkdown((hover.contents as MarkupContent).value, `${language} hover at ${JSON.stringify(position)} (FUZZ_SEED=${fuzzSeed})`);
    }
    assert.ok(answered > 10, `${language}: ${answered} hovers answered`);
    const explained = (await client.connection.sendRequest('aseLint/explain', { uri })) as { markdown: string };
    assertInertMarkdown(explained.markdown, `${language} explain (FUZZ_SEED=${fuzzSeed})`);
    await client.close(uri);
  }
  assert.equal(await client.shutdown(), 0);
});
