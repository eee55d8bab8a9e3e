// The engine runs in worker threads: the protocol thread keeps reading messages while a
// large template is analysed, stale results and cancelled requests are dropped, and a
// worker that dies is restarted without trying the document that killed it again. Order
// of events only, no clocks: a multi-megabyte analysis takes hundreds of milliseconds,
// a hover on a small document a few.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { generateArmTemplate, oneCharacterEdit } from '../../scripts/bench/armTemplate';
import { crashHookVariable } from '../../server/src/lsp/worker/engineWorker';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const small = readFileSync(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json'), 'utf8');
const codes = (ds: { code?: string | number }[]) => ds.map((d) => String(d.code));
/** Inside "454-455" in the small template: a hover there always has something to say. */
const onPort = (text: string) => {
  const lines = text.slice(0, text.indexOf('"454-455"') + 2).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};

before(() => ensureBuilt());

test('while a large template is analysed: another document is answered, the stale run is not published, a cancelled request is dropped', { timeout: 120_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const smallUri = 'file:///tmp/ase-lint-test/small.json';
  await client.open(smallUri, small);

  const large = generateArmTemplate(4_000_000);
  const largeUri = 'file:///tmp/ase-lint-test/large.json';
  const events: string[] = [];
  const firstPublished = client.next(largeUri, () => true).then((p) => {
    events.push(`large: diagnostics of version ${p.version}`);
    return p;
  });
  // Version 1 is being analysed when version 2 arrives: its result must never be published.
  void client.open(largeUri, large.text);
  void client.change(largeUri, oneCharacterEdit(large.text, large.editOffset, 1));

  // Queued behind the large document's analysis, and cancelled before its turn.
  const source = new CancellationTokenSource();
  const dropped = client.connection
    .sendRequest(HoverRequest.type, { textDocument: { uri: largeUri }, position: { line: 3, character: 5 } }, source.token)
    .then(() => 'answered', (e: unknown) => e);
  source.cancel();

  const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: smallUri }, position: onPort(small) })) as Hover | null;
  events.push('small: hover');
  assert.ok(hover, 'the small document is hovered while the large one is analysed');

  const published = await firstPublished;
  assert.deepEqual(events, ['small: hover', 'large: diagnostics of version 2'], 'the hover was answered first; version 1 was not published');
  assert.ok(codes(published.diagnostics).includes('ASE901'), 'the large template has findings');
  const error = await dropped;
  assert.ok(error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled, `the cancelled hover was run: ${String(error)}`);
  assert.equal(await client.shutdown(), 0);
});

test('a worker that dies is restarted; the document that killed it is not analysed again until it changes', { timeout: 60_000 }, async (t) => {
  const marker = 'crash-the-worker';
  const client = new TestClient({}, [], { [crashHookVariable]: marker });
  t.after(() => client.kill());
  await client.initialize();
  const stops = () => client.logs.filter((l) => /analysis worker stopped/.test(l));

  const uri = 'file:///tmp/ase-lint-test/crashing.json';
  const crashing = `// ${marker}\n${small}`;
  const first = await client.open(uri, crashing);
  assert.deepEqual(first.diagnostics, [], 'published empty: no findings of an analysis that did not finish');
  assert.equal(stops().length, 1, client.logs.join('\n'));
  assert.match(stops()[0], /crashing\.json \(version 1\)/);

  // Requests on it are answered (empty), without running it again.
  const position = onPort(crashing);
  assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), null);
  assert.deepEqual(
    await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
    [],
  );
  const explained = (await client.connection.sendRequest('aseLint/explain', { uri, position })) as { ases: unknown[] };
  assert.deepEqual(explained.ases, [], 'explained without an analysis');
  assert.equal(stops().length, 1, 'not retried');

  // The server keeps analysing other documents.
  const other = await client.open('file:///tmp/ase-lint-test/other.json', small);
  assert.ok(codes(other.diagnostics).includes('ASE101'));

  // Its text changes: analysed again, by the restarted worker that owns it.
  const fixed = await client.change(uri, small);
  assert.ok(codes(fixed.diagnostics).includes('ASE101'), 'analysed once its text changed');
  assert.equal(stops().length, 1);
  assert.equal(client.serverStderr, '');
  assert.equal(await client.shutdown(), 0);
});

test('an edit to a file a template reads, open in another worker, re-analyses the template with the unsaved text', { timeout: 60_000 }, async (t) => {
  const fixtures = join(root, 'test', 'fixtures', 'lsp');
  const client = new TestClient({ parameterFiles: { 'parameterised.json': 'strict-deny.params.json' } }, [pathToFileURL(fixtures).href]);
  t.after(() => client.kill());
  await client.initialize();
  const template = pathToFileURL(join(fixtures, 'parameterised.json')).href;
  const parameters = pathToFileURL(join(fixtures, 'strict-deny.params.json')).href;
  const denying = readFileSync(join(fixtures, 'strict-deny.params.json'), 'utf8');
  const allowing = denying.replace('"Deny"', '"Allow"');
  const hasAse101 = (p: { diagnostics: { code?: string | number }[] }) => codes(p.diagnostics).includes('ASE101');

  assert.ok(hasAse101(await client.open(template, readFileSync(join(fixtures, 'parameterised.json'), 'utf8'))), 'the parameters file on disk denies');
  // Opened with unsaved text that allows: the template, analysed by another worker, follows.
  const relaxed = client.next(template, (p) => !hasAse101(p));
  await client.open(parameters, allowing);
  await relaxed;
  const strict = client.next(template, hasAse101);
  await client.change(parameters, denying);
  await strict;
  const again = client.next(template, (p) => !hasAse101(p));
  await client.change(parameters, allowing);
  await again;
  // Closed: the text on disk counts again.
  const onDisk = client.next(template, hasAse101);
  await client.close(parameters);
  await onDisk;
  assert.equal(await client.shutdown(), 0);
});
