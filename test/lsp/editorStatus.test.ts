// What the client's status and Output channel are built from, over a real JSON-RPC
// connection: the server's info lines (its start, one line per analysis) and the
// notification that says whether a document is a template.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LogMessageNotification, MessageType, type LogMessageParams } from 'vscode-languageserver-protocol/node';
import { version } from '../../package.json';
import type { DocumentStatusParams } from '../../server/src/query/protocol';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

const fixtures = join(root, 'test', 'fixtures', 'lsp');
const fixture = (...parts: string[]) => ({ uri: pathToFileURL(join(fixtures, ...parts)).href, text: readFileSync(join(fixtures, ...parts), 'utf8') });

before(() => ensureBuilt());

test('the Output channel: the server start (version, Node, workers) and one info line per analysis (file, ms, findings, parameters file)', { timeout: 60_000 }, async (t) => {
  // A parameters file named in the settings, as for a template whose file has another name.
  const client = new TestClient({ parameterFiles: { 'parameterised.json': 'strict-deny.params.json' } }, [pathToFileURL(fixtures).href]);
  t.after(() => client.kill());
  const lines: LogMessageParams[] = [];
  client.connection.onNotification(LogMessageNotification.method, (p: LogMessageParams) => void lines.push(p));
  await client.initialize();

  const parameterised = fixture('parameterised.json');
  const v3 = fixture('v3', 'ase-v3.bicep');
  const other = fixture('not-a-template.json');
  const denyAll = fixture('deny-all-first.json');
  const opened = await client.open(denyAll.uri, denyAll.text);
  await client.open(v3.uri, v3.text, 'bicep');
  await client.open(other.uri, other.text);
  await client.open(parameterised.uri, parameterised.text);

  const info = lines.filter((l) => l.type === MessageType.Info).map((l) => l.message);
  assert.match(info[0], new RegExp(`^ASE Network Lint language server ${version.replace(/\./g, '\\.')} started: Node v\\d+\\.\\d+\\.\\d+, 2 engine workers$`));
  const about = (file: string) => info.filter((l) => l.startsWith(`analysed ${file} in `));
  // Paths relative to the workspace folder (the ASEv3 template's one finding is in its DNS module); findings without the ASE902 note; the parameters file, or that there was none.
  const found = opened.diagnostics.filter((d) => d.code !== 'ASE902').length;
  assert.deepEqual(about('deny-all-first.json').map((l) => l.replace(/ in [\d.]+ ms/, ' in N ms')), [`analysed deny-all-first.json in N ms: ${found} findings; no parameters file`]);
  assert.match(about('v3/ase-v3.bicep')[0], /^analysed v3\/ase-v3\.bicep in [\d.]+ ms: 1 finding; parameters from v3\/ase-v3\.bicepparam$/);
  assert.match(about('not-a-template.json')[0], /: not a deployment template$/);
  assert.match(about('parameterised.json')[0], /; parameters from strict-deny\.params\.json$/);
  // Nothing of this is an error: the channel's errors stay for what went wrong.
  assert.deepEqual(lines.filter((l) => l.type === MessageType.Error).map((l) => l.message), []);
});

test('aseLint/documentStatus says which documents are templates, once per change of mind', { timeout: 60_000 }, async (t) => {
  const client = new TestClient();
  t.after(() => client.kill());
  const statuses: DocumentStatusParams[] = [];
  client.connection.onNotification('aseLint/documentStatus', (p: DocumentStatusParams) => void statuses.push(p));
  await client.initialize();
  const template = fixture('deny-all-first.json');
  const other = fixture('not-a-template.json');
  await client.open(template.uri, template.text);
  await client.open(other.uri, other.text);
  // The notification goes out with the diagnostics; a second change that keeps it a template says nothing new.
  await client.change(template.uri, template.text.replace('"ase-nsg"', '"ase-nsg-2"'));
  const gone = await client.change(template.uri, '{ "name": "no longer a template" }');
  assert.deepEqual(gone.diagnostics, []);
  assert.deepEqual(
    statuses.map((s) => [s.uri, s.isTemplate, s.version]),
    [
      [template.uri, true, 1],
      [other.uri, false, 1],
      [template.uri, false, 3],
    ],
  );
});
