import type { Analysis } from '../engine/analyze';
import type { NodePath, NodeRef, Range } from '../core/nodeRef';
import type { AppServiceEnvironment } from '../model/types';
import type { Maybe } from '../core/value';
import { isUnknown } from '../core/value';
import type { ReportedFinding } from '../core/findings';
import { describeSymbolic, isSymbolic } from '../core/symbolic';
import { aseSites } from '../rules/support/aseSite';
import { dependencyStatuses, dependencyTable } from './aseStatus';
import { mdCode, mdText } from './markdown';
import { rangeContains, sameRange } from '../core/nodeRef';

/** The model's ASE declared by the resource object at `path` in the analysed document. */
export function findAse(analysis: Analysis, path: NodePath): AppServiceEnvironment | undefined {
  return analysis.model?.ases.find((a) => a.ref.uri === analysis.uri && a.ref.path !== undefined && samePath(a.ref.path, path));
}

/**
 * A short Markdown summary of one ASE: version, mode, subnet, then each dependency the
 * rules check with its status in this template, and the findings that concern it.
 */
export function aseSummaryMarkdown(analysis: Analysis, ase: AppServiceEnvironment, resourceRange: Range): string {
  const lines = [
    `**App Service Environment ${show(ase.name)}**`,
    '',
    `- Version: ${isUnknown(ase.version) ? show(ase.version) : `ASE${ase.version}`}`,
    `- Mode: ${modeText(ase.ilbMode)}`,
    `- Subnet: ${subnetText(ase)}`,
  ];
  const site = analysis.model ? aseSites(analysis.model).find((s) => s.ase === ase) : undefined;
  const statuses = site && analysis.model ? dependencyStatuses(site, analysis.model) : [];
  lines.push('');
  if (site) {
    lines.push('Dependencies in this template:', '', dependencyTable(statuses));
  } else {
    lines.push('The dependencies cannot be checked: the version or the subnet is not known from the analysed files.');
  }
  // Findings the table already shows as blocked are not repeated.
  const shown = new Set(statuses.filter((s) => s.status === 'blocked').map((s) => s.code));
  const related = analysis.findings.filter((f) => !shown.has(f.code) && concernsAse(f, ase.ref, analysis.uri, resourceRange));
  if (related.length > 0) {
    lines.push('', `Other findings (${related.length}):`, '');
    for (const f of related) lines.push(`- \`${f.code}\` ${mdText(f.message)}`);
  }
  return lines.join('\n');
}

function concernsAse(f: ReportedFinding, ase: NodeRef, uri: string, resourceRange: Range): boolean {
  if (f.at.uri === uri && rangeContains(resourceRange, f.at.range)) return true;
  return (f.related ?? []).some((r) => sameRef(r.at, ase) || (r.at.uri === uri && rangeContains(resourceRange, r.at.range)));
}

function sameRef(a: NodeRef, b: NodeRef): boolean {
  if (a.uri !== b.uri) return false;
  if (a.path && b.path) return samePath(a.path, b.path);
  return sameRange(a.range, b.range);
}

function samePath(a: NodePath, b: NodePath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function modeText(mode: AppServiceEnvironment['ilbMode']): string {
  if (isUnknown(mode)) return show(mode);
  return mode === 'None' ? 'External (public VIP)' : `Internal load balancer (${mode})`;
}

function subnetText(ase: AppServiceEnvironment): string {
  const ref = ase.subnet;
  if (!ref) return 'not set';
  const subnet = ref.target;
  if (!subnet) return isUnknown(ref.id) ? show(ref.id) : `${show(ref.id)} (declared outside this template)`;
  const vnet = subnet.vnet ? ` in VNet ${show(subnet.vnet.name)}` : '';
  const prefixes = isUnknown(subnet.addressPrefixes)
    ? show(subnet.addressPrefixes)
    : subnet.addressPrefixes.map((p) => show(p.value)).join(', ');
  return `${show(subnet.subnetName)}${vnet}, ${prefixes || 'no prefix'}`;
}

function show<T>(v: Maybe<T> | undefined): string {
  if (v === undefined) return 'not set';
  if (isUnknown(v)) return `unknown (${mdText(v.reason, 240)})`;
  const text = String(v);
  return mdCode(isSymbolic(text) ? describeSymbolic(text) : text);
}
