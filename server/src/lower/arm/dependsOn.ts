import { foldCase } from '../../core/symbolic';
import type { Declared } from './declarations';
import { identityItem } from '../../model/links';
import { resourceKeyFromId } from '../../eval/resourceId';
import type { RefSource } from '../../model/buildContext';
import type { ResourceBase } from '../../model/types';
import { getProp, isUnknown } from '../../core/value';

/** A kept typed resource's `dependsOn` resolves otherwise in this build: the build is made again, typing every resource afresh. */
export class KeptTypedDiffers extends Error {}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Fills `dependsOn` with resource keys: entries may be resource ids, `Type/name` paths,
 * bare resource names or (languageVersion 2.0) symbolic names. Entries that resolve to
 * nothing declared keep their lower-cased text; UNKNOWN entries resolve through the
 * identity twin when they can, else are left out. A resource in `kept` (a typed resource
 * reused from an earlier build, see model/assemble.ts) keeps its list, which must be the
 * one resolved now.
 */
export function resolveDependsOn(origins: RefSource, items: { d: Declared; base: ResourceBase }[], kept?: ReadonlySet<ResourceBase>): void {
  const byName = new Map<string, string[]>();
  const bySymbol = new Map<string, string>();
  for (const { d } of items) {
    if (d.symbolicName !== undefined) bySymbol.set(d.symbolicName.toLowerCase(), d.key);
    const last = d.keyNames?.[d.keyNames.length - 1];
    if (last !== undefined) {
      const k = foldCase(last);
      const list = byName.get(k);
      if (list) list.push(d.key);
      else byName.set(k, [d.key]);
    }
  }
  const resolve = (s: string): string => {
    const byId = resourceKeyFromId(s);
    if (byId !== undefined) return byId;
    const sym = bySymbol.get(s.toLowerCase());
    if (sym !== undefined) return sym;
    const named = byName.get(foldCase(s));
    if (named && new Set(named).size === 1) return named[0];
    return foldCase(s);
  };
  for (const { d, base } of items) {
    const list = getProp(d.body, 'dependsOn');
    if (!Array.isArray(list)) continue;
    const out: string[] = [];
    list.forEach((entry, i) => {
      let s: string | undefined = typeof entry === 'string' ? entry : undefined;
      if (isUnknown(entry)) s = identityItem(origins, list, i);
      if (s === undefined || s === '') return;
      const k = resolve(s);
      if (!out.includes(k)) out.push(k);
    });
    if (kept?.has(base)) {
      // A typed resource kept from an earlier build is never written into: it is reused only where its list is the same.
      if (!sameList(base.dependsOn, out)) throw new KeptTypedDiffers();
      continue;
    }
    base.dependsOn = out;
  }
}
