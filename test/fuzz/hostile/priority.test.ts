// Two hundred documents opened at once queue two hundred analyses; a hover, code
// actions or an explanation asked meanwhile is answered ahead of them (order of events
// only: how many documents were published before the answer), and the analyses all
// finish afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { generateArmTemplate } from '../../../scripts/bench/armTemplate';
import { ensureBuilt } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { within } from './patience';

const documents = 200;

test('user requests go ahead of queued background analyses', { timeout: 120_000 }, async (t) => {
  ensureBuilt();
  const text = generateArmTemplate(60_000).text;
  const line = text.slice(0, text.indexOf('Microsoft.Web/hostingEnvironments')).split('\n').length - 1;
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const uris = Array.from({ length: documents }, (_, i) => `file:///queued/doc-${i}.json`);
  let published = 0;
  const all = uris.map((u) => client.open(u, text).then(() => published++));
  const requests: [string, () => Promise<unknown>][] = [
    ['hover on the first document', () => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uris[0] }, position: { line, character: 20 } })],
    ['hover on the last document', () => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uris[documents - 1] }, position: { line, character: 20 } })],
    ['explain on a middle document', () => client.connection.sendRequest('aseLint/explain', { uri: uris[documents / 2] })],
    [
      'code actions on a late document',
      () => client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uris[documents - 3] }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } }),
    ],
  ];
  for (const [what, ask] of requests) {
    const answer = await within(ask(), 60_000, what);
    assert.ok(answer !== undefined, what);
    // Each worker has about a hundred analyses queued: an answer behind them would come after most were published.
    assert.ok(published < documents / 4, `${what}: answered after ${published} of ${documents} documents were published`);
  }
  await within(Promise.all(all), 90_000, 'the diagnostics of every document');
  assert.equal(published, documents);
  assert.equal(await client.shutdown(), 0);
});
