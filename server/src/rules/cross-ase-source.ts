import type { SecurityRule } from '../model/types';
import { isUnknown } from '../core/value';
import { contains, isRfc1918, parseCidr, type IpRange } from '../ip/cidr';
import { aseSites, displayName, type AseSite } from './support/aseSite';
import { describeRule } from './support/requirements';
import { servesAppsPublicly } from './support/apps';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const crossAseSource: Rule = {
  code: 'ASE802',
  name: 'cross-ase-source',
  title: "An External ASE's NSG must admit another ASE by its public address, not by its subnet.",
  severity: 'warning',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'subnet.prefix', 'subnet.nsg', 'nsg.rules'],
  check(model) {
    const out: Finding[] = [];
    const sites = aseSites(model);
    // Each subnet's ranges and each rule's sources are parsed once: every External ASE is
    // compared with every other, and a landing zone has hundreds of them.
    const rangesOf = new Map(sites.map((site) => [site, isUnknown(site.prefixes) ? undefined : site.prefixes.map(parseCidr)]));
    const callers = new CallerIndex();
    for (const site of sites) for (const r of rangesOf.get(site) ?? []) if (r) callers.add(r, site);
    // The candidates of a target are taken in the sites' order, without walking every site for each target.
    const order = new Map(sites.map((site, i) => [site, i]));
    for (const target of sites) {
      const nsg = target.nsg;
      if (!nsg || isUnknown(nsg) || isUnknown(nsg.securityRules) || servesAppsPublicly(target.ase) !== true) continue;
      const inbound = nsg.securityRules.filter((r) => r.access === 'Allow' && r.direction === 'Inbound');
      if (inbound.some(allowsPublicSource)) continue;
      const sources = inbound.map((rule) =>
        isUnknown(rule.sourceAddressPrefixes) ? [] : rule.sourceAddressPrefixes.map((s) => (typeof s === 'string' ? { text: s, range: parseCidr(s) } : undefined)),
      );
      // Only the ASEs whose subnet holds one of the sources can be named by a rule.
      const candidates = new Set<AseSite>();
      for (const list of sources) for (const source of list) if (source?.range) callers.containing(source.range, candidates);
      for (const caller of [...candidates].sort((a, b) => order.get(a)! - order.get(b)!)) {
        const ranges = rangesOf.get(caller);
        if (caller.subnet === target.subnet || ranges === undefined || isUnknown(caller.prefixes)) continue;
        if (ranges.some((r) => !r)) continue;
        const callerPrefixes = caller.prefixes;
        for (let k = 0; k < inbound.length; k++) {
          const rule = inbound[k];
          // A source within the caller's subnet; a wider one is meant for other clients too.
          let named: { source: string; subnet: string; whole: boolean } | undefined;
          for (const s of sources[k]) {
            const r = s?.range;
            const i = r === undefined ? -1 : ranges.findIndex((c) => contains(c!, r));
            if (i < 0) continue;
            named = { source: s!.text.trim(), subnet: callerPrefixes[i].trim(), whole: contains(r!, ranges[i]!) };
            break;
          }
          if (named === undefined) continue;
          const what = named.whole ? `the subnet of ASE ${displayName(caller.ase.name)}` : `part of the subnet ${named.subnet} of ASE ${displayName(caller.ase.name)}`;
          out.push({
            message:
              `${describeRule(rule).replace(/^r/, 'R')} of NSG ${displayName(nsg.name)} admits ${named.source}, ${what}, into External ASE ${displayName(target.ase.name)}: ` +
              `calls between ASEs leave through the caller's public address, not its subnet, so they are not let in`,
            at: rule.ref,
            related: [...target.related, { message: `The calling ASE ${displayName(caller.ase.name)}`, at: caller.ase.ref }, { message: `Its subnet ${displayName(caller.subnet.subnetName)}`, at: caller.subnet.ref }],
          });
        }
      }
    }
    return out;
  },
};

/**
 * The rule may admit a public address that could be the caller's VIP: `*`, `Internet`,
 * `AzureCloud` (ASE addresses are Azure's), `AppService` and their regional forms, a
 * public range, or what cannot be resolved. Tags for Azure's own services
 * (`AppServiceManagement`, `AzureLoadBalancer`, `VirtualNetwork`, ...) never hold an
 * ASE's address.
 */
function allowsPublicSource(rule: SecurityRule): boolean {
  if (isUnknown(rule.sourceAddressPrefixes)) return true;
  return rule.sourceAddressPrefixes.some((s) => {
    if (isUnknown(s)) return true;
    const text = s.trim().toLowerCase();
    if (text === '*' || text === 'any' || text === 'internet' || /^(azurecloud|appservice)(\.|$)/.test(text)) return true;
    const r = parseCidr(s);
    return r !== undefined && r.version === 4 && !isRfc1918(r);
  });
}

/**
 * The ASE subnets by their CIDR blocks: the blocks that contain a range are its own
 * prefix widened one bit at a time, so the subnets holding a source are found with one
 * lookup per prefix length instead of a comparison with every subnet.
 */
class CallerIndex {
  /** IPv4 blocks by `first * 64 + prefix length` (exact as a number); IPv6 ones by text. */
  private readonly v4 = new Map<number, AseSite[]>();
  /** The prefix lengths of the IPv4 blocks, ascending: only those are looked up. */
  private v4Lengths: number[] = [];
  private readonly v6 = new Map<string, AseSite[]>();
  /** Ranges that are no CIDR block (not aligned to their size): compared one by one. */
  private readonly loose: { range: IpRange; site: AseSite }[] = [];
  /** Rules repeat their sources, and parsed ranges are shared per text: each is looked up once. */
  private readonly found = new Map<IpRange, AseSite[]>();

  add(range: IpRange, site: AseSite): void {
    const size = range.last - range.first + 1n;
    if ((size & (size - 1n)) !== 0n || range.first % size !== 0n) {
      this.loose.push({ range, site });
      return;
    }
    const bits = range.version === 4 ? 32 : 128;
    const len = bits - (size.toString(2).length - 1);
    push(range.version === 4 ? this.v4 : this.v6, range.version === 4 ? Number(range.first) * 64 + len : `${range.first}/${len}`, site);
    if (range.version === 4 && !this.v4Lengths.includes(len)) this.v4Lengths = [...this.v4Lengths, len].sort((a, b) => a - b);
  }

  /** Adds to `out` every site with a block that contains `range`. */
  containing(range: IpRange, out: Set<AseSite>): void {
    let found = this.found.get(range);
    if (!found) {
      found = this.lookup(range);
      this.found.set(range, found);
    }
    for (const site of found) out.add(site);
  }

  private lookup(range: IpRange): AseSite[] {
    const found: AseSite[] = [];
    for (const l of this.loose) if (contains(l.range, range)) found.push(l.site);
    if (range.version === 4) {
      if (this.v4.size === 0) return found;
      // IPv4 addresses are exact as numbers, which are much cheaper than bigints here.
      const start = Number(range.first);
      const end = Number(range.last);
      // Subnets come in a few sizes: a block of any other length holds no subnet.
      for (const len of this.v4Lengths) {
        const size = 2 ** (32 - len);
        const first = start - (start % size);
        if (first + size - 1 < end) break;
        found.push(...(this.v4.get(first * 64 + len) ?? []));
      }
      return found;
    }
    if (this.v6.size === 0) return found;
    for (let len = 0; len <= 128; len++) {
      const size = 1n << BigInt(128 - len);
      const first = range.first - (range.first % size);
      if (first + size - 1n < range.last) break;
      found.push(...(this.v6.get(`${first}/${len}`) ?? []));
    }
    return found;
  }
}

function push<K>(map: Map<K, AseSite[]>, key: K, site: AseSite): void {
  const list = map.get(key);
  if (list) list.push(site);
  else map.set(key, [site]);
}
