// ase-lint.json files a repository can make hostile: a link to /dev/zero, a named pipe,
// a sparse file past the size limit, a file nested 100,000 deep, a link to a file outside
// the workspace. The server keeps answering (the file is read in a worker, through the
// safe reader), analyses the templates with the default severities and logs once why
// it did not read the file; the command line stops with a clear message and exit status
// 2 instead of hanging or aborting, and --config naming a device or a pipe does the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { MAX_FILE_BYTES } from '../../../server/src/engine/diskHost';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { canSymlink, devicesHere } from '../../support/references';
import { within } from './patience';

const template = readFileSync(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json'), 'utf8');
let dir = '';
let ws = '';

interface Case {
  folder: string;
  /** The log line (server) and the message (CLI) saying why the file was not read. */
  why: RegExp;
}
const cases: Case[] = [];

before(() => {
  ensureBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-project-file-')));
  ws = join(dir, 'ws');
  const folder = (name: string) => {
    mkdirSync(join(ws, name), { recursive: true });
    mkdirSync(join(ws, name, '.git'));
    writeFileSync(join(ws, name, 'ase.json'), template);
    return join(ws, name, 'ase-lint.json');
  };
  const huge = openSync(folder('huge'), 'w');
  ftruncateSync(huge, MAX_FILE_BYTES + 1024 * 1024);
  closeSync(huge);
  cases.push({ folder: 'huge', why: /it is 65 MB, more than the 64 MB the analyser reads/ });
  writeFileSync(folder('deep'), '['.repeat(100_000));
  cases.push({ folder: 'deep', why: /not read: it nests deeper than the 200 levels the analyser reads/ });
  if (canSymlink()) {
    writeFileSync(join(dir, 'outside.json'), '{ "rules": { "ASE101": "off" } }');
    symlinkSync(join(dir, 'outside.json'), folder('escape'));
    cases.push({ folder: 'escape', why: /it leads through a symbolic link to .*outside\.json, outside/ });
  }
  if (devicesHere && canSymlink()) {
    symlinkSync('/dev/zero', folder('zero'));
    cases.push({ folder: 'zero', why: /it leads to \/dev\/zero, a character device, not a regular file/ });
    if (spawnSync('mkfifo', [folder('fifo')]).status === 0) cases.push({ folder: 'fifo', why: /it is a named pipe, not a regular file/ });
  }
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the server reads a hostile ase-lint.json safely, off the protocol thread, and keeps answering', { timeout: 90_000 }, async (t) => {
  const client = new TestClient({}, [pathToFileURL(ws).href]);
  t.after(() => client.kill());
  await client.initialize();
  for (const c of cases) {
    const uri = pathToFileURL(join(ws, c.folder, 'ase.json')).href;
    const published = await within(client.open(uri, template), 30_000, `the diagnostics beside the ${c.folder} project file`);
    // Analysed with the default severities (the file outside would have turned ASE101 off).
    assert.ok(published.diagnostics.some((d) => d.code === 'ASE101'), `${c.folder}: ${JSON.stringify(published.diagnostics.map((d) => d.code))}`);
    await within(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 4 } }), 30_000, `a hover (${c.folder})`);
    const told = client.logs.filter((l) => c.why.test(l));
    assert.equal(told.length, 1, `${c.folder}: said once: ${client.logs.join('\n')}`);
    await client.close(uri);
  }
  assert.equal(client.serverStderr, '');
  assert.equal(await client.shutdown(), 0);
});

function cli(cwd: string, args: string[]): { status: number | null; signal: string | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

test('the command line stops with a message on a hostile ase-lint.json, and on --config naming a device or a pipe', { timeout: 90_000 }, () => {
  for (const c of cases) {
    const r = cli(join(ws, c.folder), ['ase.json']);
    const label = `${c.folder}: status ${r.status}, signal ${r.signal}: ${r.stderr}`;
    assert.equal(r.status, 2, label);
    assert.match(r.stderr, /^ase-lint: /m, label);
    assert.match(r.stderr, c.why, label);
  }
  if (devicesHere) {
    for (const [config, why] of [
      ['/dev/zero', /cannot read config file '\/dev\/zero': it is a character device, not a regular file/],
      ...cases.filter((c) => c.folder === 'fifo').map((c) => [join(ws, c.folder, 'ase-lint.json'), /it is a named pipe, not a regular file/] as const),
    ] as const) {
      const r = cli(join(ws, 'huge'), ['--config', config, 'ase.json']);
      assert.equal(r.status, 2, `--config ${config}: status ${r.status}, signal ${r.signal}: ${r.stderr}`);
      assert.match(r.stderr, why);
    }
  }
});
