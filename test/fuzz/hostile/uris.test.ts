// Documents whose URIs hold malformed %-escapes (a file really named `bad%zz.json`, or
// a client that does not encode): each is analysed, and what is looked up by path (the
// parameters file beside it, the aseLint.parameterFiles entry) falls back to the path as
// written. Over JSON-RPC, and the command line on the same files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { fuzzSeed, prngFor } from '../../support/prng';
import { within } from './patience';

const fixtures = join(root, 'test', 'fixtures', 'lsp');
const denyAll = readFileSync(join(fixtures, 'deny-all-first.json'), 'utf8');
const parameterised = readFileSync(join(fixtures, 'parameterised.json'), 'utf8');
const strictDeny = readFileSync(join(fixtures, 'strict-deny.params.json'), 'utf8');
const codes = (ds: { code?: string | number }[]) => ds.map((d) => String(d.code));
let ws = '';

before(() => {
  ensureBuilt();
  ws = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-uris-')));
  // The parameters beside it deny: its findings prove the file was found by its raw path.
  writeFileSync(join(ws, 'bad%zz.json'), parameterised);
  writeFileSync(join(ws, 'bad%zz.parameters.json'), strictDeny);
  writeFileSync(join(ws, 'set%E0%A4.json'), parameterised);
  writeFileSync(join(ws, 'strict.params.json'), strictDeny);
});
after(() => {
  if (ws) rmSync(ws, { recursive: true, force: true });
});

/** Seeded malformed escapes: a `%` followed by anything but two hex digits, or a cut UTF-8 sequence. */
function malformedNames(count: number): string[] {
  const prng = prngFor('malformed uris');
  const bad = ['%', '%z', '%zz', '%G1', '%E0%A4', '%C3', '%%', '%FF%FE', '%ED%A0%80'];
  return Array.from({ length: count }, (_, i) => `m${i}-${prng.pick(bad)}${prng.int(100)}${prng.pick(bad)}.json`);
}

test('the server analyses documents whose URIs hold malformed escapes', { timeout: 60_000 }, async (t) => {
  // A folder URI as VS Code sends it, and documents under it spelled with a raw '%'.
  const folder = pathToFileURL(ws).href;
  const client = new TestClient({ parameterFiles: { 'set%E0%A4.json': 'strict.params.json' } }, [folder]);
  t.after(() => client.kill());
  await client.initialize();
  for (const name of malformedNames(12)) {
    const uri = `${folder}/${name}`;
    const published = await within(client.open(uri, denyAll), 20_000, `the diagnostics of ${uri}`);
    assert.ok(codes(published.diagnostics).includes('ASE101'), `${uri} (FUZZ_SEED=${fuzzSeed}) was analysed: ${codes(published.diagnostics)}`);
    await client.close(uri);
  }
  const beside = await client.open(`${folder}/bad%zz.json`, parameterised);
  assert.ok(codes(beside.diagnostics).includes('ASE101'), `the parameters file beside it was read: ${codes(beside.diagnostics)}`);
  const named = await client.open(`${folder}/set%E0%A4.json`, parameterised);
  assert.ok(codes(named.diagnostics).includes('ASE101'), `the parameters file named in the settings was read: ${codes(named.diagnostics)}`);
  assert.deepEqual(client.logs.filter((l) => /failed|URIError|malformed/i.test(l)), []);
  assert.equal(await client.shutdown(), 0);
});

test('the command line analyses files whose names look like malformed escapes', { timeout: 60_000 }, () => {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', 'bad%zz.json'], { cwd: ws, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: { code: string; file: string }[] }).findings;
  assert.ok(findings.some((f) => f.code === 'ASE101' && f.file === 'bad%zz.json'), r.stdout);
});
