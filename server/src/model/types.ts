import type { Direction } from '../core/flow';
import type { NodeRef } from '../core/nodeRef';
import type { Maybe, Value } from '../core/value';

export type AseVersion = 'v1' | 'v2' | 'v3';

/** A value read from the template together with the text it came from. */
export interface Located<T> {
  value: Maybe<T>;
  ref: NodeRef;
}

/** Common to every declared resource instance in the model. */
export interface ResourceBase {
  /** Lower-cased `type` + '/' + names: the identity references resolve by. */
  key: string;
  /** Full resource type, e.g. `Microsoft.Network/virtualNetworks/subnets`. */
  type: string;
  /** Full name segments (`vnet`, `subnet`); UNKNOWN when unresolved. */
  name: Maybe<string>;
  /** The resource object (or, for inline children, the child object). */
  ref: NodeRef;
  /** `condition`: true, or UNKNOWN when it cannot be decided (false → not in the model). */
  condition: Maybe<true>;
  /** Evaluated `properties` (what later rules may need that the typed fields omit). */
  properties: Value | undefined;
  location: Maybe<string> | undefined;
  /** Declared `dependsOn` targets (resource keys where they resolve). */
  dependsOn: string[];
  /** The `resources` entry is an `existing` reference or otherwise declared outside these files. */
  existing?: boolean;
}

/** A reference from one resource to another by id (`subnet.id`, `networkSecurityGroup.id`). */
export interface Reference<T> {
  /** The id as evaluated; UNKNOWN when it could not be resolved. */
  id: Maybe<string>;
  /** The referenced element when it is declared in the analysed files. */
  target?: T;
  /** Where the reference is written (the `id` value). */
  ref: NodeRef;
}

export interface VirtualNetwork extends ResourceBase {
  addressPrefixes: Maybe<Located<string>[]>;
  dnsServers: Maybe<Located<string>[]>;
  subnets: Subnet[];
}

export type SubnetUserKind =
  | 'nic'
  | 'privateEndpoint'
  | 'applicationGateway'
  | 'ase'
  | 'siteIntegration'
  | 'gateway'
  | 'other';

/** Something that places itself in a subnet. */
export interface SubnetUser {
  kind: SubnetUserKind;
  resource: ResourceBase;
  /** The subnet reference inside that resource. */
  ref: NodeRef;
}

export interface Subnet extends ResourceBase {
  vnet?: VirtualNetwork;
  /** The subnet's own name (last segment). */
  subnetName: Maybe<string>;
  /** `addressPrefix` or `addressPrefixes`, each located. */
  addressPrefixes: Maybe<Located<string>[]>;
  /** The key that holds the prefix (`addressPrefix` or `addressPrefixes`), when present. */
  prefixRef?: NodeRef;
  networkSecurityGroup?: Reference<NetworkSecurityGroup>;
  routeTable?: Reference<RouteTable>;
  delegations: Maybe<Located<string>[]>;
  /** Where a delegation would be added: the subnet's properties object. */
  propertiesRef?: NodeRef;
  serviceEndpoints: Maybe<Located<string>[]>;
  /**
   * Its `serviceEndpointPolicies`, when written and not empty: `true` located on the key,
   * UNKNOWN when the list cannot be resolved.
   */
  serviceEndpointPolicies?: Located<boolean>;
  /**
   * The `addressPrefixes` key (the list form), when the subnet writes its range so and the
   * list is not empty, with the properties object that holds it (where `addressPrefix` would go).
   */
  pluralPrefix?: { ref: NodeRef; propertiesRef?: NodeRef; alsoSingle?: true };
  users: SubnetUser[];
}

export type Access = 'Allow' | 'Deny';

/** The parts of a security rule that decide which packets it matches and what it does with them. */
export type RuleField = 'priority' | 'direction' | 'access' | 'protocol' | 'source' | 'sourcePorts' | 'destination' | 'destinationPorts';

export interface SecurityRule {
  name: Maybe<string>;
  ref: NodeRef;
  priority: Maybe<number>;
  direction: Maybe<Direction>;
  access: Maybe<Access>;
  /** `*`, `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` as written. */
  protocol: Maybe<string>;
  /** Singular and plural fields merged: "any of". An ASG source makes the list hold UNKNOWN. */
  sourceAddressPrefixes: Maybe<Maybe<string>[]>;
  sourcePortRanges: Maybe<Maybe<string>[]>;
  destinationAddressPrefixes: Maybe<Maybe<string>[]>;
  destinationPortRanges: Maybe<Maybe<string>[]>;
  /** One of Azure's built-in rules (65000+), not written in the template. */
  isDefault?: boolean;
  /** Where each part is written (its value), when it is: a note about a verdict the part leaves undecided goes there. */
  fieldRefs?: Partial<Record<RuleField, NodeRef>>;
  nsg?: NetworkSecurityGroup;
  /** Where `priority` is written, when it is. */
  priorityRef?: NodeRef;
  /** A `networkSecurityGroups/securityRules` resource's own `condition`, when it cannot be decided (inline rules deploy with their NSG). */
  condition?: Maybe<true>;
}

export interface NetworkSecurityGroup extends ResourceBase {
  /** The rules written in the template (UNKNOWN when the list itself is unresolved). */
  securityRules: Maybe<SecurityRule[]>;
  /** Where `securityRules` is written, when it is a literal array an edit can insert into. */
  securityRulesRef?: NodeRef;
  /** Rules also declared as `networkSecurityGroups/securityRules` child resources are merged in. */
}

export interface Route {
  name: Maybe<string>;
  ref: NodeRef;
  addressPrefix: Maybe<string>;
  nextHopType: Maybe<string>;
  nextHopTypeRef?: NodeRef;
  nextHopIpAddress?: Maybe<string>;
  table?: RouteTable;
}

export interface RouteTable extends ResourceBase {
  routes: Maybe<Route[]>;
  routesRef?: NodeRef;
  disableBgpRoutePropagation: Maybe<boolean> | undefined;
  /** Where `disableBgpRoutePropagation` is written, when it is. */
  disableBgpRoutePropagationRef?: NodeRef;
}

export type IlbMode = 'None' | 'Web' | 'Publishing' | 'Web, Publishing';

export interface AppServiceEnvironment extends ResourceBase {
  version: Maybe<AseVersion>;
  /** Normalised ILB mode; `None` means External. */
  ilbMode: Maybe<IlbMode>;
  dnsSuffix: Located<string> | undefined;
  ipsslAddressCount: Located<number> | undefined;
  subnet: Reference<Subnet> | undefined;
  kindRef?: NodeRef;
  /**
   * `properties.networkingConfiguration` written on the ASE itself (its settings read from
   * its `properties`, or from the object itself): the resource provider does not apply
   * them from there; they belong in a `configurations/networking` child.
   */
  ownNetworking?: AseOwnNetworking;
  /** Its `configurations/networking` child deployed by the analysed files, when there is one. */
  networking?: AseNetworkingConfiguration;
  /** Its custom domain suffix (ASEv3): `customDnsSuffixConfiguration`, or a `configurations/customdnssuffix` child. */
  customDnsSuffix?: CustomDnsSuffix;
}

export interface CustomDnsSuffix {
  /** The property's key, or the child resource. */
  ref: NodeRef;
  /** `certificateUrl`: the Key Vault secret the ASE reads the certificate from. */
  certificateUrl?: Located<string>;
}

/** The settings of an ASEv3's networking configuration, each where it is written (absent when not written). */
export interface AseNetworkingValues {
  allowNewPrivateEndpointConnections?: Located<boolean>;
  ftpEnabled?: Located<boolean>;
  remoteDebugEnabled?: Located<boolean>;
  inboundIpAddressOverride?: Located<string>;
}

export type AseNetworkingSetting = keyof AseNetworkingValues;

export interface AseOwnNetworking extends AseNetworkingValues {
  /** The `networkingConfiguration` key (range) and its value (path). */
  ref: NodeRef;
  /** The object that holds the settings (`networkingConfiguration.properties`, or `networkingConfiguration`). */
  holderRef?: NodeRef;
  /** The object holds nothing but these settings (and `name`, `kind`, `properties` around them). */
  onlySettings: boolean;
}

/** A `Microsoft.Web/hostingEnvironments/configurations` resource named `networking`. */
export interface AseNetworkingConfiguration extends ResourceBase, AseNetworkingValues {
  /** The key of the ASE it configures, when its name resolves. */
  aseKey?: string;
  /** Where a setting would be added: its `properties` object, when written. */
  propertiesRef?: NodeRef;
}

export interface AppServicePlan extends ResourceBase {
  skuName: Maybe<string> | undefined;
  skuTier: Maybe<string> | undefined;
  capacity: Maybe<number> | undefined;
  maximumElasticWorkerCount: Maybe<number> | undefined;
  kind: Maybe<string> | undefined;
  reserved: Maybe<boolean> | undefined;
  hostingEnvironment?: Reference<AppServiceEnvironment>;
}

export interface Site extends ResourceBase {
  kind: Maybe<string> | undefined;
  plan?: Reference<AppServicePlan>;
  hostingEnvironment?: Reference<AppServiceEnvironment>;
  /** Regional VNet Integration subnet (`virtualNetworkSubnetId` or a `networkConfig` child). */
  integrationSubnet?: Reference<Subnet>;
  hostNames: Located<string>[];
  /** `hostNameSslStates` and hostNameBinding children with IP-based SSL. */
  ipBasedSsl: NodeRef[];
  /** `siteConfig.windowsFxVersion`, when written: a Windows container app sets it. */
  windowsFxVersion?: Located<string>;
  /** The `apiVersion` it is declared with, when it is a literal: which shape of the routing settings it takes. */
  apiVersion?: string;
  /** What the app sends through its VNet Integration, as its settings say. */
  routing: SiteRouting;
}

/**
 * How an app routes outbound traffic through its VNet Integration, each setting where it
 * is written. Before API 2024-11-01 flags: `vnetRouteAllEnabled` (in `properties`, in
 * `siteConfig`, or a `config/web` child), `vnetContentShareEnabled`, and the app settings
 * `WEBSITE_VNET_ROUTE_ALL` and `WEBSITE_CONTENTOVERVNET`; from 2024-11-01 the object
 * `outboundVnetRouting` (`applicationTraffic`, `contentShareTraffic`, and `allTraffic`,
 * which stands for every kind).
 */
export interface SiteRouting {
  /** Every place that says whether all application traffic goes through the VNet. */
  routeAll: Located<boolean>[];
  /** Every place that says whether the content share is reached through the VNet. */
  contentShare: Located<boolean>[];
}

/** A private endpoint, with the resources it connects to. */
export interface PrivateEndpoint extends ResourceBase {
  /**
   * `privateLinkServiceId` of each of its connections (`privateLinkServiceConnections` and
   * `manualPrivateLinkServiceConnections`), each with the key of the resource when the id
   * resolves; UNKNOWN when the lists cannot be read.
   */
  targets: Maybe<{ id: Maybe<string>; key?: string; ref: NodeRef }[]>;
}

export interface VirtualNetworkGateway extends ResourceBase {
  gatewayType: Maybe<string> | undefined;
  vpnType: Maybe<string> | undefined;
  vnet?: Reference<VirtualNetwork>;
  p2sAddressPrefixes: Maybe<Located<string>[]> | undefined;
  /** `vpnClientConfiguration.vpnClientProtocols`, when written (otherwise Azure's default for the SKU applies). */
  vpnClientProtocols?: Maybe<Located<string>[]>;
}

export interface Connection extends ResourceBase {
  connectionType: Maybe<string> | undefined;
  gateway?: Reference<VirtualNetworkGateway>;
}

/** A note for ASE902: what could not be verified, once per file. */
export interface Unverified {
  uri: string;
  what: string;
  at?: NodeRef;
  /**
   * An address known only at deployment (a prefix that is a parameter without a value):
   * the NSG checks still decide what does not depend on it, so the note silences those
   * checks only where an answer did depend on it (rules/unverified.ts works out which).
   */
  symbolic?: boolean;
}

/**
 * Where the parameters of the build's files get their values. An edit that changes a
 * value where it is defined (edits/definitions.ts) follows a parameter reference back
 * through these to the text that gives the value.
 */
export interface ParameterSources {
  /** The parameters file the analysed template's values came from (ARM JSON or `.bicepparam`), when one was read. */
  parametersFile?: string;
  /**
   * For each other template file the build deploys (a Bicep module, an ARM linked
   * template, an ARM template used as a Bicep module), by lower-cased URI: the
   * declarations that deploy it (the module, or the deployment resource), each once, with
   * a path when it is literal text.
   */
  deployers: Map<string, NodeRef[]>;
}

/** Records `by` as a deployer of the file `uri` (once per declaration). */
export function addDeployer(sources: ParameterSources, uri: string, by: NodeRef): void {
  const key = uri.toLowerCase();
  const list = sources.deployers.get(key) ?? [];
  const same = (a: NodeRef) => a.uri === by.uri && a.range.start.line === by.range.start.line && a.range.start.character === by.range.start.character;
  if (!list.some(same)) list.push(by);
  sources.deployers.set(key, list);
}

/** Everything the rules see, built from one or more source files (ARM or Bicep). */
export interface NetworkModel {
  /** The documents the model was built from; the first is the one analysed. */
  uris: string[];
  vnets: VirtualNetwork[];
  subnets: Subnet[];
  nsgs: NetworkSecurityGroup[];
  routeTables: RouteTable[];
  ases: AppServiceEnvironment[];
  plans: AppServicePlan[];
  sites: Site[];
  gateways: VirtualNetworkGateway[];
  connections: Connection[];
  /** `hostingEnvironments/configurations` named `networking` the files deploy, whether or not they declare the ASE. */
  aseNetworkings: AseNetworkingConfiguration[];
  privateEndpoints: PrivateEndpoint[];
  /** Every declared resource, typed or not (key → instances). */
  resources: ResourceBase[];
  unverified: Unverified[];
  /** The analysed template's `$schema` value: where a note about the whole file goes. */
  schemaRef?: NodeRef;
  /** Where the files' parameter values come from, for fixes that edit a value where it is defined. */
  parameterSources: ParameterSources;
  /** Files read that are not the user's (registry modules from Bicep's cache): nothing is reported or edited in them. */
  externalFiles?: string[];
}

export function emptyModel(uris: string[]): NetworkModel {
  return {
    uris,
    vnets: [],
    subnets: [],
    nsgs: [],
    routeTables: [],
    ases: [],
    plans: [],
    sites: [],
    gateways: [],
    connections: [],
    aseNetworkings: [],
    privateEndpoints: [],
    resources: [],
    unverified: [],
    parameterSources: { deployers: new Map() },
  };
}
