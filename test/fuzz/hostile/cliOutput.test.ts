// The command line's output in a terminal or a CI log: control characters from names
// and file names are escaped (seeded hostile names), a reader that goes away (| head)
// ends the run quietly, and a write that fails otherwise (a full disk) is one line and
// exit status 2, never an unhandled error's stack.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { fuzzSeed, prngFor } from '../../support/prng';
import { hostileArm, hostileBicep, hostileNames } from './payloads';

const cli = join(root, 'dist', 'cli.js');
/** What must never reach a terminal raw (line feeds are the CLI's own). */
const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
let dir = '';

before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ase-lint-cli-output-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('text output and messages escape control characters from names and file names', { timeout: 60_000 }, () => {
  const work = join(dir, 'names');
  mkdirSync(work);
  const prng = prngFor('terminal');
  for (let i = 0; i < 8; i++) {
    const names = hostileNames(prng);
    writeFileSync(join(work, `t${i}.json`), hostileArm(names));
    writeFileSync(join(work, `t${i}.bicep`), hostileBicep(names));
  }
  // File names are the repository's text too: a title sequence, a bell, a bidi override.
  const evil = 'evil\u001b]0;pwned\u0007\u202e.json';
  writeFileSync(join(work, evil), hostileArm(hostileNames(prng)));
  writeFileSync(join(work, 'missing-module.bicep'), "module m './\u001b[2Jgone.bicep' = {\n  name: 'm'\n}\n");
  for (const args of [['--format', 'text', '.'], ['--format', 'text', evil, 'missing-module.bicep', 'nothing-\u001b[31m.json']]) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8' });
    const context = `FUZZ_SEED=${fuzzSeed}, status ${r.status}\n${JSON.stringify(r.stderr.slice(0, 2000))}`;
    assert.ok(r.status !== null && r.status <= 2, context);
    assert.ok(r.stdout.split('\n').length > 5, `findings expected (${context})`);
    assert.doesNotMatch(r.stdout, controls, `stdout (${context}): ${JSON.stringify(r.stdout.match(new RegExp(`.{0,40}${controls.source}.{0,40}`))?.[0])}`);
    assert.doesNotMatch(r.stderr, controls, `stderr (${context})`);
    assert.match(r.stdout + r.stderr, /evil\\u001b\]0;pwned\\u0007\\u202e\.json/, 'the file name is shown, escaped');
  }
});

/** A folder whose report is far larger than a pipe holds. */
function manyFindings(): string {
  const work = join(dir, 'many');
  if (existsSync(work)) return work;
  mkdirSync(work);
  const template = readFileSync(join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json'), 'utf8');
  for (let i = 0; i < 120; i++) writeFileSync(join(work, `copy-${i}.json`), template);
  return work;
}

test('a reader that closes the pipe early ends the run quietly', { timeout: 60_000 }, async () => {
  const work = manyFindings();
  for (const format of ['text', 'json', 'sarif']) {
    const child = spawn(process.execPath, [cli, '--format', format, '.'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    // `| head`: the reader takes a little and goes away.
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const [status, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
    assert.equal(signal, null, `${format}: killed by ${signal}`);
    assert.equal(status, 1, `${format}: the status of a run with findings (${stderr.slice(0, 2000)})`);
    assert.doesNotMatch(stderr, /EPIPE|Error|\n\s+at /, `${format}: ${stderr.slice(0, 2000)}`);
  }
});

test('a failed write (a full disk) is one line and exit status 2', { timeout: 60_000 }, (t) => {
  if (!existsSync('/dev/full')) return t.skip('no /dev/full on this system');
  const work = manyFindings();
  for (const format of ['text', 'json', 'sarif']) {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [cli, '--format', format, '.'], { cwd: work, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('ase-lint:') || /Error|\s+at /.test(l));
      assert.equal(r.status, 2, `${format}: ${r.stderr.slice(0, 2000)}`);
      assert.deepEqual(lines, ['ase-lint: cannot write the report: no space left on device'], `${format}: ${r.stderr.slice(0, 2000)}`);
    } finally {
      closeSync(full);
    }
  }
});
