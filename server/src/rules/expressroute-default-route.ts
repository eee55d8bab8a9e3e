import { isSymbolic } from '../core/symbolic';
import { isBicepUri } from '../parse/bicep/document';
import type { NodePath, NodeRef } from '../core/nodeRef';
import type { NetworkModel, RouteTable, Subnet } from '../model/types';
import type { Maybe } from '../core/value';
import { isUnknown, type JsonValue } from '../core/value';
import { RangeSet, parseCidr, size, type IpRange } from '../ip/cidr';
import { classifyAddress } from '../net/serviceTags';
import { aseSites, displayName, isV1V2, vnetGateways, type AseSite } from './support/aseSite';
import type { Rule } from './types';
import type { Change, Finding, Fix } from '../core/findings';

const ROUTE_TABLE_TYPE = 'Microsoft.Network/routeTables';
const ROUTE_TABLE_API_VERSION = '2023-04-01';
const ROUTE_NAME = 'DefaultToInternet';

/** Destinations that never leave for the internet: private, shared and special ranges. */
const NOT_INTERNET = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '0.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/3'];

export const expressrouteDefaultRoute: Rule = {
  code: 'ASE302',
  name: 'expressroute-default-route',
  title: 'An ASEv1/v2 subnet in a VNet with ExpressRoute or a tunnelling VPN needs its own 0.0.0.0/0 route to Internet.',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  reads: ['ase.kind', 'ase.subnet', 'subnet.routeTable', 'vnet.addressSpace', 'routeTable.routes', 'routeTable.propagation', 'gateways', 'locations'],
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<Subnet>();
    for (const site of aseSites(model)) {
      if (!isV1V2(site.version) || seen.has(site.subnet)) continue;
      const gateway = vnetGateways(model, site.subnet.vnet).find((g) => g.mayAdvertiseDefault);
      if (!gateway) continue;
      const table = site.routeTable;
      if (isUnknown(table) || (table && isUnknown(table.condition))) continue;
      // Gateway route propagation off: no learned route reaches the subnet, the system
      // default route keeps internet-bound traffic on the internet. Unresolved: it may be off.
      if (table && (table.disableBgpRoutePropagation === true || isUnknown(table.disableBgpRoutePropagation))) continue;
      if (leftToDefaultRoute(table, site) !== true) continue;
      seen.add(site.subnet);
      const vnet = displayName(site.subnet.vnet?.name);
      const consequence = `a 0.0.0.0/0 route advertised through it would force-tunnel the ASE's internet-bound traffic, and the ASE would be suspended`;
      const finding: Finding = table
        ? {
            message: `Route table ${displayName(table.name)} on the subnet of ASE ${displayName(site.ase.name)} has no 0.0.0.0/0 route to Internet, and its VNet ${vnet} has ${gateway.label}: ${consequence}`,
            at: table.ref,
            related: [...site.related, { message: gateway.label, at: gateway.resource.ref }],
          }
        : {
            message: `The subnet ${displayName(site.subnet.subnetName)} of ASE ${displayName(site.ase.name)} has no route table, and its VNet ${vnet} has ${gateway.label}: ${consequence}`,
            at: site.subnet.ref,
            related: [...site.related, { message: gateway.label, at: gateway.resource.ref }],
          };
      const fix = table ? addDefaultRoute(table) : createRouteTable(site, model);
      if (fix) finding.fix = fix;
      out.push(finding);
    }
    return out;
  },
};

/**
 * True when some internet-bound destination of the subnet is decided by Azure's system
 * default route (which a learned 0.0.0.0/0 overrides); false when user routes catch all
 * of them; undefined when routes that cannot be read might.
 */
function leftToDefaultRoute(table: RouteTable | undefined, site: AseSite): boolean | undefined {
  if (!table) return true;
  if (isUnknown(table.routes)) return undefined;
  let left = RangeSet.full(4).subtract(RangeSet.parse(4, NOT_INTERNET)!);
  const spaces = site.vnetAddressSpaces;
  if (!isUnknown(spaces)) {
    for (const s of spaces) {
      const r = isUnknown(s) ? undefined : parseCidr(s);
      if (r) left = left.subtract(RangeSet.of(4, [r]));
    }
  }
  const caught: IpRange[] = [];
  let unresolved = false;
  let tagged = false;
  for (const route of table.routes) {
    const prefix = route.addressPrefix;
    const range = isUnknown(prefix) ? undefined : parseCidr(prefix);
    if (range) caught.push(range);
    else if (!isUnknown(prefix) && classifyAddress(prefix).kind !== 'unknown') tagged = true;
    else unresolved = true;
  }
  left = left.subtract(RangeSet.of(4, caught));
  if (left.isEmpty()) return false;
  // A service tag stands for specific Azure ranges: it may fill small gaps, never a /8.
  const tagsCould = tagged && !left.ranges.some((r) => size(r) >= 1n << 24n);
  return unresolved || tagsCould ? undefined : true;
}

function routeJson(name: string): JsonValue {
  return { name, properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } };
}

function addDefaultRoute(table: RouteTable): Fix | undefined {
  if (isUnknown(table.routes)) return undefined;
  const taken = new Set(table.routes.map((r) => (typeof r.name === 'string' ? r.name.toLowerCase() : '')));
  const value = routeJson(unique(ROUTE_NAME, taken));
  let change: Change;
  if (table.routesRef?.path) change = { target: table.routesRef, path: [], value, insert: 'end' };
  else if (table.routes.length === 0 && table.ref.path) change = { target: table.ref, path: ['properties', 'routes'], value, insert: 'end' };
  else return undefined;
  return { title: `Add a 0.0.0.0/0 route to Internet to route table ${displayName(table.name)}`, changes: [change] };
}

/**
 * A new route table beside the resource that declares the subnet (the VNet for an
 * inline subnet, else the subnet resource), attached to the subnet, with that resource
 * depending on it. Undefined unless all three places are literal text.
 */
function createRouteTable(site: AseSite, model: NetworkModel): Fix | undefined {
  const subnet = site.subnet;
  const subnetPath = subnet.ref.path;
  if (!subnetPath) return undefined;
  const ownerPath = declaringResourcePath(subnetPath);
  // Bicep: a new top-level declaration is an insert into the file's `resources` (see
  // edits/bicep.ts); ARM: into the `resources` array that holds the VNet.
  const bicep = isBicepUri(subnet.ref.uri);
  const arrayPath = bicep ? [] : templateResourcesPath(ownerPath);
  if (!arrayPath) return undefined;
  const name = unique(tableName(subnet.subnetName), takenTableNames(model));
  const id = `[resourceId('${ROUTE_TABLE_TYPE}', '${name}')]`;
  const table: JsonValue = {
    type: ROUTE_TABLE_TYPE,
    apiVersion: ROUTE_TABLE_API_VERSION,
    name,
    location: bicep ? bicepLocationFor(site) : locationFor(site, arrayPath),
    properties: { routes: [routeJson(ROUTE_NAME)] },
  };
  const at = (path: NodePath): NodeRef => ({ uri: subnet.ref.uri, range: subnet.ref.range, path });
  return {
    title: `Create route table '${name}' with a 0.0.0.0/0 route to Internet and attach it to the subnet`,
    changes: [
      { target: subnet.ref, path: ['properties', 'routeTable'], value: { id } },
      { target: at(ownerPath), path: ['dependsOn'], value: id, insert: 'end' },
      bicep
        ? { target: at([]), path: ['resources'], value: table, insert: 'end' }
        : { target: at(arrayPath), path: [], value: table, insert: 'end' },
    ],
  };
}

/** An inline subnet (`…/properties/subnets/n`) is declared by its VNet; a subnet resource by itself. */
function declaringResourcePath(subnetPath: NodePath): NodePath {
  const n = subnetPath.length;
  const inline =
    n >= 3 &&
    typeof subnetPath[n - 1] === 'number' &&
    String(subnetPath[n - 2]).toLowerCase() === 'subnets' &&
    String(subnetPath[n - 3]).toLowerCase() === 'properties';
  return inline ? subnetPath.slice(0, n - 3) : subnetPath;
}

/**
 * The `resources` array of the template (top level or nested deployment) that holds the
 * resource at `path`, climbing out of child `resources` of other resources. Undefined
 * for symbolic-name (object) resources, which an array insert cannot reach.
 */
function templateResourcesPath(path: NodePath): NodePath | undefined {
  let found: number | undefined;
  for (let i = 0; i + 1 < path.length; i++) {
    if (String(path[i]).toLowerCase() !== 'resources' || typeof path[i + 1] !== 'number') continue;
    const atTemplate =
      i === 0 || (String(path[i - 1]).toLowerCase() === 'template' && String(path[i - 2]).toLowerCase() === 'properties');
    if (atTemplate) found = i;
  }
  return found === undefined ? undefined : path.slice(0, found + 1);
}

function samePath(a: NodePath | undefined, b: NodePath): boolean {
  return a !== undefined && a.length === b.length && a.every((seg, i) => String(seg).toLowerCase() === String(b[i]).toLowerCase());
}

/**
 * The VNet's location as written (else the ASE's) when it is declared in the same
 * template, so a parameter stays a parameter; else its value when plainly known; else
 * the resource group's location.
 */
function locationFor(site: AseSite, arrayPath: NodePath): string {
  for (const r of [site.subnet.vnet, site.ase]) {
    if (!r?.ref.path || r.ref.uri !== site.subnet.ref.uri) continue;
    const home = templateResourcesPath(r.ref.path);
    if (r.locationText !== undefined && home && samePath(home, arrayPath)) return r.locationText;
  }
  const known = site.subnet.vnet?.location ?? site.ase.location;
  if (typeof known === 'string' && !isSymbolic(known)) return known;
  return '[resourceGroup().location]';
}

/**
 * The same choice for a Bicep file, as the ARM-style value the Bicep renderer turns back
 * into Bicep: a quoted literal stays a string, a bare symbol is taken for a parameter
 * (the renderer keeps it only when the file declares that parameter), and the resource
 * group's location passes through.
 */
function bicepLocationFor(site: AseSite): string {
  for (const r of [site.subnet.vnet, site.ase]) {
    if (r?.ref.uri !== site.subnet.ref.uri || r.locationText === undefined) continue;
    const text = r.locationText.trim();
    if (/^'[^'\\$]*'$/.test(text)) return text.slice(1, -1);
    if (/^[A-Za-z_]\w*$/.test(text)) return `[parameters('${text}')]`;
    if (text === 'resourceGroup().location') return '[resourceGroup().location]';
  }
  const known = site.subnet.vnet?.location ?? site.ase.location;
  if (typeof known === 'string' && !isSymbolic(known)) return known;
  return '[resourceGroup().location]';
}

function tableName(subnetName: Maybe<string>): string {
  if (typeof subnetName === 'string' && /^[A-Za-z0-9][\w.-]*$/.test(subnetName)) return `${subnetName}-routes`;
  return 'ase-routes';
}

function takenTableNames(model: NetworkModel): Set<string> {
  const names = new Set<string>();
  for (const r of model.resources) {
    if (r.type.toLowerCase() === ROUTE_TABLE_TYPE.toLowerCase() && typeof r.name === 'string') names.add(r.name.toLowerCase());
  }
  return names;
}

function unique(base: string, taken: Set<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`.toLowerCase())) return `${base}-${i}`;
}
