// The lint step of action.yml (a composite action): node runs this file from the
// action's checkout, with the inputs as INPUT_* variables (action.yml maps each one)
// and GitHub's GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP.
// It runs the bundled CLI on the repository with --format sarif, writes the SARIF log,
// prints the findings (and annotates them), writes the outputs and a job summary, and
// exits as the CLI did: 0 passed, 1 findings fail the run (--fail-on, --max-warnings),
// 2 usage or I/O error. The upload to code scanning is action.yml's next step.
// Plain JavaScript with no dependencies: the action's checkout is not built.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const actionPath = env.GITHUB_ACTION_PATH || resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());

/** Summary rows beyond this are left to the SARIF log: a job summary is at most 1 MiB. */
const maxSummaryRows = 100;

class UsageError extends Error {}

/** An input as action.yml passes it: `INPUT_` and the name in capitals, `-` as `_`. */
function input(name) {
  return (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
}

/** One value per line; blank lines are ignored. */
function lines(text) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function booleanInput(name) {
  const value = input(name).toLowerCase();
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError(`input '${name}' must be true or false, got '${input(name)}'`);
}

/** `::command key=value::message`, escaped as GitHub's workflow commands require. */
function command(name, properties, message) {
  const data = (s) => String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${property(v)}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${data(message)}`;
}

function setOutputs(outputs) {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}

/**
 * The CLI to run. An explicit `package` input is installed; otherwise a built checkout of
 * this repository (dist/cli.js, as in its own CI) is used as it is; otherwise the npm
 * package of this action's version.
 */
function locateCli() {
  const requested = input('package');
  const built = join(actionPath, 'dist', 'cli.js');
  if (!requested && existsSync(built)) return built;
  const version = JSON.parse(readFileSync(join(actionPath, 'package.json'), 'utf8')).version;
  let spec = requested || `ase-network-lint@${version}`;
  // A tarball or folder named relative to the repository, as a user writes it.
  if (/^\.{0,2}[\\/]|\.(tgz|tar\.gz)$/i.test(spec) && existsSync(resolve(workspace, spec))) spec = resolve(workspace, spec);
  const prefix = join(env.RUNNER_TEMP || tmpdir(), 'ase-network-lint', createHash('sha256').update(spec).digest('hex').slice(0, 16));
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  console.log(`Installing ${spec}`);
  const npm = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--save', spec], {
    cwd: prefix,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (npm.status !== 0) throw new Error(`npm could not install ${spec} (${npm.status ?? npm.error?.message}):\n${npm.stderr}`);
  const [name] = Object.keys(JSON.parse(readFileSync(join(prefix, 'package.json'), 'utf8')).dependencies ?? {});
  const installed = join(prefix, 'node_modules', name ?? '');
  const bin = name ? JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).bin?.['ase-lint'] : undefined;
  if (!bin) throw new Error(`${spec} has no ase-lint command`);
  return join(installed, bin);
}

/** The CLI's arguments for the inputs; the paths come last, after `--`. */
function cliArguments() {
  const args = ['--format', 'sarif', '--fail-on', input('fail-on') || 'error'];
  if (input('max-warnings')) args.push('--max-warnings', input('max-warnings'));
  if (input('config')) args.push('--config', input('config'));
  if (input('parameters')) args.push('--parameters', input('parameters'));
  for (const rule of lines(input('rules').replace(/,/g, '\n'))) args.push('--rule', rule);
  const paths = lines(input('paths'));
  return [...args, '--', ...(paths.length > 0 ? paths : ['.'])];
}

/** A SARIF artifact location as a path relative to the workspace (absolute when outside it). */
function pathOf(location) {
  const uri = location?.uri ?? '';
  if (uri.startsWith('file:')) {
    const absolute = fileURLToPath(uri);
    const rel = relative(workspace, absolute);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : absolute;
  }
  return decodeURIComponent(uri);
}

const levelCommand = { error: 'error', warning: 'warning', note: 'notice' };

function describe(result, rules) {
  const { artifactLocation, region = {} } = result.locations?.[0]?.physicalLocation ?? {};
  const rule = rules[result.ruleIndex] ?? rules.find((r) => r.id === result.ruleId);
  return {
    level: result.level ?? 'warning',
    rule: result.ruleId,
    name: rule?.name ?? '',
    file: pathOf(artifactLocation),
    region,
    message: result.message?.text ?? '',
  };
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function summary({ findings, counts, templates, notifications, failOn, exitCode, sarifPath }) {
  const verdict = exitCode === 0 ? 'passed' : exitCode === 1 ? 'failed' : 'failed: the run is incomplete';
  const out = [
    '### ASE Network Lint',
    '',
    `**${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')}** in ${plural(templates, 'template')}: ${verdict} (fail on: ${failOn}). SARIF log: \`${relative(workspace, sarifPath) || sarifPath}\`.`,
    '',
  ];
  for (const n of notifications) out.push(`> **${n.level ?? 'warning'}:** ${cell(n.message?.text ?? '')}`, '');
  if (findings.length > 0) {
    out.push('| Level | Rule | Location | Message |', '|---|---|---|---|');
    for (const f of findings.slice(0, maxSummaryRows)) {
      out.push(`| ${f.level} | ${cell(`${f.rule} ${f.name}`.trim())} | \`${cell(`${f.file}:${f.region.startLine ?? 1}:${f.region.startColumn ?? 1}`)}\` | ${cell(f.message)} |`);
    }
    if (findings.length > maxSummaryRows) out.push('', `… and ${findings.length - maxSummaryRows} more in the SARIF log.`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function main() {
  const annotate = booleanInput('annotations');
  booleanInput('upload');
  const failOn = input('fail-on') || 'error';
  const sarifPath = resolve(workspace, input('sarif-file') || 'ase-lint.sarif');
  const cli = locateCli();
  const args = cliArguments();
  console.log(`ase-lint ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: workspace, encoding: 'utf8', maxBuffer: 1024 * 2 ** 20 });
  // The CLI's own messages (files it could not read, usage errors) go to the log as they are.
  if (run.stderr) process.stderr.write(run.stderr);
  const exitCode = run.status ?? 2;
  let log;
  try {
    log = JSON.parse(run.stdout);
  } catch {
    setOutputs({ 'sarif-file': '', errors: '', warnings: '', notes: '', 'exit-code': exitCode });
    console.log(command('error', {}, `ase-lint wrote no SARIF log (exit status ${run.status ?? run.signal ?? run.error?.message})`));
    return exitCode === 0 ? 2 : exitCode;
  }
  mkdirSync(dirname(sarifPath), { recursive: true });
  writeFileSync(sarifPath, run.stdout);

  const sarifRun = log.runs?.[0] ?? {};
  const rules = sarifRun.tool?.driver?.rules ?? [];
  // Findings suppressed in the source are in the log (code scanning shows them as dismissed), not counted.
  const findings = (sarifRun.results ?? []).filter((r) => !(r.suppressions?.length > 0)).map((r) => describe(r, rules));
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.level] = (counts[f.level] ?? 0) + 1;
  const templates = (sarifRun.artifacts ?? []).filter((a) => a.roles?.includes('analysisTarget')).length;
  const notifications = sarifRun.invocations?.[0]?.toolExecutionNotifications ?? [];

  for (const f of findings) {
    console.log(`${f.file}:${f.region.startLine ?? 1}:${f.region.startColumn ?? 1} ${f.level} ${f.rule} ${f.message}`);
    if (annotate) {
      const { startLine, startColumn, endLine, endColumn } = f.region;
      // GitHub takes columns only within one line.
      const columns = startLine === endLine ? { col: startColumn, endColumn } : {};
      console.log(command(levelCommand[f.level] ?? 'warning', { file: f.file, line: startLine, endLine, ...columns, title: `${f.rule} ${f.name}`.trim() }, f.message));
    }
  }
  const line = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')} in ${plural(templates, 'template')}`;
  const verdict =
    exitCode === 1
      ? `ase-lint: ${line}; findings fail the run (fail-on: ${failOn}${input('max-warnings') ? `, max-warnings: ${input('max-warnings')}` : ''})`
      : exitCode === 2
        ? `ase-lint: ${line}; the run is incomplete (see the messages above)`
        : `ase-lint: ${line}`;
  console.log(exitCode !== 0 && annotate ? command('error', {}, verdict) : verdict);

  setOutputs({ 'sarif-file': sarifPath, errors: counts.error, warnings: counts.warning, notes: counts.note, 'exit-code': exitCode });
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary({ findings, counts, templates, notifications, failOn, exitCode, sarifPath }));
  return exitCode;
}

try {
  process.exitCode = main();
} catch (e) {
  console.log(command('error', {}, `ase-lint: ${e instanceof Error ? e.message : String(e)}`));
  if (!(e instanceof UsageError) && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  setOutputs({ 'sarif-file': '', 'exit-code': 2 });
  process.exitCode = 2;
}
