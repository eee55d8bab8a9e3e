import { resourceKeyFromId } from '../eval/resourceId';
import type { Related } from '../core/nodeRef';
import type { NetworkModel, ResourceBase, VirtualNetwork } from '../model/types';
import { asBoolean, getPath, getProp, isUnknown, type Value } from '../core/value';
import { overlaps, parseAddress, parseCidr, type IpRange } from '../ip/cidr';
import { displayName, gatewayIntegrations, type GatewayIntegration } from './support/aseSite';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

const PEERING_TYPE = 'microsoft.network/virtualnetworks/virtualnetworkpeerings';
const PLAN_ROUTE_TYPE = 'microsoft.web/serverfarms/virtualnetworkconnections/routes';
const PLAN_KEY_PREFIX = 'microsoft.web/serverfarms/';

interface Peering {
  resource: ResourceBase;
  owner: VirtualNetwork;
  /** The remote VNet's resource key, when its id resolves. */
  remoteKey: string | undefined;
  /** The remote VNet, when it is declared in the analysed files and certainly deployed. */
  remote: VirtualNetwork | undefined;
}

/** A route the app's plan declares for its connection to the integration VNet. */
interface PlanRoute {
  resource: ResourceBase;
  range: IpRange;
}

export const peeringForGatewayIntegration: Rule = {
  code: 'ASE709',
  name: 'peering-for-gateway-integration',
  title: "A peering that carries gateway-required VNet Integration must forward traffic and share the integration VNet's gateway.",
  severity: 'warning',
  appliesTo: 'any',
  reads: ['vnet.addressSpace', 'vnet.subnets', 'plans', 'sites', 'gateways', 'peerings'],
  check(model) {
    const out: Finding[] = [];
    const peerings = allPeerings(model);
    const done = new Set<ResourceBase>();
    for (const g of gatewayIntegrations(model)) {
      const routes = planRoutes(model, g);
      if (routes.length === 0) continue;
      const a = g.vnet;
      for (const p of peerings) {
        if (done.has(p.resource)) continue;
        let flags: string[];
        let side: string;
        let peered: VirtualNetwork | undefined;
        if (p.owner === a) {
          peered = p.remote;
          flags = ['allowForwardedTraffic', 'allowGatewayTransit'];
          side = `on VNet ${displayName(a.name)}, whose gateway carries the gateway-required VNet Integration ${displayName(g.resource.name)},`;
        } else if (p.remoteKey === a.key) {
          peered = p.owner;
          flags = mayUseRemoteGateways(model, peerings, p) ? ['allowForwardedTraffic', 'useRemoteGateways'] : ['allowForwardedTraffic'];
          side = `from VNet ${displayName(p.owner.name)} back to VNet ${displayName(a.name)}, whose gateway carries the gateway-required VNet Integration ${displayName(g.resource.name)},`;
        } else {
          continue;
        }
        // Only a peered VNet the app certainly routes to through the integration.
        const via = peered === undefined ? [] : routesInto(peered, routes);
        if (via.length === 0) continue;
        const missing = flags.filter((f) => isFalse(getProp(p.resource.properties, f)));
        if (missing.length === 0) continue;
        done.add(p.resource);
        const related: Related[] = [
          ...g.related,
          ...via.map((r) => ({
            message: `Route ${displayName(r.resource.name)} of the app's App Service plan, which sends the range of VNet ${displayName(peered!.name)} into the integration`,
            at: r.resource.ref,
          })),
          { message: `Peering ${displayName(p.resource.name)}`, at: p.resource.ref },
        ];
        const finding: Finding = {
          message: `Peering ${displayName(p.resource.name)} ${side} does not set ${missing.join(' and ')}: the app's traffic from the point-to-site pool does not cross the peering`,
          at: p.resource.ref,
          related,
        };
        if (p.resource.ref.path) {
          finding.fix = {
            title: `Set ${missing.join(' and ')} on the peering`,
            changes: missing.map((f) => ({ op: 'setProperty', at: p.resource.ref, path: ['properties', f], value: true })),
          };
        }
        out.push(finding);
      }
    }
    return out;
  },
};

/** Absent or null is Azure's default, `false`; a value that cannot be resolved is taken as set. */
function isFalse(v: Value | undefined): boolean {
  const b = v === undefined || v === null ? false : asBoolean(v);
  return b === false;
}

function allPeerings(model: NetworkModel): Peering[] {
  const out: Peering[] = [];
  for (const r of model.resources) {
    if (r.type.toLowerCase() !== PEERING_TYPE || r.existing || isUnknown(r.condition) || typeof r.name !== 'string') continue;
    const ownerName = r.name.split('/')[0].toLowerCase();
    const owner = model.vnets.find((v) => typeof v.name === 'string' && v.name.toLowerCase() === ownerName && !isUnknown(v.condition));
    if (!owner) continue;
    const id = getPath(r.properties, 'remoteVirtualNetwork', 'id');
    const remoteKey = typeof id === 'string' ? resourceKeyFromId(id) : undefined;
    const remote = remoteKey === undefined ? undefined : model.vnets.find((v) => v.key === remoteKey && !isUnknown(v.condition));
    out.push({ resource: r, owner, remoteKey, remote });
  }
  return out;
}

/**
 * The routes the app's plan declares for this connection
 * (`<plan>/<connection>/<route>`, the connection named as the app's), whose range resolves.
 * Empty when the app or its plan is not known.
 */
function planRoutes(model: NetworkModel, g: GatewayIntegration): PlanRoute[] {
  const plan = planName(g);
  const connection = typeof g.resource.name === 'string' ? g.resource.name.split('/')[1]?.toLowerCase() : undefined;
  if (plan === undefined || connection === undefined) return [];
  const out: PlanRoute[] = [];
  for (const r of model.resources) {
    if (r.type.toLowerCase() !== PLAN_ROUTE_TYPE || isUnknown(r.condition) || typeof r.name !== 'string') continue;
    const [p, c] = r.name.toLowerCase().split('/');
    if (p !== plan || c !== connection) continue;
    const range = routeRange(r.properties);
    if (range) out.push({ resource: r, range });
  }
  return out;
}

function planName(g: GatewayIntegration): string | undefined {
  const reference = g.site?.plan;
  if (!reference) return undefined;
  const target = reference.target;
  if (target) return !isUnknown(target.condition) && typeof target.name === 'string' ? target.name.toLowerCase() : undefined;
  const key = typeof reference.id === 'string' ? resourceKeyFromId(reference.id) : undefined;
  return key?.startsWith(PLAN_KEY_PREFIX) ? key.slice(PLAN_KEY_PREFIX.length) : undefined;
}

/** `startAddress` in CIDR form, or `startAddress`-`endAddress` (a single address without an end). */
function routeRange(props: Value | undefined): IpRange | undefined {
  const start = getProp(props, 'startAddress');
  const end = getProp(props, 'endAddress');
  if (typeof start !== 'string') return undefined;
  if (start.includes('/')) return parseCidr(start);
  const first = parseAddress(start);
  if (!first) return undefined;
  if (end === undefined || end === null || end === '') return { version: first.version, first: first.value, last: first.value };
  const last = typeof end === 'string' ? parseAddress(end) : undefined;
  if (!last || last.version !== first.version || last.value < first.value) return undefined;
  return { version: first.version, first: first.value, last: last.value };
}

/** The routes that overlap a known prefix of the VNet's address space. */
function routesInto(vnet: VirtualNetwork, routes: PlanRoute[]): PlanRoute[] {
  if (isUnknown(vnet.addressPrefixes)) return [];
  const spaces = vnet.addressPrefixes.flatMap((p) => {
    const r = isUnknown(p.value) ? undefined : parseCidr(p.value);
    return r ? [r] : [];
  });
  return routes.filter((route) => spaces.some((s) => s.version === route.range.version && overlaps(s, route.range)));
}

/**
 * Whether Azure would accept `useRemoteGateways` on this peering: not when its VNet has a
 * gateway of its own (declared there, or possibly there: a gateway whose VNet cannot be
 * resolved, or a `GatewaySubnet` that a gateway outside these files may use), and not when
 * another peering of that VNet already uses (or may use) a remote gateway.
 */
function mayUseRemoteGateways(model: NetworkModel, peerings: Peering[], p: Peering): boolean {
  const vnet = p.owner;
  const gatewayThere = model.gateways.some((gw) => {
    if (gw.vnet?.target) return gw.vnet.target === vnet;
    const id = gw.vnet?.id;
    const key = typeof id === 'string' ? resourceKeyFromId(id) : undefined;
    // A gateway whose VNet cannot be placed may be in this one.
    return key === undefined || key === vnet.key || key.startsWith(`${vnet.key}/`);
  });
  if (gatewayThere) return false;
  const subnets = [...vnet.subnets, ...model.subnets.filter((s) => s.vnet === vnet)];
  if (subnets.some((s) => typeof s.subnetName === 'string' && s.subnetName.toLowerCase() === 'gatewaysubnet')) return false;
  const usesAnother = model.resources.some(
    (r) =>
      r !== p.resource &&
      r.type.toLowerCase() === PEERING_TYPE &&
      typeof r.name === 'string' &&
      r.name.split('/')[0].toLowerCase() === (typeof vnet.name === 'string' ? vnet.name.toLowerCase() : '') &&
      !isFalse(getProp(r.properties, 'useRemoteGateways')),
  );
  return !usesAnother;
}
