import { getProp, isUnknown, type Value } from '../../core/value';
import { findForcedTunnel, routeForTag, type ForcedTunnel } from '../../net/routes';
import type { AseSite } from './aseSite';

/** Three-valued: true, false, or not known (with why). */
type Tri = true | false | { unknown: string };

const isTrue = (t: Tri): boolean => t === true;
const isFalse = (t: Tri): boolean => t === false;
function and(...ts: Tri[]): Tri {
  if (ts.some(isFalse)) return false;
  return ts.find((t): t is { unknown: string } => typeof t === 'object') ?? true;
}
function or(...ts: Tri[]): Tri {
  if (ts.some(isTrue)) return true;
  return ts.find((t): t is { unknown: string } => typeof t === 'object') ?? false;
}

/** The service endpoints the documented forced-tunnel setups put on the ASE subnet. */
export const SQL_ENDPOINT = 'Microsoft.Sql';
export const STORAGE_ENDPOINT = 'Microsoft.Storage';
/** The tag whose addresses must be routed to Internet: Azure's management traffic comes from them, and the replies must leave by the address it came to. */
export const MANAGEMENT_TAG = 'AppServiceManagement';

/** Whether the ASE subnet has a service endpoint for `service` (`Microsoft.Storage` also as `Microsoft.Storage.Global`). */
function hasServiceEndpoint(site: AseSite, service: string): Tri {
  const list = site.subnet.serviceEndpoints;
  if (isUnknown(list)) return { unknown: `the subnet's service endpoints are unresolved (${list.reason})` };
  const wanted = service.toLowerCase();
  let undecided: string | undefined;
  for (const item of list) {
    if (isUnknown(item.value)) {
      undecided ??= item.value.reason;
      continue;
    }
    const name = item.value.trim().toLowerCase();
    if (name === wanted || name.startsWith(`${wanted}.`)) return true;
  }
  return undecided ? { unknown: `a service endpoint of the subnet is unresolved (${undecided})` } : false;
}

/** Whether the ASE is told the addresses its traffic leaves from (`userWhitelistedIpRanges`, not empty). */
function hasEgressRanges(site: AseSite): Tri {
  const props: Value | undefined = site.ase.properties;
  if (props === undefined || isUnknown(props)) return props === undefined ? false : { unknown: `the ASE's properties are unresolved (${props.reason})` };
  const ranges = getProp(props, 'userWhitelistedIpRanges');
  if (ranges === undefined || ranges === null) return false;
  if (isUnknown(ranges)) return { unknown: `the ASE's userWhitelistedIpRanges are unresolved (${ranges.reason})` };
  return Array.isArray(ranges) ? ranges.length > 0 : { unknown: 'the ASE\u2019s userWhitelistedIpRanges is not a list' };
}

export interface DocumentedSetup {
  /** Whether the subnet follows one of the documented forced-tunnel setups. */
  followed: Tri;
  /** The management addresses certainly reach the Internet directly. */
  managementDirect: boolean;
  /** The service endpoints setup (a) still lacks, when everything else of it is in place. */
  missingEndpoints: string[];
}

/**
 * The forced-tunnel setups the current documentation supports for an ASEv1/v2:
 * (a) the App Service management addresses routed to Internet, and service endpoints
 * for Azure SQL and Azure Storage on the ASE subnet; (b) the ASE told its egress
 * addresses (`userWhitelistedIpRanges`) and a Storage service endpoint. Traffic to a
 * service the subnet has an endpoint for bypasses the route table.
 */
export function documentedSetup(site: AseSite): DocumentedSetup {
  const table = site.routeTable;
  const routing = table === undefined || isUnknown(table) ? undefined : routeForTag(table, MANAGEMENT_TAG, site.vnetAddressSpaces);
  const management: Tri =
    table !== undefined && isUnknown(table)
      ? { unknown: table.reason }
      : routing === undefined || routing.status === 'internet'
        ? true
        : routing.status === 'elsewhere'
          ? false
          : { unknown: routing.reason };
  const sql = hasServiceEndpoint(site, SQL_ENDPOINT);
  const storage = hasServiceEndpoint(site, STORAGE_ENDPOINT);
  const followed = or(and(management, sql, storage), and(hasEgressRanges(site), storage));
  const missingEndpoints = management === true ? [isFalse(sql) ? SQL_ENDPOINT : '', isFalse(storage) ? STORAGE_ENDPOINT : ''].filter(Boolean) : [];
  return { followed, managementDirect: management === true, missingEndpoints };
}

/** What the explain panel and the ASE hover say of forced tunnelling set up as documented. */
export const documentedDetail =
  'forced tunnelling as the documentation sets it up: the management addresses go straight to the internet (or the ASE knows its egress addresses), and Azure SQL and Storage are reached through service endpoints';

export type SiteTunnel = ForcedTunnel | { status: 'documented'; route: ForcedTunnel & { status: 'tunnelled' } };

/**
 * Whether the ASE subnet's internet-bound traffic is forced through another next hop in a
 * way that breaks an ASEv1/v2: tunnelled routes that follow a documented setup are
 * `documented`; where it cannot be told whether they do, the answer is UNKNOWN.
 */
export function siteForcedTunnel(site: AseSite): SiteTunnel {
  const table = site.routeTable;
  if (table === undefined) return { status: 'ok' };
  if (isUnknown(table)) return { status: 'unknown', reason: table.reason };
  const verdict = findForcedTunnel(table, site.vnetAddressSpaces);
  if (verdict.status !== 'tunnelled') return verdict;
  const setup = documentedSetup(site);
  if (setup.followed === true) return { status: 'documented', route: verdict };
  if (setup.followed !== false) return { status: 'unknown', reason: `whether the routes follow a documented forced-tunnel setup is not known: ${setup.followed.unknown}` };
  return verdict;
}
