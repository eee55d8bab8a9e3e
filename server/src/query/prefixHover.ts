import type { Analysis } from '../engine/analyze';
import { describeSymbolic, isSymbolic } from '../core/symbolic';
import { aseSubnetSizes, aseV3Instances, aseV3InstancesPerStandby, aseV3MaximumInstances, integrationAddressesPerInstance, integrationSubnetSizes } from '../knowledge/subnetSizes';
import type { Range } from '../core/nodeRef';
import type { Located, NetworkModel, Subnet, VirtualNetwork, VirtualNetworkGateway } from '../model/types';
import type { Maybe } from '../core/value';
import { isUnknown } from '../core/value';
import {
  cidrLength,
  contains,
  formatAddress,
  formatRange,
  isCanonicalCidr,
  isRfc1918,
  overlaps,
  parseAddress,
  parseCidr,
  RFC1918,
  size,
  usableAddresses,
  v6Prefix,
  type IpRange,
} from '../ip/cidr';
import { mdCode } from './markdown';
import type { PrefixRole, ScalarTarget } from './target';
import { sameRange } from '../core/nodeRef';

type PrefixTarget = Extract<ScalarTarget, { kind: 'prefix' }>;

/** 100.64.0.0/10 (RFC 6598): meant for carrier-grade NAT, neither RFC 1918 nor public. */
const sharedAddressSpace = parseCidr('100.64.0.0/10')!;
/** IPv6 unique local addresses, the IPv6 counterpart of RFC 1918. */
const uniqueLocal = v6Prefix(0xfc00, 7);
/** Beyond this many names a line gives a count. */
const listLimit = 3;

/** A prefix written in the model, parsed. */
interface ModelPrefix {
  text: string;
  range: IpRange;
}

/** What the hovered text is in the model: found by its range, so it works the same in ARM and Bicep. */
interface Owners {
  subnets: Subnet[];
  vnets: VirtualNetwork[];
  gateways: VirtualNetworkGateway[];
}

/**
 * The hover of an address prefix (or a next hop address): its range and size, the
 * usable addresses and what they mean for an ASE when it is a subnet's, whether it is
 * private, and where it sits among the VNets and subnets of the model. Overlaps Azure
 * rejects come first. `at` is the range of the hovered text, which is also the range
 * the model records for a literal prefix.
 */
export function prefixMarkdown(analysis: Analysis, target: PrefixTarget, at: Range): string {
  const text = target.value.trim();
  const model = analysis.model;
  const owners = model ? ownersAt(model, analysis.uri, at) : { subnets: [], vnets: [], gateways: [] };
  const role = roleOf(target.role, owners);
  const title = titleOf(role, target.field, text, owners);
  const range = role === 'nextHop' ? addressRange(text) : parseCidr(text);
  if (!range) {
    const what = role === 'nextHop' ? 'not a valid IP address (a next hop is one address, without a prefix length)' : 'not a valid address prefix (an IP address, optionally with a /length)';
    return `${title}: ${what}.`;
  }

  const problems: string[] = [];
  const facts: string[] = [extentLine(range, role === 'subnet')];
  if (role !== 'nextHop' && !isCanonicalCidr(text)) facts.push(`Host bits are set: the block this names is \`${formatRange(range)}\``);
  facts.push(kindLine(range, role));
  if (model) {
    if (role === 'subnet') {
      facts.push(...subnetUseLines(model, owners.subnets, range));
      placeSubnet(owners.subnets, range, problems, facts);
    } else if (role === 'addressSpace') {
      placeAddressSpace(model, owners.vnets, range, text, problems, facts);
    } else if (role === 'clientPool') {
      problems.push(...poolOverlaps(model, range));
    } else {
      facts.push(...placement(model, range, role, target.field));
    }
  }
  return [title, ...problems, facts.map((f) => `- ${f}`).join('\n')].join('\n\n');
}

/** The model's answer wins over the text's: a subnet's `addressPrefix` looks like any other. */
function roleOf(written: PrefixRole, owners: Owners): PrefixRole | 'subnet' {
  if (owners.subnets.length > 0) return 'subnet';
  if (owners.vnets.length > 0) return 'addressSpace';
  if (owners.gateways.length > 0) return 'clientPool';
  return written;
}

function ownersAt(model: NetworkModel, uri: string, at: Range): Owners {
  const here = (list: Maybe<Located<string>[]> | undefined) =>
    !!list && !isUnknown(list) && list.some((p) => p.ref.uri === uri && sameRange(p.ref.range, at));
  return {
    subnets: model.subnets.filter((s) => here(s.addressPrefixes)),
    vnets: model.vnets.filter((v) => here(v.addressPrefixes)),
    gateways: model.gateways.filter((g) => here(g.p2sAddressPrefixes)),
  };
}

function titleOf(role: PrefixRole | 'subnet', field: string, text: string, owners: Owners): string {
  const shown = mdCode(text);
  switch (role) {
    case 'subnet': {
      const vnets = unique(owners.subnets.map((s) => s.vnet).filter((v): v is VirtualNetwork => !!v));
      const vnet = vnets.length > 0 ? ` in VNet ${names(vnets.map((v) => v.name))}` : '';
      return `**Subnet prefix** ${shown} of subnet ${names(owners.subnets.map((s) => s.subnetName))}${vnet}`;
    }
    case 'addressSpace':
      return `**Address space** ${shown}${owners.vnets.length > 0 ? ` of VNet ${names(owners.vnets.map((v) => v.name))}` : ''}`;
    case 'clientPool':
      return `**Point-to-site client pool** ${shown}${owners.gateways.length > 0 ? ` of gateway ${names(owners.gateways.map((g) => g.name))}` : ''}`;
    case 'securityRule':
      return `**${field.startsWith('source') ? 'Source' : 'Destination'} address prefix** ${shown}`;
    case 'route':
      return `**Route prefix** ${shown}`;
    case 'nextHop':
      return `**Next hop address** ${shown}`;
    case 'other':
      return `**Address prefix** ${shown}`;
  }
}

/** A next hop is one address: `10.0.0.4`, not a block. */
function addressRange(text: string): IpRange | undefined {
  const a = parseAddress(text);
  return a && { version: a.version, first: a.value, last: a.value };
}

function extentLine(r: IpRange, subnet: boolean): string {
  const first = `\`${formatAddress(r.version, r.first)}\``;
  if (r.first === r.last) return `The single address ${first}`;
  const total = size(r);
  const whole = r.first === 0n && cidrLength(r) === 0;
  const count = whole ? `every IPv${r.version} address (${countText(r, total)})` : `${countText(r, total)} addresses`;
  const usable = subnet ? `, ${countText(r, usableAddresses(r))} usable (Azure keeps the first four and the last address of every subnet)` : '';
  return `${first} – \`${formatAddress(r.version, r.last)}\`: ${count}${usable}`;
}

/** Thousands separated; IPv6 blocks beyond what digits can show at a glance as a power of two. */
function countText(r: IpRange, n: bigint): string {
  const bits = n.toString(2).length - 1;
  if (r.version === 6 && bits >= 32 && n === 1n << BigInt(bits)) return `2^${bits}`;
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function kindLine(r: IpRange, role: PrefixRole | 'subnet'): string {
  if (r.version === 6) {
    if (contains(uniqueLocal, r)) return 'Private: IPv6 unique local addresses (fc00::/7)';
    return overlaps(uniqueLocal, r) ? 'Both unique local (private) and public IPv6 addresses' : 'Public IPv6 addresses';
  }
  const single = r.first === r.last;
  if (isRfc1918(r)) return `Private ${single ? 'address' : 'address space'} (RFC 1918)`;
  // Gateway-required VNet Integration takes its client addresses from this pool (ASE707).
  const poolNote = role === 'clientPool' ? ': gateway-required VNet Integration needs a pool inside RFC 1918 (`ASE707`)' : '';
  if (contains(sharedAddressSpace, r)) return `Shared address space (100.64.0.0/10, meant for carrier-grade NAT): neither RFC 1918 nor public${poolNote}`;
  if (RFC1918.some((p) => overlaps(p, r)) || overlaps(sharedAddressSpace, r)) return `Both private and public addresses${poolNote}`;
  return `Public ${single ? 'address' : 'address space'}${poolNote}`;
}

const minimumOf = (v: 'v2' | 'v3') => aseSubnetSizes[v].minimum;

/** What the subnet's size means for the ASEs and the VNet Integrations placed in it. */
function subnetUseLines(model: NetworkModel, subnets: Subnet[], r: IpRange): string[] {
  const out: string[] = [];
  const length = cidrLength(r);
  if (r.version !== 4 || length === undefined) return out;
  for (const ase of model.ases.filter((a) => a.subnet?.target && subnets.includes(a.subnet.target))) {
    const version = ase.version;
    if (isUnknown(version) || version === 'v1') continue;
    const { recommended, minimum } = aseSubnetSizes[version];
    const who = `ASE${version} ${name(ase.name)}`;
    if (length > minimum) {
      out.push(`Too small for ${who}: a /${length} is below the /${minimum} minimum, so the ASE cannot be created or cannot scale in it (\`ASE401\`)`);
    } else if (length > recommended) {
      const floor = length === minimum ? `is the smallest subnet ASE${version} accepts` : `meets the /${minimum} minimum`;
      const later = version === 'v3' ? 'moving it to a larger subnet takes a support request' : 'the size cannot change once it is deployed';
      out.push(`Tight for ${who}: a /${length} ${floor}, but a /${recommended} is recommended; the ASE may run out of addresses as it scales, and ${later} (\`ASE401\`)`);
    } else {
      const scale = version === 'v3' ? ` (a /${aseSubnetSizes.v3.nearMaximum} when it may scale towards ${aseV3MaximumInstances} instances)` : '';
      out.push(`Large enough for ${who}: a /${recommended} or larger is recommended${scale}`);
    }
    if (version === 'v3' && length <= minimumOf('v3')) {
      const addresses = Number(size(r));
      out.push(
        `Room in a /${length} for ${who}: about ${aseV3Instances(addresses)} instances (one address each, and one standby instance for every ${aseV3InstancesPerStandby}), ` +
          `or ${aseV3Instances(addresses, true)} running Windows container apps (one more address per app on every instance)`,
      );
    }
  }
  const apps = unique(subnets.flatMap((s) => s.users.filter((u) => u.kind === 'siteIntegration').map((u) => u.resource)));
  if (apps.length > 0) {
    const who = `${apps.length === 1 ? 'app' : 'apps'} ${names(apps.map((a) => a.name))}`;
    const usable = usableAddresses(r);
    const { recommended } = integrationSubnetSizes;
    const advice = length > recommended ? `; a /${recommended} is recommended (\`ASE702\`)` : '';
    out.push(
      `Regional VNet Integration of ${who}: room for ${countText(r, usable / BigInt(integrationAddressesPerInstance))} plan instances, ` +
        `as each takes one address and the addresses in use double while a plan scales${advice}`,
    );
  }
  return out;
}

/** A subnet's prefix against its own VNet: inside one of its address prefixes, clear of its other subnets. */
function placeSubnet(subnets: Subnet[], r: IpRange, problems: string[], facts: string[]): void {
  for (const vnet of unique(subnets.map((s) => s.vnet).filter((v): v is VirtualNetwork => !!v))) {
    const spaces = knownPrefixes(vnet.addressPrefixes);
    if (spaces) {
      const home = spaces.find((s) => contains(s.range, r));
      if (home) facts.push(`Inside the address space ${mdCode(home.text)} of VNet ${name(vnet.name)}`);
      else {
        const listed = spaces.filter((s) => s.range.version === r.version).map((s) => `${mdCode(s.text)}`);
        problems.push(
          `**Outside its VNet:** not inside the address space of VNet ${name(vnet.name)}${listed.length > 0 ? ` (${listed.join(', ')})` : ''}; Azure rejects the subnet.`,
        );
      }
    }
    for (const sibling of vnet.subnets) {
      if (subnets.includes(sibling)) continue;
      const clash = (knownPrefixes(sibling.addressPrefixes) ?? []).find((p) => overlaps(p.range, r));
      if (clash) {
        problems.push(
          `**Overlap:** subnet ${name(sibling.subnetName)} (${mdCode(clash.text)}) of the same VNet shares addresses with it; Azure rejects overlapping subnets.`,
        );
      }
    }
  }
}

/** A VNet's address prefix: its other prefixes and other VNets must not overlap it; the subnets it holds. */
function placeAddressSpace(model: NetworkModel, vnets: VirtualNetwork[], r: IpRange, text: string, problems: string[], facts: string[]): void {
  for (const vnet of vnets) {
    let self = false;
    for (const p of knownPrefixes(vnet.addressPrefixes) ?? []) {
      // The hovered prefix itself (once): a second equal one is a real duplicate.
      if (!self && p.text === text) {
        self = true;
        continue;
      }
      if (overlaps(p.range, r)) {
        problems.push(`**Overlap:** ${mdCode(p.text)}, another address prefix of the same VNet, shares addresses with it; Azure rejects the VNet.`);
      }
    }
    const held = vnet.subnets.filter((s) => (knownPrefixes(s.addressPrefixes) ?? []).some((p) => contains(r, p.range)));
    if (held.length > 0) facts.push(`Holds ${held.length === 1 ? 'subnet' : 'subnets'} ${names(held.map((s) => s.subnetName))}`);
  }
  for (const other of model.vnets) {
    if (vnets.includes(other)) continue;
    const clash = (knownPrefixes(other.addressPrefixes) ?? []).find((p) => overlaps(p.range, r));
    if (clash) {
      problems.push(
        `**Overlap:** the address space ${mdCode(clash.text)} of VNet ${name(other.name)} shares addresses with it; VNets whose address spaces overlap cannot be peered or connected.`,
      );
    }
  }
}

/** A point-to-site pool hands out client addresses: they must not be addresses a VNet already uses. */
function poolOverlaps(model: NetworkModel, r: IpRange): string[] {
  const out: string[] = [];
  for (const vnet of model.vnets) {
    const clash = (knownPrefixes(vnet.addressPrefixes) ?? []).find((p) => overlaps(p.range, r));
    if (clash) {
      out.push(
        `**Overlap:** the address space ${mdCode(clash.text)} of VNet ${name(vnet.name)} shares addresses with it; clients would be given addresses the VNet already uses.`,
      );
    }
  }
  return out;
}

/** Where a rule's, a route's or a next hop's addresses fall among the model's subnets and VNets. */
function placement(model: NetworkModel, r: IpRange, role: PrefixRole, field: string): string[] {
  const out: string[] = [];
  // An ASE's instances take any address of their subnet and move: a source naming part of it misses some (ASE801).
  const partOfAse = (s: Subnet) => {
    const ases = role === 'securityRule' && field.startsWith('source') ? model.ases.filter((a) => a.subnet?.target === s) : [];
    return ases.length > 0 ? `; only part of it, and the instances of ASE ${names(ases.map((a) => a.name))} may use any of its addresses (\`ASE801\`)` : '';
  };
  const subnets = model.subnets
    .map((s) => ({ s, prefixes: knownPrefixes(s.addressPrefixes) ?? [] }))
    .filter((x) => x.prefixes.some((p) => overlaps(p.range, r)));
  const within = subnets.flatMap(({ s, prefixes }) => prefixes.filter((p) => contains(p.range, r)).map((p) => ({ s, p })));
  if (within.length > 0) {
    const [{ s, p }] = within;
    const exact = p.range.first === r.first && p.range.last === r.last;
    const where = `subnet ${name(s.subnetName)} (${mdCode(p.text)})${s.vnet ? ` of VNet ${name(s.vnet.name)}` : ''}`;
    out.push(exact ? `Exactly ${where}` : `Inside ${where}${partOfAse(s)}`);
    if (role === 'nextHop' && isReserved(p.range, r.first)) {
      out.push('One of the five addresses Azure keeps in that subnet: no appliance can have it');
    }
  } else {
    const vnets = model.vnets.flatMap((v) => (knownPrefixes(v.addressPrefixes) ?? []).filter((p) => contains(p.range, r)).map((p) => ({ v, p })));
    const spaces = model.vnets.flatMap((v) => knownPrefixes(v.addressPrefixes) ?? []).filter((p) => p.range.version === r.version);
    if (vnets.length > 0) out.push(`Inside the address space ${mdCode(vnets[0].p.text)} of VNet ${name(vnets[0].v.name)}${role === 'nextHop' ? ', in no subnet of it' : ''}`);
    else if (spaces.length > 0 && !spaces.some((p) => overlaps(p.range, r))) out.push('Outside every VNet of the analysed files');
  }
  const whole = subnets.filter(({ s, prefixes }) => prefixes.every((p) => contains(r, p.range)) && !within.some((w) => w.s === s));
  if (whole.length > 0) out.push(`Covers ${whole.length === 1 ? 'subnet' : 'subnets'} ${names(whole.map(({ s }) => s.subnetName))}`);
  // Only a subnet with several prefixes can be partly covered by one block without holding it.
  for (const { s, prefixes } of subnets) {
    if (within.some((w) => w.s === s) || whole.some((w) => w.s === s)) continue;
    out.push(`Covers only part of subnet ${name(s.subnetName)} (${prefixes.map((p) => `${mdCode(p.text)}`).join(', ')})${partOfAse(s)}`);
  }
  return out;
}

/** The network address, the gateway, the two DNS addresses and the last address of a subnet. */
function isReserved(subnet: IpRange, address: bigint): boolean {
  return address - subnet.first < 4n || address === subnet.last;
}

/** A list's prefixes that are written and parse; undefined when the list itself is unknown. */
function knownPrefixes(list: Maybe<Located<string>[]> | undefined): ModelPrefix[] | undefined {
  if (!list || isUnknown(list)) return undefined;
  const out: ModelPrefix[] = [];
  for (const p of list) {
    if (isUnknown(p.value)) continue;
    const range = parseCidr(p.value);
    if (range) out.push({ text: p.value.trim(), range });
  }
  return out;
}

function name(n: Maybe<string> | undefined): string {
  if (n === undefined) return '(unnamed)';
  if (isUnknown(n)) return '(name unresolved)';
  return mdCode(isSymbolic(n) ? describeSymbolic(n) : n);
}

function names(list: (Maybe<string> | undefined)[]): string {
  const shown = [...new Set(list.map(name))];
  if (shown.length <= listLimit) return shown.join(', ');
  return `${shown.slice(0, listLimit).join(', ')} and ${shown.length - listLimit} more`;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}
