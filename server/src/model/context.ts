import { propertyValue } from '../parse/jsonNode';
import type { Declared } from './declarations';
import type { Linker } from './links';
import type { Notes } from './notes';
import { elementRefOf, type Origins } from './origin';
import type { NetworkModel, ResourceBase } from './types';
import { getProp, isUnknown } from './value';
import { stringField } from './read';

/** What the typed builders share while one model is built. */
export interface BuildContext {
  model: NetworkModel;
  notes: Notes;
  origins: Origins;
  linker: Linker;
}

/** The fields every declared resource has in the model. */
export function baseOf(d: Declared): ResourceBase {
  const properties = getProp(d.body, 'properties');
  const base: ResourceBase = {
    key: d.key,
    type: d.type,
    name: d.name,
    ref: elementRefOf(d.doc, d.node, d.literal),
    condition: d.condition,
    properties,
    location: stringField(getProp(d.body, 'location'), 'location'),
    dependsOn: [],
  };
  if (d.existing) base.existing = true;
  const locationNode = propertyValue(d.node, 'location');
  if (locationNode?.type === 'string' && typeof locationNode.value === 'string') base.locationText = locationNode.value;
  return base;
}

/** The last segment of a resource's name (a subnet's own name), or its UNKNOWN. */
export function lastName(d: Declared): ResourceBase['name'] {
  if (d.names) return d.names[d.names.length - 1];
  return d.name;
}

/** Notes a value the rules will not be able to use. */
export function noteIfUnknown(ctx: BuildContext, v: unknown, at: ResourceBase['ref']): void {
  if (isUnknown(v)) ctx.notes.add(v.reason, at);
}
