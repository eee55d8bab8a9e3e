import type { Node } from 'jsonc-parser';
import type { Analysis } from '../engine';
import type { NodePath, NodeRef } from '../model/nodeRef';
import { isUnknown } from '../model/value';

/** The ASE, security rule or route whose JSON object contains the cursor. */
export type ModelElement = { kind: 'ase' | 'securityRule' | 'route'; name: string; ref: NodeRef };

/**
 * The innermost model element written around `offset` in the analysed document, found by
 * comparing JSON paths: anywhere inside a rule's object explains that rule, not just on
 * its name. Elements without a path (built by copy loops) cannot be pointed at.
 */
export function modelElementAt(analysis: Analysis, offset: number): ModelElement | undefined {
  const model = analysis.model;
  const root = analysis.document.language === 'arm' ? analysis.document.root : undefined;
  if (!model || !root) return undefined;
  const path = pathAt(root, offset);
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

function nameOf(name: string | { reason: string } | undefined): string {
  return typeof name === 'string' ? name : '(name unresolved)';
}

/** The JSON path of the innermost node at `offset`, walked with loops (deeply nested documents overflow recursion). */
function pathAt(root: Node, offset: number): NodePath {
  const contains = (n: Node) => offset >= n.offset && offset < n.offset + n.length;
  if (!contains(root)) return [];
  const path: NodePath = [];
  let node = root;
  for (;;) {
    const child = node.children?.find(contains);
    if (!child) return path;
    if (node.type === 'array') path.push(node.children!.indexOf(child));
    if (node.type === 'property' && child === node.children?.[1]) path.push(String(node.children?.[0]?.value));
    node = child;
  }
}

function isPrefix(prefix: NodePath, path: NodePath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}
