import type { Analysis } from '../engine';
import { portTable, rowsForPorts, type PortTableRow } from '../knowledge/ports';
import { isUnknown } from '../model/value';
import type { ExplainParams, ExplainResult } from '../protocol';
import { findAse } from './aseSummary';
import { targetAt } from './jsonTarget';
import { rowMarkdown, toExplainRow } from './portRows';
import { textPositions } from './textPositions';

const tableHeadings: [PortTableRow['table'], string][] = [
  ['app-access', 'App access'],
  ['inbound', 'Inbound dependencies'],
  ['outbound', 'Outbound dependencies'],
];

/**
 * Answers `aseLint/explain`: the port-table rows relevant at the position, or the whole
 * table when the position says nothing more specific (or there is no analysis).
 */
export function explainAt(analysis: Analysis | undefined, params: ExplainParams): ExplainResult {
  const chosen = (params.position && analysis && relevantRows(analysis, params.position)) || {
    subject: 'the documented port tables',
    rows: [...portTable],
  };
  return { subject: chosen.subject, rows: chosen.rows.map(toExplainRow), markdown: render(chosen.subject, chosen.rows) };
}

function relevantRows(
  analysis: Analysis,
  position: NonNullable<ExplainParams['position']>,
): { subject: string; rows: PortTableRow[] } | undefined {
  const { document } = analysis;
  // Explaining a position is written for ARM's JSON tree; a Bicep position gets the whole table.
  if (!analysis.isTemplate || document.language !== 'arm' || !document.root) return undefined;
  const target = targetAt(document.root, textPositions(document.text).offsetAt(position));
  switch (target?.kind) {
    case 'port': {
      if (target.field.startsWith('source')) return undefined;
      const rows = rowsForPorts(target.value).filter((r) => !target.direction || r.direction === target.direction);
      return { subject: `port ${target.value}`, rows };
    }
    case 'serviceTag': {
      const tag = target.value.split('.')[0].toLowerCase();
      const rows = portTable.filter((r) => `${r.source} ${r.destination}`.toLowerCase().includes(tag));
      return { subject: `service tag ${target.value}`, rows };
    }
    case 'nextHop':
      // Routes decide where outbound traffic goes, so they are what a next hop can break.
      return { subject: `next hop ${target.value}`, rows: portTable.filter((r) => r.direction === 'Outbound') };
    case 'ase': {
      const ase = findAse(analysis, target.path);
      if (!ase || isUnknown(ase.version)) return undefined;
      const version = ase.version;
      return { subject: `ASE${version}`, rows: portTable.filter((r) => r.versions.includes(version)) };
    }
    default:
      return undefined;
  }
}

function render(subject: string, rows: readonly PortTableRow[]): string {
  const out = [`# ASE network dependencies: ${subject}`, ''];
  if (rows.length === 0) out.push('No documented ASE dependency matches.');
  for (const [table, heading] of tableHeadings) {
    const inTable = rows.filter((r) => r.table === table);
    if (inTable.length === 0) continue;
    out.push(`## ${heading}`, '', ...inTable.map((r) => rowMarkdown(r)), '');
  }
  return out.join('\n');
}
