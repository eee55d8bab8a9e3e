// The command line with a project file (found beside the templates or given with
// --config) and with suppression comments, as a pipeline runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, root } from '../support/ensureBuilt';

let work = '';
const broken = readFileSync(join(root, 'examples', 'ase-v2-broken-nsg.json'), 'utf8');

function cli(args: string[], cwd = work): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(relative: string, text: string): void {
  mkdirSync(join(work, relative, '..'), { recursive: true });
  writeFileSync(join(work, relative), text);
}

const codes = (stdout: string) => [...new Set((JSON.parse(stdout) as { findings: { code: string }[] }).findings.map((f) => f.code))].sort();

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-config-cli-'));
  mkdirSync(join(work, '.git'));
  write('infra/broken.json', broken);
  write('plain/broken.json', broken);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the nearest ase-lint.json applies to the templates below it; --rule overrides it', () => {
  const before = cli(['--format', 'json', 'infra']);
  assert.ok(codes(before.stdout).includes('ASE101'), before.stdout);
  write('infra/ase-lint.json', '{ "rules": { "ASE101": "off", "inbound-load-balancer": "hint" } }');
  const configured = cli(['--format', 'json', 'infra', 'plain']);
  const findings = JSON.parse(configured.stdout).findings as { code: string; file: string; severity: string }[];
  assert.ok(!findings.some((f) => f.code === 'ASE101' && f.file.startsWith('infra')), 'off in infra/');
  assert.ok(findings.some((f) => f.code === 'ASE101' && f.file.startsWith('plain')), 'plain/ has no project file');
  assert.ok(findings.filter((f) => f.code === 'ASE102' && f.file.startsWith('infra')).every((f) => f.severity === 'hint'));
  const overridden = cli(['--format', 'json', '--rule', 'ASE101=warning', 'infra']);
  assert.ok(JSON.parse(overridden.stdout).findings.some((f: { code: string; severity: string }) => f.code === 'ASE101' && f.severity === 'warning'));
  rmSync(join(work, 'infra', 'ase-lint.json'));
});

test('--config names the file for every template; a mistake in it is a usage error with its place', () => {
  write('configs/strict.json', '{ "rules": { "ASE101": "off" } }');
  const r = cli(['--format', 'json', '--config', 'configs/strict.json', 'infra', 'plain']);
  assert.ok(!codes(r.stdout).includes('ASE101'));
  write('configs/typo.json', '{\n  "rules": { "ASE1O1": "off" }\n}');
  const bad = cli(['--config', 'configs/typo.json', 'infra']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, "ase-lint: configs/typo.json:2:14: unknown rule 'ASE1O1' (give a code such as ASE101 or a rule name)\n");
  const missing = cli(['--config', 'configs/none.json', 'infra']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^ase-lint: cannot read config file 'configs\/none.json': /);
});

test('a suppression comment hides the finding from text and JSON and marks it suppressed in SARIF', () => {
  const lines = broken.split('\n');
  const i = lines.findIndex((l) => /"name": "DenyAllInbound"/.test(l));
  assert.ok(i > 0, 'the example has a DenyAllInbound rule');
  const text = [...lines.slice(0, i), `${/^\s*/.exec(lines[i])![0]}// ase-lint-disable-next-line ASE101 ASE102 ASE103 management goes through the firewall`, ...lines.slice(i)].join('\n');
  write('suppressed/broken.json', text);
  const json = cli(['--format', 'json', 'suppressed']);
  const jsonCodes = codes(json.stdout);
  assert.ok(!jsonCodes.includes('ASE101') && !jsonCodes.includes('ASE102') && !jsonCodes.includes('ASE103'), json.stdout);
  const sarif = JSON.parse(cli(['--format', 'sarif', 'suppressed']).stdout);
  const results = sarif.runs[0].results as { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[];
  const hidden = results.filter((r) => r.suppressions);
  assert.deepEqual([...new Set(hidden.map((r) => r.ruleId))].sort(), ['ASE101', 'ASE102', 'ASE103']);
  for (const r of hidden) assert.deepEqual(r.suppressions, [{ kind: 'inSource', justification: 'management goes through the firewall' }]);
});
