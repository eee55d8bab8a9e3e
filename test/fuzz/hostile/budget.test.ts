// Templates whose evaluation grows exponentially (nested deployments, property copies,
// linked templates and Bicep modules in loops, costly expressions in loops, seeded
// sizes): each analysis ends within its budget with one ASE902 note and no other
// finding, in the engine, in the command line (peak memory bounded) and in the server
// (which keeps answering meanwhile).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { analyze } from '../../../server/src/engine/analyze';
import { BUDGET_EXHAUSTED } from '../../../server/src/eval/limits';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { fuzzSeed, prngFor } from '../../support/prng';
import { bicepNestedLoops, nestedDeployments, seededBombs, type Bomb } from './bombs';
import { within } from './patience';

const base = 'file:///bombs/';
const note = (messages: string[], by?: RegExp) => messages.filter((m) => m.includes(BUDGET_EXHAUSTED) || by?.test(m));

function analyseBomb(bomb: Bomb) {
  const files = new Map(bomb.files.map(([name, text]) => [`${base}${name}`, text]));
  const [entry, text] = bomb.files[0];
  return analyze(`${base}${entry}`, text, { readFile: (uri) => files.get(uri) });
}

test('the engine ends every bomb with its budget note, and analyses the small ones', { timeout: 90_000 }, () => {
  const prng = prngFor('bombs');
  for (let round = 0; round < 1; round++) {
    for (const bomb of seededBombs(prng)) {
      const label = `${bomb.name}, round ${round} (FUZZ_SEED=${fuzzSeed})`;
      const analysis = analyseBomb(bomb);
      assert.deepEqual(analysis.failures, [], label);
      const messages = analysis.findings.map((f) => f.message);
      if (bomb.explodes) {
        assert.equal(note(messages, bomb.stoppedBy).length, 1, `${label}: ${messages.join('\n').slice(0, 2000)}`);
        if (!bomb.stoppedBy) assert.deepEqual(analysis.findings.map((f) => f.code), ['ASE902'], `${label}: only the note`);
      } else {
        assert.deepEqual(note(messages), [], `${label}: analysed in full`);
      }
    }
  }
});

/** Runs the built CLI; its peak memory comes from the process itself. */
function cli(cwd: string, args: string[]): { status: number | null; signal: string | null; stdout: string; stderr: string; peakMb: number } {
  const script = `const { runCli } = require(${JSON.stringify(join(root, 'dist', 'cli.js'))});
process.exitCode = runCli(process.argv.slice(1), { cwd: process.cwd(), out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
process.stderr.write('\\nmaxRSS=' + process.resourceUsage().maxRSS + '\\n');`;
  const r = spawnSync(process.execPath, ['-e', script, '--', ...args], { cwd, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 64 * 2 ** 20 });
  const rss = /maxRSS=(\d+)/.exec(r.stderr);
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, peakMb: rss ? Number(rss[1]) / 1024 : Infinity };
}

test('the command line ends each bomb with the note, in bounded memory', { timeout: 120_000 }, (t) => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'ase-lint-bombs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bombs = seededBombs(prngFor('bombs cli')).filter((b) => /linked|Bicep loops/.test(b.name));
  // The report's own kind: 4 levels of copy 20 took 50-67 s and 4 GiB.
  bombs.push({ name: 'the 4 × 20 bomb', files: [['main.json', nestedDeployments(4, 20)]], explodes: true });
  for (const [i, bomb] of bombs.entries()) {
    const folder = join(dir, `b${i}`);
    for (const [name, text] of bomb.files) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), text);
    }
    const r = cli(folder, ['--format', 'json', bomb.files[0][0]]);
    const label = `${bomb.name} (FUZZ_SEED=${fuzzSeed}): status ${r.status}, signal ${r.signal}, peak ${Math.round(r.peakMb)} MB\n${r.stderr.slice(0, 2000)}`;
    assert.equal(r.status, 0, label);
    assert.ok(r.peakMb < 400, label);
    const findings = (JSON.parse(r.stdout) as { findings: { code: string; message: string }[] }).findings;
    assert.equal(note(findings.map((f) => f.message), bomb.stoppedBy).length, 1, label);
  }
});

test('the server ends a bomb with the note and answers other documents meanwhile', { timeout: 120_000 }, async (t) => {
  ensureBuilt();
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const bomb = client.open('file:///bombs/server.json', nestedDeployments(4, 20));
  const small = readFileSync(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json'), 'utf8');
  const smallUri = 'file:///bombs/small.json';
  await within(client.open(smallUri, small), 60_000, 'the small document');
  await within(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: smallUri }, position: { line: 1, character: 4 } }), 60_000, 'a hover on the small document');
  const published = await within(bomb, 60_000, "the bomb's diagnostics");
  assert.equal(note(published.diagnostics.map((d) => String(d.message))).length, 1, JSON.stringify(published.diagnostics));
  const bicep = await within(client.open('file:///bombs/server.bicep', bicepNestedLoops(800), 'bicep'), 60_000, "the Bicep bomb's diagnostics");
  assert.equal(note(bicep.diagnostics.map((d) => String(d.message))).length, 1, JSON.stringify(bicep.diagnostics).slice(0, 2000));
  assert.deepEqual(client.logs.filter((l) => /stopped|failed/.test(l)), []);
  assert.equal(await client.shutdown(), 0);
});
