import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCliArgs, type CliOptions } from '../../server/src/features/cliArgs';
import { applyRuleLevels, resolveRuleLevels } from '../../server/src/features/cliRules';
import { exitStatus, reportedFindings, type CliFinding } from '../../server/src/features/cliReport';
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

test('malformed values are usage errors', () => {
  for (const argv of [
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
