import { isSymbolic } from '../../core/symbolic';
import type { DeclaredResource } from '../../core/findings';
import type { ResourceBase } from '../../model/types';

/**
 * A resource of the model as a fix names it: its element, its type (`type`, as Azure
 * spells it, when the model's is written in another case) and its full name when that is
 * a plain literal.
 */
export function declaredResource(resource: ResourceBase, type: string = resource.type): DeclaredResource {
  const name = resource.name;
  return typeof name === 'string' && !isSymbolic(name) ? { at: resource.ref, type, name } : { at: resource.ref, type };
}
