// Documents above the size limit: a 50 MB single-line template gets one short
// information diagnostic saying how to raise the limit (not 210 MB of diagnostics), its
// text never goes to a worker, and other documents are answered meanwhile; a large JSON
// file that is no template gets nothing; raising the limit analyses it. The command
// line does the same with --max-file-size.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DidChangeConfigurationNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { SCHEMA } from '../../support/templates';
import { within } from './patience';

/** One line of `bytes` bytes: a template whose ASE has a name of almost all of it. */
function singleLine(bytes: number, schema = SCHEMA): string {
  const head = `{"$schema":"${schema}","resources":[{"type":"Microsoft.Web/hostingEnvironments","apiVersion":"2019-08-01","kind":"ASEV2","name":"`;
  const tail = '"}]}';
  return head + 'n'.repeat(bytes - head.length - tail.length) + tail;
}

const small = readFileSync(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json'), 'utf8');

test('the server answers a 50 MB template with one note, and other documents meanwhile', { timeout: 120_000 }, async (t) => {
  ensureBuilt();
  const settings: Record<string, unknown> = {};
  const client = new TestClient(settings);
  t.after(() => client.kill());
  await client.initialize();
  const bigUri = 'file:///sizes/big.json';
  const big = client.open(bigUri, singleLine(50 * 2 ** 20));
  const smallUri = 'file:///sizes/small.json';
  await within(client.open(smallUri, small), 30_000, 'the small document');
  await within(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: smallUri }, position: { line: 1, character: 4 } }), 30_000, 'a hover');
  const published = await within(big, 60_000, 'the note on the large document');
  assert.ok(JSON.stringify(published).length < 2000, `publishDiagnostics of ${JSON.stringify(published).length} characters`);
  assert.equal(published.diagnostics.length, 1);
  const [note] = published.diagnostics;
  assert.equal(note.code, 'ASE902');
  assert.equal(note.severity, 3, 'information');
  assert.match(String(note.message), /This file is 50 MB, more than the 16 MB the analyser checks, so it is not analysed and no rule reports on it; raise aseLint\.maxFileSizeMB to 50 or more to check it/);
  assert.deepEqual(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: bigUri }, position: { line: 0, character: 150 } }), null);
  const data = await within(client.open('file:///sizes/data.json', `{"values":[${'1,'.repeat(9 * 2 ** 20)}1]}`), 60_000, 'the data file');
  assert.deepEqual(data.diagnostics, [], 'a large JSON file that is no template gets nothing');

  // Raised: a 3 MB template above a 2 MB limit, then analysed once the limit is 4 MB.
  settings.maxFileSizeMB = 2;
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { aseLint: settings } });
  const mid = singleLine(3 * 2 ** 20);
  const midUri = 'file:///sizes/mid.json';
  const limited = await within(client.open(midUri, mid), 30_000, 'the 3 MB template');
  assert.match(String(limited.diagnostics[0]?.message), /more than the 2 MB the analyser checks/);
  settings.maxFileSizeMB = 4;
  const analysed = client.next(midUri, (p) => p.diagnostics.some((d) => d.code === 'ASE901'));
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { aseLint: settings } });
  await within(analysed, 60_000, 'the analysis once the limit is raised');
  assert.deepEqual(client.logs.filter((l) => /failed|stopped/.test(l)), []);
  assert.equal(await client.shutdown(), 0);
});

test('the command line gives a template above --max-file-size one information finding', { timeout: 120_000 }, (t) => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'ase-lint-sizes-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'big.json'), singleLine(20 * 2 ** 20));
  writeFileSync(join(dir, 'data.json'), `{"values":[${'1,'.repeat(9 * 2 ** 20)}1]}`);
  writeFileSync(join(dir, 'big.bicep'), `resource ase 'Microsoft.Web/hostingEnvironments@2019-08-01' = {\n  name: '${'n'.repeat(17 * 2 ** 20)}'\n}\n`);
  const run = (args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const r = run(['.']);
  assert.equal(r.status, 0, r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: { code: string; file: string; severity: string; message: string }[] }).findings;
  assert.deepEqual(findings.map((f) => [f.file, f.code, f.severity]).sort(), [['big.bicep', 'ASE902', 'information'], ['big.json', 'ASE902', 'information']]);
  assert.match(findings.find((f) => f.file === 'big.json')!.message, /This file is 20 MB, more than the 16 MB the analyser checks.*raise the limit with --max-file-size 20 to check it/);
  const raised = run(['--max-file-size', '32', 'big.json']);
  // Analysed, the file creates an ASEv2: ASE901, an error, fails the run.
  assert.equal(raised.status, 1, raised.stderr);
  assert.ok((JSON.parse(raised.stdout) as { findings: { code: string }[] }).findings.some((f) => f.code === 'ASE901'), 'analysed with the limit raised');
  const off = run(['--rule', 'ASE902=off', 'big.json']);
  assert.deepEqual((JSON.parse(off.stdout) as { findings: unknown[] }).findings, [], 'ASE902 off: nothing');
  const bad = run(['--max-file-size', 'lots', 'big.json']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-file-size expects a number of megabytes above 0, got 'lots'/);
});
