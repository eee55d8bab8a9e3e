import { resourceKey } from '../eval/resourceId';
import { describeSymbolic, isSymbolic } from '../core/symbolic';
import { baseOf, lastName, noteAddress, noteIfUnknown, type BuildContext, type DeclaredResource } from './buildContext';
import { excerpt } from '../core/excerpt';
import { identityString, type QueuedReference } from './links';
import type { NodeRef } from '../core/nodeRef';
import { locatedFromObjects, locatedStrings, nameField, stringField } from './read';
import type { Located, NetworkSecurityGroup, Reference, ResourceBase, RouteTable, Subnet, VirtualNetwork } from './types';
import type { Maybe } from '../core/value';
import { getPath, getProp, isObject, isUnknown, unknown, type Value } from '../core/value';

export const VNET_TYPE = 'Microsoft.Network/virtualNetworks';
export const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';
export const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups';
export const ROUTE_TABLE_TYPE = 'Microsoft.Network/routeTables';

/** A subnet as one declaration wrote it, before declarations of the same subnet are merged. */
interface SubnetDraft {
  subnet: Subnet;
  /** A `virtualNetworks/subnets` resource (true) or an entry of the VNet's `subnets` (false). */
  fromResource: boolean;
  vnetKey: string | undefined;
  order: number;
}

/**
 * A VNet as typing its declaration made it, before anything later changes it (its inline
 * subnets merged with other declarations, attached, linked): copies of the VNet, of each
 * inline subnet and of each reference they queued, with the key each was queued by. The
 * values, places and located lists in them are shared: nothing writes into those.
 */
export interface VnetRecipe {
  vnet: VirtualNetwork;
  subnets: { subnet: Subnet; vnetKey: string | undefined; references: { field: 'networkSecurityGroup' | 'routeTable'; queued: QueuedReference }[] }[];
}

/**
 * VNets and subnets. A subnet can be written inline in its VNet's `properties.subnets`,
 * as a `virtualNetworks/subnets` resource, or both (real templates do both for the same
 * subnet): all declarations of one key become one Subnet, each field taken from the
 * declaration that says the most about it (a known value over UNKNOWN over nothing;
 * on a tie, the subnet resource, which Azure applies after the VNet).
 */
export class NetworkBuilder {
  private readonly vnetsByKey = new Map<string, VirtualNetwork>();
  private readonly drafts = new Map<string, SubnetDraft[]>();
  private order = 0;
  /** The inline subnets of the VNet being typed, while its recipe is written (virtualNetworkWithRecipe). */
  private inlineDrafts: SubnetDraft[] | undefined;

  constructor(private readonly ctx: BuildContext) {}

  /**
   * Types a VNet and writes down how to make it again: undefined when the result depends on
   * more than its declaration (an inline subnet whose key is unresolved is numbered by the
   * ones before it).
   */
  virtualNetworkWithRecipe(d: DeclaredResource): { vnet: VirtualNetwork; recipe: VnetRecipe | undefined } {
    const linker = this.ctx.linker;
    const queued = new Map<Reference<ResourceBase>, QueuedReference>();
    const drafts: SubnetDraft[] = [];
    linker.recording = queued;
    this.inlineDrafts = drafts;
    let vnet: VirtualNetwork;
    try {
      vnet = this.virtualNetwork(d);
    } finally {
      linker.recording = undefined;
      this.inlineDrafts = undefined;
    }
    if (drafts.some((x) => x.subnet.key.startsWith('?'))) return { vnet, recipe: undefined };
    const subnets: VnetRecipe['subnets'] = [];
    for (const x of drafts) {
      const references: VnetRecipe['subnets'][number]['references'] = [];
      const subnet: Subnet = { ...x.subnet, users: [] };
      for (const field of ['networkSecurityGroup', 'routeTable'] as const) {
        const r = x.subnet[field];
        if (!r) continue;
        const q = queued.get(r as Reference<ResourceBase>);
        if (!q) return { vnet, recipe: undefined };
        references.push({ field, queued: q });
        // The copy as queued: the live reference gets a target in this build's model, which the recipe must not hold.
        (subnet as unknown as Record<string, unknown>)[field] = q.reference;
      }
      subnets.push({ subnet, vnetKey: x.vnetKey, references });
    }
    return { vnet, recipe: { vnet: { ...vnet, dependsOn: [], subnets: [] }, subnets } };
  }

  /** The VNet a recipe describes, made again for this build: new objects, the same values and places. */
  remake(recipe: VnetRecipe, d: DeclaredResource): VirtualNetwork {
    const vnet: VirtualNetwork = { ...recipe.vnet, dependsOn: [], subnets: [] };
    if (d.existing) return vnet;
    this.registerVnet(vnet);
    for (const { subnet, vnetKey, references } of recipe.subnets) {
      const copy: Subnet = { ...subnet, dependsOn: [], users: [] };
      for (const { field, queued } of references) {
        (copy as unknown as Record<string, unknown>)[field] = this.ctx.linker.queue({ ...queued.reference }, queued.key, queued.type);
      }
      this.addDraft({ subnet: copy, fromResource: false, vnetKey, order: this.order++ });
    }
    return vnet;
  }

  private registerVnet(vnet: VirtualNetwork): void {
    const had = this.vnetsByKey.get(vnet.key);
    if (!had || (isUnknown(had.condition) && !isUnknown(vnet.condition))) this.vnetsByKey.set(vnet.key, vnet);
  }

  virtualNetwork(d: DeclaredResource): VirtualNetwork {
    const ctx = this.ctx;
    const base = baseOf(d);
    const props = base.properties;
    const vnet: VirtualNetwork = Object.assign(base, {
      addressPrefixes: locatedStrings(ctx.origins, getPath(props, 'addressSpace', 'addressPrefixes'), base.ref, 'addressPrefixes'),
      dnsServers: locatedStrings(ctx.origins, getPath(props, 'dhcpOptions', 'dnsServers'), base.ref, 'dnsServers'),
      subnets: [] as Subnet[],
    });
    if (d.existing) return vnet;
    noteIfUnknown(ctx, vnet.addressPrefixes, base.ref);
    for (const p of isUnknown(vnet.addressPrefixes) ? [] : vnet.addressPrefixes) noteAddress(ctx, p.value, p.ref, `the address space of VNet ${display(base.name)}`);
    this.registerVnet(vnet);

    const subnets = getProp(props, 'subnets');
    if (isUnknown(subnets)) {
      ctx.notes.add(`the subnets of VNet ${display(base.name)} could not be resolved (${subnets.reason})`, ctx.origins.propRef(props, 'subnets', base.ref));
    } else if (Array.isArray(subnets)) {
      subnets.forEach((item) => this.inlineSubnet(d, vnet, item));
    }
    return vnet;
  }

  private inlineSubnet(d: DeclaredResource, vnet: VirtualNetwork, item: Value): void {
    const ctx = this.ctx;
    const ref = ctx.origins.elementRef(item, vnet.ref);
    if (!isObject(item)) {
      if (isUnknown(item)) ctx.notes.add(`a subnet of VNet ${display(vnet.name)} could not be resolved (${item.reason})`, ref);
      return;
    }
    const subnetName = nameField(getProp(item, 'name'), 'subnet name') ?? unknown('the subnet has no name');
    const keyName = typeof subnetName === 'string' ? subnetName : identityString(ctx.origins, item, 'name');
    const key =
      d.keyNames && keyName !== undefined
        ? resourceKey(SUBNET_TYPE, [...d.keyNames, keyName])
        : `?unresolved-subnet/${++this.order}`;
    const name = typeof vnet.name === 'string' && typeof subnetName === 'string' ? `${vnet.name}/${subnetName}` : isUnknown(vnet.name) ? vnet.name : subnetName;
    const base: ResourceBase = {
      key,
      type: SUBNET_TYPE,
      name,
      ref,
      condition: vnet.condition,
      properties: getProp(item, 'properties'),
      location: undefined,
      dependsOn: [],
    };
    const subnet = this.subnetFields(base, subnetName, item);
    this.addDraft({ subnet, fromResource: false, vnetKey: vnet.key, order: this.order++ });
  }

  /** A `virtualNetworks/subnets` resource. */
  subnetResource(d: DeclaredResource): Subnet {
    const base = baseOf(d);
    const subnet = this.subnetFields(base, lastName(d), d.body);
    if (d.existing) return subnet;
    const vnetKey = d.keyNames && d.keyNames.length >= 2 ? resourceKey(VNET_TYPE, [d.keyNames[0]]) : undefined;
    this.addDraft({ subnet, fromResource: true, vnetKey, order: this.order++ });
    return subnet;
  }

  /** `holder`: the object that has `properties` (the inline subnet, or the resource's body). */
  private subnetFields(base: ResourceBase, subnetName: Maybe<string>, holder: Value | undefined): Subnet {
    const { origins, linker } = this.ctx;
    const props = base.properties;
    const singleRef = origins.propRefIfPresent(props, 'addressPrefix');
    const prefixRef = singleRef ?? origins.keyRef(props, 'addressPrefixes');
    const addressPrefixes = isUnknown(props) ? props : this.prefixes(props, base.ref, singleRef);
    // The place of the whole `networkSecurityGroup` object only where its `id` has none.
    const networkSecurityGroup = linker.reference<NetworkSecurityGroup>(getProp(props, 'networkSecurityGroup'), 'id', () => origins.propRef(props, 'networkSecurityGroup', base.ref), NSG_TYPE);
    const routeTable = linker.reference<RouteTable>(getProp(props, 'routeTable'), 'id', () => origins.propRef(props, 'routeTable', base.ref), ROUTE_TABLE_TYPE);
    // The links only when there are (rather than deleted after: deleting a field that is not
    // the last leaves the object a slow dictionary for every reader of the model).
    const subnet: Subnet = Object.assign(base, { subnetName, addressPrefixes }) as Subnet;
    if (networkSecurityGroup) subnet.networkSecurityGroup = networkSecurityGroup;
    if (routeTable) subnet.routeTable = routeTable;
    subnet.delegations = isUnknown(props)
      ? props
      : locatedFromObjects(origins, getProp(props, 'delegations'), base.ref, 'delegations', (item) => {
          const inner = getProp(item, 'properties');
          return inner === undefined && getProp(item, 'serviceName') !== undefined
            ? { holder: item, key: 'serviceName' }
            : { holder: inner, key: 'serviceName' };
        });
    subnet.serviceEndpoints = isUnknown(props)
      ? props
      : locatedFromObjects(origins, getProp(props, 'serviceEndpoints'), base.ref, 'serviceEndpoints', (item) => ({ holder: item, key: 'service' }));
    subnet.users = [];
    if (prefixRef) subnet.prefixRef = prefixRef;
    const policies = getProp(props, 'serviceEndpointPolicies');
    const policiesRef = origins.keyRef(props, 'serviceEndpointPolicies');
    if (policiesRef && policies !== null && !(Array.isArray(policies) && policies.length === 0)) {
      subnet.serviceEndpointPolicies = { value: isUnknown(policies) ? policies : true, ref: policiesRef };
    }
    const plural = getProp(props, 'addressPrefixes');
    const pluralRef = plural !== undefined && plural !== null && !(Array.isArray(plural) && plural.length === 0) ? origins.keyRef(props, 'addressPrefixes') : undefined;
    const propertiesRef = holder && origins.keyRef(holder, 'properties');
    if (propertiesRef) subnet.propertiesRef = propertiesRef;
    if (pluralRef) {
      subnet.pluralPrefix = { ref: pluralRef, ...(propertiesRef ? { propertiesRef } : {}) };
      if (singleRef) subnet.pluralPrefix.alsoSingle = true;
    }
    return subnet;
  }

  /**
   * `addressPrefix` and `addressPrefixes` together, each located; `singleRef`: where
   * `addressPrefix` is written, when it is (the place propRef finds, already worked out).
   */
  private prefixes(props: Value | undefined, fallback: NodeRef, singleRef: NodeRef | undefined): Maybe<Located<string>[]> {
    const out: Located<string>[] = [];
    const value = stringField(getProp(props, 'addressPrefix'), 'addressPrefix');
    if (value !== undefined && value !== '') out.push({ value, ref: singleRef ?? this.ctx.origins.propRef(props, 'addressPrefix', fallback) });
    const plural = getProp(props, 'addressPrefixes');
    if (plural !== undefined && plural !== null) {
      const list = locatedStrings(this.ctx.origins, plural, this.ctx.origins.propRef(props, 'addressPrefixes', fallback), 'addressPrefixes');
      if (isUnknown(list)) {
        if (out.length === 0) return list;
        out.push({ value: list, ref: this.ctx.origins.propRef(props, 'addressPrefixes', fallback) });
      } else {
        out.push(...list);
      }
    }
    return out;
  }

  private addDraft(draft: SubnetDraft): void {
    if (!draft.fromResource) this.inlineDrafts?.push(draft);
    const list = this.drafts.get(draft.subnet.key);
    if (list) list.push(draft);
    else this.drafts.set(draft.subnet.key, [draft]);
  }

  /** One VNet per key (a VNet declared twice is one network). */
  vnets(): VirtualNetwork[] {
    return [...this.vnetsByKey.values()];
  }

  /** Merges the drafts; returns the subnets, each once, attached to their VNet. */
  finish(): Subnet[] {
    const out: Subnet[] = [];
    for (const drafts of this.drafts.values()) {
      const subnet = merge(drafts);
      const vnetKey = drafts.find((x) => x.vnetKey !== undefined)?.vnetKey;
      const vnet = vnetKey !== undefined ? this.vnetsByKey.get(vnetKey) : undefined;
      if (vnet) {
        subnet.vnet = vnet;
        vnet.subnets.push(subnet);
      }
      noteSubnet(this.ctx, subnet);
      out.push(subnet);
    }
    return out;
  }
}

function noteSubnet(ctx: BuildContext, s: Subnet): void {
  noteIfUnknown(ctx, s.addressPrefixes, s.prefixRef ?? s.ref);
  if (!isUnknown(s.addressPrefixes)) for (const p of s.addressPrefixes) noteAddress(ctx, p.value, p.ref, `the prefix of subnet ${display(s.subnetName)}`);
  if (s.networkSecurityGroup) noteIfUnknown(ctx, s.networkSecurityGroup.id, s.networkSecurityGroup.ref);
  if (s.routeTable) noteIfUnknown(ctx, s.routeTable.id, s.routeTable.ref);
}

/** How much a list says: known entries > some UNKNOWN entries > UNKNOWN > nothing. */
function listScore(v: Maybe<Located<string>[]>): number {
  if (isUnknown(v)) return 1;
  if (v.length === 0) return 0;
  return v.some((l) => isUnknown(l.value)) ? 2 : 3;
}

function refScore(r: { id: Maybe<string> } | undefined): number {
  if (!r) return 0;
  return isUnknown(r.id) ? 1 : 2;
}

function best<T>(drafts: SubnetDraft[], score: (s: Subnet) => number, pick: (s: Subnet) => T): { value: T; from: Subnet } {
  let chosen = drafts[0].subnet;
  let top = -1;
  for (const d of drafts) {
    const s = score(d.subnet);
    if (s > top) {
      top = s;
      chosen = d.subnet;
    }
  }
  return { value: pick(chosen), from: chosen };
}

function merge(all: SubnetDraft[]): Subnet {
  if (all.length === 1) return all[0].subnet;
  // Subnet resources first (Azure applies them after the VNet), then in declaration order.
  const drafts = [...all].sort((a, b) => Number(b.fromResource) - Number(a.fromResource) || a.order - b.order);
  const main = drafts[0].subnet;
  const prefixes = best(drafts, (s) => listScore(s.addressPrefixes), (s) => s.addressPrefixes);
  main.addressPrefixes = prefixes.value;
  if (prefixes.from.prefixRef) main.prefixRef = prefixes.from.prefixRef;
  if (prefixes.from.pluralPrefix) main.pluralPrefix = prefixes.from.pluralPrefix;
  else delete main.pluralPrefix;
  const nsg = best(drafts, (s) => refScore(s.networkSecurityGroup), (s) => s.networkSecurityGroup);
  if (nsg.value) main.networkSecurityGroup = nsg.value;
  const rt = best(drafts, (s) => refScore(s.routeTable), (s) => s.routeTable);
  if (rt.value) main.routeTable = rt.value;
  const delegations = best(drafts, (s) => listScore(s.delegations), (s) => s.delegations);
  main.delegations = delegations.value;
  const propsRef = delegations.from.propertiesRef ?? main.propertiesRef;
  if (propsRef) main.propertiesRef = propsRef;
  main.serviceEndpoints = best(drafts, (s) => listScore(s.serviceEndpoints), (s) => s.serviceEndpoints).value;
  const policies = drafts.find((d) => d.subnet.serviceEndpointPolicies)?.subnet.serviceEndpointPolicies;
  if (policies) main.serviceEndpointPolicies = policies;
  if (isUnknown(main.subnetName)) {
    const named = drafts.find((d) => !isUnknown(d.subnet.subnetName));
    if (named) main.subnetName = named.subnet.subnetName;
  }
  if (drafts.some((d) => d.subnet.condition === true)) main.condition = true;
  if (main.properties === undefined) main.properties = drafts.find((d) => d.subnet.properties !== undefined)?.subnet.properties;
  return main;
}

/** A name for a message: quoted, an excerpt of it when it is long. */
export function display(name: Maybe<string> | undefined): string {
  return typeof name === 'string' ? `'${excerpt(isSymbolic(name) ? describeSymbolic(name) : name)}'` : '(unresolved name)';
}
