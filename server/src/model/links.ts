import { resourceKeyFromId } from '../eval/resourceId';
import { propRefOr, type RefSource } from './buildContext';
import type { NodeRef } from '../core/nodeRef';
import type { Reference, ResourceBase } from './types';
import type { Maybe } from '../core/value';
import { getProp, isUnknown, unknown, type Value } from '../core/value';
import { isSymbolic, symbolicValue } from '../core/symbolic';

/**
 * The text of a property re-evaluated in the identity twin of the scope it was
 * evaluated in, so an id built from parameters without values still yields a key.
 */
export function identityString(origins: RefSource, holder: Value | undefined, key: string): string | undefined {
  return origins.identityString(holder, key);
}

export function identityItem(origins: RefSource, holder: Value | undefined, index: number): string | undefined {
  return origins.identityItem(holder, index);
}

/** The key a reference resolves by: from the id when known, else from its identity evaluation. */
function keyOf(id: Maybe<string>, identity: () => string | undefined): string | undefined {
  if (typeof id === 'string') {
    const k = resourceKeyFromId(id);
    if (k !== undefined) return k;
  }
  const alt = identity();
  return alt !== undefined ? resourceKeyFromId(alt) : undefined;
}

interface Pending {
  reference: Reference<ResourceBase>;
  key: string | undefined;
  type: string;
}

/**
 * Resolves references by key once every element is known: a reference gets a `target`
 * only when an element of the expected type with that key is declared in the analysed
 * files. Lookups are map hits.
 */
/** One reference queued, as it was queued (its reference copied before any target is set). */
export interface QueuedReference {
  reference: Reference<ResourceBase>;
  key: string | undefined;
  type: string;
}

export class Linker {
  private readonly index = new Map<string, ResourceBase>();
  private readonly pending: Pending[] = [];
  /** While set, every reference queued is written here too, with the copy it was queued as (see NetworkBuilder.remake). */
  recording: Map<Reference<ResourceBase>, QueuedReference> | undefined;

  constructor(private readonly origins: RefSource) {}

  /** Makes `element` a target; with several declarations of one key, one whose condition is true wins. */
  register(element: ResourceBase): void {
    if (element.existing) return;
    const had = this.index.get(element.key);
    if (!had || (isUnknown(had.condition) && !isUnknown(element.condition))) this.index.set(element.key, element);
  }

  lookup<T extends ResourceBase>(key: string | undefined, type: string): T | undefined {
    if (key === undefined) return undefined;
    const el = this.index.get(key);
    return el && el.type.toLowerCase() === type.toLowerCase() ? (el as T) : undefined;
  }

  /**
   * A reference written as `{ "id": ... }` (holder = that object) or as a string property
   * (`serverFarmId`): holder = the object that has it, idKey = its name. Undefined when
   * nothing is written; the id is UNKNOWN when the holder or the id is unresolved. A
   * fallback given as a function is worked out only when it is needed (rarely: the id is
   * found where it is written).
   */
  reference<T extends ResourceBase>(holder: Value | undefined, idKey: string, fallback: NodeRef | (() => NodeRef), type: string): Reference<T> | undefined {
    if (holder === undefined || holder === null) return undefined;
    if (isUnknown(holder)) return this.queue<T>({ id: holder, ref: typeof fallback === 'function' ? fallback() : fallback }, undefined, type);
    const raw = getProp(holder, idKey);
    if (raw === undefined || raw === null || raw === '') return undefined;
    let id: Maybe<string> = typeof raw === 'string' || isUnknown(raw) ? raw : unknown(`'${idKey}' is not a string`);
    const ref = typeof fallback === 'function' ? propRefOr(this.origins, holder, idKey, fallback) : this.origins.propRef(holder, idKey, fallback);
    const key = keyOf(id, () => identityString(this.origins, holder, idKey));
    // A symbol that is no resource id (a parameter holding a whole id) names nothing the model can find: unknown, with its reason.
    if (key === undefined && typeof id === 'string' && isSymbolic(id)) id = symbolicValue(id);
    return this.queue<T>({ id, ref }, key, type);
  }

  /** A reference whose id and key were worked out by the caller. */
  queue<T extends ResourceBase>(reference: Reference<T>, key: string | undefined, type: string): Reference<T> {
    this.pending.push({ reference: reference as Reference<ResourceBase>, key, type });
    if (this.recording) this.recording.set(reference as Reference<ResourceBase>, { reference: { ...(reference as Reference<ResourceBase>) }, key, type });
    return reference;
  }

  resolveAll(): void {
    for (const p of this.pending) {
      const target = this.lookup(p.key, p.type);
      if (target) p.reference.target = target;
    }
    this.pending.length = 0;
  }
}
