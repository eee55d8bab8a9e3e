// `ase-lint --fix` and `--fix-dry-run` on copies of the bundled examples, run as a pipeline would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { applyPatch, parsePatch } from 'diff';
import type { Log } from 'sarif';
import { ensureBuilt, root } from '../support/ensureBuilt';

let work = '';
const examples = readdirSync(join(root, 'examples')).filter((f) => /\.(json|bicep)$/.test(f));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: work, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function read(name: string): string {
  return readFileSync(join(work, name), 'utf8');
}

/**
 * Fixes a person chooses and fix-all never applies: "Convert to ASEv3" changes the ASE's
 * version and its plans' tiers. The bundled ASEv2 examples keep their ASE901 error.
 */
const chosenOnly = new Set(['ASE901']);

/** Errors and warnings by file and code, and whether each has a fix fix-all may apply (from the SARIF log, which carries the verified fixes). */
function findings(): { key: string; fixable: boolean }[] {
  const r = cli(['--format', 'sarif', '--fail-on', 'none', '.']);
  assert.equal(r.status, 0, r.stderr);
  const log = JSON.parse(r.stdout) as Log;
  return (log.runs[0].results ?? [])
    .filter((x) => (x.level === 'error' || x.level === 'warning') && !(x.suppressions?.length))
    .map((x) => ({ key: `${x.locations?.[0]?.physicalLocation?.artifactLocation?.uri} ${x.ruleId}`, fixable: (x.fixes?.length ?? 0) > 0 && !chosenOnly.has(x.ruleId ?? '') }));
}

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-fix-'));
  for (const f of examples) copyFileSync(join(root, 'examples', f), join(work, f));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('--fix-dry-run prints the fixes as a unified diff and writes nothing; --fix writes the same; the fixed files keep no fixable finding and gain none', () => {
  const original = new Map(examples.map((f) => [f, read(f)]));
  const before = findings();
  assert.ok(before.some((f) => f.fixable), 'the examples have fixable findings');

  // The exit status is the findings' left after the fixes: the ASEv2 examples' ASE901 errors.
  const dry = cli(['--fix-dry-run', '.']);
  assert.equal(dry.status, 1, dry.stderr);
  for (const f of examples) assert.equal(read(f), original.get(f), `${f} is not written by a dry run`);
  const patches = parsePatch(dry.stdout);
  assert.ok(patches.length > 0);
  const patched = new Map<string, string>();
  for (const p of patches) {
    assert.equal(p.oldFileName, `a/${p.newFileName!.slice(2)}`);
    const name = p.newFileName!.slice(2);
    const result = applyPatch(original.get(name)!, p);
    assert.equal(typeof result, 'string', `the diff of ${name} applies`);
    patched.set(name, result as string);
  }
  const summary = /ase-lint: would apply (\d+) fix(es)? in (\d+) files?\n/.exec(dry.stderr);
  assert.ok(summary, dry.stderr);
  assert.equal(Number(summary[3]), patches.length);

  const fixed = cli(['--fix', '.']);
  assert.equal(fixed.status, 1, fixed.stderr + fixed.stdout);
  assert.match(fixed.stderr, new RegExp(`ase-lint: applied ${summary[1]} fix(es)? in ${summary[3]} files?\\n`));
  for (const f of examples) assert.equal(read(f), patched.get(f) ?? original.get(f), `${f} as the dry run showed`);
  // What remains is printed, as without --fix: no error is left in the examples but the retired versions'.
  assert.doesNotMatch(fixed.stdout, / error ASE(?!901)/);
  assert.match(fixed.stdout, / error ASE901 /);

  const after = findings();
  assert.deepEqual(after.filter((f) => f.fixable), [], 'no fixable finding is left');
  const known = new Set(before.map((f) => f.key));
  assert.deepEqual(after.filter((f) => !known.has(f.key)), [], 'the fixed files analyse without new findings');
  assert.ok(after.length < before.length);

  // Stable: a second run has nothing to do.
  const again = cli(['--fix', '.']);
  assert.match(again.stderr, /ase-lint: applied 0 fixes in 0 files\n/);
  for (const f of examples) assert.equal(read(f), patched.get(f) ?? original.get(f));
});

test('--fix and --fix-dry-run: usage errors', () => {
  for (const [args, message] of [
    [['--fix', '--fix-dry-run', '.'], /--fix and --fix-dry-run cannot be combined/],
    [['--fix-dry-run', '--format', 'json', '.'], /--fix-dry-run prints a unified diff and cannot be combined with --format json/],
    [['--fix=yes', '.'], /--fix takes no value/],
  ] as [string[], RegExp][]) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')} → ${r.status}\n${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.match(cli(['--help']).stdout, /--fix-dry-run/);
});

test('--fix writes the value where it is defined: a subnet prefix set in main.bicepparam is fixed there, the templates stay as they are', () => {
  const dir = join(work, 'params');
  cpSync(join(root, 'test', 'fixtures', 'lsp', 'params'), dir, { recursive: true });
  const templates = ['main.bicep', 'network.bicep'].map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
  const r = cli(['--fix', 'params/main.bicep']);
  assert.match(r.stderr, /ase-lint: applied [1-9]\d* fix(es)? in 1 file\n/, r.stderr);
  assert.equal(readFileSync(join(dir, 'main.bicepparam'), 'utf8'), "using 'main.bicep'\n\nparam aseSubnetPrefix = '10.0.1.0/24'\n");
  for (const [f, text] of templates) assert.equal(readFileSync(join(dir, f), 'utf8'), text, `${f} unchanged`);
});
