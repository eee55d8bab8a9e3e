import type { SecurityRule } from '../model/types';
import { isUnknown, type Maybe } from '../core/value';
import { contains, isRfc1918, parseCidr, type IpRange } from '../ip/cidr';
import { aseSites, displayName } from './support/aseSite';
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
    // Each subnet's ranges and each list of sources are parsed once: every External ASE is
    // compared with every other, and a landing zone has hundreds of them. Sites go by
    // their index, in the sites' order.
    const rangesOf: ((IpRange | undefined)[] | undefined)[] = [];
    const callers = new CallerIndex();
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      const ranges = isUnknown(site.prefixes) ? undefined : site.prefixes.map(parseCidr);
      rangesOf.push(ranges);
      if (ranges) for (let j = 0; j < ranges.length; j++) if (ranges[j]) callers.add(ranges[j]!, i);
    }
    // Rules that write the same source share its list (the model's lists are only read).
    const read = new Map<RuleSources, ReadSources>();
    /** For each site, the last target that took it as a candidate (+1): no set per target. */
    const taken = new Array<number>(sites.length).fill(0);
    for (let t = 0; t < sites.length; t++) {
      const target = sites[t];
      const nsg = target.nsg;
      if (!nsg || isUnknown(nsg) || isUnknown(nsg.securityRules) || servesAppsPublicly(target.ase) !== true) continue;
      const inbound: SecurityRule[] = [];
      const sources: ReadSources['sources'][] = [];
      let anyPublic = false;
      // Indexed loops here and below: the check runs once per analysis, mostly before it is
      // optimised, where an iterator makes an object per step.
      const rules = nsg.securityRules;
      for (let n = 0; n < rules.length; n++) {
        const r = rules[n];
        if (r.access !== 'Allow' || r.direction !== 'Inbound') continue;
        let s = read.get(r.sourceAddressPrefixes);
        if (!s) read.set(r.sourceAddressPrefixes, (s = readSources(r.sourceAddressPrefixes)));
        if (s.public) {
          anyPublic = true;
          break;
        }
        inbound.push(r);
        sources.push(s.sources);
      }
      if (anyPublic) continue;
      // Only the ASEs whose subnet holds one of the sources can be named by a rule.
      const candidates: number[] = [];
      for (let k = 0; k < sources.length; k++) {
        const list = sources[k];
        for (let j = 0; j < list.length; j++) {
          const range = list[j]?.range;
          if (!range) continue;
          const holding = callers.containing(range);
          for (let h = 0; h < holding.length; h++) {
            const c = holding[h];
            if (taken[c] === t + 1) continue;
            taken[c] = t + 1;
            candidates.push(c);
          }
        }
      }
      candidates.sort((a, b) => a - b);
      for (let m = 0; m < candidates.length; m++) {
        const c = candidates[m];
        const caller = sites[c];
        const ranges = rangesOf[c];
        if (caller.subnet === target.subnet || ranges === undefined || isUnknown(caller.prefixes)) continue;
        if (ranges.some((r) => !r)) continue;
        const callerPrefixes = caller.prefixes;
        for (let k = 0; k < inbound.length; k++) {
          const rule = inbound[k];
          // A source within the caller's subnet; a wider one is meant for other clients too.
          let named: { source: string; subnet: string; whole: boolean } | undefined;
          const list = sources[k];
          for (let j = 0; j < list.length; j++) {
            const s = list[j];
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

type RuleSources = SecurityRule['sourceAddressPrefixes'];

/** A rule's sources as the check reads them: whether one may be a public address, and each text with its range. */
interface ReadSources {
  public: boolean;
  sources: ({ text: string; range: IpRange | undefined } | undefined)[];
}

function readSources(list: RuleSources): ReadSources {
  if (isUnknown(list)) return { public: true, sources: [] };
  return {
    public: list.some(mayBePublic),
    sources: list.map((s) => (typeof s === 'string' ? { text: s, range: parseCidr(s) } : undefined)),
  };
}

/**
 * The rule may admit a public address that could be the caller's VIP: `*`, `Internet`,
 * `AzureCloud` (ASE addresses are Azure's), `AppService` and their regional forms, a
 * public range, or what cannot be resolved. Tags for Azure's own services
 * (`AppServiceManagement`, `AzureLoadBalancer`, `VirtualNetwork`, ...) never hold an
 * ASE's address.
 */
function mayBePublic(s: Maybe<string>): boolean {
  if (isUnknown(s)) return true;
  // A prefix is none of the tags below: its range decides, with no lower-cased copy made.
  const r = parseCidr(s);
  if (r !== undefined) return r.version === 4 && !isRfc1918(r);
  const text = s.trim().toLowerCase();
  return text === '*' || text === 'any' || text === 'internet' || /^(azurecloud|appservice)(\.|$)/.test(text);
}

/**
 * The ASE subnets by their CIDR blocks: the blocks that contain a range are its own
 * prefix widened one bit at a time, so the subnets holding a source are found with one
 * lookup per prefix length instead of a comparison with every subnet.
 */
class CallerIndex {
  /** IPv4 blocks by `first * 64 + prefix length` (exact as a number); IPv6 ones by text. */
  private readonly v4 = new Map<number, number[]>();
  /** The prefix lengths of the IPv4 blocks, ascending: only those are looked up. */
  private v4Lengths: number[] = [];
  private readonly v6 = new Map<string, number[]>();
  /** Ranges that are no CIDR block (not aligned to their size): compared one by one. */
  private readonly loose: { range: IpRange; site: number }[] = [];
  /** Rules repeat their sources, and parsed ranges are shared per text: each is looked up once. */
  private readonly found = new Map<IpRange, number[]>();

  add(range: IpRange, site: number): void {
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

  /** Every site (by index) with a block that contains `range`. */
  containing(range: IpRange): number[] {
    let found = this.found.get(range);
    if (!found) {
      found = this.lookup(range);
      this.found.set(range, found);
    }
    return found;
  }

  private lookup(range: IpRange): number[] {
    const found: number[] = [];
    for (let i = 0; i < this.loose.length; i++) if (contains(this.loose[i].range, range)) found.push(this.loose[i].site);
    if (range.version === 4) {
      if (this.v4.size === 0) return found;
      // IPv4 addresses are exact as numbers, which are much cheaper than bigints here.
      const start = Number(range.first);
      const end = Number(range.last);
      // Subnets come in a few sizes: a block of any other length holds no subnet.
      for (let i = 0; i < this.v4Lengths.length; i++) {
        const len = this.v4Lengths[i];
        const size = 2 ** (32 - len);
        const first = start - (start % size);
        if (first + size - 1 < end) break;
        const sites = this.v4.get(first * 64 + len);
        if (sites) for (let j = 0; j < sites.length; j++) found.push(sites[j]);
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

function push<K>(map: Map<K, number[]>, key: K, site: number): void {
  const list = map.get(key);
  if (list) list.push(site);
  else map.set(key, [site]);
}
