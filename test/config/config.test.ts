// The project file ase-lint.json: parsing, lookup, and its JSON schema; rule levels from
// settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { findProjectConfig, parseProjectConfig } from '../../server/src/engine/config/projectConfig';
import { levelsFromObject, mergeLevels } from '../../server/src/engine/config/ruleLevels';
import { allRules } from '../../server/src/rules/index';
import { parseSettings } from '../../server/src/lsp/settings';

const root = join(__dirname, '..', '..');

test('rules by code (any case) or name; comments and trailing commas allowed', () => {
  const c = parseProjectConfig(
    'file:///w/ase-lint.json',
    `{
  // the team's choices
  "$schema": "./node_modules/ase-network-lint/schemas/ase-lint.schema.json",
  "rules": { "ase401": "error", "outbound-https": "off", },
  "unusedSuppressions": "warning",
}`,
  );
  assert.deepEqual(c.problems, []);
  assert.deepEqual([...c.rules], [['ASE401', 'error'], ['ASE204', 'off']]);
  assert.equal(c.unusedSuppressions, 'warning');
});

test('what cannot be understood is reported with its place and the rest applies', () => {
  const c = parseProjectConfig(
    'file:///w/ase-lint.json',
    `{
  "rules": {
    "ASE999": "off",
    "subnet-size": "loud",
    "ASE102": "hint"
  },
  "rule": {}
}`,
  );
  assert.deepEqual(c.problems, [
    "ase-lint.json:3:5: unknown rule 'ASE999' (give a code such as ASE101 or a rule name)",
    `ase-lint.json:4:5: 'subnet-size' has level "loud"; expected one of off, error, warning, information, hint`,
    'ase-lint.json:7:3: unknown setting "rule" (known: rules, unusedSuppressions)',
  ]);
  assert.deepEqual([...c.rules], [['ASE102', 'hint']]);
  assert.deepEqual(parseProjectConfig('file:///w/ase-lint.json', '{ "rules": ').problems, ['ase-lint.json:1:12: not valid JSON (ValueExpected)']);
  assert.deepEqual(parseProjectConfig('file:///w/ase-lint.json', '[]').problems, ['ase-lint.json:1:1: expected an object such as { "rules": { "ASE401": "error" } }']);
});

test('the nearest ase-lint.json from the template up to the workspace folder or the repository root', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ase-lint-config-'));
  try {
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    mkdirSync(join(dir, 'repo', 'infra', 'ase'), { recursive: true });
    writeFileSync(join(dir, 'ase-lint.json'), '{}');
    const template = join(dir, 'repo', 'infra', 'ase', 'main.json');
    assert.equal(findProjectConfig(template, existsSync), undefined, 'never above the repository root');
    writeFileSync(join(dir, 'repo', 'ase-lint.json'), '{}');
    assert.equal(findProjectConfig(template, existsSync), join(dir, 'repo', 'ase-lint.json'));
    writeFileSync(join(dir, 'repo', 'infra', 'ase-lint.json'), '{}');
    assert.equal(findProjectConfig(template, existsSync), join(dir, 'repo', 'infra', 'ase-lint.json'), 'the nearest wins');
    assert.equal(findProjectConfig(template, existsSync, [join(dir, 'repo', 'infra', 'ase')]), undefined, 'never above the workspace folder');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('settings: aseLint.rules by code or name; later maps win', () => {
  const s = parseSettings({ rules: { 'subnet-size': 'hint', ASE999: 'off', ASE101: 'nope' } });
  assert.deepEqual([...s.rules], [['ASE401', 'hint']]);
  assert.equal(s.problems.length, 2);
  const { levels } = levelsFromObject({ ASE401: 'error', ASE102: 'off' }, allRules, 'x');
  assert.deepEqual([...mergeLevels(levels, s.rules)], [['ASE401', 'hint'], ['ASE102', 'off']]);
});

test('the contributed JSON schema accepts a valid file and rejects unknown rules and levels', () => {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'ase-lint.schema.json'), 'utf8'));
  // VS Code's own keywords (markdownDescription, enumDescriptions) are not JSON Schema's.
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  assert.ok(validate({ rules: { ASE401: 'error', 'outbound-https': 'off' }, unusedSuppressions: 'warning' }), JSON.stringify(validate.errors));
  assert.ok(!validate({ rules: { ASE999: 'off' } }));
  assert.ok(!validate({ rules: { ASE401: 'loud' } }));
  assert.ok(!validate({ rulez: {} }));
});
