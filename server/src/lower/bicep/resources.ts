import { formatResourceId, typeAndNames } from '../../eval/resourceId';
import { resolveTarget, type DeploymentTarget } from '../../core/symbolic';
import { stringValue, type ResourceDeclaration } from '../../parse/bicep';
import type { Maybe } from '../../core/value';
import { getProp, isObject, isUnknown, propKey, unknown, type Value, type ValueObject } from '../../core/value';
import type { BicepOrigins } from './origins';

/** `Microsoft.Network/virtualNetworks/subnets@2023-04-01` → type and apiVersion; undefined for an interpolated or missing type. */
export function splitTypeString(decl: ResourceDeclaration): { type: string; apiVersion?: string } | undefined {
  if (decl.type.kind !== 'string') return undefined;
  const raw = stringValue(decl.type);
  if (raw === undefined || raw.trim() === '') return undefined;
  const at = raw.indexOf('@');
  const type = (at < 0 ? raw : raw.slice(0, at)).trim().replace(/\/+$/, '');
  if (type === '') return undefined;
  return at < 0 ? { type } : { type, apiVersion: raw.slice(at + 1).trim() };
}

/**
 * A nested child's full type: `subnets` under `Microsoft.Network/virtualNetworks` is
 * `Microsoft.Network/virtualNetworks/subnets`; a type written with its namespace is full.
 */
export function composeChildType(type: string, parentType: string | undefined): { type: string; relative: boolean } {
  if (parentType === undefined || type.split('/')[0].includes('.')) return { type, relative: false };
  return { type: `${parentType}/${type}`, relative: true };
}

/**
 * Name segments: the resource's own name split on '/', after its parent's names when it
 * has a parent (`parent:` or nesting), unless a full-typed child already writes them all.
 */
export function nameSegments(own: Value | undefined, parentNames: Maybe<string[]> | undefined, relative: boolean, typeSegments: number): Maybe<string[]> {
  if (isUnknown(own)) return own;
  if (typeof own !== 'string') return unknown('the resource has no name');
  const parts = own.split('/');
  if (parentNames === undefined) return parts;
  if (!relative && parts.length >= typeSegments) return parts;
  if (isUnknown(parentNames)) return parentNames;
  return [...parentNames, ...parts];
}

/** The id prefix a `scope:` value names: a resource group, a subscription, or the resource an extension resource extends. */
export function scopePrefix(scope: Value): Maybe<string> {
  if (isUnknown(scope)) return scope;
  const id = isObject(scope) ? getProp(scope, 'id') : undefined;
  if (isUnknown(id)) return id;
  if (typeof id !== 'string' || id === '') return unknown('the scope has no id');
  return id.replace(/\/+$/, '');
}

/** The id prefix of where a file deploys (what `resourceId()` would put before `/providers/`). */
export function targetPrefix(target: Partial<DeploymentTarget>): string {
  const t = resolveTarget(target);
  switch (t.level) {
    case 'resourceGroup':
      return formatResourceId(t.subscriptionId, t.resourceGroupName, 'x/y', ['n']).replace(/\/providers\/x\/y\/n$/, '');
    case 'subscription':
      return `/subscriptions/${t.subscriptionId}`;
    case 'managementGroup':
      return `/providers/Microsoft.Management/managementGroups/${t.managementGroupName}`;
    case 'tenant':
      return '';
  }
}

/** The resource id in the format ARM's resourceId() produces, so references link by the same key. */
export function resourceIdOf(prefix: string, type: string, names: string[]): string {
  return `${prefix}/providers/${typeAndNames(type, names)}`;
}

const VNET_TYPE_LOWER = 'microsoft.network/virtualnetworks';
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

/**
 * A declared VNet's `properties` as Azure returns them, for what expressions read
 * (`vnet.properties.subnets[0].id`): each inline subnet also carries its `id` (the VNet's
 * id + `/subnets/<name>`, the format resourceId() gives, so it links to the model's
 * subnet) and its `type`. The declared objects are not changed, because the model reads
 * them as written; the copies keep their origins, so a reference into them still finds
 * its text. Anything else (not a VNet, no inline subnets, an unresolved list) is
 * returned as it is.
 */
export function deployedProperties(
  type: string,
  properties: Value | undefined,
  vnetId: Maybe<string>,
  origins: BicepOrigins,
  identity: boolean,
): Value | undefined {
  if (type.toLowerCase() !== VNET_TYPE_LOWER || !isObject(properties)) return properties;
  const listKey = propKey(properties, 'subnets');
  const list = listKey === undefined ? undefined : properties[listKey];
  if (!Array.isArray(list) || !list.some(isObject)) return properties;
  const subnets = list.map((item) => {
    if (!isObject(item)) return item;
    const copy: ValueObject = { ...item };
    if (getProp(item, 'id') === undefined) copy.id = subnetIdOf(vnetId, item, origins, identity);
    if (getProp(item, 'type') === undefined) copy.type = SUBNET_TYPE;
    keepOrigin(origins, item, copy);
    return copy;
  });
  keepOrigin(origins, list, subnets);
  const out: ValueObject = { ...properties, [listKey!]: subnets };
  keepOrigin(origins, properties, out);
  return out;
}

function subnetIdOf(vnetId: Maybe<string>, subnet: ValueObject, origins: BicepOrigins, identity: boolean): Value {
  if (isUnknown(vnetId)) return vnetId;
  let name = getProp(subnet, 'name');
  // The identity twin: a name built from a parameter without a value stands for itself.
  if (identity && isUnknown(name)) name = origins.identityString(subnet, 'name') ?? name;
  if (isUnknown(name)) return name;
  if (typeof name !== 'string' || name === '') return unknown('the subnet has no name');
  return `${vnetId}/subnets/${name}`;
}

function keepOrigin(origins: BicepOrigins, from: object, to: object): void {
  origins.copyOrigin(from, to);
}
