// The command line treats its working directory and the paths given as the workspace:
// linting a folder reports each finding once, from the entry points, module files in
// their callers' context; a module linted alone is analysed through its callers;
// registry modules come from Bicep's cache, outside the workspace.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import { bicepConfig, noCache } from './helpers';
import { noteText } from '../support/notes';

const FIXTURES = join(__dirname, '..', 'fixtures', 'workspace');
const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

interface Reported {
  code: string;
  file: string;
  range: { start: { line: number; character: number } };
  message: string;
  details?: string[];
}

function lint(cwd: string, ...args: string[]): { status: number; findings: Reported[]; stderr: string } {
  let out = '';
  let err = '';
  const status = runCli(['--format', 'json', ...args], { cwd, out: (t) => (out += t), err: (t) => (err += t) });
  return { status, findings: (JSON.parse(out) as { findings: Reported[] }).findings, stderr: err };
}

const at = (f: Reported) => `${f.code} ${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;

test('linting the workspace reports each finding once, in the module it is in, found through the entry point', () => {
  const { findings, status } = lint(FIXTURES, 'bicep', 'arm');
  assert.equal(status, 1);
  assert.deepEqual(findings.map(at), [
    'ASE104 bicep/modules/nsg.bicep:11:15',
    'ASE106 bicep/modules/nsg.bicep:11:15',
    'ASE104 arm/nested/nsg.json:21:21',
    'ASE106 arm/nested/nsg.json:21:21',
  ]);
  assert.equal(new Set(findings.map((f) => `${at(f)} ${f.message}`)).size, findings.length);
});

test('a module linted alone is analysed through its caller in the workspace; the caller\'s other findings are not its own', () => {
  const bicep = lint(join(FIXTURES, 'bicep'), 'modules/nsg.bicep');
  assert.deepEqual(bicep.findings.map(at), ['ASE104 modules/nsg.bicep:11:15', 'ASE106 modules/nsg.bicep:11:15']);
  assert.equal(
    bicep.findings[1].message,
    "NSG 'ase-nsg' blocks TCP 80 from AzureLoadBalancer (rule 'deny-all-inbound', priority 100): health probes fail and the ASE stops receiving traffic",
  );
  const arm = lint(join(FIXTURES, 'arm'), 'nested/nsg.json');
  assert.deepEqual(arm.findings.map(at), ['ASE104 nested/nsg.json:21:21', 'ASE106 nested/nsg.json:21:21']);
});

test('a module whose callers are outside the workspace is analysed alone: its values have no caller', () => {
  const { findings, status } = lint(join(FIXTURES, 'bicep', 'modules'), 'nsg.bicep', '--fail-on', 'none');
  assert.equal(status, 0);
  assert.deepEqual(findings.map((f) => f.code), ['ASE902']);
  assert.match(noteText(findings[0]), /parameter 'denyPriority' has no value/);
});

test('registry modules: read from the cache outside the workspace without a warning, the finding on the caller\'s rule; a module not in the cache gets the note', { skip: noCache }, () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-registry-')));
  temps.push(dir);
  cpSync(join(FIXTURES, 'avm'), dir, { recursive: true });
  writeFileSync(join(dir, 'bicepconfig.json'), bicepConfig());
  const { findings, stderr } = lint(dir, '.');
  assert.doesNotMatch(stderr, /not reading/);
  assert.deepEqual(findings.filter((f) => f.code !== 'ASE902').map(at), ['ASE104 main.bicep:9:15', 'ASE106 main.bicep:9:15']);
  const note = findings.find((f) => f.code === 'ASE902' && f.file === 'missing.bicep');
  assert.ok(note, 'the module missing from the cache is noted');
  assert.match(noteText(note), /the registry module br\/public:avm\/res\/network\/virtual-network:9\.9\.9 is not in Bicep's module cache \(.*\); `bicep restore` would put it there and let it be checked/);
});

test('a cycle between modules stays bounded: files that only deploy each other are analysed alone, the cycle noted', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-cycle-')));
  temps.push(dir);
  writeFileSync(join(dir, 'a.bicep'), "module b './b.bicep' = {\n  name: 'b'\n}\n");
  writeFileSync(join(dir, 'b.bicep'), "module a './a.bicep' = {\n  name: 'a'\n}\n");
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'b', properties: { mode: 'Incremental', templateLink: { relativePath: 'b.json' } } }] }, null, 2));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'a', properties: { mode: 'Incremental', templateLink: { relativePath: 'a.json' } } }] }, null, 2));
  const { findings, status } = lint(dir, '.', '--fail-on', 'none');
  assert.equal(status, 0);
  assert.deepEqual(findings.map((f) => `${f.code} ${f.file}`), ['ASE902 a.bicep', 'ASE902 a.json', 'ASE902 b.bicep', 'ASE902 b.json']);
  assert.ok(findings.every((f) => /a cycle/.test(noteText(f))));
});
