import type { ConfigurationOverride, Fix, Log, Notification, Result } from 'sarif';
import type { Rule } from '../rules/types';
import type { CliFinding, CliFix } from './cliFinding';
import type { RuleLevels } from '../engine/config/ruleLevels';
import { createArtifactTable, originalUriBaseIds, sarifRegion, type ArtifactTable } from './sarifLocations';
import { ruleDescriptor, sarifLevel } from './sarifRules';

/** The published OASIS schema that the log conforms to (the one test/fixtures/sarif holds). */
const sarifSchemaUri = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifRunInput {
  /** Artifact URIs are made relative to this directory. */
  cwd: string;
  toolVersion: string;
  /** The catalogue: every rule is described, whether it reported or not. */
  rules: readonly Rule[];
  /** What `--rule` changed, recorded as configuration overrides. */
  levels: RuleLevels;
  /** As reported: severities after configuration and `--rule`, filtered by `--quiet`; suppressed ones included, marked. */
  findings: readonly CliFinding[];
  /** URIs of the templates analysed. */
  targets: readonly string[];
  /** False when a file could not be read or analysed: the results are incomplete. */
  executionSuccessful: boolean;
  /** Problems of the run itself (I/O, internal failures), shown as tool notifications. */
  problems: readonly { text: string; level: 'error' | 'warning' }[];
}

/** A SARIF 2.1.0 log with one run. */
function toSarifLog(input: SarifRunInput): Log {
  const table = createArtifactTable(input.cwd);
  for (const t of input.targets) table.addTarget(t);
  const ruleIndex = new Map(input.rules.map((r, i) => [r.code, i]));
  const results = input.findings.map((f) => toResult(f, ruleIndex.get(f.code), table));
  const overrides: ConfigurationOverride[] = [...input.levels].map(([code, level]) => ({
    descriptor: { id: code, ...indexOf(ruleIndex.get(code)) },
    configuration: level === 'off' ? { enabled: false } : { level: sarifLevel(level) },
  }));
  const notifications: Notification[] = input.problems.map((p) => ({ level: p.level, message: { text: p.text } }));
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ase-lint',
            fullName: 'ASE Network Lint',
            version: input.toolVersion,
            semanticVersion: input.toolVersion,
            rules: input.rules.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: input.executionSuccessful,
            ...(overrides.length > 0 ? { ruleConfigurationOverrides: overrides } : {}),
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: originalUriBaseIds(input.cwd),
        columnKind: 'utf16CodeUnits',
        results,
        artifacts: table.artifacts(),
      },
    ],
  };
}

export function formatSarif(input: SarifRunInput): string {
  return `${JSON.stringify(toSarifLog(input), null, 2)}\n`;
}

function toResult(f: CliFinding, ruleIndex: number | undefined, table: ArtifactTable): Result {
  const result: Result = {
    ruleId: f.code,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: sarifLevel(f.severity),
    // Code scanning shows the message alone: what an editor shows in the hover goes into it.
    message: { text: f.details?.length ? `${f.message}: ${f.details.join('; ')}` : f.message },
    locations: [{ physicalLocation: { artifactLocation: table.locate(f.uri), region: sarifRegion(f.range) } }],
  };
  // The values of a parameters file that cause it come first: where the user typed them.
  const related = [...(f.values ?? []), ...f.related];
  if (related.length > 0) {
    // The id keeps two related places with the same text distinct (the schema wants them unique).
    result.relatedLocations = related.map((r, id) => ({
      id,
      physicalLocation: { artifactLocation: table.locate(r.uri), region: sarifRegion(r.range) },
      message: { text: r.message },
    }));
  }
  if (f.fix) result.fixes = [toFix(f.fix, table)];
  // Code scanning shows these as dismissed in source, with the reason the comment gives.
  if (f.suppression) result.suppressions = [{ kind: 'inSource', ...(f.suppression.justification ? { justification: f.suppression.justification } : {}) }];
  return result;
}

function toFix(fix: CliFix, table: ArtifactTable): Fix {
  return {
    description: { text: fix.title },
    artifactChanges: fix.files.map((file) => ({
      artifactLocation: table.locate(file.uri),
      replacements: file.edits.map((e) => ({
        deletedRegion: sarifRegion(e.range),
        ...(e.newText ? { insertedContent: { text: e.newText } } : {}),
      })),
    })),
  };
}

function indexOf(index: number | undefined): { index?: number } {
  return index === undefined ? {} : { index };
}
