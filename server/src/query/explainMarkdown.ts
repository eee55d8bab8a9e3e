import type { PortTableRow } from '../knowledge/ports';
import type { ExplainAse } from './protocol';
import { mdText } from './markdown';
import { rowMarkdown } from './portRows';

const tableHeadings: [PortTableRow['table'], string][] = [
  ['app-access', 'App access'],
  ['inbound', 'Inbound dependencies'],
  ['outbound', 'Outbound dependencies'],
];

const marks = { allowed: 'allowed', blocked: '**blocked**', unknown: 'unknown' } as const;

/**
 * The explanation as Markdown, for clients without the diagram: the documented rows,
 * then where each ASE's dependencies stand (the focused ones only, when there are some).
 */
export function explainMarkdown(subject: string, rows: readonly PortTableRow[], ases: readonly ExplainAse[], focus: ReadonlySet<string>): string {
  const out = [`# ASE network dependencies: ${mdText(subject)}`, ''];
  if (rows.length === 0) out.push('No documented ASE dependency matches.', '');
  for (const [table, heading] of tableHeadings) {
    const inTable = rows.filter((r) => r.table === table);
    if (inTable.length === 0) continue;
    out.push(`## ${heading}`, '', ...inTable.map((r) => rowMarkdown(r)), '');
  }
  for (const ase of ases) {
    const deps = focus.size > 0 ? ase.dependencies.filter((d) => focus.has(d.id)) : ase.dependencies;
    if (deps.length === 0) continue;
    out.push(`## In this template: ASE${ase.version} '${mdText(ase.name, 64)}'`, '', '| Rule | Dependency | Status | Why |', '|---|---|---|---|');
    for (const d of deps) out.push(`| \`${d.code}\` | ${mdText(d.what)} | ${marks[d.status]} | ${mdText(d.detail.replace(/^(allowed|blocked|unknown):? ?/, ''))} |`);
    out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}
