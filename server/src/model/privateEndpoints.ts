import { resourceKeyFromId } from '../eval/resourceId';
import { getProp, isUnknown, unknown, type Value } from '../core/value';
import { isSymbolic } from '../core/symbolic';
import { baseOf, type BuildContext, type DeclaredResource } from './buildContext';
import type { PrivateEndpoint } from './types';
import { identityString } from './links';

/** A `Microsoft.Network/privateEndpoints` resource with the targets of its connections. */
export function privateEndpoint(ctx: BuildContext, d: DeclaredResource): PrivateEndpoint {
  const { origins } = ctx;
  const base = baseOf(d);
  const props = base.properties;
  const pe: PrivateEndpoint = Object.assign(base, { targets: [] as PrivateEndpoint['targets'] });
  if (isUnknown(props)) {
    pe.targets = props;
    return pe;
  }
  const targets: { id: string | ReturnType<typeof unknown>; key?: string; ref: PrivateEndpoint['ref'] }[] = [];
  for (const listName of ['privateLinkServiceConnections', 'manualPrivateLinkServiceConnections']) {
    const list = getProp(props, listName);
    if (list === undefined || list === null) continue;
    if (isUnknown(list) || !Array.isArray(list)) {
      pe.targets = isUnknown(list) ? list : unknown(`${listName} is not a list`);
      return pe;
    }
    for (const item of list as Value[]) {
      const inner = getProp(item, 'properties');
      const id = getProp(inner, 'privateLinkServiceId');
      if (id === undefined || id === null) continue;
      const ref = origins.propRef(inner, 'privateLinkServiceId', base.ref);
      // The key as references resolve it: from the id, else from its identity evaluation (an id built from the subscription's).
      const fromId = typeof id === 'string' ? resourceKeyFromId(id) : undefined;
      const alt = fromId === undefined ? identityString(origins, inner, 'privateLinkServiceId') : undefined;
      const key = fromId ?? (alt !== undefined ? resourceKeyFromId(alt) : undefined);
      const value = typeof id === 'string' && !isSymbolic(id) ? id : isUnknown(id) ? id : unknown('privateLinkServiceId is not known before deployment');
      targets.push(key === undefined ? { id: value, ref } : { id: value, key, ref });
    }
  }
  pe.targets = targets;
  return pe;
}
