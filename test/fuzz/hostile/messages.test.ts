// Values of megabytes in a template (names, prefixes, next hops, loaded text): every
// message, related message, hover and report quotes at most a short excerpt of them,
// in the engine, over JSON-RPC and from the command line (seeded).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { analyze, type Analysis } from '../../../server/src/engine/analyze';
import { MAX_MESSAGE } from '../../../server/src/core/excerpt';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { fuzzSeed, prngFor, type Prng } from '../../support/prng';
import { longestQuote, longValue } from './longValues';
import { hostileArm, hostileBicep, type HostileNames } from './payloads';

/** Quoted values are cut to 64 characters; an unbroken run of text to 160 (see model/excerpt.ts). */
const MAX_EXCERPT = 160;

function longNames(prng: Prng, length: number): HostileNames {
  const v = () => longValue(prng, length, prng.chance(0.5));
  return { ase: v(), nsg: v(), rule: v(), vnet: v(), subnet: v(), prefix: v(), port: v(), region: v(), hop: v() };
}

function assertShort(messages: Iterable<string>, label: string): number {
  let count = 0;
  for (const m of messages) {
    count++;
    assert.ok(m.length <= MAX_MESSAGE, `${label}: a message of ${m.length} characters`);
    assert.ok(longestQuote(m) <= MAX_EXCERPT, `${label}: a message quotes ${longestQuote(m)} characters of a value: ${m.slice(0, 300)}…`);
  }
  return count;
}

const messagesOf = (a: Analysis) => a.findings.flatMap((f) => [f.message, ...(f.related ?? []).map((r) => r.message)]);

test('the engine quotes excerpts of long names and values, in ARM and in Bicep', { timeout: 60_000 }, () => {
  const prng = prngFor('long values');
  for (let i = 0; i < 3; i++) {
    const names = longNames(prng, 20_000 + prng.int(300_000));
    for (const [uri, text] of [
      ['file:///hostile/long.json', hostileArm(names)],
      ['file:///hostile/long.bicep', hostileBicep(names)],
    ]) {
      const analysis = analyze(uri, text, { readFile: () => undefined });
      const label = `${uri} #${i} (FUZZ_SEED=${fuzzSeed})`;
      assert.deepEqual(analysis.failures, [], label);
      assert.ok(assertShort(messagesOf(analysis), label) > 3, `${label}: findings expected`);
    }
  }
});

test('a loaded file used as a name is quoted as an excerpt', { timeout: 60_000 }, () => {
  const prng = prngFor('loaded text');
  const content = longValue(prng, 100_000, true);
  const bicep = `var secret = loadTextContent('notes.txt')
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: secret
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: secret
        properties: { priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
      }
    ]
  }
}
resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: secret
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [ { name: 'ase', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsg.id } } } ]
  }
}
resource ase 'Microsoft.Web/hostingEnvironments@2019-08-01' = {
  name: secret
  location: 'westeurope'
  kind: 'ASEV2'
  properties: { virtualNetwork: { id: vnet.properties.subnets[0].id } }
}
`.replace(/\{ priority/g, '{\n priority').replace(/, (\w+):/g, '\n$1:');
  const host = { readFile: (uri: string) => (uri.endsWith('/notes.txt') ? content : undefined) };
  const analysis = analyze('file:///hostile/loads.bicep', bicep, host);
  assert.deepEqual(analysis.failures, []);
  assert.ok(analysis.findings.some((f) => f.code === 'ASE101'), JSON.stringify(analysis.findings.map((f) => f.code)));
  assertShort(messagesOf(analysis), 'loadTextContent as a name');
});

test('the server publishes short diagnostics and hovers for a template with names of half a megabyte', { timeout: 60_000 }, async (t) => {
  ensureBuilt();
  const prng = prngFor('long values server');
  // Within the default size limit (16 MB): each name appears a few times.
  const names = longNames(prng, 500_000);
  const text = hostileArm(names);
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const uri = 'file:///hostile/megabyte-names.json';
  const published = await client.open(uri, text);
  const size = JSON.stringify(published).length;
  assert.ok(size < 64 * 1024, `publishDiagnostics of ${size} characters`);
  assertShort(published.diagnostics.flatMap((d) => [typeof d.message === 'string' ? d.message : d.message.value, ...(d.relatedInformation ?? []).map((r) => r.message)]), 'published');
  const before = text.slice(0, text.indexOf(JSON.stringify(names.ase), text.indexOf('Microsoft.Web/hostingEnvironments')) + 2).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
  assert.ok(hover, 'the ASE is hovered');
  const markdown = (hover.contents as MarkupContent).value;
  assert.ok(markdown.length < 64 * 1024, `a hover of ${markdown.length} characters`);
  assert.ok(longestQuote(markdown) <= MAX_EXCERPT, `the hover quotes ${longestQuote(markdown)} characters of a value`);
  const explained = JSON.stringify(await client.connection.sendRequest('aseLint/explain', { uri, position }));
  assert.ok(explained.length < 256 * 1024, `an explanation of ${explained.length} characters`);
  assert.ok(longestQuote(explained) <= MAX_EXCERPT, `the explanation quotes ${longestQuote(explained)} characters of a value`);
  assert.equal(await client.shutdown(), 0);
});

test('the command line reports short messages for a template with long names', { timeout: 60_000 }, (t) => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'ase-lint-long-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const names = longNames(prngFor('long values cli'), 200_000);
  writeFileSync(join(dir, 'long.json'), hostileArm(names));
  writeFileSync(join(dir, 'long.bicep'), hostileBicep(names));
  for (const format of ['text', 'json']) {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', format, '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    assert.ok(r.status === 0 || r.status === 1, `${format}: status ${r.status}: ${r.stderr.slice(0, 2000)}`);
    assert.ok(r.stdout.length < 256 * 1024, `${format}: ${r.stdout.length} characters of output`);
    assert.ok(longestQuote(r.stdout) <= MAX_EXCERPT, `${format}: the output quotes ${longestQuote(r.stdout)} characters of a value`);
  }
});

test('paths of 100,000 characters in a template are quoted as excerpts on stderr and in notes', { timeout: 60_000 }, (t) => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'ase-lint-long-paths-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const long = (c: string) => c.repeat(100_000);
  writeFileSync(join(dir, 'paths.bicep'), `var text = loadTextContent('${long('q')}.txt')\nmodule m './${long('p')}.bicep' = {\n  name: text\n}\n`);
  for (const format of ['text', 'sarif']) {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', format, 'paths.bicep'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const all = r.stdout + r.stderr;
    const run = Math.max(...[...all.matchAll(/p+|q+/g)].map((m) => m[0].length));
    assert.ok(run <= MAX_EXCERPT, `${format}: a path quoted over ${run} characters (status ${r.status})`);
    // SARIF carries every rule's documentation: some 120 KB whatever the template.
    assert.ok(all.length < 256 * 1024, `${format}: ${all.length} characters`);
  }
});
