import type { PortTableRow } from '../knowledge/ports';
import type { ExplainPortRow } from './protocol';

const tableNames: Record<PortTableRow['table'], string> = {
  'app-access': 'app access',
  inbound: 'inbound dependency',
  outbound: 'outbound dependency',
};

/** The table's placeholders (see knowledge/ports.ts) in words; service tags stay as written. */
const endpointNames: Record<string, string> = {
  subnet: 'ASE subnet',
  user: 'app clients',
  'app-assigned': 'app-assigned addresses',
  '*': 'any address',
};

function endpoint(name: string): string {
  return endpointNames[name] ?? name;
}

export function versionsText(versions: readonly string[]): string {
  return versions.map((v) => `ASE${v}`).join(', ');
}

/** One row as a Markdown list item: what it is, where it flows, and what breaks without it; of its versions, those of `versions` when given. */
export function rowMarkdown(row: PortTableRow, withConsequence = true, versions?: readonly string[]): string {
  const shown = versions ? row.versions.filter((v) => versions.includes(v)) : row.versions;
  const head = `- ${rowTitle(row)} — ${tableNames[row.table]}: ${flowText(row)}, ${endpoint(row.source)} → ${endpoint(row.destination)}; ${versionsText(shown)}.`;
  return withConsequence && row.ifBlocked ? `${head} If blocked: ${row.ifBlocked}` : head;
}

/** `**Management** (`ASE101`)`: the row's name and the rule that reports it. */
export function rowTitle(row: PortTableRow): string {
  return `**${row.title}**${row.rule ? ` (\`${row.rule}\`)` : ''}`;
}

function flowText(row: PortTableRow): string {
  const protocol = row.protocol === '*' ? 'any protocol' : row.protocol.toUpperCase();
  const ports = row.ports === '*' ? 'all ports' : row.ports.split(',').join(', ');
  return row.protocol === '*' ? `${protocol}, ${ports}` : `${protocol} ${ports}`;
}

/** A copy, so nothing downstream can change the shared table. */
export function toExplainRow(row: PortTableRow): ExplainPortRow {
  return { ...row, versions: [...row.versions] };
}
