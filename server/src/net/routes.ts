import type { Route, RouteTable } from '../model/types';
import type { Maybe } from '../core/value';
import { excerpt } from '../core/excerpt';
import { isUnknown, unknown, type Unknown } from '../core/value';
import { RangeSet, cidrLength, formatRange, leadingCidr, parseCidr, size, type IpRange } from '../ip/cidr';
import { classifyAddress } from './serviceTags';

export type NextHopType = 'Internet' | 'VirtualAppliance' | 'VirtualNetworkGateway' | 'VnetLocal' | 'None';

const HOPS: Record<string, NextHopType> = {
  internet: 'Internet',
  virtualappliance: 'VirtualAppliance',
  virtualnetworkgateway: 'VirtualNetworkGateway',
  vnetlocal: 'VnetLocal',
  none: 'None',
};

/** The canonical next hop type, UNKNOWN when unresolved or not one Azure knows. */
export function nextHopOf(route: Route): NextHopType | Unknown {
  const h = route.nextHopType;
  if (isUnknown(h)) return h;
  const key = String(h).trim().toLowerCase();
  // Own keys only: `constructor` written as a next hop is none.
  return (Object.hasOwn(HOPS, key) ? HOPS[key] : undefined) ?? unknown(`'${h}' is not a next hop type`);
}

export interface RouteDecision {
  range: IpRange;
  /** The user-defined route that decides; undefined for a system route. */
  route?: Route;
  nextHopType: string;
}

interface Candidate {
  range: IpRange;
  length: number;
  /** undefined: a system route. */
  route?: Route;
  hop: NextHopType | Unknown;
  /** Among system routes of equal length: VnetLocal before None before Internet. */
  systemRank: number;
}

function systemRoutes(version: 4 | 6, vnetAddressSpaces: Maybe<Maybe<string>[]> | undefined): Candidate[] {
  const sys = (cidr: string, hop: NextHopType, systemRank: number): Candidate => {
    const range = parseCidr(cidr)!;
    return { range, length: cidrLength(range)!, hop, systemRank };
  };
  // Azure's default system routes: the VNet's spaces, the default route to the Internet,
  // and private ranges outside the VNet dropped (next hop None).
  const out: Candidate[] =
    version === 4
      ? [
          sys('0.0.0.0/0', 'Internet', 2),
          sys('10.0.0.0/8', 'None', 1),
          sys('172.16.0.0/12', 'None', 1),
          sys('192.168.0.0/16', 'None', 1),
          sys('100.64.0.0/10', 'None', 1),
        ]
      : [sys('::/0', 'Internet', 2)];
  if (vnetAddressSpaces && !isUnknown(vnetAddressSpaces))
    for (const s of vnetAddressSpaces) {
      const r = isUnknown(s) ? undefined : parseCidr(s);
      if (r && r.version === version) out.push({ range: r, length: cidrLength(r)!, hop: 'VnetLocal', systemRank: 0 });
    }
  return out;
}

/** Azure's system route 0.0.0.0/0 to the Internet, made once (a candidate is only read). */
let DEFAULT_SYSTEM_ROUTE: Candidate[] | undefined;

function defaultSystemRoute(): Candidate[] {
  return (DEFAULT_SYSTEM_ROUTE ??= systemRoutes(4, undefined).filter((c) => c.length === 0));
}

/** Longest prefix wins; on equal prefixes a user-defined route beats a system route. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.length !== b.length) return a.length > b.length;
  if (!!a.route !== !!b.route) return !!a.route;
  return a.systemRank < b.systemRank;
}

/**
 * Cuts `within` at every route boundary and finds, per piece, the route that decides it.
 * Pieces are elementary: no route starts or ends inside one, so one lookup per piece is
 * exact (no per-address loop).
 */
function decide(
  candidates: Candidate[],
  within: IpRange,
): Array<{ range: IpRange; winner: Candidate; tie?: Candidate }> {
  const relevant = candidates.filter((c) => c.range.version === within.version && c.range.first <= within.last && within.first <= c.range.last);
  const points: bigint[] = [within.first, within.last + 1n];
  for (const c of relevant) {
    if (c.range.first > within.first) insertPoint(points, c.range.first);
    if (c.range.last < within.last) insertPoint(points, c.range.last + 1n);
  }
  const out: Array<{ range: IpRange; winner: Candidate; tie?: Candidate }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const range: IpRange = { version: within.version, first: points[i], last: points[i + 1] - 1n };
    let winner: Candidate | undefined;
    let tie: Candidate | undefined;
    for (const c of relevant) {
      if (c.range.first > range.first || c.range.last < range.last) continue;
      if (!winner || better(c, winner)) {
        winner = c;
        tie = undefined;
      } else if (c.route && winner.route && c.length === winner.length) {
        tie = c;
      }
    }
    if (!winner) continue;
    const last = out[out.length - 1];
    if (last && last.winner === winner && last.tie === tie && last.range.last + 1n === range.first) last.range.last = range.last;
    else out.push({ range, winner, tie });
  }
  return out;
}

/**
 * Adds `p` to the ascending `points` unless it is there already. A table has a handful
 * of routes: placed one by one, without a set and a sort (which copies what it sorts)
 * for each of the ranges the rules ask about.
 */
function insertPoint(points: bigint[], p: bigint): void {
  let i = points.length;
  while (i > 0 && points[i - 1] > p) i--;
  if (i > 0 && points[i - 1] === p) return;
  points.push(p);
  for (let j = points.length - 1; j > i; j--) points[j] = points[j - 1];
  points[i] = p;
}

function userRoutes(routes: Route[]): { known: Candidate[]; unreadable: Route[] } {
  const known: Candidate[] = [];
  const unreadable: Route[] = [];
  for (const route of routes) {
    const r = isUnknown(route.addressPrefix) ? undefined : parseCidr(route.addressPrefix);
    if (r) known.push({ range: r, length: cidrLength(r)!, route, hop: nextHopOf(route), systemRank: 0 });
    else unreadable.push(route);
  }
  return { known, unreadable };
}

function sameHop(a: NextHopType | Unknown, b: NextHopType | Unknown): boolean {
  return !isUnknown(a) && !isUnknown(b) && a === b;
}

/**
 * Which next hop traffic to `destination` takes from a subnet with `table`: longest
 * prefix match over the table's routes and Azure's system routes (the VNet's spaces
 * when given, 0.0.0.0/0 → Internet, private ranges outside the VNet → None). BGP routes
 * are not visible in a template and are left out. UNKNOWN when a route that could decide
 * cannot be read.
 */
export function lookupRoute(
  table: RouteTable | undefined,
  destination: IpRange,
  vnetAddressSpaces?: Maybe<Maybe<string>[]>,
): { decided: RouteDecision[] } | Unknown {
  const routes = table?.routes ?? [];
  if (isUnknown(routes)) return unknown(`the route table's routes are unresolved (${routes.reason})`);
  const { known, unreadable } = userRoutes(routes);
  // A route whose prefix cannot be read (unresolved, or a service tag) may catch anything.
  if (unreadable.length > 0) {
    const p = unreadable[0].addressPrefix;
    return unknown(isUnknown(p) ? `a route's address prefix is unresolved (${p.reason})` : `the addresses of route prefix '${p}' are not known`);
  }
  const decided: RouteDecision[] = [];
  for (const piece of decide([...known, ...systemRoutes(destination.version, vnetAddressSpaces)], destination)) {
    const { winner, tie } = piece;
    if (isUnknown(winner.hop)) return unknown(`the next hop of the route for ${formatRange(piece.range)} is unresolved (${winner.hop.reason})`);
    if (tie && !sameHop(tie.hop, winner.hop))
      return unknown(`two routes for the same prefix ${formatRange(winner.range)} disagree (Azure rejects duplicate prefixes)`);
    decided.push({ range: piece.range, ...(winner.route ? { route: winner.route } : {}), nextHopType: winner.hop });
  }
  return { decided };
}

export type ForcedTunnel =
  | { status: 'ok' }
  | { status: 'tunnelled'; route: Route; example: string; coveringPrefixes: string[] }
  | { status: 'unknown'; reason: string };

/**
 * Where an ASE's Internet-bound traffic may go: public IPv4 addresses, that is all but
 * RFC 1918, the non-routable special ranges (0/8, 100.64/10, 127/8, 169.254/16,
 * 224/3), the VNet's own spaces, and 168.63.129.16 (platform traffic ignores routes).
 */
function internetBound(vnetAddressSpaces: Maybe<Maybe<string>[]> | undefined): RangeSet {
  if (!vnetAddressSpaces || isUnknown(vnetAddressSpaces)) return (INTERNET_BOUND ??= internetBoundOf([]));
  // The rules ask it per ASE and again per route they try as fixed: once per list of spaces.
  const kept = internetBoundBySpaces.get(vnetAddressSpaces);
  if (kept && kept.elements.length === vnetAddressSpaces.length && kept.elements.every((s, i) => s === vnetAddressSpaces[i])) return kept.set;
  const set = internetBoundOf(vnetAddressSpaces);
  internetBoundBySpaces.set(vnetAddressSpaces, { elements: [...vnetAddressSpaces], set });
  return set;
}

let INTERNET_BOUND: RangeSet | undefined;
const internetBoundBySpaces = new WeakMap<readonly Maybe<string>[], { elements: Maybe<string>[]; set: RangeSet }>();

/** Public IPv4 space with none of a VNet's taken out, made once. */
let PUBLIC_V4: RangeSet | undefined;

function internetBoundOf(vnetAddressSpaces: readonly Maybe<string>[]): RangeSet {
  const excluded = [
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '0.0.0.0/8',
    '100.64.0.0/10',
    '127.0.0.0/8',
    '169.254.0.0/16',
    '224.0.0.0/3',
    '168.63.129.16/32',
  ];
  const publicSpace = (PUBLIC_V4 ??= RangeSet.full(4).subtract(RangeSet.of(4, excluded.map((c) => parseCidr(c)!))));
  const spaces: IpRange[] = [];
  for (const s of vnetAddressSpaces) {
    const r = isUnknown(s) ? undefined : parseCidr(s);
    if (r) spaces.push(r);
  }
  return spaces.length === 0 ? publicSpace : publicSpace.subtract(RangeSet.of(4, spaces));
}

/**
 * Ranges Azure refuses in a VNet's address space (multicast, broadcast, loopback,
 * link-local, the platform address): a prefix that holds one of them cannot be a VNet's
 * own space.
 */
const NEVER_IN_A_VNET = ['224.0.0.0/4', '255.255.255.255/32', '127.0.0.0/8', '169.254.0.0/16', '168.63.129.16/32'].map((c) => parseCidr(c)!);

function couldBeVnetSpace(range: IpRange): boolean {
  return !NEVER_IN_A_VNET.some((r) => r.first <= range.last && range.first <= r.last);
}

/** Why some of the VNet's address space is not known; undefined when every space is known (or none was given). */
function unresolvedSpace(vnetAddressSpaces: Maybe<Maybe<string>[]> | undefined): string | undefined {
  if (vnetAddressSpaces === undefined) return undefined;
  if (isUnknown(vnetAddressSpaces)) return vnetAddressSpaces.reason;
  for (const s of vnetAddressSpaces) {
    if (isUnknown(s)) return s.reason;
    if (!parseCidr(s)) return `'${s}' is not an address prefix`;
  }
  return undefined;
}

/**
 * Does any public IPv4 destination leave the subnet through a next hop other than
 * `Internet` (forced tunnelling, which breaks ASEv1/v2)? 'tunnelled' names the route
 * that catches the widest prefix, an example range it catches, and every route that
 * tunnels some public traffic.
 *
 * Destinations inside the VNet's address spaces are not Internet-bound, public or not.
 * `vnetAddressSpaces` undefined: the caller does not know the VNet and the spaces are
 * left out. UNKNOWN (or an unresolved space): a route that could lie inside the VNet's
 * space (its prefix holds nothing Azure refuses in a VNet) is not counted as tunnelling.
 */
export function findForcedTunnel(
  table: RouteTable | undefined,
  vnetAddressSpaces?: Maybe<Maybe<string>[]>,
): ForcedTunnel {
  if (!table) return { status: 'ok' };
  const routes = table.routes;
  if (isUnknown(routes)) return { status: 'unknown', reason: `the route table's routes are unresolved (${routes.reason})` };
  const { known, unreadable } = userRoutes(routes);
  const tunnels = new Map<Route, IpRange[]>();
  let uncertain: string | undefined;
  const bound = internetBound(vnetAddressSpaces);
  // Only a route over internet-bound addresses whose next hop is not (certainly) Internet
  // can tunnel or leave the answer open there: without one, every piece goes to the
  // Internet (by such a route or the system default), and there is nothing to cut.
  const candidates = known.some((c) => c.hop !== 'Internet' && bound.overlapsRange(c.range)) ? [...known, ...defaultSystemRoute()] : [];
  for (const span of candidates.length > 0 ? bound.ranges : []) {
    for (const { range, winner, tie } of decide(candidates, span)) {
      if (!winner.route) continue; // the system default route: Internet
      if (isUnknown(winner.hop) || (tie && !sameHop(tie.hop, winner.hop))) {
        uncertain ??= isUnknown(winner.hop)
          ? `the next hop of route ${routeLabel(winner.route)} is unresolved (${winner.hop.reason})`
          : `routes ${routeLabel(winner.route)} and ${routeLabel(tie!.route!)} share a prefix and disagree`;
        continue;
      }
      if (winner.hop === 'Internet') continue;
      const list = tunnels.get(winner.route) ?? [];
      list.push(range);
      tunnels.set(winner.route, list);
    }
  }

  // Routes whose prefix is not a CIDR: unresolved, or a service tag (public addresses).
  let mayUntunnel = 0;
  let tagMayUntunnel = false;
  for (const route of unreadable) {
    const prefix = route.addressPrefix;
    const hop = nextHopOf(route);
    const tag = !isUnknown(prefix) && classifyAddress(prefix).kind !== 'unknown';
    if (!isUnknown(hop) && hop !== 'Internet') {
      // A tag's addresses are public, so a tag sent elsewhere certainly tunnels some
      // of them; an unresolved prefix only may.
      if (tag) tunnels.set(route, []);
      else uncertain ??= `route ${routeLabel(route)} sends an unresolved prefix to ${hop}`;
      continue;
    }
    if (isUnknown(hop)) uncertain ??= `the next hop of route ${routeLabel(route)} is unresolved (${hop.reason})`;
    if (tag) tagMayUntunnel = true;
    else mayUntunnel++;
  }

  // Part of the VNet's space is not known: a route that could be (inside) that space
  // may carry only VNet traffic. A prefix holding a range no VNet may use (0.0.0.0/0,
  // the /1 halves) is wider than any space; it catches Internet-bound traffic.
  const spaceUnknown = unresolvedSpace(vnetAddressSpaces);
  if (spaceUnknown !== undefined) {
    for (const c of known) {
      if (!c.route || !tunnels.has(c.route) || !couldBeVnetSpace(c.range)) continue;
      tunnels.delete(c.route);
      uncertain ??= `route ${routeLabel(c.route)} may only cover the VNet's own address space, which is not known (${spaceUnknown})`;
    }
  }

  if (tunnels.size === 0)
    return uncertain ? { status: 'unknown', reason: uncertain } : { status: 'ok' };

  const tunnelled = RangeSet.of(4, [...tunnels.values()].flat());
  const deciding = known.filter((c) => c.route && tunnels.has(c.route));
  const taggedOnly = tunnelled.isEmpty();
  if (!taggedOnly) {
    // Can routes we cannot read send all of it back to the Internet? Only by covering
    // every tunnelled address with a prefix at least as long as the one that tunnels it.
    const hull = hullLength(tunnelled);
    const longest = Math.max(...deciding.map((c) => c.length));
    const onePrefixCould = mayUntunnel === 1 && hull > longest;
    // A service tag's prefixes are specific Azure ranges: they cannot hold a whole /8.
    const tagsCould = tagMayUntunnel && !tunnelled.ranges.some((r) => size(r) >= 1n << 24n);
    if (mayUntunnel > 1 || onePrefixCould || tagsCould)
      return {
        status: 'unknown',
        reason: `${formatRange(leadingCidr(tunnelled.ranges[0]))} leaves through a next hop other than Internet unless routes whose prefix is unresolved send it to the Internet`,
      };
  }

  // Report the route with the widest prefix (0.0.0.0/0 over its more specific siblings).
  const order = [...tunnels.keys()].sort((a, b) => widthRank(a, known) - widthRank(b, known));
  const route = order[0];
  const ranges = tunnels.get(route)!;
  const example = ranges.length > 0 ? formatRange(leadingCidr(ranges[0])) : String(route.addressPrefix);
  const coveringPrefixes = routes.filter((r) => tunnels.has(r)).map((r) => String(r.addressPrefix));
  return { status: 'tunnelled', route, example, coveringPrefixes };
}

function widthRank(route: Route, known: Candidate[]): number {
  return known.find((c) => c.route === route)?.length ?? 33;
}

/** The length of the smallest CIDR block that holds the whole (non-empty) set. */
function hullLength(set: RangeSet): number {
  const rs = set.ranges;
  const first = rs[0].first;
  const last = rs[rs.length - 1].last;
  let len = 0;
  while (len < 32) {
    const host = (1n << BigInt(31 - len)) - 1n;
    if ((first & ~host) !== (last & ~host)) break;
    len++;
  }
  return len;
}

function routeLabel(route: Route): string {
  return isUnknown(route.name) ? `for ${excerpt(String(route.addressPrefix))}` : `'${excerpt(route.name)}'`;
}

export type TagRouting =
  | { status: 'internet' }
  | { status: 'elsewhere'; route: Route }
  | { status: 'unknown'; reason: string };

/**
 * Where traffic to the addresses of the service tag `tag` (`AppServiceManagement`) goes
 * from a subnet with `table`. A route whose `addressPrefix` is a service tag stands for the
 * tag's addresses, which are public and which Azure programs as the tag's own prefixes,
 * each narrower than a /8. So a route for the tag itself decides for all of its addresses
 * against any CIDR route of /8 or wider (0.0.0.0/0 included); against a narrower public
 * CIDR route, another tag or a prefix that cannot be read, whether they share addresses
 * is not known, and the answer is UNKNOWN when their next hops differ. Without a route
 * for the tag, the routes over public addresses decide only when they agree everywhere.
 */
export function routeForTag(table: RouteTable | undefined, tag: string, vnetAddressSpaces?: Maybe<Maybe<string>[]>): TagRouting {
  if (!table) return { status: 'internet' };
  const routes = table.routes;
  if (isUnknown(routes)) return { status: 'unknown', reason: `the route table's routes are unresolved (${routes.reason})` };
  const wanted = tag.trim().toLowerCase();
  const own = routes.filter((r) => !isUnknown(r.addressPrefix) && r.addressPrefix.trim().toLowerCase() === wanted);
  const others = routes.filter((r) => !own.includes(r));
  const publicSpace = internetBound(vnetAddressSpaces);

  let decided: { hop: NextHopType; route?: Route };
  if (own.length > 0) {
    const hop = nextHopOf(own[0]);
    if (isUnknown(hop)) return { status: 'unknown', reason: `the next hop of route ${routeLabel(own[0])} is unresolved (${hop.reason})` };
    const disagreeing = own.find((r) => !sameHop(nextHopOf(r), hop));
    if (disagreeing) return { status: 'unknown', reason: `routes ${routeLabel(own[0])} and ${routeLabel(disagreeing)} share the prefix ${tag} and disagree` };
    decided = { hop, route: own[0] };
  } else {
    // No route for the tag: the CIDR routes over public addresses (and the default route) decide, when they agree.
    const { known } = userRoutes(others);
    const candidates = [...known, ...defaultSystemRoute()];
    let hop: NextHopType | undefined;
    let route: Route | undefined;
    for (const span of publicSpace.ranges) {
      for (const { winner, tie } of decide(candidates, span)) {
        if (isUnknown(winner.hop)) return { status: 'unknown', reason: `the next hop of route ${routeLabel(winner.route!)} is unresolved (${winner.hop.reason})` };
        if (tie && !sameHop(tie.hop, winner.hop)) return { status: 'unknown', reason: `routes ${routeLabel(winner.route!)} and ${routeLabel(tie.route!)} share a prefix and disagree` };
        if (hop === undefined) {
          hop = winner.hop;
          route = winner.route;
        } else if (hop !== winner.hop) {
          return { status: 'unknown', reason: `the routes send some public addresses to ${hop} and others to ${winner.hop}, and which of them hold the addresses of ${tag} is not known` };
        }
      }
    }
    decided = { hop: hop ?? 'Internet', ...(route ? { route } : {}) };
  }

  // Routes that may share addresses with the tag and send them elsewhere.
  for (const r of others) {
    const hop = nextHopOf(r);
    if (!isUnknown(hop) && hop === decided.hop) continue;
    const prefix = r.addressPrefix;
    const range = isUnknown(prefix) ? undefined : parseCidr(prefix);
    if (range) {
      if (own.length === 0) continue; // already decided over the public addresses above
      if (range.version !== 4 || cidrLength(range)! <= 8) continue; // the tag's own prefixes are narrower
      if (RangeSet.of(4, [range]).intersect(publicSpace).isEmpty()) continue; // private or the VNet's: no tag's address
      return { status: 'unknown', reason: `route ${routeLabel(r)} for ${prefix} may hold some addresses of ${tag}` };
    }
    const entry = isUnknown(prefix) ? undefined : classifyAddress(prefix);
    if (entry && entry.kind !== 'unknown' && entry.kind !== 'symbolic') {
      return { status: 'unknown', reason: `route ${routeLabel(r)} for the service tag ${excerpt(String(prefix))} may share addresses with ${tag}` };
    }
    return { status: 'unknown', reason: isUnknown(prefix) ? `a route's address prefix is unresolved (${prefix.reason})` : `route ${routeLabel(r)} has a prefix whose addresses are not known` };
  }
  if (decided.hop === 'Internet') return { status: 'internet' };
  return decided.route ? { status: 'elsewhere', route: decided.route } : { status: 'internet' };
}
