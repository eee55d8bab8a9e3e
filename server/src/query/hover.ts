import type { Hover, Position } from 'vscode-languageserver';
import { linesOf, type Analysis } from '../engine/analyze';
import { nextHopDescription, rowsForPorts, serviceTagDescription } from '../knowledge/ports';
import type { Range } from '../core/nodeRef';
import { aseSummaryMarkdown, findAse } from './aseSummary';
import { mdCode, mdText } from './markdown';
import { rowMarkdown, rowTitle, versionsText } from './portRows';
import type { AseVersion, NetworkSecurityGroup } from '../model/types';
import { isUnknown } from '../core/value';
import { rangeContains } from '../core/nodeRef';
import { aseSites } from '../rules/support/aseSite';
import type { Host } from '../core/host';
import { moduleMarkdown, parameterValueMarkdown, resolvedValueMarkdown } from './valueHover';
import { prefixMarkdown } from './prefixHover';
import { targetAt, type Target } from './target';
import type { LineIndex } from '../core/lineIndex';

/** Beyond this many rows a hover lists titles only: `*` touches nearly the whole table. */
const detailedRowLimit = 6;

/** The hover for `position` in an ARM or Bicep template, from the cached analysis only (never re-analyses); null when there is nothing to say. */
export function hoverAt(analysis: Analysis, position: Position, host: Host = { readFile: () => undefined }): Hover | null {
  if (!analysis.isTemplate) return null;
  const positions = linesOf(analysis.document);
  const details = detailsAt(analysis, position);
  const target = targetAt(analysis.document, positions.offsetAt(position));
  const range = target ? positions.range(target.offset, target.length) : undefined;
  const found = (target && range ? { markdown: markdownFor(analysis, target, range, positions), range } : undefined) ?? undefined;
  // What the text resolves to, where it is not a literal the target hover describes.
  const other = found?.markdown ? undefined : (moduleMarkdown(analysis, position) ?? parameterValueMarkdown(analysis, position, host) ?? resolvedValueMarkdown(analysis, position, host));
  const main = found?.markdown ? { markdown: found.markdown, range: found.range } : other;
  if (details && main) return { contents: { kind: 'markdown', value: `${details.markdown}\n\n---\n\n${main.markdown}` } };
  if (details) return { contents: { kind: 'markdown', value: details.markdown }, range: details.range };
  if (!main) return null;
  return { contents: { kind: 'markdown', value: main.markdown }, range: main.range };
}

/** Beyond this many items a finding's details give a count of the rest. */
const detailLimit = 40;

/** What the findings at `position` leave out of their one-line message (what ASE902 could not verify), as a list. */
function detailsAt(analysis: Analysis, position: Position): { markdown: string; range: Range } | undefined {
  const here = analysis.findings.filter((f) => f.details?.length && f.at.uri === analysis.uri && rangeContains(f.at.range, { start: position, end: position }));
  if (here.length === 0) return undefined;
  const parts = here.map((f) => {
    const items = f.details!.slice(0, detailLimit).map((d) => `- ${mdText(d)}`);
    const more = f.details!.length > detailLimit ? [`- and ${f.details!.length - detailLimit} more (see the related information)`] : [];
    return [`**${f.code}** ${mdText(f.message)}`, '', ...items, ...more].join('\n');
  });
  return { markdown: parts.join('\n\n'), range: here[0].at.range };
}

function markdownFor(analysis: Analysis, target: Target, range: Range, positions: LineIndex): string | undefined {
  switch (target.kind) {
    case 'port':
      return portMarkdown(target.value, target.field, target.direction, aseVersionsAt(analysis, range));
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

/**
 * The versions of the ASEs a port written at `at` concerns: those behind the NSG whose
 * rule holds it, else every ASE of the model; undefined when a version is not known (the
 * hover then shows every version's rows).
 */
function aseVersionsAt(analysis: Analysis, at: Range): AseVersion[] | undefined {
  const model = analysis.model;
  if (!model) return undefined;
  const holds = (nsg: NetworkSecurityGroup) =>
    !isUnknown(nsg.securityRules) && nsg.securityRules.some((r) => r.ref.uri === analysis.uri && rangeContains(r.ref.range, at));
  const sites = aseSites(model);
  const behind = sites.filter((s) => s.nsg !== undefined && !isUnknown(s.nsg) && holds(s.nsg));
  const versions = (behind.length > 0 ? behind.map((s) => s.ase.version) : model.ases.map((a) => a.version));
  if (versions.length === 0 || versions.some(isUnknown)) return undefined;
  return [...new Set(versions as AseVersion[])].sort();
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
  // The template's ASEs decide which version's table applies: no ASEv1/v2 row in an ASEv3 file.
  const scope = `${direction ? `${direction.toLowerCase()} ` : ''}${versions ? `${versionsText(versions)} ` : ''}`;
  // Rows that need every port match any port; naming them in full on each port would drown the specific ones.
  const specific = rows.filter((r) => r.ports !== '*');
  const everyPort = rows.filter((r) => r.ports === '*');
  const parts: string[] = [];
  if (specific.length === 0) {
    parts.push(`${label}: no documented ${versions ? scope : `${scope}ASE `}dependency uses this port specifically.`);
  } else {
    const what = specific.length === 1 ? 'this documented dependency' : 'these documented dependencies';
    parts.push(`${label}${ports === '*' ? ' (every port)' : ''} carries ${what} of an ASE${scope ? ` (${scope.trim()})` : ''}:`);
    const detailed = specific.length <= detailedRowLimit;
    parts.push(specific.map((r) => rowMarkdown(r, detailed, versions)).join('\n'));
  }
  if (everyPort.length > 0) parts.push(`Needed on every port as well: ${everyPort.map(rowTitle).join(', ')}.`);
  return parts.join('\n\n');
}
