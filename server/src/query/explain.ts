import { linesOf, type Analysis } from '../engine/analyze';
import { comparePositions, type Position } from '../core/nodeRef';
import { portTable, rowsForPorts, rowsForVersions, type PortTableRow } from '../knowledge/ports';
import type { AseVersion } from '../model/types';
import { overviewDependencyKey, type ExplainAse, type ExplainChoice, type ExplainDependency, type ExplainParams, type ExplainResult } from './protocol';
import { dependencySummary } from './dependencySummary';
import { explainAses, type FixOffer } from './explainDependencies';
import { explainMarkdown } from './explainMarkdown';
import { modelElementAt } from './explainTarget';
import { targetAt } from './target';
import { toExplainRow, versionsText } from './portRows';

interface Subject {
  subject: string;
  rows: PortTableRow[];
  /** Which dependencies the subject is about. */
  focus: (d: ExplainDependency, ase: ExplainAse) => boolean;
  key?: string;
  specific: boolean;
}

/**
 * Answers `aseLint/explain`: what the dependency named by `params.dependency`, or the
 * text at the position (an ASE, a security rule, a route, a port, a service tag, a next
 * hop), needs; the status of every dependency of every ASE in the template; and the
 * documented dependencies to choose from when the position names nothing. A blocked
 * dependency carries the fix `offer` gives (the engine's verified fix), if any.
 */
export function explainAt(analysis: Analysis | undefined, params: ExplainParams, offer: FixOffer = () => undefined): ExplainResult {
  const ases = analysis?.isTemplate ? explainAses(analysis, offer) : [];
  const versions = versionsPresent(ases);
  const chosen =
    (params.dependency === overviewDependencyKey ? overview(versions) : undefined) ??
    (params.dependency ? byKey(params.dependency, versions) : undefined) ??
    (params.position && analysis ? atPosition(analysis, ases, params.position) : undefined) ??
    whole(versions);
  const focus = ases.flatMap((a) => a.dependencies.filter((d) => chosen.focus(d, a)).map((d) => d.id));
  return {
    subject: chosen.subject,
    rows: chosen.rows.map(toExplainRow),
    markdown: explainMarkdown(chosen.subject, chosen.rows, ases, new Set(focus)),
    ases,
    focus,
    ...(chosen.key ? { focusKey: chosen.key } : {}),
    specific: chosen.specific,
    choices: choicesFor(versions, ases),
  };
}

function versionsPresent(ases: ExplainAse[]): AseVersion[] {
  const present = [...new Set(ases.map((a) => a.version))];
  return present.length > 0 ? present : ['v1', 'v2', 'v3'];
}

function whole(versions: AseVersion[]): Subject {
  return {
    subject: `the documented dependencies of ${versionsText(versions)}`,
    rows: rowsForVersions(portTable, versions),
    focus: () => false,
    specific: false,
  };
}

/** What a rule code stands for when it is asked by itself (the picker's checks that are no port). */
const checkTitles: Record<string, string> = {
  ASE301: 'route table',
  ASE401: 'subnet size',
  ASE403: 'subnet delegation',
  ASE504: "DNS records of the ILB's domain",
};

/** Every dependency of every ASE, none singled out: what the picker's first entry and a code lens without a position show. */
function overview(versions: AseVersion[]): Subject {
  return { ...whole(versions), subject: 'all dependencies', key: overviewDependencyKey, specific: true };
}

/** Row ids and rule codes, comma-separated: what the quick pick and a refresh after an edit send. */
function byKey(key: string, versions: AseVersion[]): Subject | undefined {
  const parts = key.split(',').map((p) => p.trim()).filter(Boolean);
  const rows = portTable.filter((r) => parts.includes(r.id));
  const codes = parts.filter((p) => /^ASE\d+$/i.test(p)).map((p) => p.toUpperCase());
  if (rows.length === 0 && codes.length === 0) return undefined;
  const rowIds = new Set(rows.map((r) => r.id));
  const titles = [...rows.map((r) => r.title), ...codes.map((c) => (checkTitles[c] ? `${checkTitles[c]} (${c})` : c))];
  return {
    subject: titles.join(', '),
    rows: rowsForVersions([...rows, ...portTable.filter((r) => r.rule && codes.includes(r.rule) && !rowIds.has(r.id))], versions),
    focus: (d) => codes.includes(d.code) || d.rowIds.some((id) => rowIds.has(id)),
    key: parts.join(','),
    specific: true,
  };
}

function atPosition(analysis: Analysis, ases: ExplainAse[], position: NonNullable<ExplainParams['position']>): Subject | undefined {
  const { document } = analysis;
  if (!analysis.isTemplate) return undefined;
  const offset = linesOf(document).offsetAt(position);
  // A port or a tag under the cursor is more specific than the rule or resource around it.
  const target = targetAt(document, offset);
  if (target?.kind === 'port' && !target.field.startsWith('source')) {
    const rows = rowsForPorts(target.value, versionsPresent(ases)).filter((r) => !target.direction || r.direction === target.direction);
    return rowsSubject(`port ${target.value}`, rows);
  }
  if (target?.kind === 'serviceTag') {
    const tag = target.value.split('.')[0].toLowerCase();
    return rowsSubject(`service tag ${target.value}`, portTable.filter((r) => `${r.source} ${r.destination}`.toLowerCase().includes(tag)));
  }
  if (target?.kind === 'nextHop') {
    // Routes decide where outbound traffic goes, so they are what a next hop can break.
    return { ...rowsSubject(`next hop ${target.value}`, portTable.filter((r) => r.direction === 'Outbound')), focus: (d) => d.kind === 'route', key: 'ASE301' };
  }
  const element = modelElementAt(analysis, offset);
  if (!element) return undefined;
  const allRows = (ids: Iterable<string>) => rowsForVersions(portTable.filter((r) => new Set(ids).has(r.id)), versionsPresent(ases));
  switch (element.kind) {
    case 'ase': {
      const ase = ases.find((a) => a.location.uri === element.ref.uri && sameStart(a.location.range.start, element.ref.range.start));
      if (!ase) return undefined;
      return {
        subject: `ASE${ase.version} '${ase.name}'`,
        rows: rowsForVersions(portTable, [ase.version]),
        focus: (_d, a) => a === ase,
        specific: true,
      };
    }
    case 'securityRule':
    case 'route': {
      const decided = (d: ExplainDependency) =>
        d.decidedAt !== undefined && d.decidedAt.uri === element.ref.uri && sameStart(d.decidedAt.range.start, element.ref.range.start);
      const deps = ases.flatMap((a) => a.dependencies.filter(decided));
      const what = element.kind === 'route' ? 'route' : 'security rule';
      return {
        subject: `${what} '${element.name}'`,
        rows: allRows(deps.flatMap((d) => d.rowIds)),
        focus: decided,
        ...(deps.length > 0 ? { key: [...new Set(deps.map((d) => d.code))].join(',') } : {}),
        specific: true,
      };
    }
  }
}

function rowsSubject(subject: string, rows: PortTableRow[]): Subject {
  const ids = new Set(rows.map((r) => r.id));
  return {
    subject,
    rows,
    focus: (d) => d.rowIds.some((id) => ids.has(id)),
    ...(rows.length > 0 ? { key: rows.map((r) => r.id).join(',') } : {}),
    specific: true,
  };
}

/**
 * What the picker offers: the overview first, then the port table's rows for the
 * versions present, then the checks that are no port (routes, the subnet, DNS), each
 * once. With ASEs in the document, a row whose rule applies to none of them (ASE104 for
 * an ILB ASE) is left out: it would explain a check the template is not subject to.
 */
function choicesFor(versions: AseVersion[], ases: ExplainAse[]): ExplainChoice[] {
  const kinds: Record<PortTableRow['table'], string> = { 'app-access': 'App access', inbound: 'Inbound', outbound: 'Outbound' };
  const present = new Set(ases.flatMap((a) => a.dependencies.map((d) => d.code)));
  const applies = (code: string | undefined) => code === undefined || ases.length === 0 || present.has(code);
  const first: ExplainChoice = {
    key: overviewDependencyKey,
    label: 'Overview of all dependencies',
    description: ases.length > 0 ? dependencySummary(ases.flatMap((a) => a.dependencies)) : `the documented dependencies of ${versionsText(versions)}`,
  };
  // A row whose ports differ between the versions present (remote debugging) is one choice naming each version's ports.
  const rows = portTable
    .filter((r) => r.versions.some((v) => versions.includes(v)) && applies(r.rule))
    .map((r) => {
      const split = rowsForVersions([r], versions);
      const ports = split.length === 1 ? split[0].ports : split.map((s) => `${s.ports} (${versionsText(s.versions)})`).join('; ');
      return {
        key: r.id,
        label: r.title,
        description: `${kinds[r.table]} · ${r.protocol === '*' ? 'any' : r.protocol.toUpperCase()} ${ports}${r.rule ? ` · ${r.rule}` : ''}`,
      };
    });
  const checks: ExplainChoice[] = [];
  if (versions.some((v) => v !== 'v3') || ases.length === 0) {
    checks.push({ key: 'ASE301', label: 'Internet-bound traffic leaves directly (no forced tunnel)', description: 'Routes · ASEv1/v2 · ASE301' });
  }
  if (versions.includes('v3')) checks.push({ key: 'ASE301', label: 'Route table (forced tunnelling is allowed on ASEv3)', description: 'Routes · ASEv3' });
  checks.push({ key: 'ASE403', label: 'Subnet delegation', description: 'Subnet · ASEv3: to Microsoft.Web/hostingEnvironments; ASEv1/v2: none · ASE403' });
  if (versions.some((v) => v !== 'v1')) checks.push({ key: 'ASE401', label: 'Subnet size', description: 'Subnet · /24 recommended · ASE401' });
  if (ases.length === 0 || ases.some((a) => a.mode !== 'External')) {
    checks.push({ key: 'ASE504', label: "DNS records of an ILB ASE's domain", description: 'DNS · *, *.scm (and @ on ASEv3) · ASE504' });
  }
  // The route entries share a key: one of them is enough when both versions are present.
  const seen = new Set<string>();
  const unique = checks.filter((c) => (seen.has(c.key) ? false : (seen.add(c.key), true)));
  return [first, ...rows, ...unique];
}

function sameStart(a: Position, b: Position): boolean {
  return comparePositions(a, b) === 0;
}
