import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCliArgs, type CliOptions, type FailOn } from '../../server/src/cli/args';
import { applyRuleLevels, resolveRuleLevels } from '../../server/src/cli/rules';
import { exitStatus, reportedFindings, summaryLine } from '../../server/src/cli/report';
import { type CliFinding } from '../../server/src/query/cliFinding';
import { allRules } from '../../server/src/rules/index';

function options(argv: string[]): CliOptions {
  const r = parseCliArgs(argv);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.options;
}

test('new flags parse in both spellings, --rule repeats in order', () => {
  const o = options(['--format=sarif', '--rule', 'ASE101=off', '--rule=subnet-size=ERROR', '--max-warnings', '3', '-q', 'a.json']);
  assert.equal(o.format, 'sarif');
  assert.deepEqual(o.rules, [
    { rule: 'ASE101', level: 'off' },
    { rule: 'subnet-size', level: 'error' },
  ]);
  assert.equal(o.maxWarnings, 3);
  assert.equal(o.quiet, true);
  assert.deepEqual(o.paths, ['a.json']);
  const defaults = options(['a.json']);
  assert.equal(defaults.maxWarnings, undefined);
  assert.equal(defaults.quiet, false);
  assert.deepEqual(defaults.rules, []);
});

test('--fail-on takes a severity or none, in any case; error by default', () => {
  assert.equal(options(['a.json']).failOn, 'error');
  assert.equal(options(['--fail-on', 'warning', 'a.json']).failOn, 'warning');
  assert.equal(options(['--fail-on=Information', 'a.json']).failOn, 'information');
  assert.equal(options(['--fail-on', 'hint', 'a.json']).failOn, 'hint');
  assert.equal(options(['--fail-on', 'none', 'a.json']).failOn, 'none');
  assert.equal(options(['--fail-on', 'warning', '--max-warnings', '3', 'a.json']).maxWarnings, 3);
  const combined = parseCliArgs(['--fail-on', 'none', '--max-warnings', '0', 'a.json']);
  assert.ok(!combined.ok && /--max-warnings cannot be combined with --fail-on none/.test(combined.error));
});

test('malformed values are usage errors', () => {
  for (const argv of [
    ['--fail-on', 'info', 'a'],
    ['--fail-on', 'off', 'a'],
    ['--fail-on', '', 'a'],
    ['--fail-on'],
    ['--max-warnings', '', 'a'],
    ['--max-warnings', '1e3', 'a'],
    ['--max-warnings', '2.5', 'a'],
    ['--max-warnings'],
    ['--rule', '=off', 'a'],
    ['--rule', 'ASE101=', 'a'],
    ['--rule', 'ASE101=info', 'a'],
    ['--rule'],
  ]) {
    const r = parseCliArgs(argv);
    assert.equal(r.ok, false, argv.join(' '));
  }
});

test('rules resolve by code in any case or by name; unknown ones are refused', () => {
  const r = resolveRuleLevels(
    [
      { rule: 'ase101', level: 'warning' },
      { rule: 'inbound-load-balancer', level: 'off' },
      { rule: 'ASE101', level: 'hint' },
    ],
    allRules,
  );
  assert.ok(r.ok);
  assert.deepEqual([...r.levels], [
    ['ASE101', 'hint'],
    ['ASE102', 'off'],
  ]);
  const bad = resolveRuleLevels([{ rule: 'inbound-everything', level: 'off' }], allRules);
  assert.equal(bad.ok, false);
});

function finding(code: string, severity: CliFinding['severity']): CliFinding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return { code, name: code, severity, file: 'a.json', uri: 'file:///a.json', range, message: code, related: [] };
}

test('levels apply to findings; exit status follows errors, warnings and I/O', () => {
  const found = [finding('ASE101', 'error'), finding('ASE401', 'warning'), finding('ASE206', 'warning')];
  const levels = new Map([
    ['ASE101', 'off'],
    ['ASE206', 'information'],
  ] as const);
  const effective = applyRuleLevels(found, levels);
  assert.deepEqual(
    effective.map((f) => [f.code, f.severity]),
    [
      ['ASE401', 'warning'],
      ['ASE206', 'information'],
    ],
  );
  assert.equal(found[2].severity, 'warning', 'the input is not changed');
  assert.equal(exitStatus(effective, false, undefined), 0);
  assert.equal(exitStatus(effective, false, 1), 0);
  assert.equal(exitStatus(effective, false, 0), 1);
  assert.equal(exitStatus(found, false, undefined), 1);
  assert.equal(exitStatus([], true, undefined), 2);
  assert.equal(exitStatus(found, true, 0), 2, 'an incomplete run says so, whatever it found');
  assert.deepEqual(reportedFindings(found, true).map((f) => f.code), ['ASE101']);
  assert.equal(reportedFindings(found, false).length, 3);
});

test('--fail-on decides which levels fail the run; --max-warnings tolerates up to N warnings at any --fail-on', () => {
  const of = (...severities: CliFinding['severity'][]) => severities.map((s, i) => finding(`ASE${100 + i}`, s));
  const table: [CliFinding[], FailOn, number | undefined, 0 | 1][] = [
    [of('error'), 'error', undefined, 1],
    [of('error'), 'none', undefined, 0],
    [of('warning'), 'error', undefined, 0],
    [of('warning'), 'warning', undefined, 1],
    [of('warning'), 'information', undefined, 1],
    [of('warning', 'warning'), 'warning', 2, 0],
    [of('warning', 'warning', 'warning'), 'warning', 2, 1],
    [of('warning', 'warning', 'warning'), 'error', 2, 1],
    [of('information'), 'warning', undefined, 0],
    [of('information'), 'information', undefined, 1],
    [of('information'), 'information', 5, 1],
    [of('hint'), 'information', undefined, 0],
    [of('hint'), 'hint', undefined, 1],
    [of('information', 'hint'), 'none', undefined, 0],
    [[], 'hint', undefined, 0],
  ];
  for (const [findings, failOn, maxWarnings, expected] of table) {
    assert.equal(exitStatus(findings, false, maxWarnings, failOn), expected, `${findings.map((f) => f.severity).join(',')} --fail-on ${failOn} --max-warnings ${maxWarnings}`);
    assert.equal(exitStatus(findings, true, maxWarnings, failOn), 2, 'an incomplete run says so, whatever --fail-on');
  }
  assert.equal(summaryLine(of('error', 'warning', 'information', 'hint'), 2), '1 error, 1 warning in 2 templates');
  assert.equal(summaryLine(of('error', 'information', 'information'), 1, 'information'), '1 error, 0 warnings, 2 information in 1 template');
  assert.equal(summaryLine(of('hint', 'hint'), 1, 'hint'), '0 errors, 0 warnings, 0 information, 2 hints in 1 template');
});
