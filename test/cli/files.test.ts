// What the command line reads: a device named on the command line is refused at once
// (never read forever), and a linked file found by walking a directory is skipped when
// it leads out of that directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, root } from '../support/ensureBuilt';

let work = '';

function cli(args: string[], cwd = work): { status: number | null; stdout: string; stderr: string } {
  // The guard against a hang is the kill, never a timing assertion.
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-files-'));
  mkdirSync(join(work, 'outside'));
  mkdirSync(join(work, 'infra'));
  copyFileSync(join(root, 'examples', 'ase-v2-broken-nsg.json'), join(work, 'outside', 'secret.json'));
  copyFileSync(join(root, 'examples', 'ase-v3.json'), join(work, 'infra', 'v3.json'));
  symlinkSync(join(work, 'outside', 'secret.json'), join(work, 'infra', 'linked.json'));
  symlinkSync(join(work, 'infra', 'v3.json'), join(work, 'infra', 'inside.json'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a device named on the command line is refused without reading it', { skip: !existsSync('/dev/zero') }, () => {
  const r = cli(['/dev/zero']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^ase-lint: cannot read '\/dev\/zero': it is a character device, not a regular file$/m);
});

test('walking a directory skips a linked file that leads out of it, and keeps one that stays in it', () => {
  const r = cli(['--format', 'json', 'infra']);
  assert.equal(r.status, 0, r.stderr);
  const files = [...new Set((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file))].sort();
  assert.ok(!files.some((f) => f.includes('linked')), `linked.json is not analysed: ${files.join(', ')}`);
  assert.match(r.stderr, /^ase-lint: skipping 'infra\/linked\.json': a symbolic link leading outside 'infra'$/m);
  // Named explicitly, the link is the user's choice.
  const explicit = cli(['--format', 'json', 'infra/linked.json']);
  assert.ok((JSON.parse(explicit.stdout) as { findings: unknown[] }).findings.length > 0);
});
