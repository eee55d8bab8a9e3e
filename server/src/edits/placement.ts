/**
 * What the edit layer's parts share while a fix is placed: the placements (edits at
 * paths, their values still to resolve), the resources the fix adds, and what each
 * language must say about declaring, naming and reading resources.
 */
import type { AddedResource, ChangeValue, DeclaredResource, DeployedValue, NewResource, ResourceRef } from '../core/findings';
import type { NodePath, NodeRef } from '../core/nodeRef';
import type { JsonValue } from '../core/value';
import type { Site } from './definitions';
import type { SourceTexts } from './sourceTexts';

/** One change as an edit at a path, its value still to resolve (render.ts). */
export interface Placement {
  target: NodeRef;
  path: NodePath;
  value: ChangeValue | undefined;
  insert?: number | 'end';
  /** See `InsertItem.placeholders`. */
  placeholders?: readonly (readonly string[])[];
  /** See `InsertItem.likeNeighbours`. */
  likeNeighbours?: { optional?: readonly (readonly string[])[] };
  /** See `PlacedChange.rename`. */
  rename?: { from: string; to: string };
  /**
   * `set`: a value set on what is there, followed to where it is defined; `remove`: a
   * value removed (a parameter it was the only use of goes too); `add`: new text
   * (an item, a declaration, a dependency) written where it goes; `rename`: a resource's
   * name edited where it is written (never followed to a definition).
   */
  mode: 'set' | 'remove' | 'add' | 'rename';
  /** Where the value goes, for a value written as it is elsewhere. */
  site: Site;
}

/** A resource the fix adds, as the changes that name it see it. */
export interface Added {
  key?: string;
  uri: string;
  /** The element whose file and template it goes into (its parent for a child). */
  beside: NodeRef;
  parent?: DeclaredResource;
  resource: NewResource;
  /** Dependencies other changes of the fix give it. */
  dependsOn: ResourceRef[];
}

/** The resources a fix adds, by key, with what a language planned for them (a Bicep symbol). */
export class FixResources {
  readonly all: Added[] = [];
  private readonly byKey = new Map<string, Added>();
  readonly symbols = new Map<Added, string>();

  add(added: Added): boolean {
    if (added.key !== undefined) {
      if (this.byKey.has(added.key)) return false;
      this.byKey.set(added.key, added);
    }
    this.all.push(added);
    return true;
  }

  get(ref: AddedResource): Added | undefined {
    return this.byKey.get(ref.added);
  }
}

/** How a language declares, names and reads resources. */
export interface ResourceLanguage {
  /** The path of the resource that declares the element at `path` (the element itself when it is one); undefined when none does. */
  declaringResource(path: NodePath): NodePath | undefined;
  /** Prepares the new resources of the file `uri` (the symbols they are declared under); false when one cannot be declared there. */
  plan(uri: string, added: readonly Added[], fix: FixResources, texts: SourceTexts): boolean;
  /** The edit that declares the resource; null when nothing is written (a resource read by id); undefined when it cannot be declared. */
  declare(added: Added, fix: FixResources, texts: SourceTexts): Placement | null | undefined;
  /** The `dependsOn` entry naming `on` in the resource at `from` in the file `uri`; undefined when it cannot name it from there. */
  dependency(uri: string, from: NodePath, on: ResourceRef, fix: FixResources, texts: SourceTexts): JsonValue | undefined;
  /** The expression that reads the deployed value, as an ARM expression string the file's renderer writes; undefined when it cannot be read from the file `uri`. */
  read(uri: string, value: DeployedValue, fix: FixResources, texts: SourceTexts): JsonValue | undefined;
}

/** A property path read from a deployed resource: `.name` and `[index]`, as both ARM and Bicep expressions write it. */
export function accessor(property: readonly (string | number)[]): string | undefined {
  let out = '';
  for (const p of property) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) out += `.${p}`;
    else return undefined;
  }
  return out;
}

/** The JSON object of a new resource in ARM's shape (type, apiVersion, name, …), with the fields each language passes in. */
export function resourceObject(resource: NewResource, head: Record<string, JsonValue>, dependsOn: JsonValue[]): Record<string, ChangeValue> {
  const out: Record<string, ChangeValue> = { type: resource.type, apiVersion: resource.apiVersion ?? '', ...head };
  if (resource.location !== undefined) out.location = resource.location;
  if (dependsOn.length > 0) out.dependsOn = dependsOn;
  if (resource.properties !== undefined) out.properties = resource.properties;
  return out;
}
