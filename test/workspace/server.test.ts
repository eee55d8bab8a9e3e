// The language server over a real JSON-RPC connection: a module opened alone is analysed
// through the file of the workspace that deploys it (the workspace index is built in a
// worker of its own), follows unsaved edits of either, and registry modules come from
// Bicep's cache.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, HoverRequest, type CodeAction, type Diagnostic, type Hover, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { ensureBuilt } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';
import { bicepConfig, noCache, rangeOf } from './helpers';

const FIXTURES = join(__dirname, '..', 'fixtures', 'workspace');
let dir = '';
const uriOf = (rel: string) => pathToFileURL(join(dir, rel)).href;
const textOf = (rel: string) => readFileSync(join(dir, rel), 'utf8');

before(() => {
  ensureBuilt();
  // A copy: the tests write a bicepconfig.json beside the registry example.
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-workspace-')));
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(join(dir, 'avm', 'bicepconfig.json'), bicepConfig());
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const has = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
const summary = (ds: Diagnostic[]) => ds.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`);

async function session(folder: string, run: (client: TestClient) => Promise<void>): Promise<void> {
  const client = new TestClient({}, [pathToFileURL(join(dir, folder)).href]);
  try {
    await client.initialize();
    await run(client);
    assert.equal(client.serverStderr, '');
    assert.equal(await client.shutdown(), 0);
  } catch (e) {
    client.kill();
    throw e;
  }
}

for (const [language, folder, module, languageId, deny] of [
  ['Bicep', 'bicep', 'bicep/modules/nsg.bicep', 'bicep', "'deny-all-inbound'"],
  ['ARM', 'arm', 'arm/nested/nsg.json', 'json', '"deny-all-inbound"'],
] as const) {
  test(`${language}: a module opened alone gets its caller's findings, each once, in its own text`, async () => {
    await session(folder, async (client) => {
      const uri = uriOf(module);
      const text = textOf(module);
      const published = client.next(uri, has('ASE106'));
      await client.open(uri, text, languageId);
      const p = await published;
      const at = rangeOf(text, deny);
      assert.deepEqual(summary(p.diagnostics), [`ASE104 ${at.start.line}:${at.start.character}`, `ASE106 ${at.start.line}:${at.start.character}`]);
      const ase106 = p.diagnostics.find((d) => d.code === 'ASE106')!;
      assert.equal(messageOf(ase106), "NSG 'ase-nsg' blocks TCP 80 from AzureLoadBalancer (rule 'deny-all-inbound', priority 100): health probes fail and the ASE stops receiving traffic");
      assert.ok(client.logs.some((l) => /^workspace index: \d+ templates read in \d+ ms$/.test(l)), 'the index was read in its worker');
      // A hover in the module reads the model built through the caller: the rule's source covers the ASE's subnet.
      const prefix = rangeOf(text, languageId === 'bicep' ? "'*'" : '"*"', 'sourceAddressPrefix');
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: prefix.start.line, character: prefix.start.character + 1 } })) as Hover | null;
      assert.ok(hover, 'the prefix has a hover');
    });
  });
}

test('unsaved edits: of the module (its text is what the caller deploys), and of the caller (the module is analysed again)', async () => {
  await session('bicep', async (client) => {
    const module = uriOf('bicep/modules/nsg.bicep');
    const caller = uriOf('bicep/main.bicep');
    const text = textOf('bicep/modules/nsg.bicep');
    const first = client.next(module, has('ASE106'));
    await client.open(module, text, 'bicep');
    await first;
    const allowed = await client.change(module, text.replace("access: 'Deny'", "access: 'Allow'"));
    assert.deepEqual(allowed.diagnostics.filter((d) => d.code !== 'ASE902'), []);
    const back = await client.change(module, text);
    assert.ok(has('ASE106')(back));
    // The caller changes the priority it passes, unsaved: the module's finding follows.
    const callerText = textOf('bicep/main.bicep');
    const followed = client.next(module, (p) => p.diagnostics.some((d) => d.code === 'ASE106' && messageOf(d).includes('priority 4000')));
    await client.open(caller, callerText.replace('denyPriority: 100', 'denyPriority: 4000'), 'bicep');
    const p = await followed;
    // The module's own analysis holds what the caller reports in it: each finding once.
    assert.equal(p.diagnostics.filter((d) => d.code === 'ASE106').length, 1);
    // The caller stops deploying the module: it is analysed alone again.
    const alone = client.next(module, (q) => !q.diagnostics.some((d) => d.code === 'ASE106') && q.diagnostics.some((d) => d.code === 'ASE902'));
    await client.change(caller, callerText.replace("module nsg './modules/nsg.bicep'", "module nsg './modules/other.bicep'"));
    const q = await alone;
    // The note is one line; what it could not verify is in its related information (and its hover).
    assert.match(noteOf(q.diagnostics.find((d) => d.code === 'ASE902')!), /Not verified: parameter 'denyPriority' has no value/);
  });
});

/** A note's message and the messages of its related information, one per line. */
function noteOf(d: Diagnostic): string {
  return [messageOf(d), ...(d.relatedInformation ?? []).map((r) => r.message)].join('\n');
}

test('registry modules: ASE106 on the rule the caller passed to the AVM NSG module, with a quick fix in the caller\'s file', { skip: noCache }, async () => {
  await session('avm', async (client) => {
    const uri = uriOf('avm/main.bicep');
    const text = textOf('avm/main.bicep');
    const p = await client.open(uri, text, 'bicep');
    const at = rangeOf(text, "'deny-all-inbound'");
    assert.deepEqual(summary(p.diagnostics.filter((d) => d.code !== 'ASE902')), [`ASE104 ${at.start.line}:${at.start.character}`, `ASE106 ${at.start.line}:${at.start.character}`]);
    const ase106 = p.diagnostics.find((d) => d.code === 'ASE106')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: ase106.range, context: { diagnostics: [ase106] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Allow AzureLoadBalancer inbound on port 80');
    assert.ok(fix, `the fix is offered (got ${actions.map((a) => a.title).join(', ')})`);
    // It edits the caller's list of rules, never the module in the cache.
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri]);
    const missing = await client.open(uriOf('avm/missing.bicep'), textOf('avm/missing.bicep'), 'bicep');
    assert.match(missing.diagnostics[0] ? noteOf(missing.diagnostics[0]) : '', /`bicep restore` would put it there/);
  });
});
