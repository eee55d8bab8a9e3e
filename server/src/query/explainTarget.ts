import type { Analysis } from '../engine/analyze';
import type { NodePath, NodeRef } from '../core/nodeRef';
import { isUnknown } from '../core/value';
import { bicepPathAt } from './bicepTarget';
import { jsonPathAt } from './jsonTarget';

/** The ASE, security rule or route whose text contains the cursor. */
export type ModelElement = { kind: 'ase' | 'securityRule' | 'route'; name: string; ref: NodeRef };

/**
 * The innermost model element written around `offset` in the analysed document, found by
 * comparing paths (ARM: JSON paths; Bicep: the logical paths of nodeRef.ts): anywhere
 * inside a rule's object explains that rule, not just on its name. Elements without a
 * path (built by copy loops or expressions) cannot be pointed at.
 */
export function modelElementAt(analysis: Analysis, offset: number): ModelElement | undefined {
  const model = analysis.model;
  const path = pathAt(analysis, offset);
  if (!model || !path) return undefined;
  const candidates: ModelElement[] = [
    ...model.ases.map((a) => ({ kind: 'ase' as const, name: nameOf(a.name), ref: a.ref })),
    ...model.nsgs.flatMap((n) =>
      isUnknown(n.securityRules) ? [] : n.securityRules.map((r) => ({ kind: 'securityRule' as const, name: nameOf(r.name), ref: r.ref })),
    ),
    ...model.routeTables.flatMap((t) =>
      isUnknown(t.routes) ? [] : t.routes.map((r) => ({ kind: 'route' as const, name: nameOf(r.name), ref: r.ref })),
    ),
  ];
  let best: ModelElement | undefined;
  for (const c of candidates) {
    const p = c.ref.path;
    if (c.ref.uri !== analysis.uri || !p || !isPrefix(p, path)) continue;
    if (!best || p.length > (best.ref.path?.length ?? 0)) best = c;
  }
  return best;
}

function pathAt(analysis: Analysis, offset: number): NodePath | undefined {
  const { document } = analysis;
  if (document.language === 'bicep') return bicepPathAt(document.file, offset);
  return document.root ? jsonPathAt(document.root, offset) : undefined;
}

function nameOf(name: string | { reason: string } | undefined): string {
  return typeof name === 'string' ? name : '(name unresolved)';
}

function isPrefix(prefix: NodePath, path: NodePath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}
