// Runs the built command line (dist/cli.js) as a pipeline would, on a scratch directory
// assembled from the examples and the LSP fixtures.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { exitWhenWritten } from '../../server/src/cli/output';

let work = '';

function cli(args: string[], cwd = work): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function put(relative: string, from: string): void {
  const target = join(work, relative);
  mkdirSync(join(target, '..'), { recursive: true });
  copyFileSync(join(root, from), target);
}

interface JsonFinding {
  code: string;
  name: string;
  severity: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
}

const line = /^(.+):(\d+):(\d+) (error|warning|information|hint) (ASE\d{3}) (.+)$/;

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-cli-'));
  put('templates/broken.json', 'examples/ase-v2-broken-nsg.json');
  put('templates/nested/v3.json', 'examples/ase-v3.json');
  put('templates/node_modules/pkg/broken.json', 'examples/ase-v2-broken-nsg.json');
  put('templates/.hidden/broken.json', 'examples/ase-v2-broken-nsg.json');
  put('templates/other.parameters.json', 'test/fixtures/lsp/strict-deny.params.json');
  put('templates/config.json', 'test/fixtures/lsp/not-a-template.json');
  writeFileSync(join(work, 'templates', 'notes.txt'), 'not JSON at all');
  writeFileSync(join(work, 'templates', 'truncated.json'), '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [');
  put('param/parameterised.json', 'test/fixtures/lsp/parameterised.json');
  put('param/strict-deny.params.json', 'test/fixtures/lsp/strict-deny.params.json');
  put('ok/v3.json', 'examples/ase-v3.json');
  put('warn/v3-small.json', 'test/fixtures/cli/v3-small-subnet.json');
  put('odd/[v3].json', 'examples/ase-v3.json');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('--help and --version', () => {
  const help = cli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: ase-lint/);
  const version = cli(['--version']);
  assert.equal(version.status, 0);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
});

test('usage and I/O errors exit 2 with a message', () => {
  for (const [args, message] of [
    [['--frobnicate', 'ok'], /unknown option '--frobnicate'/],
    [[], /no PATH given/],
    [['--format', 'yaml', 'ok'], /--format expects 'text', 'json' or 'sarif'/],
    [['--rule', 'ASE999=off', 'ok'], /unknown rule 'ASE999'/],
    [['--rule', 'ASE101=fatal', 'ok'], /--rule expects CODE=LEVEL/],
    [['--rule', 'ASE101', 'ok'], /--rule expects CODE=LEVEL/],
    [['--max-warnings', 'many', 'ok'], /--max-warnings expects a whole number, got 'many'/],
    [['--max-warnings', '-1', 'ok'], /--max-warnings expects a whole number/],
    [['--fail-on', 'critical', 'ok'], /--fail-on expects error\|warning\|information\|hint\|none, got 'critical'/],
    [['--fail-on', 'none', '--max-warnings', '0', 'ok'], /--max-warnings cannot be combined with --fail-on none/],
    [['templates/**/*.bicepx'], /no files match 'templates\/\*\*\/\*\.bicepx'/],
    [['--format'], /--format expects/],
    [['does-not-exist.json'], /cannot read 'does-not-exist.json': no such file or directory/],
    [['--parameters', 'missing.params.json', 'ok'], /cannot read parameters file 'missing.params.json'/],
  ] as [string[], RegExp][]) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')} → ${r.status}\n${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('a correct ASEv3 template: exit 0, no error or warning, a summary on stderr', () => {
  const r = cli(['ok']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, / (error|warning) ASE/);
  assert.equal(r.stderr.trim(), '0 errors, 0 warnings in 1 template');
  const json = cli(['--format', 'json', 'ok/v3.json']);
  assert.equal(json.status, 0);
  const findings = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings;
  assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
});

test('a broken template: exit 1, one line per finding, 1-based positions', () => {
  const text = cli(['templates/broken.json']);
  assert.equal(text.status, 1, text.stderr);
  const lines = text.stdout.trimEnd().split('\n');
  for (const l of lines) assert.match(l, line);
  const found = lines.map((l) => l.match(line)!);
  assert.ok(found.every((m) => m[1] === join('templates', 'broken.json')));
  for (const code of ['ASE101', 'ASE102', 'ASE103', 'ASE301']) assert.ok(found.some((m) => m[5] === code), `${code} expected`);
  assert.match(text.stderr, /^\d+ errors?, \d+ warnings? in 1 template\n$/);

  const json = cli(['--format', 'json', 'templates/broken.json']);
  assert.equal(json.status, 1);
  const parsed = JSON.parse(json.stdout) as { findings: JsonFinding[] };
  assert.deepEqual(Object.keys(parsed), ['findings']);
  assert.equal(parsed.findings.length, lines.length);
  for (const f of parsed.findings) {
    assert.deepEqual(Object.keys(f), ['code', 'name', 'severity', 'file', 'range', 'message']);
    assert.deepEqual(Object.keys(f.range), ['start', 'end']);
    assert.deepEqual(Object.keys(f.range.start), ['line', 'character']);
    assert.deepEqual(Object.keys(f.range.end), ['line', 'character']);
    assert.match(f.severity, /^(error|warning|information|hint)$/);
    assert.equal(f.file, join('templates', 'broken.json'));
  }
  // Text positions are the JSON's zero-based ones plus one.
  const first = parsed.findings[0];
  assert.equal(lines[0], `${first.file}:${first.range.start.line + 1}:${first.range.start.character + 1} ${first.severity} ${first.code} ${first.message}`);
  const management = parsed.findings.find((f) => f.code === 'ASE101');
  assert.equal(management?.name, 'inbound-management');
  assert.equal(management?.severity, 'error');
});

test('directories are walked; node_modules, dot-directories, parameter files and other JSON are skipped', () => {
  const r = cli(['--format', 'json', 'templates']);
  assert.equal(r.status, 1, r.stderr);
  const files = new Set((JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.file));
  assert.deepEqual([...files], [join('templates', 'broken.json')]);
  const summary = cli(['templates']);
  assert.match(summary.stderr, / in 3 templates\n$/, 'broken.json, nested/v3.json and the truncated template');
});

test('absolute paths under the working directory are shown relative to it', () => {
  const r = cli(['--format', 'json', join(work, 'templates', 'broken.json')]);
  const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
  assert.ok(findings.length > 0);
  assert.ok(findings.every((f) => f.file === join('templates', 'broken.json')));
});

test('an unreadable path is reported, the others still analysed, exit 2', () => {
  const r = cli(['templates/broken.json', 'templates/gone.json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read 'templates\/gone.json'/);
  assert.match(r.stdout, /ASE101/);
});

test('--parameters supplies parameter values', () => {
  // The fixture deploys an ASEv2, which ASE901 reports as an error; the exit status here is about the parameters.
  const retired = ['--rule', 'retired-version=warning'];
  const defaults = cli(['--format', 'json', ...retired, 'param/parameterised.json']);
  assert.equal(defaults.status, 0, defaults.stdout);
  const strict = cli(['--format', 'json', ...retired, '--parameters', 'param/strict-deny.params.json', 'param/parameterised.json']);
  assert.equal(strict.status, 1, strict.stdout + strict.stderr);
  const codes = (JSON.parse(strict.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.code);
  assert.ok(codes.includes('ASE101'), codes.join(', '));
  // The parameters file given on the command line is never linted as a template itself.
  const both = cli(['--format', 'json', '--parameters', 'param/strict-deny.params.json', 'param']);
  assert.deepEqual(new Set((JSON.parse(both.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.file)), new Set([join('param', 'parameterised.json')]));
});

test('a finding a value of the parameters file causes names that value, in every format, and is counted once', () => {
  const args = ['--parameters', 'param/strict-deny.params.json', 'param/parameterised.json'];
  const value = { file: join('param', 'strict-deny.params.json'), range: { start: { line: 4, character: 33 }, end: { line: 4, character: 39 } } };
  const json = cli(['--format', 'json', ...args]);
  const findings = (JSON.parse(json.stdout) as { findings: (JsonFinding & { values?: unknown })[] }).findings;
  const blocked = findings.filter((f) => /^ASE10[123]$/.test(f.code));
  assert.deepEqual(blocked.map((f) => [f.code, f.file, f.values]), [
    ['ASE101', join('param', 'parameterised.json'), [value]],
    ['ASE102', join('param', 'parameterised.json'), [value]],
    ['ASE103', join('param', 'parameterised.json'), [value]],
  ]);
  // Findings no value of the file causes have no `values` key at all.
  assert.ok(findings.filter((f) => !/^ASE10[123]$/.test(f.code)).every((f) => !('values' in f)));

  const text = cli(args);
  const lines = text.stdout.trim().split('\n').filter((l) => / ASE10[123] /.test(l));
  assert.equal(lines.length, 3, 'one line per finding, not one more for the value');
  for (const l of lines) {
    assert.match(l, line);
    assert.ok(l.startsWith(`${join('param', 'parameterised.json')}:21:21 error ASE10`), l);
    assert.ok(l.endsWith(`(value at ${join('param', 'strict-deny.params.json')}:5:34)`), l);
  }
  // ASE101-ASE103 once each, and the template's ASE901 (it creates an ASEv2).
  assert.match(text.stderr, /^4 errors, 0 warnings in 1 template$/m, 'counted once each');
});

function jsonFindings(args: string[]): { status: number | null; findings: JsonFinding[] } {
  const r = cli(['--format', 'json', ...args]);
  return { status: r.status, findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings };
}

test('--rule changes severities and the exit status; code, any case, or name', () => {
  const all = jsonFindings(['templates/broken.json']).findings;
  const demoted = jsonFindings(['templates/broken.json', ...all.flatMap((f) => ['--rule', `${f.code}=warning`])]);
  assert.equal(demoted.status, 0, 'only warnings left');
  assert.equal(demoted.findings.length, all.length);
  assert.ok(demoted.findings.every((f) => f.severity === 'warning'));

  const mixed = jsonFindings(['--rule', 'ase101=off', '--rule', 'inbound-load-balancer=hint', '--rule=ASE103=information', 'templates/broken.json']);
  assert.ok(!mixed.findings.some((f) => f.code === 'ASE101'));
  assert.equal(mixed.findings.find((f) => f.code === 'ASE102')?.severity, 'hint');
  assert.equal(mixed.findings.find((f) => f.code === 'ASE103')?.severity, 'information');
  assert.equal(mixed.status, all.some((f) => !['ASE101', 'ASE102', 'ASE103'].includes(f.code) && f.severity === 'error') ? 1 : 0);

  // The later setting wins, and a warning raised to an error fails the run.
  const raised = cli(['--rule', 'ASE401=off', '--rule', 'subnet-size=error', 'warn/v3-small.json']);
  assert.equal(raised.status, 1);
  assert.match(raised.stdout, / error ASE401 /);
  assert.match(raised.stderr, /^1 error, 0 warnings in 1 template\n$/);
});

test('--max-warnings: exit 1 only when warnings exceed it', () => {
  assert.equal(cli(['warn/v3-small.json']).status, 0, 'warnings alone do not fail a run');
  assert.equal(cli(['--max-warnings', '1', 'warn/v3-small.json']).status, 0);
  const over = cli(['--max-warnings=0', 'warn/v3-small.json']);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /0 errors, 1 warning in 1 template/);
  assert.equal(cli(['--max-warnings', '0', '--rule', 'ASE401=information', 'warn/v3-small.json']).status, 0, 'a demoted warning is not counted');
});

test('--fail-on: findings at that level or more severe fail the run; none never fails on findings', () => {
  const status = (...args: string[]) => cli(args).status;
  assert.equal(status('--fail-on', 'warning', 'ok/v3.json'), 0, 'a clean template passes at every level');
  assert.equal(status('--fail-on', 'hint', 'ok/v3.json'), 0);
  // v3-small: one warning (ASE401), which --rule moves to the other levels.
  assert.equal(status('--fail-on', 'error', 'warn/v3-small.json'), 0);
  const warning = cli(['--fail-on', 'warning', 'warn/v3-small.json']);
  assert.equal(warning.status, 1);
  assert.match(warning.stderr, /^0 errors, 1 warning in 1 template\n$/);
  assert.equal(status('--fail-on', 'warning', '--max-warnings', '1', 'warn/v3-small.json'), 0, '--max-warnings tolerates its N warnings');
  assert.equal(status('--fail-on', 'warning', '--rule', 'ASE401=information', 'warn/v3-small.json'), 0);
  const information = cli(['--fail-on', 'information', '--rule', 'ASE401=information', 'warn/v3-small.json']);
  assert.equal(information.status, 1);
  assert.match(information.stderr, /^0 errors, 0 warnings, 1 information in 1 template\n$/, 'the summary counts what fails the run');
  assert.equal(status('--fail-on', 'information', '--rule', 'ASE401=hint', 'warn/v3-small.json'), 0);
  assert.equal(status('--fail-on', 'hint', '--rule', 'ASE401=hint', 'warn/v3-small.json'), 1);
  assert.equal(status('--fail-on', 'none', 'templates/broken.json'), 0, 'errors are reported, the run passes');
  assert.equal(status('--fail-on', 'none', 'templates/broken.json', 'does-not-exist.json'), 2, 'an incomplete run still fails');
  assert.equal(cli(['--fail-on', 'warning', '--quiet', 'warn/v3-small.json']).status, 1, '--quiet hides the warning, it still counts');
  // SARIF and JSON runs exit the same way.
  assert.equal(status('--format', 'sarif', '--fail-on', 'warning', 'warn/v3-small.json'), 1);
  assert.equal(status('--format', 'json', '--fail-on', 'none', 'templates/broken.json'), 0);
});

test('--quiet reports errors only; warnings are still counted', () => {
  const loud = cli(['templates/broken.json', 'warn/v3-small.json']);
  assert.match(loud.stdout, / warning ASE401 /);
  const quiet = cli(['--quiet', 'templates/broken.json', 'warn/v3-small.json']);
  assert.equal(quiet.status, 1);
  assert.doesNotMatch(quiet.stdout, / (warning|information|hint) ASE/);
  assert.equal(quiet.stdout.split('\n').filter(Boolean).length, loud.stdout.split('\n').filter((l) => / error ASE/.test(l)).length);
  assert.equal(quiet.stderr, loud.stderr, 'the summary counts what --quiet hides');
  assert.deepEqual(jsonFindings(['--quiet', 'warn/v3-small.json']).findings, []);
  assert.equal(cli(['--quiet', '--max-warnings', '0', 'warn/v3-small.json']).status, 1);
});

test('glob patterns expand to files, skipping node_modules and dot-directories', () => {
  const r = cli(['templates/**/*.json']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, / in 3 templates\n$/, 'broken.json, nested/v3.json and the truncated template');
  const files = new Set(jsonFindings(['templates/**/*.json']).findings.map((f) => f.file));
  assert.deepEqual([...files], [join('templates', 'broken.json')]);
  // Patterns and plain paths mix, and a file matched twice is analysed once.
  const mixed = cli(['templates/*.json', 'templates/broken.json', 'ok/*.json']);
  assert.match(mixed.stderr, / in 3 templates\n$/, 'broken.json, the truncated template and ok/v3.json');
  // A pattern that names node_modules itself reaches into it.
  assert.match(cli(['templates/node_modules/**/*.json']).stderr, / in 1 template\n$/);
});

test('a path that exists is taken as it is, even with glob characters in its name', () => {
  const r = cli(['odd/[v3].json']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, / in 1 template\n$/);
});

test('the run ends once its writes are done, and leaves a failed write to the output guard', () => {
  /** A stream whose writes complete when `flush` is called, as a pipe written asynchronously does. */
  const slow = (failWith?: Error) => {
    const pending: ((e?: Error | null) => void)[] = [];
    return {
      on: () => undefined,
      write: (_text: string, done?: (e?: Error | null) => void) => (done ? pending.push(done) : 0),
      flush: () => pending.splice(0).forEach((done) => done(failWith ?? null)),
    };
  };
  const out = slow();
  const err = slow();
  let exits = 0;
  exitWhenWritten([out, err], () => exits++);
  out.flush();
  assert.equal(exits, 0, 'stderr still writing');
  err.flush();
  assert.equal(exits, 1);

  const broken = slow(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  const fine = slow();
  let early = 0;
  exitWhenWritten([broken, fine], () => early++);
  broken.flush();
  fine.flush();
  assert.equal(early, 0, 'a failed write: the guard decides the status');
});
