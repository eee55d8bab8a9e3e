import type { Hover, Position } from 'vscode-languageserver';
import { linesOf, type Analysis } from '../engine/analyze';
import { nextHopDescription, rowsForPorts, serviceTagDescription } from '../knowledge/ports';
import type { Range } from '../core/nodeRef';
import { aseSummaryMarkdown, findAse } from './aseSummary';
import { mdCode, mdText } from './markdown';
import { rowMarkdown, rowTitle } from './portRows';
import { prefixMarkdown } from './prefixHover';
import { targetAt, type Target } from './target';
import type { LineIndex } from '../core/lineIndex';
import type { AseVersion } from '../model/types';

/**
 * The ASE versions the template deploys, for the port rows a hover names (remote debugging
 * uses other ports on ASEv3 than on ASEv2); every version when it deploys none it knows.
 */
function versionsOf(analysis: Analysis): AseVersion[] | undefined {
  const versions = new Set<AseVersion>();
  for (const ase of analysis.model?.ases ?? []) if (typeof ase.version === 'string') versions.add(ase.version);
  return versions.size > 0 ? [...versions] : undefined;
}

/** Beyond this many rows a hover lists titles only: `*` touches nearly the whole table. */
const detailedRowLimit = 6;

/** The hover for `position` in an ARM or Bicep template, from the cached analysis only (never re-analyses); null when there is nothing to say. */
export function hoverAt(analysis: Analysis, position: Position): Hover | null {
  if (!analysis.isTemplate) return null;
  const positions = linesOf(analysis.document);
  const target = targetAt(analysis.document, positions.offsetAt(position));
  if (!target) return null;
  const range = positions.range(target.offset, target.length);
  const markdown = markdownFor(analysis, target, range, positions);
  if (!markdown) return null;
  return { contents: { kind: 'markdown', value: markdown }, range };
}

function markdownFor(analysis: Analysis, target: Target, range: Range, positions: LineIndex): string | undefined {
  switch (target.kind) {
    case 'port':
      return portMarkdown(target.value, target.field, target.direction, versionsOf(analysis));
    case 'serviceTag':
      return describeServiceTag(target.value);
    case 'nextHop':
      return describeNextHop(target.value);
    case 'prefix':
      return prefixMarkdown(analysis, target, range);
    case 'ase': {
      const ase = findAse(analysis, target.path);
      if (!ase) return undefined;
      return aseSummaryMarkdown(analysis, ase, positions.range(target.resource.offset, target.resource.length));
    }
  }
}

/** A service tag's hover (`Storage.WestEurope` is described as `Storage`, for that region only); undefined for a tag not described. */
export function describeServiceTag(tag: string): string | undefined {
  const known = serviceTagDescription(tag);
  if (!known) return undefined;
  const region = known.region !== undefined ? ` (regional: only ${mdText(known.region, 64)})` : '';
  return `**${mdText(tag.trim(), 64)}**${region} — ${known.text}`;
}

/** A next hop type's hover; undefined for a type not described. */
export function describeNextHop(type: string): string | undefined {
  const text = nextHopDescription(type);
  return text ? `**${mdText(type.trim(), 64)}** — ${text}` : undefined;
}

export function portMarkdown(ports: string, field: string, direction?: 'Inbound' | 'Outbound', versions?: readonly AseVersion[]): string {
  const source = field.startsWith('source');
  const label = `**${source ? 'Source port' : 'Port'}** ${mdCode(ports)}`;
  if (source) {
    // The port tables list destination ports; the platform's source ports are not fixed.
    return ports === '*'
      ? `${label}: any source port, which is what the ASE's dependencies need.`
      : `${label}: the ASE's dependencies use varying source ports, so a source range other than \`*\` can block them; the documented ports are destination ports.`;
  }
  const rows = rowsForPorts(ports, versions).filter((r) => !direction || r.direction === direction);
  const scope = direction ? `${direction.toLowerCase()} ` : '';
  // Rows that need every port match any port; naming them in full on each port would drown the specific ones.
  const specific = rows.filter((r) => r.ports !== '*');
  const everyPort = rows.filter((r) => r.ports === '*');
  const parts: string[] = [];
  if (specific.length === 0) {
    parts.push(`${label}: no documented ${scope}ASE dependency uses this port specifically.`);
  } else {
    const what = specific.length === 1 ? 'this documented dependency' : 'these documented dependencies';
    parts.push(`${label}${ports === '*' ? ' (every port)' : ''} carries ${what} of an ASE${direction ? ` (${scope.trim()})` : ''}:`);
    const detailed = specific.length <= detailedRowLimit;
    parts.push(specific.map((r) => rowMarkdown(r, detailed)).join('\n'));
  }
  if (everyPort.length > 0) parts.push(`Needed on every port as well: ${everyPort.map(rowTitle).join(', ')}.`);
  return parts.join('\n\n');
}
