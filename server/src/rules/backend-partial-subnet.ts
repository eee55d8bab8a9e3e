import type { NetworkModel, NetworkSecurityGroup, SecurityRule } from '../model/types';
import { getPath, getProp, isUnknown, type Unknown, type Value } from '../core/value';
import { contains, overlaps, parseCidr, type IpRange } from '../ip/cidr';
import type { Flow } from '../core/flow';
import { aseSites, displayName, type AseSite } from './support/aseSite';
import { describeRule } from './support/requirements';
import { servesAppsPublicly } from './support/apps';
import type { Rule } from './types';
import type { Change, Finding } from '../core/findings';

export const backendPartialSubnet: Rule = {
  code: 'ASE801',
  name: 'backend-partial-subnet',
  title: "An NSG that lets an ASE's apps reach a back end must allow the whole ASE subnet.",
  severity: 'warning',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'subnet.prefix', 'subnet.nsg', 'nsg.rules'],
  check(model) {
    const out: Finding[] = [];
    const subnets = aseSites(model).flatMap((site) => {
      if (isUnknown(site.prefixes)) return [];
      const ranges = site.prefixes.map((p) => ({ text: p.trim(), range: parseCidr(p) }));
      return ranges.every((r) => r.range) ? [{ site, ranges: ranges as { text: string; range: IpRange }[] }] : [];
    });
    if (subnets.length === 0) return out;
    // Each rule once, compared with every ASE subnet: the first ASE subnet it covers only in part is reported.
    for (const nsg of model.nsgs) {
      if (isUnknown(nsg.condition) || isUnknown(nsg.securityRules) || guardsPublicAse(model, nsg)) continue;
      for (const rule of nsg.securityRules) {
        if (rule.access !== 'Allow' || rule.direction !== 'Inbound' || isUnknown(rule.sourceAddressPrefixes)) continue;
        const prefixes = rule.sourceAddressPrefixes;
        const sources = prefixes.map((p) => (typeof p === 'string' ? parseCidr(p) : undefined));
        if (sources.every((r) => r === undefined)) continue;
        const hit = firstPartial(subnets, nsg, prefixes, sources);
        if (!hit) continue;
        const { site, ase, part, alone } = hit;
        const finding: Finding = {
          message:
            `${capitalise(describeRule(rule))} of NSG ${displayName(nsg.name)} allows ${String(part).trim()}, only part of the subnet ${ase.text} of ASE ${displayName(site.ase.name)}: ` +
            `the ASE's instances use any address of the subnet and change it when they move, so calls from the others are dropped`,
          at: rule.ref,
          related: [...site.related, { message: `NSG ${displayName(nsg.name)}`, at: nsg.ref }],
        };
        const change = widenSource(nsg, rule, ase.text);
        const opens = change && prefixes.length === 1 && alone ? fromSubnet(rule, ase.text) : undefined;
        if (change && opens) finding.fix = { title: `Allow the whole ASE subnet ${ase.text}`, changes: [change], opens };
        out.push(finding);
      }
    }
    return out;
  },
};

/** The first ASE subnet range (not behind this very NSG) that the rule's sources overlap without any of them covering it. */
function firstPartial(
  subnets: { site: AseSite; ranges: { text: string; range: IpRange }[] }[],
  nsg: NetworkSecurityGroup,
  prefixes: readonly (string | Unknown)[],
  sources: readonly (IpRange | undefined)[],
): { site: AseSite; ase: { text: string; range: IpRange }; part: string | Unknown; alone: boolean } | undefined {
  for (const { site, ranges } of subnets) {
    if (site.nsg === nsg) continue;
    for (const ase of ranges) {
      if (sources.some((s) => s && contains(s, ase.range))) continue;
      const i = sources.findIndex((s) => s !== undefined && overlaps(s, ase.range));
      // `alone`: the subnet has this one prefix, so widening to it is the whole subnet.
      if (i >= 0) return { site, ase, part: prefixes[i], alone: ranges.length === 1 };
    }
  }
  return undefined;
}

/**
 * The NSG sits on the subnet of an ASE that may serve its apps on a public VIP: other
 * ASEs call it there, from their public addresses (ASE802), so a partial cover of
 * their subnets is not this rule's business.
 */
function guardsPublicAse(model: NetworkModel, nsg: NetworkSecurityGroup): boolean {
  return model.ases.some((ase) => ase.subnet?.target?.networkSecurityGroup?.target === nsg && servesAppsPublicly(ase) !== false);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * What the widened rule is for: the ASE subnet reaching what the rule already admits
 * (its destinations, ports and protocol). Undefined when one of those is not resolved.
 */
function fromSubnet(rule: SecurityRule, prefix: string): Flow[] | undefined {
  const protocol = typeof rule.protocol === 'string' ? flowProtocol(rule.protocol) : undefined;
  const ports = knownTexts(rule.destinationPortRanges);
  const sourcePorts = knownTexts(rule.sourcePortRanges);
  const destinations = knownTexts(rule.destinationAddressPrefixes);
  if (!protocol || !ports || !sourcePorts || !destinations) return undefined;
  return destinations.map((d) => ({
    direction: 'Inbound',
    protocol,
    source: { prefixes: [prefix] },
    sourcePorts: sourcePorts.join(','),
    destination: parseCidr(d) ? { prefixes: [d] } : { tag: d },
    destinationPorts: ports.join(','),
  }));
}

function flowProtocol(p: string): Flow['protocol'] | undefined {
  const l = p.trim().toLowerCase();
  return l === '*' || l === 'any' ? '*' : l === 'tcp' ? 'Tcp' : l === 'udp' ? 'Udp' : l === 'icmp' ? 'Icmp' : undefined;
}

function knownTexts(list: SecurityRule['sourcePortRanges']): string[] | undefined {
  if (isUnknown(list) || list.length === 0 || list.some((x) => isUnknown(x))) return undefined;
  return list.map((x) => String(x).trim());
}

/** The edit that sets the rule's single source to `prefix`, when the rule is literal text in the NSG's `securityRules`. */
function widenSource(nsg: NetworkSecurityGroup, rule: SecurityRule, prefix: string): Change | undefined {
  if (!rule.ref.path || typeof rule.name !== 'string') return undefined;
  const list = getProp(nsg.properties, 'securityRules');
  if (!Array.isArray(list)) return undefined;
  const raw = list.find((item: Value) => getProp(item, 'name') === rule.name);
  if (raw === undefined) return undefined;
  if (typeof getPath(raw, 'properties', 'sourceAddressPrefix') === 'string') {
    return { op: 'setProperty', at: rule.ref, path: ['properties', 'sourceAddressPrefix'], value: prefix };
  }
  const plural = getPath(raw, 'properties', 'sourceAddressPrefixes');
  if (Array.isArray(plural) && plural.length === 1) return { op: 'setProperty', at: rule.ref, path: ['properties', 'sourceAddressPrefixes'], value: [prefix] };
  return undefined;
}
