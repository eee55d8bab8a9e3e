/**
 * A recording view of a network model: the same objects, wrapped in proxies that note
 * which part of the model (rules/reads.ts) each read belongs to. A rule run over the
 * view reports what it would report over the model itself (one proxy per object, so
 * identity comparisons hold), and leaves behind the parts it read.
 *
 * What counts as a read:
 * - a field that holds a value of the template (a prefix, the NSG's rules, the ASE's
 *   kind) is a read of its part;
 * - names, types, conditions and places are not parts (see rules/reads.ts);
 * - a link (the ASE's subnet, the subnet's NSG or route table) is read when the rule reads
 *   a value of something it reached through the link (the subnet's prefix, the NSG's
 *   rules), or the link's id (written, but not declared in the analysed files): a rule
 *   that only names the subnet in its related information does not depend on it;
 * - copying an object (`{ ...table, routes }`) reads nothing by itself.
 *
 * A field this file does not know is an error, so that a new field of the model gets a
 * part before a rule can read it unnoticed.
 */
import type { ModelPart } from '../../server/src/rules/reads';
import type { NetworkModel } from '../../server/src/model/types';

type Kind =
  | 'model'
  | 'ase'
  | 'subnet'
  | 'vnet'
  | 'nsg'
  | 'securityRule'
  | 'routeTable'
  | 'route'
  | 'plan'
  | 'site'
  | 'gateway'
  | 'connection'
  | 'resource'
  | 'user'
  | 'reference';

/** What reading a field does. */
type Field =
  /** A name or a place: not a read. */
  | { neutral: true; as?: Kind | 'byType' }
  /** A value of the template, in `part`; objects it holds are wrapped as `as`. */
  | { part: ModelPart; as?: Kind | 'byType'; target?: Kind }
  /** A link to another element by id. */
  | { link: ModelPart; target: Kind };

const N: Field = { neutral: true };
const part = (p: ModelPart, as?: Kind | 'byType', target?: Kind): Field => ({ part: p, ...(as ? { as } : {}), ...(target ? { target } : {}) });
const nav = (as: Kind | 'byType'): Field => ({ neutral: true, as });

/** Fields every declared resource has; `properties` is the raw evaluated object, read in the element's own part. */
function resourceFields(properties: ModelPart | undefined): Record<string, Field> {
  return {
    key: N,
    type: N,
    name: N,
    ref: N,
    condition: N,
    existing: N,
    location: part('locations'),
    locationText: part('locations'),
    dependsOn: part('dependencies'),
    ...(properties ? { properties: part(properties) } : {}),
  };
}

const fields: Record<Exclude<Kind, 'resource' | 'reference'>, Record<string, Field>> = {
  model: {
    uris: N,
    vnets: nav('vnet'),
    subnets: nav('subnet'),
    nsgs: nav('nsg'),
    routeTables: nav('routeTable'),
    ases: nav('ase'),
    plans: nav('plan'),
    sites: nav('site'),
    gateways: nav('gateway'),
    connections: nav('connection'),
    aseNetworkings: part('ase.networking'),
    privateEndpoints: part('privateEndpoints'),
    resources: nav('byType'),
    unverified: part('notes'),
    schemaRef: N,
    parameterSources: N,
  },
  ase: {
    ...resourceFields('ase.settings'),
    version: part('ase.kind'),
    kindRef: N,
    ilbMode: part('ase.ilbMode'),
    dnsSuffix: part('ase.dnsSuffix'),
    ipsslAddressCount: part('ase.settings'),
    subnet: { link: 'ase.subnet', target: 'subnet' },
    ownNetworking: part('ase.networking'),
    customDnsSuffix: part('ase.dnsSuffix'),
    networking: part('ase.networking'),
  },
  subnet: {
    ...resourceFields(undefined),
    vnet: nav('vnet'),
    subnetName: N,
    addressPrefixes: part('subnet.prefix'),
    prefixRef: N,
    pluralPrefix: part('subnet.prefix'),
    networkSecurityGroup: { link: 'subnet.nsg', target: 'nsg' },
    routeTable: { link: 'subnet.routeTable', target: 'routeTable' },
    delegations: part('subnet.delegations'),
    serviceEndpointPolicies: part('subnet.serviceEndpointPolicies'),
    serviceEndpoints: part('subnet.serviceEndpoints'),
    propertiesRef: N,
    users: part('subnet.users', 'user'),
  },
  vnet: {
    ...resourceFields(undefined),
    addressPrefixes: part('vnet.addressSpace'),
    dnsServers: part('vnet.dnsServers'),
    subnets: part('vnet.subnets', 'subnet'),
  },
  nsg: {
    ...resourceFields('nsg.rules'),
    securityRules: part('nsg.rules', 'securityRule'),
    securityRulesRef: N,
  },
  securityRule: {
    fieldRefs: N,
    name: N,
    ref: N,
    isDefault: N,
    nsg: nav('nsg'),
    priorityRef: N,
    condition: N,
    priority: part('nsg.rules'),
    direction: part('nsg.rules'),
    access: part('nsg.rules'),
    protocol: part('nsg.rules'),
    sourceAddressPrefixes: part('nsg.rules'),
    sourcePortRanges: part('nsg.rules'),
    destinationAddressPrefixes: part('nsg.rules'),
    destinationPortRanges: part('nsg.rules'),
  },
  routeTable: {
    ...resourceFields(undefined),
    routes: part('routeTable.routes', 'route'),
    routesRef: N,
    disableBgpRoutePropagation: part('routeTable.propagation'),
    disableBgpRoutePropagationRef: N,
  },
  route: {
    name: N,
    ref: N,
    nextHopTypeRef: N,
    table: nav('routeTable'),
    addressPrefix: part('routeTable.routes'),
    nextHopType: part('routeTable.routes'),
    nextHopIpAddress: part('routeTable.routes'),
  },
  plan: {
    ...resourceFields('plans'),
    skuName: part('plans'),
    skuTier: part('plans'),
    capacity: part('plans'),
    maximumElasticWorkerCount: part('plans'),
    kind: part('plans'),
    reserved: part('plans'),
    hostingEnvironment: part('plans', 'reference', 'ase'),
  },
  site: {
    ...resourceFields('sites'),
    kind: part('sites'),
    plan: part('sites', 'reference', 'plan'),
    hostingEnvironment: part('sites', 'reference', 'ase'),
    integrationSubnet: part('sites', 'reference', 'subnet'),
    hostNames: part('sites'),
    ipBasedSsl: part('sites'),
    apiVersion: part('sites'),
    routing: part('sites'),
    windowsFxVersion: part('sites'),
  },
  gateway: {
    ...resourceFields('gateways'),
    gatewayType: part('gateways'),
    vpnType: part('gateways'),
    vnet: part('gateways', 'reference', 'vnet'),
    p2sAddressPrefixes: part('gateways'),
    vpnClientProtocols: part('gateways'),
  },
  connection: {
    ...resourceFields('gateways'),
    connectionType: part('gateways'),
    gateway: part('gateways', 'reference', 'gateway'),
  },
  user: {
    kind: part('subnet.users'),
    resource: nav('byType'),
    ref: N,
  },
};

/** The typed elements by resource type (lower case); other resources are read in the part their type belongs to. */
const typedKinds: Record<string, Kind> = {
  'microsoft.web/hostingenvironments': 'ase',
  'microsoft.network/virtualnetworks/subnets': 'subnet',
  'microsoft.network/virtualnetworks': 'vnet',
  'microsoft.network/networksecuritygroups': 'nsg',
  'microsoft.network/routetables': 'routeTable',
  'microsoft.web/serverfarms': 'plan',
  'microsoft.web/sites': 'site',
  'microsoft.web/sites/slots': 'site',
  'microsoft.network/virtualnetworkgateways': 'gateway',
  'microsoft.network/connections': 'connection',
};

/** The part of an untyped resource's properties, by its type; undefined: no rule may read it. */
function partOfType(type: string): ModelPart | undefined {
  const t = type.toLowerCase();
  if (t.startsWith('microsoft.web/sites/')) return 'sites';
  if (t.startsWith('microsoft.web/serverfarms/')) return 'plans';
  if (t.startsWith('microsoft.network/privatednszones') || t.startsWith('microsoft.network/dnszones')) return 'dnsZones';
  if (t === 'microsoft.web/certificates') return 'certificates';
  if (t === 'microsoft.web/hostingenvironments/configurations') return 'ase.networking';
  if (t === 'microsoft.keyvault/vaults') return 'keyVaults';
  if (t === 'microsoft.network/virtualnetworks/virtualnetworkpeerings') return 'peerings';
  if (t === 'microsoft.network/networksecuritygroups/securityrules') return 'nsg.rules';
  if (t === 'microsoft.network/routetables/routes') return 'routeTable.routes';
  return undefined;
}

export interface Recording {
  /** The view to run a rule on. */
  model: NetworkModel;
  /** The parts read since the view was made. */
  parts(): Set<ModelPart>;
  /** Fields read that this file does not know: each needs a part. */
  unmapped: Set<string>;
}

/** Wraps `model` for one rule run. */
export function recordReads(model: NetworkModel): Recording {
  const read = new Set<ModelPart>();
  const unmapped = new Set<string>();
  const proxies = new WeakMap<object, object>();
  /** The links each object was reached through (the ASE's subnet, then its NSG…): a value read of it reads them too. */
  const through = new WeakMap<object, Set<ModelPart>>();
  /** Keys being copied by a spread (`getOwnPropertyDescriptor`, then `get`), by object. */
  const copying = new WeakMap<object, Set<PropertyKey>>();

  const linksOf = (target: object): Set<ModelPart> => {
    let links = through.get(target);
    if (!links) through.set(target, (links = new Set()));
    return links;
  };

  const kindOf = (value: object, as: Kind | 'byType'): Kind => {
    if (as !== 'byType') return as;
    const type = (value as { type?: unknown }).type;
    return typeof type === 'string' ? (typedKinds[type.toLowerCase()] ?? 'resource') : 'resource';
  };

  /** Reads `p` of an object reached through `links`. */
  const note = (p: ModelPart, links: Set<ModelPart>) => {
    read.add(p);
    for (const l of links) read.add(l);
  };

  function wrap<T>(value: T, as: Kind | 'byType' | undefined, links: Iterable<ModelPart>, target?: Kind, link?: ModelPart): T {
    if (as === undefined || value === null || typeof value !== 'object') return value;
    const own = linksOf(value as object);
    for (const l of links) own.add(l);
    const known = proxies.get(value as object);
    if (known) return known as T;
    let proxy: object;
    if (Array.isArray(value)) {
      proxy = new Proxy(value, {
        get: (t, key, receiver) => {
          const v = Reflect.get(t, key, receiver);
          return typeof key === 'string' && /^\d+$/.test(key) ? wrap(v, as, linksOf(t), target, link) : v;
        },
      });
    } else {
      const kind = kindOf(value as object, as);
      proxy = new Proxy(value as object, {
        getOwnPropertyDescriptor: (t, key) => {
          let keys = copying.get(t);
          if (!keys) copying.set(t, (keys = new Set()));
          keys.add(key);
          return Reflect.getOwnPropertyDescriptor(t, key);
        },
        get: (t, key, receiver) => {
          const v = Reflect.get(t, key, receiver);
          if (typeof key !== 'string') return v;
          const copied = copying.get(t)?.delete(key) === true;
          const links = linksOf(t);
          if (kind === 'reference') {
            if (key === 'target') return wrap(v, target ?? 'byType', link ? [...links, link] : links);
            if (key === 'id' && link && !copied) note(link, links);
            return v;
          }
          const field = kind === 'resource' ? resourceField(t, key) : fields[kind][key];
          if (!field) {
            if (!copied && (v !== undefined || Object.prototype.hasOwnProperty.call(t, key))) unmapped.add(`${kind}.${key}`);
            return v;
          }
          if ('link' in field) return wrap(v, 'reference', links, field.target, field.link);
          if ('part' in field && !copied) note(field.part, links);
          return wrap(v, field.as, links, 'target' in field ? field.target : undefined);
        },
      });
    }
    proxies.set(value as object, proxy);
    return proxy as T;
  }

  function resourceField(resource: object, key: string): Field | undefined {
    return resourceFields(partOfType(String((resource as { type?: unknown }).type ?? '')))[key];
  }

  return { model: wrap(model, 'model', []), parts: () => new Set(read), unmapped };
}
