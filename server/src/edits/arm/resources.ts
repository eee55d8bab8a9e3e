/**
 * How an ARM template declares, names and reads resources, for the changes that add
 * resources and dependencies:
 *
 * - a new resource is an object appended to the `resources` array of the template (the
 *   file's, or a nested deployment's) that declares the resource it goes beside, climbing
 *   out of child `resources`; a child is named `<parent>/<own name>` and depends on its
 *   parent by id; a resource that exists already is not declared (it is read by id);
 * - a dependency is `[resourceId('<type>', '<name>', …)]` in `dependsOn`, and names only
 *   a resource of the same template (Azure refuses others);
 * - a deployed value is read with `reference(<id>, '<apiVersion>')`, a child's id being its
 *   parent's followed by `/<type>/<name>`.
 *
 * Refused: templates that key their resources by symbolic name (an object, which an
 * array insert cannot reach), names that are not plain literals or hold a quote.
 */
import type { ResourceRef } from '../../core/findings';
import type { NodePath } from '../../core/nodeRef';
import type { JsonValue } from '../../core/value';
import { accessor, resourceObject, type Added, type FixResources, type Placement, type ResourceLanguage } from '../placement';

export const armResources: ResourceLanguage = {
  declaringResource,

  plan(_uri, added) {
    return added.every((a) => a.resource.existing || a.resource.apiVersion !== undefined);
  },

  declare(added, fix) {
    if (added.resource.existing) return null;
    const array = templateArray(added);
    const name = fullName(added);
    if (!array || name === undefined) return undefined;
    const dependsOn: JsonValue[] = [];
    if (added.parent) {
      const parentId = idOf(added.parent.type, added.parent.name);
      if (!parentId) return undefined;
      dependsOn.push(`[${parentId}]`);
    }
    for (const on of added.dependsOn) {
      const entry = dependencyFrom(added.uri, array, on, fix);
      if (entry === undefined) return undefined;
      dependsOn.push(entry);
    }
    const value = resourceObject(added.resource, { name }, dependsOn);
    const target = { uri: added.uri, range: added.beside.range, path: array };
    return { target, path: [], value, insert: 'end', mode: 'add', site: { uri: added.uri, path: array } } satisfies Placement;
  },

  dependency(uri, from, on, fix) {
    const array = templateResourcesPath(from);
    return array && dependencyFrom(uri, array, on, fix);
  },

  read(_uri, value, fix) {
    const id = deployedId(value.deployed, fix);
    const property = accessor(value.property);
    if (id === undefined || property === undefined || value.apiVersion.includes("'")) return undefined;
    return `[reference(${id}, '${value.apiVersion}')${property}]`;
  },
};

/** The innermost resource object (an entry of a `resources` array) holding the element at `path`. */
function declaringResource(path: NodePath): NodePath | undefined {
  for (let n = path.length; n >= 2; n--) {
    if (typeof path[n - 1] === 'number' && String(path[n - 2]).toLowerCase() === 'resources') return path.slice(0, n);
  }
  return undefined;
}

/**
 * The `resources` array of the template (top level or nested deployment) that holds the
 * resource at `path`, climbing out of child `resources` of other resources. Undefined
 * for symbolic-name (object) resources, which an array insert cannot reach.
 */
function templateResourcesPath(path: NodePath): NodePath | undefined {
  let found: number | undefined;
  for (let i = 0; i + 1 < path.length; i++) {
    if (String(path[i]).toLowerCase() !== 'resources' || typeof path[i + 1] !== 'number') continue;
    const atTemplate = i === 0 || (String(path[i - 1]).toLowerCase() === 'template' && String(path[i - 2]).toLowerCase() === 'properties');
    if (atTemplate) found = i;
  }
  return found === undefined ? undefined : path.slice(0, found + 1);
}

/** The template array a new resource goes into: the one that declares what it goes beside. */
function templateArray(added: Added): NodePath | undefined {
  const path = added.beside.path;
  const owner = path && declaringResource(path);
  return owner && templateResourcesPath(owner);
}

function fullName(added: Added): string | undefined {
  if (!added.parent) return added.resource.name;
  return added.parent.name === undefined ? undefined : `${added.parent.name}/${added.resource.name}`;
}

/** `resourceId('<type>', '<segment>', …)`; undefined for a name that is not a plain literal. */
function idOf(type: string | undefined, name: string | undefined): string | undefined {
  if (type === undefined || name === undefined || name.startsWith('[') || name.includes("'") || type.includes("'")) return undefined;
  return `resourceId('${type}', ${name.split('/').map((s) => `'${s}'`).join(', ')})`;
}

/** The `dependsOn` entry naming `on` from a resource of the template whose `resources` array is at `array` in the file `uri`. */
function dependencyFrom(uri: string, array: NodePath, on: ResourceRef, fix: FixResources): JsonValue | undefined {
  if ('added' in on) {
    const added = fix.get(on);
    if (!added || added.resource.existing || added.uri !== uri || !samePath(templateArray(added), array)) return undefined;
    const id = idOf(added.resource.type, fullName(added));
    return id && `[${id}]`;
  }
  const owner = on.at.path && declaringResource(on.at.path);
  if (on.at.uri !== uri || !owner || !samePath(templateResourcesPath(owner), array)) return undefined;
  const id = idOf(on.type, on.name);
  return id && `[${id}]`;
}

/** The id a deployed value is read by: a resource's own, or for a child its parent's followed by `/<type>/<name>`. */
function deployedId(ref: ResourceRef, fix: FixResources): string | undefined {
  if ('added' in ref) {
    const added = fix.get(ref);
    if (!added) return undefined;
    const { type, name } = added.resource;
    return added.parent ? childId(added.parent.type, added.parent.name, type, name) : idOf(type, name);
  }
  const cut = ref.name?.lastIndexOf('/') ?? -1;
  const typeCut = ref.type?.lastIndexOf('/') ?? -1;
  if (cut < 0 || typeCut < 0 || ref.type!.split('/').length < 3) return idOf(ref.type, ref.name);
  return childId(ref.type!.slice(0, typeCut), ref.name!.slice(0, cut), ref.type!, ref.name!.slice(cut + 1));
}

function childId(parentType: string | undefined, parentName: string | undefined, type: string, name: string): string | undefined {
  const parentId = idOf(parentType, parentName);
  const last = type.split('/').pop();
  if (!parentId || !last || name.includes("'") || name.includes('/')) return undefined;
  return `concat(${parentId}, '/${last}/${name}')`;
}

function samePath(a: NodePath | undefined, b: NodePath): boolean {
  return a !== undefined && a.length === b.length && a.every((s, i) => String(s).toLowerCase() === String(b[i]).toLowerCase());
}
