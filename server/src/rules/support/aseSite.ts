import { resourceKeyFromId } from '../../eval/resourceId';
import { describeSymbolic, isSymbolic } from '../../core/symbolic';
import { excerpt } from '../../core/excerpt';
import type { NodeRef, Related } from '../../core/nodeRef';
import type {
  AppServiceEnvironment,
  AppServicePlan,
  AseVersion,
  NetworkModel,
  NetworkSecurityGroup,
  ResourceBase,
  RouteTable,
  Site,
  Subnet,
  VirtualNetwork,
} from '../../model/types';
import { getProp, isObject, isSymbolicValue, isUnknown, unknown, type Maybe, type Unknown, type Value } from '../../core/value';
import type { NsgContext } from '../../net/nsg';
import type { Endpoint } from '../../core/flow';
import type { WrittenAt } from '../../core/findings';

/**
 * An ASE whose version and subnet are known, with what its subnet is attached to.
 * Rules that need more than the model's raw references start from here, so every rule
 * resolves "the ASE's subnet, NSG and route table" the same way.
 */
export interface AseSite {
  ase: AppServiceEnvironment;
  version: AseVersion;
  subnet: Subnet;
  /**
   * The subnet's prefixes when every one resolved. A prefix known only at deployment (a
   * parameter without a value) leaves this UNKNOWN: rules that need the addresses (size,
   * overlaps) stay silent; NSG flows still use it through `subnetEndpoint`.
   */
  prefixes: string[] | Unknown;
  /** The NSG on the subnet: undefined when there is none, UNKNOWN when it cannot be seen. */
  nsg: NetworkSecurityGroup | undefined | Unknown;
  routeTable: RouteTable | undefined | Unknown;
  nsgContext: NsgContext;
  /** The address space of the subnet's VNet (UNKNOWN when the VNet or a prefix cannot be read). */
  vnetAddressSpaces: NsgContext['vnetAddressSpaces'];
  /** Points at the ASE and its subnet, for every finding about this ASE. */
  related: Related[];
}

// Every rule about ASEs asks for the sites; they are made once per model (again if its ASE
// list is replaced or grows), so what a site works out on first use — its NSG context, with
// the prepared address sets and the verdicts that hang on it — serves all the rules.
const sitesOfModel = new WeakMap<NetworkModel, { ases: NetworkModel['ases']; length: number; sites: AseSite[] }>();

export function aseSites(model: NetworkModel): AseSite[] {
  const kept = sitesOfModel.get(model);
  if (kept && kept.ases === model.ases && kept.length === model.ases.length) return [...kept.sites];
  const sites = makeSites(model);
  sitesOfModel.set(model, { ases: model.ases, length: model.ases.length, sites });
  return [...sites];
}

function makeSites(model: NetworkModel): AseSite[] {
  const out: AseSite[] = [];
  for (const ase of model.ases) {
    if (isUnknown(ase.version) || isUnknown(ase.condition)) continue;
    const subnet = ase.subnet?.target;
    if (!subnet || isUnknown(subnet.condition)) continue;
    out.push(new LazySite(ase, ase.version, subnet));
  }
  return out;
}

/**
 * What the subnet is attached to is worked out when a rule first asks for it, so that a
 * rule reads only the parts of the model it uses: test/meta/reads.test.ts holds each rule
 * to the parts it declares in `reads`.
 */
class LazySite implements AseSite {
  readonly related: Related[];
  private prefixesOnce?: { value: string[] | Unknown };
  private nsgOnce?: { value: NetworkSecurityGroup | undefined | Unknown };
  private routeTableOnce?: { value: RouteTable | undefined | Unknown };
  private nsgContextOnce?: NsgContext;
  private vnetAddressSpacesOnce?: { value: NsgContext['vnetAddressSpaces'] };

  constructor(
    readonly ase: AppServiceEnvironment,
    readonly version: AseVersion,
    readonly subnet: Subnet,
  ) {
    this.related = [
      { message: `App Service Environment ${displayName(ase.name)}`, at: ase.ref, context: true },
      { message: `Its subnet ${displayName(subnet.subnetName)}`, at: subnet.ref, context: true },
    ];
  }

  get prefixes(): string[] | Unknown {
    return (this.prefixesOnce ??= { value: knownStrings(this.subnet.addressPrefixes) }).value;
  }

  get nsg(): NetworkSecurityGroup | undefined | Unknown {
    return (this.nsgOnce ??= { value: attached(this.subnet.networkSecurityGroup, 'network security group') }).value;
  }

  get routeTable(): RouteTable | undefined | Unknown {
    return (this.routeTableOnce ??= { value: attached(this.subnet.routeTable, 'route table') }).value;
  }

  get vnetAddressSpaces(): NsgContext['vnetAddressSpaces'] {
    // One list per site: what the route checks work out from it is kept by the list.
    return (this.vnetAddressSpacesOnce ??= { value: vnetSpaces(this.subnet) }).value;
  }

  get nsgContext(): NsgContext {
    return (this.nsgContextOnce ??= nsgContextOf(this.subnet));
  }
}

/**
 * What the tags of rules in the subnet's NSG stand for: its VNet's address space and the
 * prefixes of the VNet's subnets (this one included, declared or not: Azure keeps every
 * subnet inside its VNet), and whether a 0.0.0.0/0 route folds everything into
 * `VirtualNetwork`.
 */
export function nsgContextOf(subnet: Subnet): NsgContext {
  const subnets = subnet.vnet ? subnet.vnet.subnets : [subnet];
  const vnetSubnetPrefixes: Maybe<string>[] = [];
  for (const s of subnets) {
    if (s !== subnet && s.condition !== true) continue;
    if (!isUnknown(s.addressPrefixes)) for (const p of s.addressPrefixes) vnetSubnetPrefixes.push(p.value);
  }
  return { vnetAddressSpaces: vnetSpaces(subnet), vnetSubnetPrefixes, defaultRouteViaUdr: hasDefaultRoute(subnet.routeTable?.target) };
}

function attached<T>(
  reference: { id: string | Unknown; target?: T } | undefined,
  what: string,
): T | undefined | Unknown {
  if (!reference) return undefined;
  if (reference.target) return reference.target;
  if (isUnknown(reference.id)) return reference.id;
  return unknown(`the ${what} ${displayName(reference.id)} is not declared in the analysed files`);
}

function vnetSpaces(subnet: Subnet): NsgContext['vnetAddressSpaces'] {
  const spaces = subnet.vnet?.addressPrefixes;
  if (spaces === undefined) return unknown('the subnet\'s virtual network is not declared in the analysed files');
  return isUnknown(spaces) ? spaces : spaces.map((p) => p.value);
}

function knownStrings(list: Subnet['addressPrefixes']): string[] | Unknown {
  if (isUnknown(list)) return list;
  const out: string[] = [];
  for (const p of list) {
    if (isUnknown(p.value)) return p.value;
    out.push(p.value);
  }
  return out;
}

function hasDefaultRoute(table: RouteTable | undefined): boolean {
  if (!table || isUnknown(table.routes)) return false;
  return table.routes.some((r) => r.addressPrefix === '0.0.0.0/0');
}

/** A resource name for a message: quoted, with deployment placeholders made readable, an excerpt of it when it is long. */
export function displayName(name: string | Unknown | undefined): string {
  if (name === undefined) return '(unnamed)';
  // The resource has a name; the template just does not say it before deployment.
  if (isUnknown(name)) return '(name unresolved)';
  return `'${excerpt(isSymbolic(name) ? describeSymbolic(name) : name)}'`;
}

/**
 * The ASE subnet's prefixes the way the template writes them (the parameter, variable or
 * Bicep symbol, or the literal), for a rule a fix writes: one prefix → one value, several
 * → a list. Undefined when a prefix is not literal text an edit can read.
 */
export function subnetPrefixesAsWritten(site: AseSite): WrittenAt | WrittenAt[] | undefined {
  const list = site.subnet.addressPrefixes;
  // A prefix known only at deployment is written as the template writes it, so the rule names the same addresses.
  if (isUnknown(list) || list.length === 0 || list.some((p) => !p.ref.path || (isUnknown(p.value) && !isSymbolicValue(p.value)))) return undefined;
  const written = list.map((p): WrittenAt => ({ writtenAt: p.ref }));
  return written.length === 1 ? written[0] : written;
}

/**
 * The ASE subnet as a flow endpoint: its prefixes, those known only at deployment as
 * symbols the NSG evaluator compares by identity; UNKNOWN when a prefix is unresolved.
 */
export function subnetEndpoint(site: AseSite): Endpoint {
  if (!isUnknown(site.prefixes)) return { prefixes: site.prefixes };
  const list = site.subnet.addressPrefixes;
  if (isUnknown(list) || list.length === 0 || !list.every((p) => typeof p.value === 'string' || isSymbolicValue(p.value))) return site.prefixes;
  return { prefixes: list.map((p) => p.value) };
}

export function isV1V2(v: AseVersion): boolean {
  return v === 'v1' || v === 'v2';
}

/** Where a finding about an NSG goes when no single rule of it is to blame. */
export function nsgAnchor(nsg: NetworkSecurityGroup): NodeRef {
  return nsg.securityRulesRef ?? nsg.ref;
}

/** A gateway in a VNet, or a connection on one: how routes from outside reach its subnets. */
export interface VnetGateway {
  resource: ResourceBase;
  kind: 'ExpressRoute' | 'Vpn';
  /**
   * It can bring a 0.0.0.0/0 route to the VNet's subnets: ExpressRoute always (the
   * circuit's BGP session may advertise one); a VPN when it is set up for forced
   * tunnelling (a default site) or learns routes over BGP.
   */
  mayAdvertiseDefault: boolean;
  /** "ExpressRoute gateway 'er-gw'", for messages. */
  label: string;
}

/**
 * The gateways declared in `vnet` and the connections made on them. Resources whose
 * condition or type cannot be resolved are left out: a rule that needs a gateway then
 * stays silent.
 */
export function vnetGateways(model: NetworkModel, vnet: VirtualNetwork | undefined): VnetGateway[] {
  if (!vnet) return [];
  const out: VnetGateway[] = [];
  for (const gw of model.gateways) {
    if (isUnknown(gw.condition) || gw.vnet?.target !== vnet) continue;
    const type = lowerString(gw.gatewayType);
    if (type === 'expressroute') {
      out.push({ resource: gw, kind: 'ExpressRoute', mayAdvertiseDefault: true, label: `ExpressRoute gateway ${displayName(gw.name)}` });
    } else if (type === 'vpn') {
      const defaultSite = getProp(gw.properties, 'gatewayDefaultSite');
      const tunnels = isObject(defaultSite) || isTrue(getProp(gw.properties, 'enableBgp'));
      out.push({ resource: gw, kind: 'Vpn', mayAdvertiseDefault: tunnels, label: `VPN gateway ${displayName(gw.name)}` });
    }
  }
  for (const c of model.connections) {
    if (isUnknown(c.condition) || c.gateway?.target?.vnet?.target !== vnet) continue;
    const type = lowerString(c.connectionType);
    if (type === 'expressroute') {
      out.push({ resource: c, kind: 'ExpressRoute', mayAdvertiseDefault: true, label: `ExpressRoute connection ${displayName(c.name)}` });
    } else if (type === 'ipsec' || type === 'vnet2vnet') {
      const bgp = isTrue(getProp(c.properties, 'enableBgp'));
      out.push({ resource: c, kind: 'Vpn', mayAdvertiseDefault: bgp, label: `VPN connection ${displayName(c.name)}` });
    }
  }
  return out;
}

function lowerString(v: string | Unknown | undefined): string | undefined {
  return typeof v === 'string' ? v.trim().toLowerCase() : undefined;
}

function isTrue(v: Value | undefined): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

/**
 * One regional VNet Integration: an app (or a slot, or a `networkConfig` child whose app
 * is not declared) that names a subnet declared in the analysed files. Apps and subnets
 * whose `condition` cannot be decided are left out.
 */
export interface Integration {
  subnet: Subnet;
  /** The resource that names the subnet. */
  resource: ResourceBase;
  /** The app, when the resource is one (or belongs to one) declared in the analysed files. */
  site?: Site;
  /** Where the subnet is named (`virtualNetworkSubnetId` or `subnetResourceId`). */
  ref: NodeRef;
  plan?: AppServicePlan;
  /** Identifies the App Service plan (its key, else its id in lower case); undefined when unknown. */
  planKey?: string;
  /** Points at the app and the subnet. */
  related: Related[];
}

export function integrations(model: NetworkModel): Integration[] {
  const out: Integration[] = [];
  for (const subnet of model.subnets) {
    if (isUnknown(subnet.condition)) continue;
    for (const user of subnet.users) {
      if (user.kind !== 'siteIntegration' || isUnknown(user.resource.condition)) continue;
      const site = model.sites.find((s) => s === user.resource);
      const plan = site?.plan?.target;
      const planId = site ? site.plan?.id : getProp(user.resource.properties, 'serverFarmId');
      const planKey = plan && !isUnknown(plan.condition) ? plan.key : typeof planId === 'string' && planId !== '' ? planId.toLowerCase() : undefined;
      const what = site ? `App ${displayName(site.name)}` : `${user.resource.type} ${displayName(user.resource.name)}`;
      const integration: Integration = {
        subnet,
        resource: user.resource,
        ref: user.ref,
        related: [
          { message: `${what}, which integrates with the subnet`, at: user.resource.ref },
          { message: `The integration subnet ${displayName(subnet.subnetName)}`, at: subnet.ref },
        ],
      };
      if (site) integration.site = site;
      if (plan && !isUnknown(plan.condition)) integration.plan = plan;
      if (planKey !== undefined) integration.planKey = planKey;
      out.push(integration);
    }
  }
  return out;
}

/** The integrations grouped by subnet, in the order the subnets are declared. */
export function integrationsBySubnet(model: NetworkModel): Map<Subnet, Integration[]> {
  const bySubnet = new Map<Subnet, Integration[]>();
  for (const i of integrations(model)) {
    const list = bySubnet.get(i.subnet);
    if (list) list.push(i);
    else bySubnet.set(i.subnet, [i]);
  }
  return bySubnet;
}

/** "App 'orders'" or the resource type and name, for messages. */
export function integrationLabel(i: Integration): string {
  return i.site ? `app ${displayName(i.site.name)}` : `${i.resource.type} ${displayName(i.resource.name)}`;
}

const VNET_CONNECTION_TYPE = 'microsoft.web/sites/virtualnetworkconnections';

/**
 * Gateway-required VNet Integration: a `sites/virtualNetworkConnections` resource that is
 * not a regional (`isSwift`) one, naming a VNet declared in the analysed files.
 */
export interface GatewayIntegration {
  /** The `virtualNetworkConnections` resource. */
  resource: ResourceBase;
  /** Its app, when declared in the analysed files. */
  site?: Site;
  vnet: VirtualNetwork;
  /** Points at the connection and the VNet. */
  related: Related[];
}

export function gatewayIntegrations(model: NetworkModel): GatewayIntegration[] {
  const out: GatewayIntegration[] = [];
  for (const r of model.resources) {
    // Only a type of the same length can be it (lower-casing keeps the length of any text that gives it): no lower-cased copy of every resource's.
    if (r.type.length !== VNET_CONNECTION_TYPE.length || r.type.toLowerCase() !== VNET_CONNECTION_TYPE || r.existing || isUnknown(r.condition)) continue;
    const swift = getProp(r.properties, 'isSwift');
    if (swift !== undefined && swift !== false && !(typeof swift === 'string' && swift.trim().toLowerCase() === 'false')) continue;
    const id = getProp(r.properties, 'vnetResourceId');
    const key = typeof id === 'string' ? resourceKeyFromId(id) : undefined;
    const vnet = key === undefined ? undefined : model.vnets.find((v) => v.key === key && !isUnknown(v.condition));
    if (!vnet) continue;
    const siteName = typeof r.name === 'string' ? r.name.split('/')[0].toLowerCase() : undefined;
    const site = siteName === undefined ? undefined : model.sites.find((s) => typeof s.name === 'string' && s.name.toLowerCase() === siteName && !isUnknown(s.condition));
    const g: GatewayIntegration = {
      resource: r,
      vnet,
      related: [
        { message: `The gateway-required VNet Integration ${displayName(r.name)}`, at: r.ref },
        { message: `VNet ${displayName(vnet.name)}`, at: vnet.ref },
      ],
    };
    if (site) g.site = site;
    out.push(g);
  }
  return out;
}
