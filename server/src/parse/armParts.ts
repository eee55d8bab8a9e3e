import type { Node } from 'jsonc-parser';
import { LineIndex } from '../core/lineIndex';
import { armDocument, type ArmDocument } from './arm';
import { findParts, parseWellFormedTree, sharedStrings, type SharedStrings, type TextFacts } from './wellFormedTree';
import type { MutableNode } from './treeAfterChange';

/**
 * Objects and arrays whose text is at most this long are parts: read from the text each
 * time they are walked, and let go after. Small enough that a part reads in a few
 * microseconds, large enough that what stays of a 10 MB template is a few per cent of
 * its tree.
 */
const PART_BYTES = 2 * 1024;

/** Parts read last that keep their nodes: the walks over one resource (lowering it, placing its findings) stay inside them. */
const KEPT_PARTS = 64;


/**
 * An ARM document whose tree is never whole: the large objects and arrays (the root,
 * `resources`, a large resource and its large arrays) are nodes as a parse makes them,
 * and each smaller object or array under them is a part whose children are read from the
 * text when asked for and dropped again once KEPT_PARTS other parts were read. For a run
 * that reads each resource once and then asks for a few thousand places (the command
 * line): the tree of a 10 MB template weighs about ten times its text, and held whole it
 * is what every garbage collection of the run carries.
 *
 * A node found in a part is a copy: the same type, offsets, value, parent chain and path
 * as the whole parse gives, but a new object each time its part is read again. Whatever
 * keeps a place for later keeps its offset (lower/arm/origin.ts), not the node.
 *
 * Undefined for a text that is not well-formed JSON as parse/wellFormedTree.ts reads it
 * (the caller parses it whole, with jsonc-parser's errors), or too small to have parts.
 */
export function parseArmInParts(uri: string, text: string): ArmDocument | undefined {
  if (text.length <= PART_BYTES) return undefined;
  // One pass over the whole text decides what is well-formed, as any parse does, and
  // where the parts are, building no node; then only what lies outside the parts is
  // built, each part a node that reads its children when asked for.
  const facts: TextFacts = { lineStarts: [0], comments: false };
  const parts = findParts(text, PART_BYTES, facts);
  if (!parts || parts.size === 0) return undefined;
  const shared = sharedStrings();
  const reader = new PartReader(text, shared);
  const root = parseWellFormedTree(text, {
    shared,
    parts,
    part: (type, offset, length, parent) => new PartNode(type, offset, length, parent, reader) as unknown as Node,
  });
  if (!root) return undefined;
  return { ...armDocument(uri, text, root, [], new LineIndex(text, facts.lineStarts)), inParts: true, ...(facts.comments ? {} : { comments: false as const }) };
}

/**
 * The object or array of `type` that starts at `offset` in the tree under `root`, found
 * by offsets (children are in text order), reading the parts on the way; undefined when
 * there is none.
 */
export function containerAt(root: Node, offset: number, type: Node['type']): Node | undefined {
  let at: Node = root;
  for (;;) {
    if (at.offset === offset && at.type === type) return at;
    const children = at.children;
    if (!children) return undefined;
    let lo = 0;
    let hi = children.length - 1;
    let next: Node | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = children[mid];
      if (offset < c.offset) hi = mid - 1;
      else if (offset >= c.offset + c.length) lo = mid + 1;
      else {
        next = c;
        break;
      }
    }
    if (!next) return undefined;
    at = next;
  }
}

/** Reads parts of one document and keeps the last KEPT_PARTS read. */
class PartReader {
  private readonly kept: PartNode[] = [];
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly shared: SharedStrings,
  ) {}

  read(part: PartNode): Node[] {
    // Read alone, in place: its nodes at their offsets in the document.
    const node = parseWellFormedTree(this.text, { shared: this.shared, range: part }) as MutableNode | null | undefined;
    // Read once when the document was parsed: the same text reads the same.
    if (!node || node.type !== part.type || node.offset !== part.offset || node.length !== part.length) throw new Error(`the part at ${part.offset} of the template no longer reads as it did`);
    const children = (node.children ?? []) as MutableNode[];
    for (const c of children) c.parent = part as unknown as Node;
    if (this.kept.length < KEPT_PARTS) {
      this.kept.push(part);
    } else {
      this.kept[this.next].drop();
      this.kept[this.next] = part;
      this.next = (this.next + 1) % KEPT_PARTS;
    }
    return children as Node[];
  }
}

/** An object or array read from the text when its children are asked for (see parseArmInParts). */
class PartNode {
  private kept: Node[] | undefined;

  constructor(
    readonly type: 'object' | 'array',
    readonly offset: number,
    readonly length: number,
    readonly parent: Node,
    private readonly reader: PartReader,
  ) {}

  get children(): Node[] {
    return (this.kept ??= this.reader.read(this));
  }

  drop(): void {
    this.kept = undefined;
  }
}
