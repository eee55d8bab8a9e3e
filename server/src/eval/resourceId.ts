import { foldCase, resolveTarget, SUBSCRIPTION_ID, type DeploymentTarget } from '../core/symbolic';
import { sameKey } from '../core/value';

export interface ParsedResourceId {
  subscriptionId?: string;
  resourceGroup?: string;
  /** `Microsoft.Network` */
  namespace: string;
  /** `['virtualNetworks', 'subnets']` */
  types: string[];
  /** `['vnet1', 'default']` */
  names: string[];
  /** `Microsoft.Network/virtualNetworks/subnets` */
  fullType: string;
  /** For an extension resource (one `/providers/` section after another): the id of the resource it extends. */
  scope?: string;
}

/**
 * Splits a resource id into its parts. Accepts resource-group, subscription, tenant,
 * management-group and extension ids, and the prefix-less `Microsoft.Network/
 * virtualNetworks/vnet1/subnets/s1` some templates use. The last `/providers/`
 * section decides the type, as in Azure. Undefined for anything else.
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  if (typeof id !== 'string' || id.length === 0) return undefined;
  if (!id.startsWith('/')) return parseUnprefixed(id);
  const segs = id.slice(1).split('/');
  if (hasEmpty(segs)) return undefined;
  let i = 0;
  let subscriptionId: string | undefined;
  let resourceGroup: string | undefined;
  if (is(segs[0], 'subscriptions')) {
    if (segs.length < 2) return undefined;
    subscriptionId = segs[1];
    i = 2;
    if (i < segs.length && is(segs[i], 'resourceGroups')) {
      if (segs.length < 4) return undefined;
      resourceGroup = segs[3];
      i = 4;
    }
  }
  if (i === segs.length) {
    if (resourceGroup !== undefined) return make(subscriptionId, resourceGroup, 'Microsoft.Resources', ['resourceGroups'], [resourceGroup]);
    if (subscriptionId !== undefined) return make(undefined, undefined, 'Microsoft.Resources', ['subscriptions'], [subscriptionId]);
    return undefined;
  }
  // Walk `providers/<ns>` followed by type/name pairs; a `providers` segment where a
  // type is expected starts a new (extension) section, so a resource named
  // "providers" is still read as a name. The last section runs to the end.
  let section = -1;
  while (i < segs.length) {
    if (!is(segs[i], 'providers')) return undefined;
    if (i + 1 >= segs.length) return undefined;
    section = i;
    i += 2;
    const first = i;
    while (i < segs.length && !is(segs[i], 'providers')) {
      if (i + 1 >= segs.length) return undefined;
      i += 2;
    }
    if (i === first) return undefined;
  }
  if (section < 0) return undefined;
  // Arrays of their final size: ids are parsed by the thousand.
  const pairs = (segs.length - section - 2) >> 1;
  const types = new Array<string>(pairs);
  const names = new Array<string>(pairs);
  for (let k = 0, j = section + 2; k < pairs; k++, j += 2) {
    types[k] = segs[j];
    names[k] = segs[j + 1];
  }
  const parsed = make(subscriptionId, resourceGroup, segs[section + 1], types, names);
  if (section > 0 && !(section === 2 && subscriptionId !== undefined && resourceGroup === undefined) && !(section === 4 && resourceGroup !== undefined)) {
    parsed.scope = '/' + segs.slice(0, section).join('/');
  }
  return parsed;
}

function parseUnprefixed(id: string): ParsedResourceId | undefined {
  const segs = id.split('/');
  // The namespace must look like one (`Microsoft.Network`), else any a/b/c would parse.
  if (hasEmpty(segs) || !segs[0].includes('.') || segs.length < 3 || segs.length % 2 === 0) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 1; i < segs.length; i += 2) {
    types.push(segs[i]);
    names.push(segs[i + 1]);
  }
  return make(undefined, undefined, segs[0], types, names);
}

function make(
  subscriptionId: string | undefined,
  resourceGroup: string | undefined,
  namespace: string,
  types: string[],
  names: string[],
): ParsedResourceId {
  let fullType = namespace;
  for (const t of types) fullType += '/' + t;
  const p: ParsedResourceId = { namespace, types, names, fullType };
  if (subscriptionId !== undefined) p.subscriptionId = subscriptionId;
  if (resourceGroup !== undefined) p.resourceGroup = resourceGroup;
  return p;
}

function is(seg: string | undefined, word: string): boolean {
  // Ids are split and compared by the hundred thousand: no lower-cased copies.
  return seg !== undefined && sameKey(seg, word);
}

function hasEmpty(segs: string[]): boolean {
  for (let i = 0; i < segs.length; i++) if (segs[i].length === 0) return true;
  return false;
}

/**
 * The case-insensitive key that matches a reference to a declared resource:
 * `microsoft.network/virtualnetworks/subnets/vnet1/default`. Subscription and resource
 * group are not part of it.
 */
export function resourceKey(fullType: string, names: string[]): string {
  let key = fullType;
  for (const n of names) key += '/' + n;
  return foldCase(key);
}

export function resourceKeyFromId(id: string): string | undefined {
  // A template names the same resources again and again (a subnet by its NSG, its route
  // table and the resources that depend on it: 965 ids of 310 in a hub-and-spoke
  // template): each id is split once. The key depends on the id alone.
  let key = keysOfIds.get(id);
  if (key !== undefined || keysOfIds.has(id)) return key;
  const p = parseResourceId(id);
  key = p ? resourceKey(p.fullType, p.names) : undefined;
  if (id.length <= MAX_KEPT_ID_LENGTH) {
    if (keysOfIds.size >= MAX_KEPT_IDS) keysOfIds.clear();
    keysOfIds.set(id, key);
  }
  return key;
}

/** Bounds of the keys kept by id: entries (emptied when full) and the length of an id kept (longer ones are rare). */
const MAX_KEPT_IDS = 20_000;
const MAX_KEPT_ID_LENGTH = 512;
const keysOfIds = new Map<string, string | undefined>();

/** Forgets the keys of the ids read so far (the next analysis starts from nothing). */
export function forgetResourceKeys(): void {
  keysOfIds.clear();
}

/**
 * The id Azure would give the resource: resource-group level when `rg` is given (in the
 * current, symbolic, subscription if `sub` is not), subscription level with only `sub`,
 * tenant level with neither. Type segments and names are interleaved; a count mismatch
 * is the caller's to reject.
 */
export function formatResourceId(sub: string | undefined, rg: string | undefined, fullType: string, names: string[]): string {
  let prefix = '';
  if (rg !== undefined) prefix = `/subscriptions/${sub ?? SUBSCRIPTION_ID}/resourceGroups/${rg}`;
  else if (sub !== undefined) prefix = `/subscriptions/${sub}`;
  return `${prefix}/providers/${typeAndNames(fullType, names)}`;
}

/** `NS/t1/n1/t2/n2` from `NS/t1/t2` and `[n1, n2]`. */
export function typeAndNames(fullType: string, names: string[]): string {
  const [namespace, ...types] = fullType.split('/');
  const parts = [namespace];
  const n = Math.max(types.length, names.length);
  for (let i = 0; i < n; i++) {
    if (i < types.length) parts.push(types[i]);
    if (i < names.length) parts.push(names[i]);
  }
  return parts.join('/');
}

/**
 * Where a deployment puts its resources, as the part of their ids before `/providers/`
 * (`/subscriptions/{sub}/resourceGroups/{rg}`), case-folded: two resources with the same
 * key are the same resource only when this is the same too.
 */
export function deploymentScopeId(target: Partial<DeploymentTarget> | undefined): string {
  const t = resolveTarget(target);
  switch (t.level) {
    case 'resourceGroup':
      return foldCase(`/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroupName}`);
    case 'subscription':
      return foldCase(`/subscriptions/${t.subscriptionId}`);
    case 'managementGroup':
      return foldCase(`/providers/Microsoft.Management/managementGroups/${t.managementGroupName}`);
    case 'tenant':
      return '';
  }
}
