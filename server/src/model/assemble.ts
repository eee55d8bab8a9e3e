import { BUDGET_EXHAUSTED } from '../eval/limits';
import type { NodeRef } from '../core/nodeRef';
import { isUnknown, type Maybe } from '../core/value';
import { baseOf, type BuildContext, type DeclaredResource } from './buildContext';
import { connection, gateway } from './gateways';
import { display, NetworkBuilder, NSG_TYPE, ROUTE_TABLE_TYPE, type VnetRecipe } from './network';
import { resourceKey } from '../eval/resourceId';
import { SecurityBuilder } from './security';
import { privateEndpoint } from './privateEndpoints';
import { emptyModel, type NetworkModel, type NetworkSecurityGroup, type ResourceBase, type RouteTable } from './types';
import type { NoteCall } from './notes';
import { SubnetUsers } from './users';
import { WebBuilder } from './web';

/**
 * The model of a template that spent its analysis's budget (see eval/limits.ts): the one
 * note that says so, and nothing for the rules. Rules that saw only the part evaluated
 * in time could report what the rest contradicts (a security rule declared later).
 */
export function exhaustedModel(uris: string[], uri: string, at: NodeRef | undefined): NetworkModel {
  const model = emptyModel(uris);
  model.unverified = [{ uri, what: BUDGET_EXHAUSTED, ...(at ? { at } : {}) }];
  if (at) model.schemaRef = at;
  return model;
}

/**
 * The language-neutral half of a build: types the declared resources with the shared
 * builders, merges and links them by key, and adds the notes about what the ASEs depend
 * on but the files do not declare. Both front ends end here, so a model from Bicep has
 * exactly the shape of one from ARM.
 */
export function assembleModel<D extends DeclaredResource>(ctx: BuildContext, all: readonly D[], reuse?: TypedReuse): { d: D; base: ResourceBase }[] {
  const { model, notes } = ctx;
  const network = new NetworkBuilder(ctx);
  const security = new SecurityBuilder(ctx, reuse?.singleLists?.());
  const users = new SubnetUsers(ctx);
  const web = new WebBuilder(ctx, users);
  const declared: { d: D; base: ResourceBase }[] = [];
  const once = deployedOnce(all);
  const merged = reuse ? mergedInto(once) : undefined;

  for (const d of once) {
    const base = merged ? typedOrKept(d, ctx, network, security, web, reuse!, merged) : typed(d, ctx, network, security, web);
    if (isUnknown(base.condition) && NETWORK_TYPES.has(d.typeLower)) notes.add(base.condition.reason, base.ref);
    declared.push({ d, base });
    users.scan(d, base);
  }

  const subnets = network.finish();
  security.finish();
  web.finish();

  model.vnets = network.vnets();
  model.subnets = subnets;
  const finalSubnets = new Set<ResourceBase>(subnets);
  const listed = new Set<ResourceBase>();
  for (const { d, base } of declared) {
    if (d.typeLower === 'microsoft.network/virtualnetworks/subnets' && !finalSubnets.has(base) && !base.existing) continue;
    model.resources.push(base);
    listed.add(base);
  }
  for (const s of subnets) if (!listed.has(s)) model.resources.push(s);

  for (const list of [model.vnets, model.subnets, model.nsgs, model.routeTables, model.ases, model.plans, model.sites, model.gateways]) {
    for (const el of list) ctx.linker.register(el);
  }
  ctx.linker.resolveAll();
  users.attach();
  noteOutside(ctx);
  return declared;
}

/**
 * The same resource deployed more than once is one resource: the idempotency loop every
 * Azure Verified Module test runs (`[for iteration in ['init', 'idem']: …]` deploys the
 * same module, with the same names, twice), or two deployments that both declare one
 * resource id. Each such resource keeps one declaration, the one Azure applies last, and
 * its values win, as a later PUT of the whole resource replaces what an earlier one set.
 *
 * "Last" is the order the front end walks the files in: the order of the text, loop
 * instances in index order (what a serial loop, `@batchSize(1)` or `mode: serial`, does),
 * a module's or nested deployment's resources where it is declared. Azure orders by
 * `dependsOn` first; two declarations of one id cannot depend on each other (the id
 * would name both), and where their deployments depend on each other it is the order of
 * the text in every template seen, so the text order stands for it. Declarations whose
 * scope (subscription, resource group) is not known, or whose condition is undecided,
 * are left as they are: they may not be the same deployment of the same resource.
 * Subnets declared inline and as child resources are merged field by field later on
 * (NetworkBuilder), as before.
 */
function deployedOnce<D extends DeclaredResource>(all: readonly D[]): readonly D[] {
  const lastOf = new Map<string, number>();
  let twice = false;
  for (let i = 0; i < all.length; i++) {
    const id = onceKey(all[i]);
    if (id === undefined) continue;
    if (lastOf.has(id)) twice = true;
    lastOf.set(id, i);
  }
  if (!twice) return all;
  return all.filter((d, i) => {
    const id = onceKey(d);
    return id === undefined || lastOf.get(id) === i;
  });
}

function onceKey(d: DeclaredResource): string | undefined {
  if (d.existing || d.condition !== true || d.scopeId === undefined || d.key.startsWith('?')) return undefined;
  return `${d.scopeId}|${d.key}`;
}

/**
 * An NSG or a route table as typing one declaration made it, with the notes typing it
 * said, kept by a front end for the next build of the same document (lower/arm/reuse.ts).
 * Typing such a resource reads nothing but its declaration (its values, its keys, where
 * its text is): given the same, it gives the same, and the model never writes into it
 * afterwards — links point from other resources to it, its `dependsOn` is checked
 * against the kept list rather than written (lower/arm/dependsOn.ts), and a resource that
 * child rules or routes would be merged into is typed afresh each time. So the very
 * object can be in two models: the verdicts net/nsg.ts keeps per NSG object stay valid.
 */
export interface TypedResource {
  /** An NSG or a route table, taken as it is. */
  base?: NetworkSecurityGroup | RouteTable;
  /** A VNet with its inline subnets, made again from the recipe (they are linked and merged later: new objects each build). */
  recipe?: VnetRecipe;
  notes: NoteCall[];
}

/** Where a typed resource's declaration is written (its ref), which must be where it is now. */
export function typedRef(t: TypedResource): NodeRef {
  return t.base ? t.base.ref : t.recipe!.vnet.ref;
}

/** What a front end keeps of typed resources between builds: it decides when a kept one still fits (same values, same places). */
export interface TypedReuse {
  /** The typed resource kept for `d`, when what typing it reads is as it was; undefined otherwise. */
  takeTyped(d: DeclaredResource): TypedResource | undefined;
  /** `d` is about to be typed afresh. */
  beginTyping(d: DeclaredResource): void;
  /** What typing `d` made, for the next build. */
  keepTyped(d: DeclaredResource, typed: TypedResource): void;
  /**
   * The table of one list per text that security rules share (SecurityBuilder), when the
   * typed resources taken hold lists of it: those typed now must share the same ones.
   */
  singleLists?(): Map<string, Maybe<string>[]>;
}

// Sets, not object literals: a resource type is the template's text, and `'constructor' in {}` holds.
const KEPT_TYPES: ReadonlySet<string> = new Set(['microsoft.network/networksecuritygroups', 'microsoft.network/routetables', 'microsoft.network/virtualnetworks']);

/** The keys of the NSGs and route tables that child rule or route resources are merged into (SecurityBuilder.finish). */
function mergedInto(all: readonly DeclaredResource[]): Set<string> {
  const out = new Set<string>();
  for (const d of all) {
    if (d.typeLower !== 'microsoft.network/networksecuritygroups/securityrules' && d.typeLower !== 'microsoft.network/routetables/routes') continue;
    // As SecurityBuilder finds the parent: its key from the first name; a child without one is merged nowhere.
    if (d.keyNames && d.keyNames.length >= 2) out.add(resourceKey(d.typeLower === 'microsoft.network/routetables/routes' ? ROUTE_TABLE_TYPE : NSG_TYPE, [d.keyNames[0]]));
  }
  return out;
}

function typedOrKept(d: DeclaredResource, ctx: BuildContext, network: NetworkBuilder, security: SecurityBuilder, web: WebBuilder, reuse: TypedReuse, merged: Set<string>): ResourceBase {
  if (!KEPT_TYPES.has(d.typeLower) || merged.has(d.key)) return typed(d, ctx, network, security, web);
  const { model, notes } = ctx;
  const vnet = d.typeLower === 'microsoft.network/virtualnetworks';
  const kept = reuse.takeTyped(d);
  if (kept) {
    for (const [what, at, symbolic] of kept.notes) notes.add(what, at, symbolic);
    if (kept.recipe) return network.remake(kept.recipe, d);
    if (d.typeLower === 'microsoft.network/networksecuritygroups') {
      const nsg = security.adoptNsg(kept.base as NetworkSecurityGroup, d);
      if (!d.existing) model.nsgs.push(nsg);
      return nsg;
    }
    const table = security.adoptRouteTable(kept.base as RouteTable, d);
    if (!d.existing) model.routeTables.push(table);
    return table;
  }
  reuse.beginTyping(d);
  const calls: NoteCall[] = [];
  notes.recording = calls;
  try {
    if (vnet) {
      const made = network.virtualNetworkWithRecipe(d);
      if (made.recipe) reuse.keepTyped(d, { recipe: made.recipe, notes: calls });
      return made.vnet;
    }
    const base = typed(d, ctx, network, security, web);
    reuse.keepTyped(d, { base: base as NetworkSecurityGroup | RouteTable, notes: calls });
    return base;
  } finally {
    notes.recording = undefined;
  }
}

/** Types the rules read: an undecided condition on one of them is worth a note. */
const NETWORK_TYPES: ReadonlySet<string> = new Set([
  'microsoft.network/virtualnetworks',
  'microsoft.network/virtualnetworks/subnets',
  'microsoft.network/networksecuritygroups',
  'microsoft.network/networksecuritygroups/securityrules',
  'microsoft.network/routetables',
  'microsoft.network/routetables/routes',
  'microsoft.web/hostingenvironments',
  'microsoft.web/sites',
  'microsoft.web/serverfarms',
]);

function typed(d: DeclaredResource, ctx: BuildContext, network: NetworkBuilder, security: SecurityBuilder, web: WebBuilder): ResourceBase {
  const { model } = ctx;
  const keep = <T extends ResourceBase>(list: T[], el: T): T => {
    if (!el.existing) list.push(el);
    return el;
  };
  switch (d.typeLower) {
    case 'microsoft.network/virtualnetworks':
      return network.virtualNetwork(d);
    case 'microsoft.network/virtualnetworks/subnets':
      return network.subnetResource(d);
    case 'microsoft.network/networksecuritygroups':
      return keep(model.nsgs, security.nsg(d));
    case 'microsoft.network/networksecuritygroups/securityrules': {
      security.nsgRuleResource(d);
      return baseOf(d);
    }
    case 'microsoft.network/routetables':
      return keep(model.routeTables, security.routeTable(d));
    case 'microsoft.network/routetables/routes':
      security.routeResource(d);
      return baseOf(d);
    case 'microsoft.web/hostingenvironments':
      return web.ase(d);
    case 'microsoft.web/serverfarms':
      return keep(model.plans, web.plan(d));
    case 'microsoft.web/sites':
      return keep(model.sites, web.site(d));
    case 'microsoft.web/sites/networkconfig':
    case 'microsoft.web/sites/config':
    case 'microsoft.web/sites/hostnamebindings':
    case 'microsoft.web/sites/slots': {
      const base = baseOf(d);
      web.siteChild(d, base);
      return base;
    }
    case 'microsoft.web/hostingenvironments/configurations': {
      const base = baseOf(d);
      web.aseConfiguration(d, base);
      return base;
    }
    case 'microsoft.network/privateendpoints':
      return keep(model.privateEndpoints, privateEndpoint(ctx, d));
    case 'microsoft.network/virtualnetworkgateways':
      return keep(model.gateways, gateway(ctx, d));
    case 'microsoft.network/connections':
      return keep(model.connections, connection(ctx, d));
    default:
      return baseOf(d);
  }
}

/** Notes for what the ASEs and integrated apps depend on but the files do not declare. */
function noteOutside(ctx: BuildContext): void {
  const { model, notes } = ctx;
  for (const ase of model.ases) {
    const ref = ase.subnet;
    if (!ref) continue;
    if (!ref.target) {
      if (typeof ref.id === 'string') notes.add(`the subnet of ASE ${display(ase.name)} is not declared in the analysed files`, ref.ref);
      continue;
    }
    for (const [what, r] of [
      ['network security group', ref.target.networkSecurityGroup],
      ['route table', ref.target.routeTable],
    ] as const) {
      if (r && !r.target && typeof r.id === 'string') {
        notes.add(`the ${what} of ASE ${display(ase.name)}'s subnet is not declared in the analysed files`, r.ref);
      }
    }
  }
  for (const site of model.sites) {
    const r = site.integrationSubnet;
    if (r && !r.target && typeof r.id === 'string') {
      notes.add(`the integration subnet of app ${display(site.name)} is not declared in the analysed files`, r.ref);
    }
  }
}
