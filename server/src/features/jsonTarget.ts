import { getNodePath, type JSONPath, type Node } from 'jsonc-parser';

/** The kinds of template text the hover and the explain request know something about. */
export type Target =
  | { kind: 'port'; value: string; field: string; direction?: 'Inbound' | 'Outbound'; node: Node }
  | { kind: 'serviceTag'; value: string; field: string; node: Node }
  | { kind: 'nextHop'; value: string; node: Node }
  | { kind: 'ase'; resource: Node; path: JSONPath; node: Node };

const portFields = new Set(['destinationportrange', 'destinationportranges', 'sourceportrange', 'sourceportranges']);
const ruleAddressFields = new Set([
  'sourceaddressprefix',
  'sourceaddressprefixes',
  'destinationaddressprefix',
  'destinationaddressprefixes',
]);
const aseType = 'microsoft.web/hostingenvironments';

/**
 * What the text at `offset` is, judged from the JSON alone so it works on any template
 * the parser could read, even one whose model is partial. Values written as ARM
 * expressions are not classified: their text is not the value.
 */
export function targetAt(root: Node, offset: number): Target | undefined {
  const node = nodeAtOffset(root, offset);
  if (!node || (node.type !== 'string' && node.type !== 'number')) return undefined;
  const owner = owningProperty(node);
  if (!owner) return undefined;
  const key = String(owner.property.children?.[0]?.value ?? '').toLowerCase();
  const object = owner.property.parent;

  if ((key === 'type' || key === 'name') && object && isAseResource(object)) {
    return { kind: 'ase', resource: object, path: getNodePath(object), node };
  }
  if (owner.isKey) return undefined;
  const value = String(node.value);
  if (value.startsWith('[') && !value.startsWith('[[')) return undefined;

  if (portFields.has(key)) {
    return { kind: 'port', value, field: key, direction: directionOf(object), node };
  }
  if (ruleAddressFields.has(key) && looksLikeTag(value)) {
    return { kind: 'serviceTag', value, field: key, node };
  }
  // A route may name a service tag as its prefix; a subnet's addressPrefix has no nextHopType beside it.
  if (key === 'addressprefix' && object && property(object, 'nextHopType') && looksLikeTag(value)) {
    return { kind: 'serviceTag', value, field: key, node };
  }
  if (key === 'nexthoptype') return { kind: 'nextHop', value, node };
  return undefined;
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
export function property(object: Node, name: string): Node | undefined {
  const lower = name.toLowerCase();
  for (const p of object.children ?? []) {
    const k = p.children?.[0];
    if (p.type === 'property' && typeof k?.value === 'string' && k.value.toLowerCase() === lower) return p.children?.[1];
  }
  return undefined;
}

function isAseResource(object: Node): boolean {
  const type = property(object, 'type');
  return type?.type === 'string' && String(type.value).toLowerCase() === aseType;
}

/** The security rule's direction, read beside the field (the rule's `properties` object). */
function directionOf(object: Node | undefined): 'Inbound' | 'Outbound' | undefined {
  const d = object && property(object, 'direction');
  if (d?.type !== 'string') return undefined;
  const v = String(d.value).toLowerCase();
  return v === 'inbound' ? 'Inbound' : v === 'outbound' ? 'Outbound' : undefined;
}

/** Not a CIDR or an address: a service tag (possibly regional, `Storage.WestEurope`), `*` included. */
function looksLikeTag(value: string): boolean {
  return value.length > 0 && !/^[0-9a-f.:]+(\/\d+)?$/i.test(value);
}
