// The project file, the editor's rule settings and suppression comments, through the
// real server over JSON-RPC: severities follow ase-lint.json and aseLint.rules, a change
// to the file re-analyses, "Suppress … on this line" works, code links open local pages.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';

let work = '';
let folder = '';
let templateUri = '';
let configPath = '';
const template = readFileSync(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json'), 'utf8');
const find = (ds: Diagnostic[], code: string) => ds.find((d) => d.code === code);

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-lsp-config-'));
  mkdirSync(join(work, '.git'));
  mkdirSync(join(work, 'infra'));
  writeFileSync(join(work, 'infra', 'ase.json'), template);
  folder = pathToFileURL(work).href;
  templateUri = pathToFileURL(join(work, 'infra', 'ase.json')).href;
  configPath = join(work, 'ase-lint.json');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('ase-lint.json sets severities; a change to it re-analyses; settings override it; code links open local pages', { timeout: 60_000 }, async (t) => {
  writeFileSync(configPath, '{ "rules": { "ASE101": "off", "inbound-load-balancer": "hint" } }');
  const client = new TestClient({ rules: { ASE103: 'information' } }, [folder]);
  t.after(() => client.kill());
  await client.initialize();
  const first = (await client.open(templateUri, template)).diagnostics;
  assert.equal(find(first, 'ASE101'), undefined, 'off in the project file');
  assert.equal(find(first, 'ASE102')?.severity, DiagnosticSeverity.Hint, 'hint in the project file');
  assert.equal(find(first, 'ASE103')?.severity, DiagnosticSeverity.Information, 'information in the settings');
  const href = find(first, 'ASE102')?.codeDescription?.href ?? '';
  assert.match(href, /^file:.*\/docs\/rules\/inbound-load-balancer\.md$/);
  assert.ok(existsSync(fileURLToPath(href)), 'the page the code links to exists');

  // The file changes on disk (a checkout): the client's watcher reports it.
  writeFileSync(configPath, '{ "rules": { "ASE102": "warning", "ASE103": "error" } }');
  const republished = client.next(templateUri, (p) => find(p.diagnostics, 'ASE101') !== undefined);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(configPath).href, type: FileChangeType.Changed }] });
  const second = (await republished).diagnostics;
  assert.equal(find(second, 'ASE102')?.severity, DiagnosticSeverity.Warning);
  assert.equal(find(second, 'ASE103')?.severity, DiagnosticSeverity.Information, 'the editor setting still wins');

  // Edited in the editor, unsaved: what the user types counts.
  const configUri = pathToFileURL(configPath).href;
  await client.open(configUri, '{ "rules": { "ASE101": "hint" } }');
  const third = (await client.next(templateUri, (p) => find(p.diagnostics, 'ASE101')?.severity === DiagnosticSeverity.Hint)).diagnostics;
  assert.equal(find(third, 'ASE102')?.severity, DiagnosticSeverity.Error, 'back to its default');
  assert.equal(await client.shutdown(), 0);
});

test('"Suppress ASE101 on this line" through the protocol, and the unused-suppression hint with its fix', { timeout: 60_000 }, async (t) => {
  rmSync(configPath, { force: true });
  const client = new TestClient({}, [folder]);
  t.after(() => client.kill());
  await client.initialize();
  const first = (await client.open(templateUri, template)).diagnostics;
  const mgmt = find(first, 'ASE101');
  assert.ok(mgmt);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: templateUri },
    range: mgmt.range,
    context: { diagnostics: [mgmt] },
  })) as CodeAction[];
  const suppress = actions.find((a) => a.title === 'Suppress ASE101 on this line');
  assert.ok(suppress?.edit?.changes, `got: ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(suppress.isPreferred, undefined, 'the real fix stays the preferred one');
  const edits = suppress.edit.changes[templateUri];
  const suppressed = TextDocument.applyEdits(TextDocument.create(templateUri, 'json', 1, template), edits);
  assert.match(suppressed.split('\n')[mgmt.range.start.line], /^\s*\/\/ ase-lint-disable-next-line ASE101$/);
  const second = (await client.change(templateUri, suppressed)).diagnostics;
  assert.equal(find(second, 'ASE101'), undefined);
  assert.ok(find(second, 'ASE102'), 'only ASE101 is suppressed');

  // The deny rule is removed later: the suppression now suppresses nothing.
  const relaxed = suppressed.replace(/"access": "Deny"/g, '"access": "Allow"');
  const third = (await client.change(templateUri, relaxed)).diagnostics;
  const unused = find(third, 'unused-suppression');
  assert.ok(unused, JSON.stringify(third.map((d) => d.code)));
  assert.equal(unused.severity, DiagnosticSeverity.Hint);
  assert.deepEqual(unused.tags, [1], 'shown faded, as unnecessary code');
  const removal = ((await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: templateUri },
    range: unused.range,
    context: { diagnostics: [unused] },
  })) as CodeAction[]).find((a) => a.title === 'Remove the unused suppression');
  assert.ok(removal?.edit?.changes);
  assert.equal(TextDocument.applyEdits(TextDocument.create(templateUri, 'json', 3, relaxed), removal.edit.changes[templateUri]), template.replace(/"access": "Deny"/g, '"access": "Allow"'));
  assert.equal(await client.shutdown(), 0);
});
