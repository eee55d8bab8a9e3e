import { isSymbolic } from '../core/symbolic';
import type { NetworkModel, RouteTable, Subnet } from '../model/types';
import type { Maybe } from '../core/value';
import { isUnknown, type JsonValue } from '../core/value';
import { uniqueName } from '../core/names';
import { RangeSet, parseCidr, size, type IpRange } from '../ip/cidr';
import { classifyAddress } from '../net/serviceTags';
import { aseSites, displayName, isV1V2, vnetGateways, type AseSite } from './support/aseSite';
import type { Rule } from './types';
import type { Change, ChangeValue, Finding, Fix, NewResource } from '../core/findings';

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
  const value = routeJson(uniqueName(ROUTE_NAME, (n) => taken.has(n.toLowerCase())));
  let change: Change;
  if (table.routesRef?.path) change = { op: 'insertItem', at: table.routesRef, path: [], value };
  else if (table.routes.length === 0 && table.ref.path) change = { op: 'insertItem', at: table.ref, path: ['properties', 'routes'], value };
  else return undefined;
  return { title: `Add a 0.0.0.0/0 route to Internet to route table ${displayName(table.name)}`, changes: [change] };
}

/**
 * A new route table beside the resource that declares the subnet (the VNet for an
 * inline subnet, else the subnet resource), attached to the subnet, with that resource
 * depending on it.
 */
function createRouteTable(site: AseSite, model: NetworkModel): Fix | undefined {
  const subnet = site.subnet;
  if (!subnet.ref.path) return undefined;
  const taken = takenTableNames(model);
  const name = uniqueName(tableName(subnet.subnetName), (n) => taken.has(n.toLowerCase()));
  const table: NewResource = {
    type: ROUTE_TABLE_TYPE,
    apiVersion: ROUTE_TABLE_API_VERSION,
    name,
    location: locationFor(site),
    properties: { routes: [routeJson(ROUTE_NAME)] },
  };
  return {
    title: `Create route table '${name}' with a 0.0.0.0/0 route to Internet and attach it to the subnet`,
    changes: [
      { op: 'setProperty', at: subnet.ref, path: ['properties', 'routeTable'], value: { id: `[resourceId('${ROUTE_TABLE_TYPE}', '${name}')]` } },
      { op: 'addDependency', from: { at: subnet.ref }, on: { added: 'table' } },
      { op: 'addResource', key: 'table', beside: subnet.ref, resource: table },
    ],
  };
}

/**
 * The VNet's location as it is written (else the ASE's), so a parameter stays a
 * parameter, when that means the same beside the subnet; else its value when plainly
 * known; else the resource group's location.
 */
function locationFor(site: AseSite): ChangeValue {
  const known = site.subnet.vnet?.location ?? site.ase.location;
  let value: ChangeValue = typeof known === 'string' && !isSymbolic(known) ? known : '[resourceGroup().location]';
  for (const r of [site.ase, site.subnet.vnet]) {
    if (r) value = { writtenAt: r.ref, path: ['location'], anyExpression: true, otherwise: value };
  }
  return value;
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
