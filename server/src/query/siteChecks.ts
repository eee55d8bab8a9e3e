import { aseSubnetSizes } from '../knowledge/subnetSizes';
import type { NodeRef } from '../core/nodeRef';
import type { NetworkModel, Route } from '../model/types';
import { isUnknown } from '../core/value';
import { formatRange, parseCidr } from '../ip/cidr';
import { findForcedTunnel } from '../net/routes';
import type { AseSite } from '../rules/support/aseSite';
import { aseDomain } from '../rules/support/ilb';
import { normaliseDomain } from '../rules/support/ilb';
import { allRules } from '../rules/index';
import type { Finding } from '../core/findings';

const aseService = 'Microsoft.Web/hostingEnvironments';
const zoneTypes = ['microsoft.network/privatednszones', 'microsoft.network/dnszones'];

/**
 * What an ASE needs of its subnet and its surroundings besides traffic: the subnet's
 * delegation (ASE403) and size (ASE401), where its route table sends internet-bound
 * traffic on ASEv3 (allowed there), and, for an ILB ASE, the DNS zone of its domain
 * (ASE504). Each is one node of the explain diagram and one row of the ASE hover.
 */
export interface SiteCheck {
  kind: 'delegation' | 'size' | 'routeTable' | 'dns';
  /** The rule that checks it. */
  code: string;
  /** "subnet delegated to Microsoft.Web/hostingEnvironments". */
  what: string;
  status: 'allowed' | 'blocked' | 'unknown';
  /** One phrase, starting with the status as the other dependencies' details do. */
  detail: string;
  /** What decides it, as the diagram names it: "delegation Microsoft.Web.hostingEnvironments", "prefix 10.0.1.0/28". */
  decidedBy?: string;
  /** Where that is written. */
  decidedAt?: NodeRef;
  /** The rule's finding that reports it (its quick fix is the node's). */
  finding?: Finding;
}

/** The rule findings each model gave, computed once per model: the hover, the panel and the code lens all ask. */
const findingsByModel = new WeakMap<NetworkModel, Map<string, Finding[] | undefined>>();

/**
 * The findings of rule `code` about this ASE, from the rule itself (independent of
 * severities and suppressions in force); undefined when the rule failed.
 */
function findingsFor(model: NetworkModel, site: AseSite, code: string): Finding[] | undefined {
  let byCode = findingsByModel.get(model);
  if (!byCode) findingsByModel.set(model, (byCode = new Map()));
  if (!byCode.has(code)) {
    const rule = allRules.find((r) => r.code === code);
    let found: Finding[] | undefined;
    try {
      found = rule?.check(model, allRules);
    } catch {
      found = undefined;
    }
    byCode.set(code, found);
  }
  const all = byCode.get(code);
  return all?.filter((f) => (f.related ?? []).some((r) => r.at === site.ase.ref || sameRef(r.at, site.ase.ref)));
}

export function siteChecks(site: AseSite, model: NetworkModel): SiteCheck[] {
  const out = [delegation(site, model)];
  if (site.version !== 'v1') out.push(size(site, model));
  if (site.version === 'v3') out.push(routeTable(site));
  const dns = dnsZone(site, model);
  if (dns) out.push(dns);
  return out;
}

function delegation(site: AseSite, model: NetworkModel): SiteCheck {
  const v3 = site.version === 'v3';
  const base = {
    kind: 'delegation' as const,
    code: 'ASE403',
    what: v3 ? `subnet delegated to ${aseService}` : 'subnet not delegated (ASEv1/v2)',
  };
  const delegations = site.subnet.delegations;
  if (isUnknown(delegations)) return { ...base, status: 'unknown', detail: `unknown: ${delegations.reason}` };
  const unresolved = delegations.find((d) => isUnknown(d.value));
  if (unresolved && isUnknown(unresolved.value)) return { ...base, status: 'unknown', detail: `unknown: ${unresolved.value.reason}`, decidedAt: unresolved.ref };
  const services = delegations.map((d) => d.value as string);
  const findings = findingsFor(model, site, 'ASE403');
  if (!findings) return { ...base, status: 'unknown', detail: 'unknown: the delegation could not be checked' };
  const finding = findings[0];
  if (v3) {
    const ours = delegations.find((d) => String(d.value).toLowerCase() === aseService.toLowerCase());
    if (!finding && ours) return { ...base, status: 'allowed', detail: `allowed: delegated to ${aseService}`, decidedBy: `delegation ${aseService}`, decidedAt: ours.ref };
    const elsewhere = services.length > 0 ? `delegated to ${services.join(', ')} instead` : 'the subnet has no delegation';
    return {
      ...base,
      status: 'blocked',
      detail: `blocked: ${elsewhere}; the ASE cannot be created in it`,
      decidedBy: services.length > 0 ? `delegation ${services[0]}` : 'no delegation',
      decidedAt: finding?.at ?? site.subnet.ref,
      ...(finding ? { finding } : {}),
    };
  }
  if (!finding) return { ...base, status: 'allowed', detail: 'allowed: the subnet is not delegated, as an ASEv1/v2 subnet must not be', decidedAt: site.subnet.ref };
  return {
    ...base,
    status: 'blocked',
    detail: `blocked: delegated to ${services.join(', ')}; an ASEv1/v2 subnet must not be delegated`,
    decidedBy: `delegation ${services[0] ?? ''}`.trim(),
    decidedAt: finding.at,
    finding,
  };
}

function size(site: AseSite, model: NetworkModel): SiteCheck {
  const version = site.version as 'v2' | 'v3';
  const { recommended, minimum } = aseSubnetSizes[version];
  const base = { kind: 'size' as const, code: 'ASE401', what: `subnet size (/${recommended} recommended, /${minimum} at least)` };
  const prefixes = site.subnet.addressPrefixes;
  if (isUnknown(prefixes)) return { ...base, status: 'unknown', detail: `unknown: ${prefixes.reason}` };
  if (prefixes.length !== 1) return { ...base, status: 'unknown', detail: prefixes.length === 0 ? 'unknown: the subnet has no prefix' : 'unknown: the subnet has several prefixes' };
  const prefix = prefixes[0];
  if (isUnknown(prefix.value)) return { ...base, status: 'unknown', detail: `unknown: ${prefix.value.reason}`, decidedAt: prefix.ref };
  const range = parseCidr(prefix.value);
  if (!range || range.version !== 4) return { ...base, status: 'unknown', detail: `unknown: '${prefix.value}' is not an IPv4 prefix`, decidedAt: prefix.ref };
  const text = formatRange(range);
  const length = Number(text.split('/')[1]);
  const addresses = 2 ** (32 - length);
  const decided = { decidedBy: `prefix ${text}`, decidedAt: prefix.ref };
  const findings = findingsFor(model, site, 'ASE401');
  if (!findings) return { ...base, status: 'unknown', detail: 'unknown: the size could not be checked', ...decided };
  const finding = findings[0];
  if (!finding) return { ...base, status: 'allowed', detail: `allowed: /${length}, ${addresses} addresses`, ...decided };
  // Below the minimum the ASE cannot be created or scale; between the minimum and the recommendation it works but may run out.
  if (finding.severity === 'error' || length > minimum) {
    return { ...base, status: 'blocked', detail: `blocked: /${length} is below the /${minimum} minimum`, ...decided, finding };
  }
  return { ...base, status: 'allowed', detail: `allowed, but /${length} (${addresses} addresses) is smaller than the recommended /${recommended} (ASE401 warns)`, ...decided, finding };
}

/** ASEv3 may send its internet-bound traffic through a firewall: the check says where it goes and that this is allowed. */
function routeTable(site: AseSite): SiteCheck {
  const base = { kind: 'routeTable' as const, code: 'ASE301', what: 'route table (forced tunnelling is allowed on ASEv3)' };
  const table = site.routeTable;
  if (table === undefined) return { ...base, status: 'allowed', detail: 'allowed: no route table; internet-bound traffic leaves directly' };
  if (isUnknown(table)) return { ...base, status: 'allowed', detail: `allowed: ASEv3 supports forced tunnelling, whatever the route table does (${table.reason})` };
  const name = isUnknown(table.name) ? 'the route table' : `route table '${table.name}'`;
  const verdict = findForcedTunnel(table, site.nsgContext.vnetAddressSpaces);
  if (verdict.status === 'ok') return { ...base, status: 'allowed', detail: `allowed: ${name} sends internet-bound traffic straight out`, decidedBy: name, decidedAt: table.ref };
  if (verdict.status === 'unknown') {
    return { ...base, status: 'allowed', detail: `allowed: ASEv3 supports forced tunnelling, whatever ${name} does (${verdict.reason})`, decidedBy: name, decidedAt: table.ref };
  }
  const route: Route = verdict.route;
  const routeName = isUnknown(route.name) ? 'a route' : `route '${route.name}'`;
  const prefix = isUnknown(route.addressPrefix) ? verdict.example : route.addressPrefix;
  const hop = isUnknown(route.nextHopType) ? 'another next hop' : route.nextHopType;
  const via = route.nextHopIpAddress && !isUnknown(route.nextHopIpAddress) ? ` ${route.nextHopIpAddress}` : '';
  return {
    ...base,
    status: 'allowed',
    detail: `allowed: ${routeName} sends ${prefix} to ${hop}${via} (forced tunnelling), which ASEv3 supports; the appliance must let the ASE's outbound dependencies through`,
    decidedBy: `route ${isUnknown(route.name) ? '' : route.name}`.trim(),
    decidedAt: route.ref,
  };
}

/** An ILB ASE's apps are reached by name: a DNS zone for its domain needs the records ASE504 names. */
function dnsZone(site: AseSite, model: NetworkModel): SiteCheck | undefined {
  const ase = site.ase;
  if (isUnknown(ase.ilbMode) || ase.ilbMode === 'None') return undefined;
  const records = site.version === 'v3' ? "'*', '*.scm' and '@'" : "'*' and '*.scm'";
  const base = { kind: 'dns' as const, code: 'ASE504', what: `DNS records ${records} for the ILB's domain` };
  const domain = aseDomain(ase);
  if (!domain) return { ...base, status: 'unknown', detail: "unknown: the ASE's domain cannot be resolved" };
  const zones = model.resources.filter(
    (r) => zoneTypes.includes(r.type.toLowerCase()) && !r.existing && !isUnknown(r.condition) && typeof r.name === 'string' && normaliseDomain(r.name) === domain,
  );
  if (zones.length === 0) {
    return { ...base, status: 'unknown', detail: `unknown: no DNS zone '${domain}' in the analysed files; the apps' names resolve only if one is set up elsewhere` };
  }
  const zone = zones[0];
  const decided = { decidedBy: `zone ${domain}`, decidedAt: zone.ref };
  const recordType = `${zone.type.toLowerCase()}/a`;
  const unresolved = model.resources.some((r) => r.type.toLowerCase() === recordType && typeof r.name !== 'string');
  if (unresolved) return { ...base, status: 'unknown', detail: `unknown: a record set of zone '${domain}' has a name that cannot be resolved`, ...decided };
  const findings = findingsFor(model, site, 'ASE504');
  if (!findings) return { ...base, status: 'unknown', detail: 'unknown: the records could not be checked', ...decided };
  const finding = findings[0];
  if (!finding) return { ...base, status: 'allowed', detail: `allowed: zone '${domain}' has the records the ASE needs`, ...decided };
  return { ...base, status: 'blocked', detail: `blocked: ${finding.message}`, decidedBy: `zone ${domain}`, decidedAt: finding.at, finding };
}

function sameRef(a: NodeRef, b: NodeRef): boolean {
  if (a.uri !== b.uri) return false;
  const x = a.range;
  const y = b.range;
  return x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character;
}
