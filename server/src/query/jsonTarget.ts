import { getNodePath, type Node } from 'jsonc-parser';
import type { NodePath } from '../core/nodeRef';
import { aseResourceType, classifyScalar } from './scalarTarget';
import type { Target } from './target';

/**
 * What the JSON text at `offset` is, judged from the JSON alone so it works on any
 * template the parser could read, even one whose model is partial. Values written as ARM
 * expressions are not classified: their text is not the value.
 */
export function jsonTargetAt(root: Node, offset: number): Target | undefined {
  const node = nodeAtOffset(root, offset);
  if (!node || (node.type !== 'string' && node.type !== 'number')) return undefined;
  const owner = owningProperty(node);
  if (!owner) return undefined;
  const key = String(owner.property.children?.[0]?.value ?? '').toLowerCase();
  const object = owner.property.parent;
  const span = { offset: node.offset, length: node.length };

  if ((key === 'type' || key === 'name') && object && isAseResource(object)) {
    return { kind: 'ase', path: getNodePath(object), resource: { offset: object.offset, length: object.length }, ...span };
  }
  if (owner.isKey || !object) return undefined;
  const value = String(node.value);
  if (value.startsWith('[') && !value.startsWith('[[')) return undefined;
  const holder = object.parent?.type === 'property' ? object.parent : undefined;
  const target = classifyScalar({
    key,
    value,
    parentKey: holder ? String(holder.children?.[0]?.value ?? '').toLowerCase() : undefined,
    sibling: (name) => {
      const v = property(object, name);
      return v?.type === 'string' ? String(v.value) : undefined;
    },
    hasSibling: (name) => property(object, name) !== undefined,
  });
  return target && { ...target, ...span };
}

/** The JSON path (as NodeRef paths write it) of the innermost node at `offset`, walked with loops. */
export function jsonPathAt(root: Node, offset: number): NodePath {
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

/**
 * The innermost node containing `offset`, as jsonc-parser's findNodeAtOffset finds it,
 * but with a loop: that one recurses per nesting level and overflows the stack on the
 * deeply nested documents the parser itself reads iteratively.
 */
function nodeAtOffset(root: Node, offset: number): Node | undefined {
  const contains = (n: Node) => offset >= n.offset && offset < n.offset + n.length;
  if (!contains(root)) return undefined;
  let node = root;
  for (;;) {
    // Siblings do not overlap: at most one child contains the offset.
    const child = node.children?.find(contains);
    if (!child) return node;
    node = child;
  }
}

/** The property a scalar belongs to: directly (`"k": v`), as an array element (`"k": [v]`), or as its key. */
function owningProperty(node: Node): { property: Node; isKey: boolean } | undefined {
  const parent = node.parent;
  if (parent?.type === 'property') return { property: parent, isKey: parent.children?.[0] === node };
  if (parent?.type === 'array' && parent.parent?.type === 'property') return { property: parent.parent, isKey: false };
  return undefined;
}

/** Looks up a property of a JSON object, case-insensitively as Azure does. */
function property(object: Node, name: string): Node | undefined {
  const lower = name.toLowerCase();
  for (const p of object.children ?? []) {
    const k = p.children?.[0];
    if (p.type === 'property' && typeof k?.value === 'string' && k.value.toLowerCase() === lower) return p.children?.[1];
  }
  return undefined;
}

function isAseResource(object: Node): boolean {
  const type = property(object, 'type');
  return type?.type === 'string' && String(type.value).toLowerCase() === aseResourceType;
}
