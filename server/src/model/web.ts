import { parseResourceId, resourceKey, resourceKeyFromId } from '../eval/resourceId';
import { baseOf, noteIfUnknown, type BuildContext, type DeclaredResource } from './buildContext';
import { identityString } from './links';
import { display, SUBNET_TYPE } from './network';
import type { NodeRef } from '../core/nodeRef';
import { field, locatedString, locatedStrings, nameField, numberField, stringField } from './read';
import type { SiteRouting } from './types';
import type { AppServiceEnvironment, AppServicePlan, AseNetworkingConfiguration, AseNetworkingValues, AseOwnNetworking, AseVersion, IlbMode, Located, Reference, ResourceBase, Site, Subnet } from './types';
import type { RefSource } from './buildContext';
import type { Maybe } from '../core/value';
import type { SubnetUsers } from './users';
import { asBoolean, getProp, isObject, isSymbolicValue, isUnknown, unknown, type Value } from '../core/value';
import { isSymbolic, symbolicValue } from '../core/symbolic';

const ASE_TYPE = 'Microsoft.Web/hostingEnvironments';
const PLAN_TYPE = 'Microsoft.Web/serverfarms';
const SITE_TYPE = 'Microsoft.Web/sites';

const ILB_BY_NUMBER: IlbMode[] = ['None', 'Web', 'Publishing', 'Web, Publishing'];
/** Properties only ASEv1 has: a template without `kind` that sets them creates a v1. */
const V1_ONLY = ['workerPools', 'multiSize', 'multiRoleCount'];

/** ASEs, App Service plans, sites and the site children that carry networking. */
export class WebBuilder {
  private readonly sites = new Map<string, Site>();
  private readonly siteChildren: { d: DeclaredResource; base: ResourceBase }[] = [];
  private readonly suffixChildren: { aseKey: string | undefined; base: ResourceBase; url?: Located<string> }[] = [];

  constructor(
    private readonly ctx: BuildContext,
    private readonly users: SubnetUsers,
  ) {}

  ase(d: DeclaredResource): AppServiceEnvironment {
    const { origins } = this.ctx;
    const base = baseOf(d);
    const props = base.properties;
    const kindRef = origins.propRefIfPresent(d.body, 'kind');
    const dnsSuffix = locatedString(origins, props, 'dnsSuffix', base.ref, nameField);
    const ipssl = numberField(field(props, 'ipsslAddressCount'), 'ipsslAddressCount');
    const ase: AppServiceEnvironment = Object.assign(base, {
      version: aseVersion(getProp(d.body, 'kind'), getProp(d.body, 'apiVersion'), props),
      ilbMode: ilbMode(field(props, 'internalLoadBalancingMode')),
      dnsSuffix,
      ipsslAddressCount:
        ipssl === undefined ? undefined : ({ value: ipssl, ref: origins.propRef(props, 'ipsslAddressCount', base.ref) } as Located<number>),
      subnet: this.aseSubnet(props, base.ref),
    });
    if (kindRef) ase.kindRef = kindRef;
    const own = this.ownNetworking(props);
    if (own) ase.ownNetworking = own;
    const suffixRef = origins.keyRef(props, 'customDnsSuffixConfiguration');
    const suffix = getProp(props, 'customDnsSuffixConfiguration');
    if (suffixRef && suffix !== null) {
      ase.customDnsSuffix = { ref: suffixRef };
      const inner = getProp(suffix, 'properties');
      const url = locatedString(origins, isObject(inner) ? inner : suffix, 'certificateUrl', suffixRef);
      if (url) ase.customDnsSuffix.certificateUrl = url;
    }
    if (d.existing) return ase;
    noteIfUnknown(this.ctx, ase.version, kindRef ?? base.ref);
    noteIfUnknown(this.ctx, ase.ilbMode, origins.propRef(props, 'internalLoadBalancingMode', base.ref));
    if (ase.subnet) noteIfUnknown(this.ctx, ase.subnet.id, ase.subnet.ref);
    else this.ctx.notes.add(`the ASE ${display(base.name)} names no subnet`, base.ref);
    this.users.add('ase', ase, ase.subnet);
    this.ctx.model.ases.push(ase);
    return ase;
  }

  /**
   * `properties.virtualNetwork.id` is the subnet (v2/v3); older apiVersions give the VNet
   * there and the subnet's name in `virtualNetwork.subnet` (spelt `Id`/`Subnet` too).
   */
  private aseSubnet(props: Value | undefined, fallback: NodeRef): Reference<Subnet> | undefined {
    const { origins, linker } = this.ctx;
    const vn = field(props, 'virtualNetwork');
    if (vn === undefined || vn === null) return undefined;
    const vnRef = origins.propRef(props, 'virtualNetwork', fallback);
    if (isUnknown(vn)) return linker.queue<Subnet>({ id: vn, ref: vnRef }, undefined, SUBNET_TYPE);
    if (!isObject(vn)) return linker.queue<Subnet>({ id: unknown('virtualNetwork is not an object'), ref: vnRef }, undefined, SUBNET_TYPE);
    const rawId = getProp(vn, 'id');
    const subnetName = getProp(vn, 'subnet');
    const ref = origins.propRef(vn, 'id', vnRef);
    let id: Maybe<string>;
    if (isUnknown(rawId)) id = rawId;
    else if (typeof rawId === 'string' && rawId !== '') id = subnetIdOf(rawId, subnetName);
    else id = unknown('virtualNetwork has no id');
    let key = typeof id === 'string' ? resourceKeyFromId(id) : undefined;
    if (key === undefined) {
      const idAlt = typeof rawId === 'string' ? rawId : identityString(origins, vn, 'id');
      const nameAlt = typeof subnetName === 'string' ? subnetName : identityString(origins, vn, 'subnet');
      if (idAlt !== undefined) {
        const composed = subnetIdOf(idAlt, nameAlt);
        if (typeof composed === 'string') key = resourceKeyFromId(composed);
      }
    }
    // A symbol that is no subnet id (a parameter holding the whole id): unknown, with its reason.
    if (key === undefined && typeof id === 'string' && isSymbolic(id)) id = symbolicValue(id);
    return linker.queue<Subnet>({ id, ref }, key, SUBNET_TYPE);
  }

  /** `properties.networkingConfiguration` on the ASE itself, when it sets one of the settings. */
  private ownNetworking(props: Value | undefined): AseOwnNetworking | undefined {
    const { origins } = this.ctx;
    const config = getProp(props, 'networkingConfiguration');
    const ref = origins.keyRef(props, 'networkingConfiguration');
    if (!isObject(config) || !ref) return undefined;
    const inner = getProp(config, 'properties');
    const holder = isObject(inner) ? inner : config;
    const values = networkingValues(origins, holder, ref);
    if (Object.keys(values).length === 0) return undefined;
    const wrapper = new Set(['name', 'kind', 'properties', 'type', 'id']);
    const settings = new Set(NETWORKING_SETTINGS.map((k) => k.toLowerCase()));
    const onlySettings =
      Object.keys(holder).every((k) => settings.has(k.toLowerCase())) && (holder === config || Object.keys(config).every((k) => wrapper.has(k.toLowerCase())));
    const own: AseOwnNetworking = { ...values, ref, onlySettings };
    const holderRef = origins.literalRef(holder);
    if (holderRef) own.holderRef = holderRef;
    return own;
  }

  /** A `hostingEnvironments/configurations` resource: the one named `networking` joins its ASE in `finish`. */
  aseConfiguration(d: DeclaredResource, base: ResourceBase): void {
    const names = d.names ?? d.keyNames;
    const { origins } = this.ctx;
    if (names && names.length >= 2 && names[names.length - 1].toLowerCase() === 'customdnssuffix' && !d.existing) {
      const url = locatedString(origins, base.properties, 'certificateUrl', base.ref);
      this.suffixChildren.push({ aseKey: d.keyNames && d.keyNames.length >= 2 ? resourceKey(ASE_TYPE, [d.keyNames[0]]) : undefined, base, ...(url ? { url } : {}) });
      return;
    }
    if (!names || names.length < 2 || names[names.length - 1].toLowerCase() !== 'networking') return;
    const config: AseNetworkingConfiguration = Object.assign(base, networkingValues(origins, base.properties, base.ref));
    const propertiesRef = origins.keyRef(d.body, 'properties');
    if (propertiesRef) config.propertiesRef = propertiesRef;
    if (d.keyNames && d.keyNames.length >= 2) config.aseKey = resourceKey(ASE_TYPE, [d.keyNames[0]]);
    if (!d.existing) this.ctx.model.aseNetworkings.push(config);
  }

  plan(d: DeclaredResource): AppServicePlan {
    const base = baseOf(d);
    const props = base.properties;
    const sku = getProp(d.body, 'sku');
    const reserved = field(props, 'reserved');
    const plan: AppServicePlan = Object.assign(base, {
      skuName: stringField(field(sku, 'name'), 'sku name'),
      skuTier: stringField(field(sku, 'tier'), 'sku tier'),
      capacity: numberField(field(sku, 'capacity'), 'sku capacity'),
      maximumElasticWorkerCount: numberField(field(props, 'maximumElasticWorkerCount'), 'maximumElasticWorkerCount'),
      kind: stringField(getProp(d.body, 'kind'), 'kind'),
      reserved: reserved === undefined || reserved === null ? undefined : (asBoolean(reserved) ?? unknown('reserved is not a boolean')),
    });
    const env = this.hostingEnvironment(props, base.ref);
    if (env) plan.hostingEnvironment = env;
    return plan;
  }

  /** `hostingEnvironmentProfile.id`, or the older `hostingEnvironmentId` / `hostingEnvironment` (a name). */
  private hostingEnvironment(props: Value | undefined, fallback: NodeRef): Reference<AppServiceEnvironment> | undefined {
    const { origins, linker } = this.ctx;
    const profile = field(props, 'hostingEnvironmentProfile');
    if (profile !== undefined && profile !== null) {
      return linker.reference<AppServiceEnvironment>(profile, 'id', () => origins.propRef(props, 'hostingEnvironmentProfile', fallback), ASE_TYPE);
    }
    const byId = linker.reference<AppServiceEnvironment>(props, 'hostingEnvironmentId', fallback, ASE_TYPE);
    if (byId) return byId;
    const name = getProp(props, 'hostingEnvironment');
    if (typeof name === 'string' && name !== '') {
      const id = `${ASE_TYPE}/${name}`;
      return linker.queue<AppServiceEnvironment>({ id, ref: origins.propRef(props, 'hostingEnvironment', fallback) }, resourceKey(ASE_TYPE, [name]), ASE_TYPE);
    }
    if (isUnknown(name)) {
      const alt = identityString(origins, props, 'hostingEnvironment');
      const ref = origins.propRef(props, 'hostingEnvironment', fallback);
      return linker.queue<AppServiceEnvironment>({ id: name, ref }, alt !== undefined ? resourceKey(ASE_TYPE, [alt]) : undefined, ASE_TYPE);
    }
    return undefined;
  }

  site(d: DeclaredResource): Site {
    const { origins, linker } = this.ctx;
    const base = baseOf(d);
    const props = base.properties;
    const site: Site = Object.assign(base, {
      kind: stringField(getProp(d.body, 'kind'), 'kind'),
      hostNames: [] as Located<string>[],
      ipBasedSsl: [] as NodeRef[],
      routing: { routeAll: [], contentShare: [] } as SiteRouting,
    });
    const apiVersion = getProp(d.body, 'apiVersion');
    if (typeof apiVersion === 'string' && !isSymbolic(apiVersion)) site.apiVersion = apiVersion;
    readRouting(origins, props, site.routing, base.ref);
    const fx = locatedString(origins, getProp(props, 'siteConfig'), 'windowsFxVersion', base.ref);
    if (fx && fx.value !== '') site.windowsFxVersion = fx;
    const plan = linker.reference<AppServicePlan>(props, 'serverFarmId', base.ref, PLAN_TYPE);
    if (plan) site.plan = plan;
    const env = this.hostingEnvironment(props, base.ref);
    if (env) site.hostingEnvironment = env;
    const integration = linker.reference<Subnet>(props, 'virtualNetworkSubnetId', base.ref, SUBNET_TYPE);
    if (integration) {
      site.integrationSubnet = integration;
      noteIfUnknown(this.ctx, integration.id, integration.ref);
      this.users.add('siteIntegration', site, integration);
    }
    const names = locatedStrings(origins, field(props, 'hostNames'), base.ref, 'hostNames', nameField);
    if (!isUnknown(names)) site.hostNames.push(...names);
    const states = field(props, 'hostNameSslStates');
    if (Array.isArray(states)) {
      states.forEach((s, i) => {
        const itemRef = origins.itemRef(states, i, base.ref);
        const name = locatedString(origins, s, 'name', itemRef, nameField);
        if (name && !site.hostNames.some((h) => h.value === name.value)) site.hostNames.push(name);
        if (isIpBased(getProp(s, 'sslState'))) site.ipBasedSsl.push(origins.propRef(s, 'sslState', itemRef));
      });
    }
    if (!d.existing && d.keyNames) {
      const had = this.sites.get(base.key);
      if (!had || (isUnknown(had.condition) && !isUnknown(base.condition))) this.sites.set(base.key, site);
    }
    return site;
  }

  /** `sites/networkConfig`, `sites/config` named virtualNetwork, `sites/hostNameBindings`, `sites/slots`: joined by `finish`. */
  siteChild(d: DeclaredResource, base: ResourceBase): void {
    this.siteChildren.push({ d, base });
  }

  finish(): void {
    const { origins, linker } = this.ctx;
    for (const config of this.ctx.model.aseNetworkings) {
      if (isUnknown(config.condition)) continue;
      const ase = this.ctx.model.ases.find((a) => a.key === config.aseKey);
      if (ase && !ase.networking) ase.networking = config;
    }
    for (const child of this.suffixChildren) {
      if (isUnknown(child.base.condition)) continue;
      const ase = this.ctx.model.ases.find((a) => a.key === child.aseKey);
      if (ase && !ase.customDnsSuffix) ase.customDnsSuffix = { ref: child.base.ref, ...(child.url ? { certificateUrl: child.url } : {}) };
    }
    for (const { d, base } of this.siteChildren) {
      const siteKey = d.keyNames && d.keyNames.length >= 2 ? resourceKey(SITE_TYPE, [d.keyNames[0]]) : undefined;
      const site = siteKey !== undefined ? this.sites.get(siteKey) : undefined;
      const props = base.properties;
      const names = d.names ?? d.keyNames;
      const childName = (names?.[names.length - 1] ?? '').toLowerCase();
      switch (d.typeLower) {
        case 'microsoft.web/sites/networkconfig':
        case 'microsoft.web/sites/config': {
          if (d.typeLower === 'microsoft.web/sites/config' && site && (childName === 'web' || childName === 'appsettings')) {
            if (childName === 'web') readRouting(origins, props, site.routing, base.ref);
            else readRoutingSettings(origins, props, site.routing, base.ref);
            break;
          }
          if (d.typeLower === 'microsoft.web/sites/config' && childName !== 'virtualnetwork') break;
          const ref = linker.reference<Subnet>(props, 'subnetResourceId', base.ref, SUBNET_TYPE);
          if (!ref) break;
          noteIfUnknown(this.ctx, ref.id, ref.ref);
          if (site && !site.integrationSubnet) site.integrationSubnet = ref;
          this.users.add('siteIntegration', site ?? base, ref);
          break;
        }
        case 'microsoft.web/sites/hostnamebindings': {
          if (!site) break;
          const hostName = d.names ? d.names[d.names.length - 1] : isUnknown(d.name) ? d.name : unknown('the host name is not resolved');
          if (!site.hostNames.some((h) => h.value === hostName)) site.hostNames.push({ value: hostName, ref: base.ref });
          if (isIpBased(field(props, 'sslState'))) site.ipBasedSsl.push(origins.propRef(props, 'sslState', base.ref));
          break;
        }
        case 'microsoft.web/sites/slots': {
          const ref = linker.reference<Subnet>(props, 'virtualNetworkSubnetId', base.ref, SUBNET_TYPE);
          this.users.add('siteIntegration', base, ref);
          break;
        }
      }
    }
  }
}

/**
 * The routing settings of an app's `properties` (or a `config/web` child's): the flags, the
 * same flags in `siteConfig`, its app settings, and `outboundVnetRouting`.
 */
function readRouting(origins: RefSource, props: Value | undefined, routing: SiteRouting, fallback: NodeRef): void {
  const flag = (holder: Value | undefined, key: string, into: Located<boolean>[]) => {
    const v = getProp(holder, key);
    if (v === undefined || v === null) return;
    into.push({ value: booleanValue(v, key), ref: origins.propRef(holder, key, fallback) });
  };
  flag(props, 'vnetRouteAllEnabled', routing.routeAll);
  flag(props, 'vnetContentShareEnabled', routing.contentShare);
  const siteConfig = getProp(props, 'siteConfig');
  flag(siteConfig, 'vnetRouteAllEnabled', routing.routeAll);
  const settings = getProp(siteConfig, 'appSettings');
  if (Array.isArray(settings)) {
    for (const s of settings) {
      const name = getProp(s, 'name');
      if (typeof name !== 'string') continue;
      const into = settingTarget(name, routing);
      if (into) into.push({ value: settingValue(getProp(s, 'value'), name), ref: origins.propRef(s, 'value', fallback) });
    }
  }
  const outbound = getProp(props, 'outboundVnetRouting');
  if (isObject(outbound)) {
    flag(outbound, 'allTraffic', routing.routeAll);
    flag(outbound, 'allTraffic', routing.contentShare);
    flag(outbound, 'applicationTraffic', routing.routeAll);
    flag(outbound, 'contentShareTraffic', routing.contentShare);
  }
}

/** A `config/appsettings` child's properties: the settings by name. */
function readRoutingSettings(origins: RefSource, props: Value | undefined, routing: SiteRouting, fallback: NodeRef): void {
  if (!isObject(props)) return;
  for (const [name, v] of Object.entries(props)) {
    const into = settingTarget(name, routing);
    if (into) into.push({ value: settingValue(v, name), ref: origins.propRef(props, name, fallback) });
  }
}

function settingTarget(name: string, routing: SiteRouting): Located<boolean>[] | undefined {
  const n = name.trim().toUpperCase();
  if (n === 'WEBSITE_VNET_ROUTE_ALL') return routing.routeAll;
  if (n === 'WEBSITE_CONTENTOVERVNET') return routing.contentShare;
  return undefined;
}

function booleanValue(v: Value, key: string): Maybe<boolean> {
  const b = asBoolean(v) ?? unknown(`${key} is not a boolean`);
  return isSymbolicValue(b) ? unknown(b.reason) : b;
}

/** An app setting's value: `1`/`true` on, `0`/`false` off. */
function settingValue(v: Value | undefined, name: string): Maybe<boolean> {
  if (isUnknown(v)) return isSymbolicValue(v) ? unknown(v.reason) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v === 1 || v === true;
  if (typeof v === 'string' && /^\s*(1|true|0|false)\s*$/i.test(v)) return /^\s*(1|true)\s*$/i.test(v);
  return unknown(`the app setting ${name} is not 1 or 0`);
}

const NETWORKING_SETTINGS = ['allowNewPrivateEndpointConnections', 'ftpEnabled', 'remoteDebugEnabled', 'inboundIpAddressOverride'] as const;

/** The networking settings `holder` writes, each located; a value that is not a boolean (a string for the address) is UNKNOWN. */
function networkingValues(origins: RefSource, holder: Value | undefined, fallback: NodeRef): AseNetworkingValues {
  const out: AseNetworkingValues = {};
  if (!isObject(holder)) return out;
  for (const key of ['allowNewPrivateEndpointConnections', 'ftpEnabled', 'remoteDebugEnabled'] as const) {
    const v = getProp(holder, key);
    if (v === undefined || v === null) continue;
    const value = asBoolean(v) ?? unknown(`${key} is not a boolean`);
    out[key] = { value: isSymbolicValue(value) ? unknown(value.reason) : value, ref: origins.propRef(holder, key, fallback) };
  }
  const address = locatedString(origins, holder, 'inboundIpAddressOverride', fallback);
  if (address && address.value !== '') out.inboundIpAddressOverride = address;
  return out;
}

function isIpBased(v: Value | undefined): boolean {
  return typeof v === 'string' && v.trim().toLowerCase() === 'ipbasedenabled';
}

/** The subnet id an ASE names: the id itself when it is a subnet, else VNet id + `/subnets/` + the subnet name. */
function subnetIdOf(id: string, subnetName: Value | undefined): Maybe<string> {
  const parsed = parseResourceId(id);
  if (!parsed) return id;
  const type = parsed.fullType.toLowerCase();
  if (type.endsWith('/virtualnetworks/subnets')) return id;
  if (type.endsWith('/virtualnetworks')) {
    if (typeof subnetName === 'string' && subnetName !== '') return `${id.replace(/\/+$/, '')}/subnets/${subnetName}`;
    if (isUnknown(subnetName)) return subnetName;
    return unknown('the ASE names a VNet but not the subnet in it');
  }
  return id;
}

/** ASEV1/ASEV2/ASEV3 from `kind`; without a kind, an apiVersion before 2019 (or v1-only properties) means v1. */
export function aseVersion(kind: Value | undefined, apiVersion: Value | undefined, props: Value | undefined): Maybe<AseVersion> {
  if (isUnknown(kind)) return kind;
  if (kind === undefined || kind === null || (typeof kind === 'string' && kind.trim() === '')) {
    if (typeof apiVersion === 'string' && /^\d{4}/.test(apiVersion) && apiVersion.slice(0, 4) < '2019') return 'v1';
    if (isObject(props) && V1_ONLY.some((k) => getProp(props, k) !== undefined)) return 'v1';
    return unknown('the ASE has no kind, so its version is not known');
  }
  if (typeof kind !== 'string') return unknown('the ASE kind is not a string');
  if (isSymbolic(kind)) return symbolicValue(kind);
  const m = /^\s*asev([123])\s*$/i.exec(kind);
  return m ? (`v${m[1]}` as AseVersion) : unknown(`the ASE kind '${kind}' is not ASEV1, ASEV2 or ASEV3`);
}

/** `None`/`Web`/`Publishing`/`Web, Publishing` (any case or spacing) or 0-3; absent means `None`. */
export function ilbMode(v: Value | undefined): Maybe<IlbMode> {
  if (v === undefined || v === null) return 'None';
  if (isUnknown(v)) return v;
  if (typeof v === 'number' || (typeof v === 'string' && /^\s*\d+\s*$/.test(v))) {
    const n = Number(v);
    return ILB_BY_NUMBER[n] ?? unknown(`internalLoadBalancingMode ${n} is not 0-3`);
  }
  if (typeof v !== 'string') return unknown('internalLoadBalancingMode is not a string or number');
  if (isSymbolic(v)) return symbolicValue(v);
  const parts = new Set(
    v
      .split(',')
      .map((p) => p.trim().toLowerCase())
      .filter((p) => p !== ''),
  );
  const web = parts.delete('web');
  const publishing = parts.delete('publishing');
  const none = parts.delete('none');
  if (parts.size > 0 || (none && (web || publishing))) return unknown(`internalLoadBalancingMode '${v}' is not recognised`);
  if (web && publishing) return 'Web, Publishing';
  if (web) return 'Web';
  if (publishing) return 'Publishing';
  return 'None';
}
