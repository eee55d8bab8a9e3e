import type { Node } from 'jsonc-parser';
import type { TextChange } from '../core/textDiff';
import { childIndexAt } from './jsonNode';
import { parseWellFormedTree } from './wellFormedTree';

/**
 * The tree of a new version of a well-formed JSON text, from the tree of the previous one
 * and the change between them: the innermost object or array whose brackets hold the
 * change is read again from the new text, the nodes before it are the previous tree's,
 * those after it copies at their new offsets, and its ancestors new nodes with the
 * lengths moved. What a renderer that applies several changes one after another needs
 * between two of them, where reading the whole text again cost a full parse per change.
 *
 * Why this is exact: the container begins with its opening bracket and ends with its
 * closing one in both texts, and the text around it is the same (shifted by the change
 * in length after it), so no token crosses its ends; read alone, well-formed, it is the
 * subtree a parse of the whole text gives. Undefined when the change touches the root's
 * own brackets, the container read alone is not well-formed, or it nests too deep for
 * the fast reader; the caller then reads the whole text.
 *
 * The previous tree is not changed. Nodes kept point to their old parents, which stand at
 * the same offsets and paths (an old ancestor may be longer or shorter than the new one);
 * a caller that walks up from a node must use a tree it read whole.
 */
export function treeAfterChange(root: Node, text: string, change: TextChange): Node | undefined {
  const delta = change.newEnd - change.oldEnd;
  // The ancestors of the innermost container, outermost first, each with the index of the child on the way.
  const path: { node: Node; index: number }[] = [];
  let container = root;
  if (!holds(container, change)) return undefined;
  for (;;) {
    const children = container.children;
    if (!children || children.length === 0) break;
    const index = childIndexAt(children, change.start);
    let child = children[index];
    // A property's value is the container on the way; the property itself holds only its name beside it.
    let property: Node | undefined;
    if (child.type === 'property') {
      property = child;
      child = child.children?.[1] as Node;
      if (!child) break;
    }
    if ((child.type !== 'object' && child.type !== 'array') || !holds(child, change)) break;
    path.push({ node: container, index });
    if (property) path.push({ node: property, index: 1 });
    container = child;
  }
  if (path.length + 1 > MAX_PART_DEPTH) return undefined;
  const source = text.slice(container.offset, container.offset + container.length + delta);
  const parsed = parseWellFormedTree(source) as MutableNode | null | undefined;
  if (!parsed || parsed.type !== container.type) return undefined;
  if (moveBy(parsed, container.offset) + path.length > MAX_PART_DEPTH) return undefined;
  if (path.length === 0) return parsed as Node;

  // Read alone it is a root, whose parent field was deleted: made again in a child's shape.
  let made: MutableNode = { type: parsed.type, offset: parsed.offset, length: parsed.length, parent: undefined, children: parsed.children };
  for (const c of made.children ?? []) (c as MutableNode).parent = made as Node;
  // From the container up, each ancestor made again with the new child in its place and its later children moved.
  for (let i = path.length - 1; i >= 0; i--) {
    const { node, index } = path[i];
    const copy = shell(node, delta);
    const children = node.children!.slice();
    for (let j = index + 1; j < children.length; j++) children[j] = copyMoved(children[j], delta, copy as Node);
    children[index] = made as Node;
    made.parent = copy as Node;
    copy.children = children;
    made = copy;
  }
  if (root.parent === undefined) delete made.parent;
  return made as Node;
}

/**
 * How deep a part read on its own may reach into the document, at most: well within
 * wellFormedTree.ts's own limit, so a part never takes the fast path where a parse of the
 * whole text would have left it.
 */
export const MAX_PART_DEPTH = 500;

export type MutableNode = { -readonly [K in keyof Node]: Node[K] };

/** Whether the change lies inside the node's brackets, touching neither. */
function holds(node: Node, change: TextChange): boolean {
  return change.start > node.offset && change.oldEnd < node.offset + node.length;
}

/** An ancestor of the change made again, its length moved (its children set by the caller), in the shapes wellFormedTree.ts builds. */
function shell(n: Node, delta: number): MutableNode {
  if (n.type === 'property') return { type: 'property', offset: n.offset, length: n.length + delta, parent: n.parent, children: undefined, colonOffset: n.colonOffset };
  return { type: n.type, offset: n.offset, length: n.length + delta, parent: n.parent, children: undefined };
}

/**
 * A copy of a subtree `delta` characters further on, under `parent`, node for node in
 * the shapes wellFormedTree.ts builds (containers, properties with their colon, values):
 * cheaper than parsing its text again, and the previous tree keeps its own nodes.
 */
export function copyMoved(node: Node, delta: number, parent: Node): Node {
  const top = copyOf(node, delta, parent);
  const stack: MutableNode[] = [top];
  while (stack.length > 0) {
    const copy = stack.pop()!;
    const children = copy.children;
    if (!children) continue;
    const moved = new Array<Node>(children.length);
    for (let i = 0; i < children.length; i++) {
      const c = copyOf(children[i], delta, copy as Node);
      moved[i] = c as Node;
      stack.push(c);
    }
    copy.children = moved;
  }
  return top as Node;
}

/** One node moved (its children still the old ones, for copyMoved to replace). */
function copyOf(n: Node, delta: number, parent: Node): MutableNode {
  if (n.type === 'property') return { type: 'property', offset: n.offset + delta, length: n.length, parent, children: n.children, colonOffset: n.colonOffset === undefined ? undefined : n.colonOffset + delta };
  if (n.type === 'object' || n.type === 'array') return { type: n.type, offset: n.offset + delta, length: n.length, parent, children: n.children };
  return { type: n.type, offset: n.offset + delta, length: n.length, parent, value: n.value };
}

/** Moves a subtree read on its own to its place in the document; its depth. */
export function moveBy(node: MutableNode, delta: number): number {
  const stack: MutableNode[] = [node];
  const depths = [0];
  let deepest = 0;
  while (stack.length > 0) {
    const n = stack.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    n.offset += delta;
    if (n.colonOffset !== undefined) n.colonOffset += delta;
    if (n.children) for (const c of n.children) {
      stack.push(c as MutableNode);
      depths.push(depth + 1);
    }
  }
  return deepest;
}
