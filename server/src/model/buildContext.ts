import type { Linker } from './links';
import type { NodeRef } from '../core/nodeRef';
import type { Notes } from './notes';
import type { NetworkModel, ResourceBase } from './types';
import type { Maybe } from '../core/value';
import { getProp, isSymbolicValue, isUnknown, type ValueObject } from '../core/value';
import { nameField } from './read';

/**
 * Where the values the typed builders read came from. Both front ends answer it: ARM
 * from the JSON nodes its values were converted from, Bicep from its syntax tree. The
 * builders only ever see evaluated values and ask this for the text behind them, which
 * is what keeps them — and so the model — language-neutral.
 */
export interface RefSource {
  /**
   * An element (a resource, a rule, a route): range on its `name` value (else its first
   * token), path of the object; `fallback` (without path) when it cannot be found, and
   * used for nothing else (see propRef).
   */
  elementRef(value: unknown, fallback: NodeRef): NodeRef;
  /**
   * A property value: its range and path; `fallback` (without path) when it cannot be found.
   * The fallback is used for nothing else, and one without a path is returned as it is
   * (propRefOr relies on both).
   */
  propRef(holder: unknown, key: string, fallback: NodeRef): NodeRef;
  /** Like propRef, but undefined when the property is not written. */
  propRefIfPresent(holder: unknown, key: string): NodeRef | undefined;
  /** A long property value: range on its key, path of the value; undefined when not written. */
  keyRef(holder: unknown, key: string): NodeRef | undefined;
  itemRef(holder: unknown, index: number, fallback: NodeRef): NodeRef;
  /** A NodeRef with a path for a value that is literal text (an array an edit can insert into), else undefined. */
  literalRef(value: unknown): NodeRef | undefined;
  /** The ref of the whole value, if it has an origin. */
  valueRef(value: unknown, fallback: NodeRef): NodeRef;
  /**
   * The property re-evaluated in the identity twin of the scope it was evaluated in
   * (parameters without values stand for themselves), so an id built from them still
   * yields a key; undefined when that gives no string either.
   */
  identityString(holder: unknown, key: string): string | undefined;
  identityItem(holder: unknown, index: number): string | undefined;
}

/** Given as a fallback to learn whether a place was found: no element of a model is this object. */
const NOT_FOUND: NodeRef = Object.freeze({ uri: '', range: Object.freeze({ start: Object.freeze({ line: 0, character: 0 }), end: Object.freeze({ line: 0, character: 0 }) }) });

/**
 * `origins.propRef(holder, key, fallback())`, with the fallback worked out only when the
 * property is not found: the fallback is often the ref of an enclosing property (its range
 * and path), and most properties are found.
 */
export function propRefOr(origins: RefSource, holder: unknown, key: string, fallback: () => NodeRef): NodeRef {
  const ref = origins.propRef(holder, key, NOT_FOUND);
  return ref !== NOT_FOUND ? ref : withoutPath(fallback());
}

/** `origins.elementRef(value, fallback())`, with the fallback worked out only when the element is not found. */
export function elementRefOr(origins: RefSource, value: unknown, fallback: () => NodeRef): NodeRef {
  const ref = origins.elementRef(value, NOT_FOUND);
  return ref !== NOT_FOUND ? ref : withoutPath(fallback());
}

function withoutPath(ref: NodeRef): NodeRef {
  return ref.path ? { uri: ref.uri, range: ref.range } : ref;
}

/** What the typed builders share while one model is built. */
export interface BuildContext {
  model: NetworkModel;
  notes: Notes;
  origins: RefSource;
  linker: Linker;
}

/** One declared resource instance as the typed builders read it, whatever the language. */
export interface DeclaredResource {
  /** The resource evaluated: `name`, `location`, `kind`, `sku`, `properties`, `apiVersion`… */
  body: ValueObject;
  /** Full type, e.g. `Microsoft.Network/virtualNetworks/subnets`. */
  type: string;
  typeLower: string;
  /** Full name (`vnet/subnet`), UNKNOWN when unresolved. */
  name: Maybe<string>;
  /** Name segments as evaluated, when every one is known. */
  names: string[] | undefined;
  /** Name segments in the identity twin; undefined when even that does not resolve. */
  keyNames: string[] | undefined;
  key: string;
  condition: Maybe<true>;
  existing: boolean;
  /** The resource's ref: range on its name, path of the resource when literal. */
  ref: NodeRef;
  /**
   * Where it is deployed, case-folded: the part of its id before `/providers/`
   * (`/subscriptions/{sub}/resourceGroups/{rg}`); undefined when that is not known. Two
   * declarations with the same key and scope are one resource deployed twice.
   */
  scopeId?: string;
}

/** The fields every declared resource has in the model. */
export function baseOf(d: DeclaredResource): ResourceBase {
  const properties = getProp(d.body, 'properties');
  const base: ResourceBase = {
    key: d.key,
    type: d.type,
    name: d.name,
    ref: { ...d.ref },
    condition: d.condition,
    properties,
    location: nameField(getProp(d.body, 'location'), 'location'),
    dependsOn: [],
  };
  if (d.existing) base.existing = true;
  return base;
}

/** The last segment of a resource's name (a subnet's own name), or its UNKNOWN. */
export function lastName(d: DeclaredResource): ResourceBase['name'] {
  if (d.names) return d.names[d.names.length - 1];
  return d.name;
}

/** Notes a value the rules will not be able to use. */
export function noteIfUnknown(ctx: BuildContext, v: unknown, at: ResourceBase['ref']): void {
  if (isUnknown(v)) ctx.notes.add(v.reason, at);
}

/**
 * Notes an address the rules can use only by identity (see Unverified.symbolic), or,
 * for any other UNKNOWN, its reason. `what` says whose address it is ("the prefix of
 * subnet 'ase'"), so each place that holds the symbol has its note.
 */
export function noteAddress(ctx: BuildContext, v: unknown, at: ResourceBase['ref'], what: string): void {
  if (isSymbolicValue(v)) ctx.notes.add(`${what} is known only at deployment (${v.reason})`, at, true);
  else if (isUnknown(v)) ctx.notes.add(v.reason, at);
}
