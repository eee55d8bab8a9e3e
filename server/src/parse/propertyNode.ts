import type { Node } from 'jsonc-parser';

/**
 * A property of an object as parse/wellFormedTree.ts builds it: jsonc-parser's property
 * node (type, offset, length, parent, colonOffset, and `children` holding the key's string
 * node and the value's node), but holding the key's name and length and the value's node
 * itself, and making the key node and the `[key, value]` array only when something reads
 * `children`. A template has tens of thousands of properties: the key node and the array
 * were two of every property's three objects, about half of what the tree weighed, and
 * what the code that reads a property wants is its name and its value, which it reads
 * here directly (parse/jsonNode.ts `propertyKey`, `valueOfProperty`).
 *
 * Once made, `children` is the same array each time it is read, and its key node moves
 * with the property (`moveBy`); a key made after a move reads the moved offset. Assigning
 * `children` replaces the name, key length and value with those of the array given, which
 * becomes the one read. Writing into the array read does not change the property: the
 * direct fields are what it holds.
 *
 * Every field is set in the constructor, in one order, so that every property of every
 * tree has one shape.
 */
export class PropertyNode {
  // Declared only: the constructor sets them (a class field is defined, then set again).
  declare readonly type: 'property';
  declare offset: number;
  declare length: number;
  declare parent: Node | undefined;
  declare colonOffset: number;
  /** The key's value (the name unescaped) and the length of its text, quotes included. */
  declare keyName: string;
  declare keyLength: number;
  /** The value's node; undefined only while the parse has not reached it. */
  declare valueNode: Node | undefined;
  /** `children`, once something read it. */
  private declare made: Node[] | undefined;

  constructor(offset: number, length: number, parent: Node | undefined, colonOffset: number, keyName: string, keyLength: number, valueNode: Node | undefined) {
    this.type = 'property';
    this.offset = offset;
    this.length = length;
    this.parent = parent;
    this.colonOffset = colonOffset;
    this.keyName = keyName;
    this.keyLength = keyLength;
    this.valueNode = valueNode;
    this.made = undefined;
  }

  /** The key's string node and the value's, as jsonc-parser's property has them. */
  get children(): Node[] {
    let made = this.made;
    if (made === undefined) {
      // The field order of every string node the tree builder makes.
      const key = { type: 'string', offset: this.offset, length: this.keyLength, parent: this as Node, value: this.keyName } as Node;
      made = this.valueNode === undefined ? [key] : [key, this.valueNode];
      this.made = made;
    }
    return made;
  }

  set children(children: Node[] | undefined) {
    const key = children?.[0];
    this.keyName = typeof key?.value === 'string' ? key.value : '';
    this.keyLength = key?.length ?? 0;
    this.valueNode = children?.[1];
    this.made = children;
  }

  /** Moves the property (and its key node, if made) `delta` characters; not its value. */
  moveBy(delta: number): void {
    this.offset += delta;
    this.colonOffset += delta;
    const key = this.made?.[0] as { offset: number } | undefined;
    if (key !== undefined) key.offset += delta;
  }

  /** A new property with this one's key, colon and length, moved `delta` characters, under `parent`, with `valueNode` as its value. */
  movedCopy(delta: number, parent: Node | undefined, valueNode: Node | undefined): PropertyNode {
    return new PropertyNode(this.offset + delta, this.length, parent, this.colonOffset + delta, this.keyName, this.keyLength, valueNode);
  }
}

/**
 * Whether a node is a PropertyNode: told by a field only it has, a load the engine
 * answers from the node's shape, where `instanceof` against a class held in a module
 * variable is a call that walks the prototype chain (the readers of every property ask).
 */
export function isPropertyNode(node: Node | PropertyNode): node is PropertyNode {
  return (node as Partial<PropertyNode>).keyName !== undefined;
}
