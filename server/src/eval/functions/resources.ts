import { unknown, type Unknown, type Value } from '../../core/value';
import type { DeploymentTarget } from '../../core/symbolic';
import { typeError } from './args';
import { eager, eagerWithUnknowns, type FunctionTable } from './types';

const MG_PREFIX = '/providers/Microsoft.Management/managementGroups/';

/**
 * The resource id functions build the same strings Azure would, with the deployment's
 * subscription and resource group as symbolic markers when not given, so an id built in
 * one place equals the id built for the same resource elsewhere.
 */
export const resourceFunctions: FunctionTable = {
  // resourceId([subscriptionId], [resourceGroupName], resourceType, name1, name2, ...)
  resourceId: eager(2, Infinity, (args, ctx) =>
    buildId(ctx.name, args, 2, (prefix) => {
      const t = ctx.target;
      if (prefix.length === 2) return `/subscriptions/${prefix[0]}/resourceGroups/${prefix[1]}`;
      if (prefix.length === 1) return `/subscriptions/${t.subscriptionId}/resourceGroups/${prefix[0]}`;
      return defaultResourceIdPrefix(t);
    }),
  ),
  // subscriptionResourceId([subscriptionId], resourceType, name1, ...)
  subscriptionResourceId: eager(2, Infinity, (args, ctx) =>
    buildId(ctx.name, args, 1, (prefix) => `/subscriptions/${prefix[0] ?? ctx.target.subscriptionId}`),
  ),
  // tenantResourceId(resourceType, name1, ...)
  tenantResourceId: eager(2, Infinity, (args, ctx) => buildId(ctx.name, args, 0, () => '')),
  // managementGroupResourceId([managementGroupId], resourceType, name1, ...)
  managementGroupResourceId: eager(2, Infinity, (args, ctx) =>
    buildId(ctx.name, args, 1, (prefix) => `${MG_PREFIX}${prefix[0] ?? ctx.target.managementGroupName}`),
  ),
  // extensionResourceId(resourceId, resourceType, name1, ...): the extended resource's id is the prefix.
  extensionResourceId: eager(3, Infinity, ([scopeId, ...rest], ctx) => {
    if (typeof scopeId !== 'string') return typeError(ctx.name, 0, 'a resource id', scopeId);
    return buildId(ctx.name, rest, 0, () => scopeId.replace(/\/+$/, ''), 1);
  }),
  // The front end may know the referenced resource's declared properties; otherwise unknown.
  reference: eagerWithUnknowns(1, 3, (args, ctx) =>
    ctx.scope.reference ? ctx.scope.reference(args) : unknown(`${ctx.name}() is known only at deployment time`),
  ),
};

function defaultResourceIdPrefix(t: DeploymentTarget): string {
  switch (t.level) {
    case 'resourceGroup':
      return `/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroupName}`;
    case 'subscription':
      return `/subscriptions/${t.subscriptionId}`;
    case 'managementGroup':
      return `${MG_PREFIX}${t.managementGroupName}`;
    case 'tenant':
      return '';
  }
}

/**
 * The segments of resource types split lately, by type: a template names a handful of
 * types in thousands of resourceId() calls. The arrays are only read. Bounded by
 * MAX_KEPT_TYPES (emptied when full); forgotten with the rest (forgetReuse).
 */
const segmentsByType = new Map<string, readonly string[]>();
const MAX_KEPT_TYPES = 256;

function segmentsOf(type: string): readonly string[] {
  let segments = segmentsByType.get(type);
  if (segments === undefined) {
    segments = type.split('/');
    if (segmentsByType.size >= MAX_KEPT_TYPES) segmentsByType.clear();
    segmentsByType.set(type, segments);
  }
  return segments;
}

/** Forgets the types split so far (the next analysis starts from nothing). */
export function forgetSplitTypes(): void {
  segmentsByType.clear();
}

/**
 * The resource type is the first argument containing '/'; up to `maxPrefix` arguments
 * before it are scope parts (subscription, resource group…). The type needs one name per
 * segment after the namespace; names may be given separately or joined with '/'.
 */
function buildId(
  fn: string,
  args: Value[],
  maxPrefix: number,
  makePrefix: (prefix: string[]) => string,
  argOffset = 0,
): string | Unknown {
  for (let i = 0; i < args.length; i++) {
    if (typeof args[i] !== 'string') return typeError(fn, i + argOffset, 'a string', args[i]);
  }
  const strings = args as string[];
  // Loops rather than findIndex/flatMap/a regex: templates call resourceId() by the thousand.
  let typeIndex = -1;
  for (let i = 0; i < strings.length; i++) {
    if (strings[i].includes('/')) {
      typeIndex = i;
      break;
    }
  }
  if (typeIndex < 0) return unknown(`${fn}(): no resource type (an argument containing '/')`);
  if (typeIndex > maxPrefix) return unknown(`${fn}(): ${typeIndex} arguments before the resource type; at most ${maxPrefix} allowed`);
  // ARM accepts a trailing slash on the type ('Microsoft.Network/virtualNetworks/'), and
  // real templates write it.
  const written = strings[typeIndex];
  const type = written.endsWith('/') ? written.slice(0, -1) : written;
  const segments = segmentsOf(type);
  for (const segment of segments) if (segment === '') return unknown(`${fn}(): '${type}' is not a resource type`);
  const names: string[] = [];
  for (let i = typeIndex + 1; i < strings.length; i++) {
    const n = strings[i];
    if (n.includes('/')) names.push(...n.split('/'));
    else names.push(n);
  }
  const needed = segments.length - 1;
  if (names.length !== needed) {
    return unknown(`${fn}(): '${type}' needs ${needed} resource name${needed === 1 ? '' : 's'}, got ${names.length}`);
  }
  for (const n of names) if (n === '') return unknown(`${fn}(): a resource name is empty`);
  // Namespace, then each type segment with its name.
  let id = `${makePrefix(strings.slice(0, typeIndex))}/providers/${segments[0]}`;
  for (let i = 0; i < needed; i++) id += `/${segments[i + 1]}/${names[i]}`;
  return id;
}
