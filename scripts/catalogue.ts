// Writes what the rule catalogue dictates into files that must be static: the
// `aseLint.rules` setting's schema in package.json (VS Code reads the manifest as it is),
// schemas/ase-lint.schema.json (contributed for ase-lint.json) and the README's rule
// table. test/meta/catalogue.test.ts checks that all three match the catalogue; run
// `npm run catalogue` after adding a rule or changing its title, severity or versions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../server/src/rules/index';
import { ruleLevelNames } from '../server/src/engine/config/ruleLevels';

const root = join(__dirname, '..');

const levelDescriptions: Record<string, string> = {
  off: 'Not run, not reported',
  error: 'Reported as an error',
  warning: 'Reported as a warning',
  information: 'Reported as information',
  hint: 'Shown as a hint only',
};

/** The schema of one rule's level. */
export function levelSchema(): Record<string, unknown> {
  return { type: 'string', enum: [...ruleLevelNames], enumDescriptions: ruleLevelNames.map((l) => levelDescriptions[l]) };
}

/** One property per rule code and per rule name, each described by the rule's title. */
export function ruleProperties(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of allRules) {
    const about = `${r.title} Default: ${r.severity}.`;
    out[r.code] = { $ref: '#/definitions/level', markdownDescription: `\`${r.name}\` — ${about}` };
  }
  for (const r of allRules) out[r.name] = { $ref: '#/definitions/level', markdownDescription: `${r.code} — ${r.title} Default: ${r.severity}.` };
  return out;
}

/**
 * The `aseLint.rules` setting. VS Code's settings schema has no `$ref` to definitions, so
 * each level is inline: one property per code and one per name, so the Settings editor's
 * key dropdown offers both (it shows each key's plain `description`), and a name that is
 * no rule's is flagged in settings.json.
 */
export function settingsRulesSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const level = { type: 'string', enum: [...ruleLevelNames] };
  for (const r of allRules) properties[r.code] = { ...level, description: `${r.name} — ${r.title} Default: ${r.severity}.` };
  for (const r of allRules) properties[r.name] = { ...level, description: `${r.code} — ${r.title} Default: ${r.severity}.` };
  return {
    type: 'object',
    default: {},
    properties,
    additionalProperties: false,
    markdownDescription:
      'Severity per rule, by code (`ASE401`) or name (`subnet-size`): `off`, `error`, `warning`, `information` or `hint`. These override the project file `ase-lint.json`; rules not listed keep the project\'s or their default severity (see the README\'s rule table).',
  };
}

export function projectSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ase-lint project configuration (ase-lint.json)',
    description: 'Read by the ASE Network Lint editor extension and the ase-lint command line, from the template\'s folder up to the repository root.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Severity per rule, by code or name. Rules not listed keep their default severity.',
        properties: ruleProperties(),
        additionalProperties: false,
      },
      unusedSuppressions: {
        $ref: '#/definitions/level',
        markdownDescription: 'Severity of the note on an `ase-lint-disable…` comment or Bicep pragma that suppresses nothing. Default: `hint`.',
      },
    },
    additionalProperties: false,
    definitions: { level: levelSchema() },
  };
}

/** Two-space JSON with short arrays of strings on one line, as the manifest is written by hand. */
export function formatManifest(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(/\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g, (all, items: string) => {
    const one = `[${items.replace(/,\n\s+/g, ', ')}]`;
    return one.length <= 100 ? one : all;
  })}\n`;
}

const tableStart = '<!-- rules-table: written by `npm run catalogue` from the rule definitions (scripts/catalogue.ts) -->';
const tableEnd = '<!-- /rules-table -->';

/** The README's rule table, markers included: one row per rule, in catalogue order. */
export function readmeRulesTable(): string {
  const rows = allRules.map((r) => `| ${r.code} | ${r.name} | ${r.severity} | ${r.appliesTo === 'any' ? 'any' : r.appliesTo.join(', ')} | ${r.title} |`);
  return [tableStart, '| Code | Name | Severity | ASE versions | What it checks |', '|---|---|---|---|---|', ...rows, tableEnd].join('\n');
}

/** The README's text with its rule table replaced by `table`; the table is found by its markers. */
export function withRulesTable(readme: string, table: string): string {
  const start = readme.indexOf('<!-- rules-table');
  const end = readme.indexOf(tableEnd);
  if (start < 0 || end < start) throw new Error('README.md has no rules table between <!-- rules-table --> and <!-- /rules-table -->');
  return readme.slice(0, start) + table + readme.slice(end + tableEnd.length);
}

function write(): void {
  const pkgPath = join(root, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  pkg.contributes.configuration.properties['aseLint.rules'] = settingsRulesSchema();
  writeFileSync(pkgPath, formatManifest(pkg));
  writeFileSync(join(root, 'schemas', 'ase-lint.schema.json'), `${JSON.stringify(projectSchema(), null, 2)}\n`);
  const readmePath = join(root, 'README.md');
  writeFileSync(readmePath, withRulesTable(readFileSync(readmePath, 'utf8'), readmeRulesTable()));
  console.log('package.json (aseLint.rules), schemas/ase-lint.schema.json and the README rule table written from the catalogue');
}

if (require.main === module) write();
