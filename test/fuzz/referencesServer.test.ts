// The built language server over JSON-RPC on the awkward references of references.ts:
// module and linked-template cycles, a module outside the workspace, devices, a named pipe,
// a file past the size cap, parameters files that are directories, links out of the
// workspace. It must answer, publish each template's ASE902 note saying what was not
// read, log no failure, write nothing to stderr and keep its memory bounded. The server's
// stdin is its JSON-RPC pipe: a module linked to /dev/stdin read as a file would swallow
// the protocol stream, so it must be refused like any other pipe.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Hover, type MarkupContent, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';
import { buildReferenceWorkspace, type ReferenceCase, type ReferenceWorkspace } from '../support/references';

let work: ReferenceWorkspace;

before(() => {
  ensureBuilt();
  work = buildReferenceWorkspace();
});
after(() => work?.cleanup());

/** The server's peak resident memory (Linux: VmHWM), for the bound; undefined elsewhere. */
const MAX_RSS_MB = 400;
function peakMemoryMb(client: TestClient): number | undefined {
  // The client keeps its child process private; only its pid is read here.
  const pid = (client as unknown as { process: { pid?: number } }).process.pid;
  if (process.platform !== 'linux' || pid === undefined) return undefined;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return hwm ? Number(hwm[1]) / 1024 : undefined;
}

const uriOf = (rel: string) => pathToFileURL(join(work.ws, rel)).href;
const note = (ds: Diagnostic[]): string => {
  const message = ds.find((d) => d.code === 'ASE902')?.message ?? '';
  return typeof message === 'string' ? message : message.value;
};

async function withServer(run: (client: TestClient) => Promise<void>): Promise<void> {
  const parameterFiles = Object.fromEntries(work.explicitParameters.map((p) => [p.entry, p.parameters]));
  const client = new TestClient({ parameterFiles }, [pathToFileURL(work.ws).href]);
  try {
    await client.initialize();
    await run(client);
    const failures = client.logs.filter((l) => /failed|internal failure|error/i.test(l));
    assert.deepEqual(failures, [], 'the server logged failures');
    assert.equal(client.serverStderr, '', 'the server wrote to stderr');
    const peak = peakMemoryMb(client);
    if (peak !== undefined) assert.ok(peak < MAX_RSS_MB, `the server's peak memory is ${Math.round(peak)} MB`);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
}

async function openCase(client: TestClient, c: ReferenceCase): Promise<void> {
  const uri = uriOf(c.entry);
  const text = readFileSync(join(work.ws, c.entry), 'utf8');
  const published = await client.open(uri, text, c.entry.endsWith('.bicep') ? 'bicep' : 'json');
  // The note's one line, and what it lists in its hover.
  const noted = published.diagnostics.find((d) => d.code === 'ASE902');
  const hover = noted ? ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: noted.range.start })) as Hover | null) : null;
  const message = `${note(published.diagnostics)}\n${hover ? (hover.contents as MarkupContent).value : ''}`;
  for (const m of c.note) assert.match(message, m, `${c.name}: the ASE902 note`);
  for (const m of c.notNote ?? []) assert.doesNotMatch(message, m, `${c.name}: the ASE902 note`);
  // Still answering after it: a hover on the first line.
  await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
  await client.close(uri);
}

/** Symbolic links out of the workspace are refused only once the server gives the disk host its roots. */
const escaping = (c: ReferenceCase) => c.entry.startsWith('escape/');

test('the server on cycles, devices, outside and oversized modules and directory parameters files', { timeout: 60_000 }, async (t) => {
  if (work.skipped.length) t.diagnostic(`not on this platform: ${work.skipped.join('; ')}`);
  await withServer(async (client) => {
    for (const c of work.cases.filter((c) => !escaping(c))) await openCase(client, c);
    for (const p of work.explicitParameters) {
      const uri = uriOf(p.entry);
      const published = await client.open(uri, readFileSync(join(work.ws, p.entry), 'utf8'), p.entry.endsWith('.bicep') ? 'bicep' : 'json');
      assert.match(note(published.diagnostics), p.note(uriOf(p.parameters)), `${p.entry}: the parameters file named in the settings`);
      await client.close(uri);
    }
  });
});

test(
  'the server refuses modules behind symbolic links that leave the workspace',
  { timeout: 60_000 },
  async (t) => {
    const cases = work.cases.filter(escaping);
    if (cases.length === 0) return t.skip('no symbolic links on this system');
    await withServer(async (client) => {
      for (const c of cases) await openCase(client, c);
    });
  },
);
