// action.yml, run as GitHub's runner runs its lint step: the step's `env` with the
// inputs filled in (defaults from action.yml), its `run` line in bash, and the
// environment GitHub gives a step (GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, RUNNER_TEMP). npm is kept offline: nothing here reaches a network.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { ensureBuilt, root } from '../support/ensureBuilt';

interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}

interface Step {
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;
const lintStep = action.runs.steps.find((s) => s.id === 'lint')!;

let work = '';
let tarball = '';

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** `${{ inputs.name }}` filled in; any other expression in the step's env would need GitHub, so it fails the test. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const m = /^inputs\.([\w-]+)$/.exec(expression);
    assert.ok(m && m[1] in action.inputs, `expression the runner would evaluate: ${expression}`);
    return inputs[m[1]];
  });
}

/** GITHUB_OUTPUT's `name=value` lines (and `name<<DELIMITER` blocks). */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

let runs = 0;

/** The lint step with these inputs, in `workspace`, from the action checked out at `actionPath`. */
function runLint(given: Record<string, string>, workspace: string, actionPath = root): StepRun {
  for (const name of Object.keys(given)) assert.ok(name in action.inputs, `action.yml has no input '${name}'`);
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, i]) => [name, given[name] ?? i.default ?? '']));
  const dir = join(work, `step-${++runs}`);
  mkdirSync(dir);
  const output = join(dir, 'output');
  const summary = join(dir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const script = join(dir, 'step.sh');
  writeFileSync(script, lintStep.run!);
  // What the runner gives a step, and none of the npm_* variables of an enclosing `npm test`.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|INPUT_|GITHUB_)/i.test(k)));
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      ...inherited,
      ...Object.fromEntries(Object.entries(lintStep.env ?? {}).map(([k, v]) => [k, expand(v, inputs)])),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: join(dir, 'runner-temp'),
      npm_config_offline: 'true',
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_update_notifier: 'false',
    },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: readOutputs(output), summary: readFileSync(summary, 'utf8') };
}

interface SarifLog {
  version: string;
  runs: {
    results: { ruleId: string; level: string }[];
    invocations: { executionSuccessful: boolean; ruleConfigurationOverrides?: { descriptor: { id: string }; configuration: unknown }[] }[];
  }[];
}

function sarifOf(run: StepRun): SarifLog {
  assert.ok(run.outputs['sarif-file'] && existsSync(run.outputs['sarif-file']), JSON.stringify(run.outputs));
  return JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8')) as SarifLog;
}

function annotations(run: StepRun): string[] {
  return run.stdout.split('\n').filter((l) => /^::(error|warning|notice) file=/.test(l));
}

const workspace = () => join(work, 'repo');

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-action-'));
  const put = (to: string, from: string) => {
    mkdirSync(join(workspace(), to, '..'), { recursive: true });
    copyFileSync(join(root, from), join(workspace(), to));
  };
  put('infra/broken.json', 'examples/ase-v2-broken-nsg.json');
  put('infra/v3.json', 'examples/ase-v3.json');
  put('small/v3-small.json', 'test/fixtures/cli/v3-small-subnet.json');
  put('odd/a,b: c.json', 'test/fixtures/cli/v3-small-subnet.json');
  writeFileSync(join(workspace(), 'package.json'), '{ "name": "not-a-template" }\n');
  // The package, offline, for the runs that install it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8', env: { ...env, npm_config_cache: join(work, 'npm-cache') } });
  assert.equal(packed.status, 0, packed.stderr);
  tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
}, { timeout: 120_000 });

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('action.yml: a composite action whose inputs reach the script, whose outputs it writes, and which uploads after a failure too', () => {
  assert.equal(action.runs.using, 'composite');
  // Every input but the upload's category reaches the script, which reads each of them and no other.
  const script = readFileSync(join(root, 'scripts', 'github-action.mjs'), 'utf8');
  const read = new Set([...script.matchAll(/(?:input|booleanInput)\('([\w-]+)'\)/g)].map((m) => m[1]));
  const forScript = Object.keys(action.inputs).filter((n) => n !== 'category');
  assert.deepEqual([...read].sort(), forScript.sort());
  assert.deepEqual(Object.keys(lintStep.env ?? {}).sort(), forScript.map((n) => `INPUT_${n.toUpperCase().replace(/-/g, '_')}`).sort());
  for (const [name, i] of Object.entries(action.inputs)) {
    assert.ok(i.description, name);
    assert.equal(typeof (i.default ?? ''), 'string', `${name}: defaults are strings, as GitHub passes them`);
    if (name !== 'category') assert.equal(lintStep.env?.[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${name} }}`, name);
  }
  assert.equal(lintStep.shell, 'bash');
  assert.match(lintStep.run!, /^node "\$GITHUB_ACTION_PATH\/scripts\/github-action\.mjs"\s*$/);
  for (const [name, o] of Object.entries(action.outputs)) {
    assert.ok(o.description, name);
    assert.equal(o.value, `\${{ steps.lint.outputs.${name} }}`);
  }
  const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'an upload step');
  assert.equal(upload.uses, 'github/codeql-action/upload-sarif@v4');
  assert.deepEqual(upload.with, { sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: '${{ inputs.category }}' });
  // Runs when the lint step failed (not only on success), only when asked, and only with a log to upload.
  assert.match(upload.if!, /!cancelled\(\)/);
  assert.match(upload.if!, /inputs\.upload == 'true'/);
  assert.match(upload.if!, /steps\.lint\.outputs\.sarif-file != ''/);
  assert.equal(action.runs.steps.indexOf(upload), action.runs.steps.indexOf(lintStep) + 1);
});

test('defaults: the whole repository is checked, the SARIF log written, findings annotated, counted and summarised; errors fail the step', () => {
  const run = runLint({}, workspace());
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.outputs['exit-code'], '1');
  assert.equal(run.outputs['sarif-file'], join(workspace(), 'ase-lint.sarif'));
  const sarif = sarifOf(run);
  assert.equal(sarif.version, '2.1.0');
  const results = sarif.runs[0].results;
  const count = (level: string) => String(results.filter((r) => r.level === level).length);
  assert.deepEqual([run.outputs.errors, run.outputs.warnings, run.outputs.notes], [count('error'), count('warning'), count('note')]);
  // The broken ASEv2's retirement (ASE901) counts among the errors.
  assert.ok(Number(run.outputs.errors) >= 5 && Number(run.outputs.warnings) >= 2, JSON.stringify(run.outputs));
  const marks = annotations(run);
  assert.equal(marks.length, results.length);
  assert.ok(marks.some((m) => m.startsWith('::error file=infra/broken.json,line=27,endLine=27,col=21,endColumn=37,title=ASE101 inbound-management::NSG')), marks.join('\n'));
  // The file name's comma and colon are escaped as workflow commands require.
  assert.ok(marks.some((m) => m.startsWith('::warning file=odd/a%2Cb%3A c.json,line=')), marks.join('\n'));
  assert.match(run.stdout, /^infra\/broken\.json:27:21 error ASE101 /m);
  assert.match(run.stdout, /^::error::ase-lint: \d+ errors, \d+ warnings, \d+ notes? in 4 templates; findings fail the run \(fail-on: error\)$/m);
  assert.match(run.summary, /^### ASE Network Lint$/m);
  assert.match(run.summary, /in 4 templates: failed \(fail on: error\)\. SARIF log: `ase-lint\.sarif`/);
  assert.match(run.summary, /^\| error \| ASE101 inbound-management \| `infra\/broken\.json:27:21` \| NSG 'ase-subnet-nsg' blocks/m);
});

test('a clean template passes: exit 0, zero counts, no annotations', () => {
  const run = runLint({ paths: 'infra/v3.json' }, workspace());
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual([run.outputs.errors, run.outputs.warnings, run.outputs.notes, run.outputs['exit-code']], ['0', '0', '0', '0']);
  assert.deepEqual(annotations(run), []);
  assert.doesNotMatch(run.stdout, /^::error/m);
  assert.match(run.summary, /\*\*0 errors, 0 warnings, 0 notes\*\* in 1 template: passed/);
});

test('fail-on and max-warnings decide the verdict as the CLI does; the SARIF log is the same', () => {
  const small = { paths: 'small' };
  assert.equal(runLint(small, workspace()).status, 0, 'a warning passes at fail-on error');
  const warning = runLint({ ...small, 'fail-on': 'warning' }, workspace());
  assert.equal(warning.status, 1);
  assert.match(warning.stdout, /findings fail the run \(fail-on: warning\)/);
  assert.equal(runLint({ ...small, 'fail-on': 'warning', 'max-warnings': '1' }, workspace()).status, 0);
  assert.equal(runLint({ ...small, 'max-warnings': '0' }, workspace()).status, 1);
  const none = runLint({ 'fail-on': 'none', paths: 'infra' }, workspace());
  assert.equal(none.status, 0);
  assert.ok(Number(none.outputs.errors) >= 4, 'the findings are still reported and uploaded');
  assert.equal(sarifOf(none).runs[0].results.filter((r) => r.level === 'error').length, Number(none.outputs.errors));
});

test('rules, one per line or comma-separated, and several paths; the SARIF log goes where asked', () => {
  const run = runLint({ paths: 'infra/broken.json\nsmall\n', rules: 'ASE101=off\ninbound-load-balancer=warning, ASE103=off', 'sarif-file': 'reports/ase/lint.sarif' }, workspace());
  assert.equal(run.outputs['sarif-file'], join(workspace(), 'reports', 'ase', 'lint.sarif'));
  const sarif = sarifOf(run);
  const overrides = sarif.runs[0].invocations[0].ruleConfigurationOverrides?.map((o) => [o.descriptor.id, o.configuration]);
  assert.deepEqual(overrides, [
    ['ASE101', { enabled: false }],
    ['ASE102', { level: 'warning' }],
    ['ASE103', { enabled: false }],
  ]);
  const ids = sarif.runs[0].results.map((r) => r.ruleId);
  assert.ok(!ids.includes('ASE101') && !ids.includes('ASE103') && ids.includes('ASE102') && ids.includes('ASE401'), ids.join(','));
  assert.equal(run.status, 1, 'ASE301 is still an error');
});

test('annotations can be turned off; the findings are still printed', () => {
  const run = runLint({ paths: 'infra', annotations: 'false' }, workspace());
  assert.equal(run.status, 1);
  assert.deepEqual(annotations(run), []);
  assert.doesNotMatch(run.stdout, /^::/m);
  assert.match(run.stdout, /^infra\/broken\.json:27:21 error ASE101 /m);
});

test('usage errors fail the step with exit 2 and no SARIF log to upload', () => {
  const level = runLint({ 'fail-on': 'critical' }, workspace());
  assert.equal(level.status, 2);
  assert.match(level.stderr, /--fail-on expects error\|warning\|information\|hint\|none, got 'critical'/);
  assert.equal(level.outputs['sarif-file'], '');
  assert.equal(level.outputs['exit-code'], '2');
  const upload = runLint({ upload: 'yes' }, workspace());
  assert.equal(upload.status, 2);
  assert.match(upload.stdout, /^::error::ase-lint: input 'upload' must be true or false, got 'yes'$/m);
  assert.equal(upload.outputs['sarif-file'], '');
  assert.equal(runLint({ rules: 'ASE999=off' }, workspace()).status, 2);
});

test('a path that cannot be read: exit 2, the rest still analysed, the problem in the SARIF log and the summary', () => {
  const run = runLint({ paths: 'infra/v3.json\nmissing.json' }, workspace());
  assert.equal(run.status, 2);
  assert.match(run.stderr, /cannot read 'missing\.json'/);
  assert.equal(sarifOf(run).runs[0].invocations[0].executionSuccessful, false);
  assert.match(run.summary, /failed: the run is incomplete/);
  assert.match(run.summary, /^> \*\*error:\*\* cannot read 'missing\.json'/m);
});

test('an action checkout without a build installs the package input (here a tarball, offline) and runs its CLI', () => {
  const checkout = join(work, 'action-checkout');
  mkdirSync(join(checkout, 'scripts'), { recursive: true });
  for (const f of ['action.yml', 'package.json', 'scripts/github-action.mjs']) copyFileSync(join(root, f), join(checkout, f));
  const run = runLint({ paths: 'infra', package: tarball }, workspace(), checkout);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /^Installing .*ase-network-lint-[\d.]+\.tgz$/m);
  assert.ok(Number(run.outputs.errors) >= 4);
  // Without the input it asks npm for this action's own version, which offline it cannot get: a clear failure.
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const registry = runLint({ paths: 'infra' }, workspace(), checkout);
  assert.equal(registry.status, 2);
  assert.match(registry.stdout, new RegExp(`^::error::ase-lint: npm could not install ase-network-lint@${version.replace(/\./g, '\\.')} `, 'm'));
  assert.equal(registry.outputs['sarif-file'], '');
});
