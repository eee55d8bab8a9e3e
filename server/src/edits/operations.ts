/**
 * A fix's changes, which say what to change (core/findings.ts), as edits at paths, which
 * the language renderers apply (format.ts `PlacedChange`). Setting, removing and
 * inserting name an element and the properties below it, which both languages' node
 * paths spell alike; adding resources and dependencies, and reading deployed values, is
 * written differently in each, so the language of the file decides (arm/resources.ts,
 * bicep/resources.ts). Nothing outside edits/ sees a language.
 */
import type { Change } from '../core/findings';
import type { NodeRef } from '../core/nodeRef';
import type { Site } from './definitions';
import type { SourceTexts } from './sourceTexts';
import { armResources } from './arm/resources';
import { bicepResources } from './bicep/resources';
import { FixResources, type Added, type Placement, type ResourceLanguage } from './placement';

export function languageOf(uri: string, texts: SourceTexts): ResourceLanguage {
  return texts.isBicep(uri) ? bicepResources : armResources;
}

/** The fix's changes as placements, in order; undefined when one cannot be placed. */
export function placeChanges(changes: readonly Change[], texts: SourceTexts): { placements: Placement[]; fix: FixResources } | undefined {
  const fix = new FixResources();
  const addedBy = new Map<Change, Added>();
  for (const change of changes) {
    if (change.op !== 'addResource' && change.op !== 'addChild') continue;
    const beside = change.op === 'addResource' ? change.beside : change.parent.at;
    const added: Added = { uri: beside.uri, beside, resource: change.resource, dependsOn: [...(change.resource.dependsOn ?? [])] };
    if (change.key !== undefined) added.key = change.key;
    if (change.op === 'addChild') added.parent = change.parent;
    if (!fix.add(added)) return undefined;
    addedBy.set(change, added);
  }
  // A dependency given to a resource the fix adds is written in its declaration.
  for (const change of changes) {
    if (change.op !== 'addDependency' || !('added' in change.from)) continue;
    const added = fix.get(change.from);
    if (!added) return undefined;
    added.dependsOn.push(change.on);
  }
  const uris = [...new Set(fix.all.map((a) => a.uri))];
  for (const uri of uris) {
    if (!languageOf(uri, texts).plan(uri, fix.all.filter((a) => a.uri === uri), fix, texts)) return undefined;
  }

  const placements: Placement[] = [];
  for (const change of changes) {
    switch (change.op) {
      case 'setProperty':
      case 'removeProperty':
      case 'insertItem': {
        const at = change.at;
        if (!at.path) return undefined;
        const path = [...change.path];
        const site: Site = { uri: at.uri, path: [...at.path, ...path] };
        if (change.op === 'setProperty') placements.push({ target: at, path, value: change.value, mode: 'set', site });
        else if (change.op === 'removeProperty') placements.push({ target: at, path, value: undefined, mode: 'remove', site });
        else
          placements.push({
            target: at,
            path,
            value: change.value,
            insert: itemIndex(site, change.before),
            mode: 'add',
            site,
            ...(change.likeNeighbours ? { likeNeighbours: change.likeNeighbours } : {}),
            ...(change.placeholders ? { placeholders: change.placeholders } : {}),
          });
        break;
      }
      case 'renameResource': {
        const at = change.at;
        if (!at.path) return undefined;
        const site: Site = { uri: at.uri, path: [...at.path, 'name'] };
        placements.push({ target: at, path: ['name'], value: undefined, rename: { from: change.from, to: change.to }, mode: 'rename', site });
        break;
      }
      case 'addResource':
      case 'addChild': {
        const added = addedBy.get(change)!;
        const placement = languageOf(added.uri, texts).declare(added, fix, texts);
        if (placement === undefined) return undefined;
        if (placement) placements.push(placement);
        break;
      }
      case 'addDependency': {
        if ('added' in change.from) break; // written in the new resource's declaration
        const from = change.from.at;
        const language = languageOf(from.uri, texts);
        const owner = from.path && language.declaringResource(from.path);
        if (!owner) return undefined;
        const entry = language.dependency(from.uri, owner, change.on, fix, texts);
        if (entry === undefined) return undefined;
        const target: NodeRef = { uri: from.uri, range: from.range, path: owner };
        placements.push({ target, path: ['dependsOn'], value: entry, insert: 'end', mode: 'add', site: { uri: from.uri, path: [...owner, 'dependsOn'] } });
        break;
      }
    }
  }
  return { placements, fix };
}

/** The index of `before` in the array at `site`, when it is one of its items; else the end. */
function itemIndex(site: Site, before: NodeRef | undefined): number | 'end' {
  const path = before?.path;
  if (!path || before.uri !== site.uri || path.length !== site.path.length + 1) return 'end';
  if (!site.path.every((segment, i) => sameSegment(segment, path[i]))) return 'end';
  const index = path[path.length - 1];
  return typeof index === 'number' ? index : 'end';
}

function sameSegment(a: string | number, b: string | number): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

