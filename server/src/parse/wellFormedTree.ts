import type { Node, NodeType } from 'jsonc-parser';

/**
 * jsonc-parser's `parseTree` for the common case, several times faster: a document that
 * is well-formed JSON with comments and trailing commas, written with ASCII whitespace,
 * gives exactly the tree `parseTree` gives (same nodes, offsets, lengths, colon offsets,
 * values and parent links), built in one pass over the characters with no scanner, no
 * visitor callbacks and no per-token strings. Anything else (a syntax error, a BOM, a
 * control character in a string, nesting deeper than MAX_DEPTH) returns NOT_WELL_FORMED,
 * and the caller lets jsonc-parser read the text with its error recovery, so its errors
 * and partial trees stay exactly as they were.
 *
 * Why not the library alone: at 1 MB `parseTree` took about 20 ms and allocated 25 MB
 * (visitor closures, path copies, growable child arrays of two); this allocates little
 * more than the tree itself, and the tree is what an analysis keeps while origins point
 * into it, so it is kept small too:
 * - one loop with the position in a local, an explicit stack instead of recursion;
 * - children arrays allocated at their final size (a growable array reserves 17 slots
 *   at its first push, most objects have a handful of properties);
 * - every node with a value has the same field order, keys and values alike, so what
 *   reads `value` sees one shape;
 * - a short string without escapes that the document repeats (property names above all:
 *   `name`, `properties`, `type`…) is one string object, not one per occurrence.
 */
export const NOT_WELL_FORMED = null;

/** Deeper documents go to jsonc-parser (and its iterative fallback), as before. */
const MAX_DEPTH = 1000;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const STAR = 0x2a;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** A node while it is built; the fields are those `parseTree` sets. */
interface Building {
  type: NodeType;
  offset: number;
  length: number;
  parent?: Building;
  children?: Building[];
  value?: unknown;
  colonOffset?: number;
}

/** Strings up to this length are shared through the table below; longer ones are rarely repeated. */
const SHARED_MAX_LENGTH = 40;
/** Slots of the table of shared strings (a power of two); a colliding string replaces the older one. */
const SHARED_SLOTS = 4096;

/**
 * Skips the whitespace and comments jsonc-parser skips without complaint (space, tab,
 * CR, LF; `//` to the line end, closed `/* *\/`). The position after them, or -1 at
 * anything it would complain about there (a lone `/`, an unclosed comment, whitespace
 * or another character beyond ASCII).
 */
function skip(codes: Uint16Array, pos: number, end: number): number {
  while (pos < end) {
    const c = codes[pos];
    if (c === SPACE || c === TAB) {
      pos++;
    } else if (c === LF) {
      pos++;
      if (lineStarts !== undefined) lineStarts.push(pos);
    } else if (c === CR) {
      pos++;
      if (lineStarts !== undefined && codes[pos] !== LF) lineStarts.push(pos);
    } else if (c === SLASH) {
      pos = skipComment(codes, pos, end);
      if (pos < 0) return -1;
    } else {
      return c < 0x80 ? pos : -1;
    }
  }
  return pos;
}

/**
 * The comment at `pos` (a `/`) skipped: the position after it (a line comment stops
 * before its line break), or -1 for a lone `/` or an unclosed comment. Apart from
 * `skip`, which is called for every gap between tokens and stays small enough to be
 * inlined where it is called.
 */
function skipComment(codes: Uint16Array, pos: number, end: number): number {
  if (facts !== undefined) facts.comments = true;
  const next = codes[pos + 1];
  if (next === SLASH) {
    pos += 2;
    while (pos < end) {
      const d = codes[pos];
      if (d === LF || d === CR) break;
      pos++;
    }
    return pos;
  }
  if (next !== STAR) return -1;
  for (let i = pos + 2; i + 1 < end; i++) {
    if (codes[i] === STAR && codes[i + 1] === SLASH) {
      if (lineStarts !== undefined) addLineStarts(codes, pos + 2, i, lineStarts);
      return i + 2;
    }
  }
  return -1;
}

/**
 * The UTF-16 code units of a text, read by the loops below: an element of a typed array
 * is read in a few instructions, where `charCodeAt` first asks each time how the string
 * is stored (about twice the time per character over a document). The array is written
 * into a scratch buffer kept for the next text, up to SCRATCH_CHARS characters (a larger
 * text has an array of its own, collected after its parse); no parse reads while another
 * is under way, so one buffer serves every parse of the thread.
 *
 * `again`: the text is read again soon, in pieces (a document read in parts, see
 * `findParts`): its array is reused while it is still the one written last, rather than
 * written again for each piece, and a larger text's own array is kept for it until
 * another such text is read.
 */
function codesOf(text: string, again = false): Uint16Array {
  if (again) {
    // The same string object as last time compares by reference, at no cost.
    if (scratchHolds === text) return new Uint16Array(scratch!.buffer, scratch!.byteOffset, text.length);
    if (large !== undefined && large.text === text) return large.codes;
  }
  if (text.length > SCRATCH_CHARS) {
    const codes = codesIn(Buffer.allocUnsafe(text.length * 2), text);
    if (again) large = { text, codes };
    return codes;
  }
  if (scratch === undefined || scratch.length < text.length * 2) scratch = Buffer.allocUnsafe(Math.min(SCRATCH_CHARS, Math.max(text.length, 1 << 16)) * 2);
  scratchHolds = text;
  return codesIn(scratch, text);
}

function codesIn(buffer: Buffer, text: string): Uint16Array {
  buffer.write(text, 0, 'utf16le');
  return new Uint16Array(buffer.buffer, buffer.byteOffset, text.length);
}

/** Texts up to this many characters (a few megabytes) are read through the one scratch buffer. */
const SCRATCH_CHARS = 1 << 21;
let scratch: Buffer | undefined;
/** The text whose code units `scratch` holds. */
let scratchHolds: string | undefined;
/** The last text above SCRATCH_CHARS read again in pieces, with its code units. */
let large: { text: string; codes: Uint16Array } | undefined;

/** What the tree builder notes about a text on the way, for a caller that asks (see `parseWellFormedTree`). */
export interface TextFacts {
  /**
   * Given as `[0]`: the start of every other line is appended, in order, as `LineIndex`
   * finds them. Found where whitespace and comments are skipped, the only places a
   * well-formed document has line breaks, so the line index needs no second pass.
   */
  lineStarts?: number[];
  /** Set when the text holds a comment (the only place an ARM template has suppression directives). */
  comments: boolean;
}

/** The facts asked for the text being read, and their line starts, read in the loop that skips whitespace. */
let facts: TextFacts | undefined;
let lineStarts: number[] | undefined;

/** Appends the line starts that the breaks from `from` to before `to` begin, as LineIndex counts them (`\n`, `\r\n`, a lone `\r`). */
function addLineStarts(codes: Uint16Array, from: number, to: number, starts: number[]): void {
  for (let i = from; i < to; i++) {
    const c = codes[i];
    if (c === LF || (c === CR && codes[i + 1] !== LF)) starts.push(i + 1);
  }
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** The end of the number at `pos`, with jsonc-parser's grammar (a leading 0 stands alone, `1.` and `1e` are errors); -1 when it is none. */
function numberEnd(codes: Uint16Array, pos: number): number {
  let i = pos;
  if (codes[i] === MINUS) i++;
  if (codes[i] === ZERO) i++;
  else if (isDigit(codes[i])) while (isDigit(codes[i])) i++;
  else return -1;
  if (codes[i] === DOT) {
    i++;
    if (!isDigit(codes[i])) return -1;
    while (isDigit(codes[i])) i++;
  }
  const e = codes[i];
  if (e === LOWER_E || e === UPPER_E) {
    i++;
    const sign = codes[i];
    if (sign === PLUS || sign === MINUS) i++;
    if (!isDigit(codes[i])) return -1;
    while (isDigit(codes[i])) i++;
  }
  return i;
}

/** Where the string `readString` read last ends (after its closing quote). */
let stringEnd = 0;

/**
 * The string starting at `start` (a quote), unescaped, or NOT_WELL_FORMED for what
 * jsonc-parser reports; `stringEnd` is set to the position after it. A short string
 * without escapes is taken from `shared` when the document had it before.
 */
function readString(text: string, codes: Uint16Array, start: number, end: number, shared: SharedStrings): string | null {
  let i = start + 1;
  let escaped = false;
  let hash = 0;
  for (;;) {
    if (i >= end) return NOT_WELL_FORMED;
    const c = codes[i];
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      escaped = true;
      i += 2;
    } else if (c < SPACE) {
      return NOT_WELL_FORMED;
    } else {
      hash = (Math.imul(hash, 31) + c) | 0;
      i++;
    }
  }
  stringEnd = i + 1;
  if (escaped) {
    // JSON's escapes are exactly jsonc-parser's; an invalid one makes both complain.
    try {
      return JSON.parse(text.slice(start, i + 1)) as string;
    } catch {
      return NOT_WELL_FORMED;
    }
  }
  const length = i - start - 1;
  if (length > SHARED_MAX_LENGTH) return text.slice(start + 1, i);
  const slot = (hash ^ (hash >>> 13) ^ length) & (SHARED_SLOTS - 1);
  const known = shared.strings[slot];
  if (known !== undefined && known.length === length && shared.hashes[slot] === hash) {
    // The characters compared where this read saw the string before (two typed arrays), else with the string itself.
    if (shared.reads[slot] === shared.read) {
      if (sameCodes(codes, shared.at[slot], start + 1, length)) return known;
    } else if (text.startsWith(known, start + 1)) {
      shared.at[slot] = start + 1;
      shared.reads[slot] = shared.read;
      return known;
    }
  }
  const made = text.slice(start + 1, i);
  shared.strings[slot] = made;
  shared.hashes[slot] = hash;
  shared.at[slot] = start + 1;
  shared.reads[slot] = shared.read;
  return made;
}

function sameCodes(codes: Uint16Array, a: number, b: number, length: number): boolean {
  for (let j = 0; j < length; j++) if (codes[a + j] !== codes[b + j]) return false;
  return true;
}

/**
 * A table of shared strings: parses of parts of one document given the same table share
 * their strings as one parse would. Each slot holds a string with its hash and, for the
 * read that last met it, where it stands in that read's text: a string met again in the
 * same read is compared unit for unit in the typed array, where comparing it with the
 * string cost a call and a look at how each string is stored.
 */
export class SharedStrings {
  readonly strings = new Array<string | undefined>(SHARED_SLOTS).fill(undefined);
  readonly hashes = new Int32Array(SHARED_SLOTS);
  readonly at = new Int32Array(SHARED_SLOTS);
  /** Which read `at` is for (see `read`). */
  readonly reads = new Int32Array(SHARED_SLOTS);
  /** The read under way, counted from 1: a new one for each text read with the table. */
  read = 0;
  /** The text of the read under way (positions in `at` for this read are positions in it). */
  text: string | undefined;
}

export function sharedStrings(): SharedStrings {
  return new SharedStrings();
}

/** How to read: for a parse of a document in parts (parse/armParts.ts), or one that notes what its text holds. */
export interface PartOptions {
  /** The table of shared strings of the document (see sharedStrings). */
  shared?: SharedStrings;
  /**
   * Objects and arrays not to read (by offset, their lengths, as `findParts` gives them):
   * each becomes the node `part` makes, and the parse goes on after its text.
   */
  parts?: Map<number, number>;
  part?: (type: 'object' | 'array', offset: number, length: number, parent: Node) => Node;
  /** Filled with what the text holds besides its values (see `TextFacts`), meaningful only for a well-formed text. */
  noted?: TextFacts;
  /**
   * Only the value at `offset` that is `length` long, read as if it were the whole text
   * (a root, with no parent), its nodes at their offsets in `text`: a part of a document
   * read in parts, without a copy of its text or its nodes moved afterwards.
   */
  range?: { offset: number; length: number };
}

/** The tree, undefined for a text with no value (as `parseTree` with `allowEmptyContent`), or NOT_WELL_FORMED. */
export function parseWellFormedTree(text: string, options?: PartOptions): Node | undefined | null {
  facts = options?.noted;
  lineStarts = options?.noted?.lineStarts;
  try {
    const range = options?.range;
    if (range !== undefined) return buildTree(text, codesOf(text, true), options, range.offset, range.offset + range.length);
    // A document read in parts: the code units findParts wrote serve its skeleton too.
    return buildTree(text, codesOf(text, options?.parts !== undefined), options, 0, text.length);
  } finally {
    facts = undefined;
    lineStarts = undefined;
  }
}

function buildTree(text: string, codes: Uint16Array, options: PartOptions | undefined, start: number, end: number): Node | undefined | null {
  const shared = options?.shared ?? sharedStrings();
  if (shared.text !== text) {
    shared.read++;
    shared.text = text;
  }
  const parts = options?.parts;
  const part = options?.part;
  let pos = skip(codes, start, end);
  if (pos < 0) return NOT_WELL_FORMED;
  if (pos >= end) return undefined;

  // The open objects and arrays, innermost last, and where each one's children start in
  // `items`, which holds the children of every open container, each container's above
  // its parent's.
  const open: Building[] = [];
  const starts: number[] = [];
  const items: Building[] = [];
  let top = 0;
  /** The container a value read now goes into; undefined for the root. */
  let container: Building | undefined;
  /** The property whose value is read now (its container is `container`). */
  let property: Building | undefined;
  /** Whether a property's key comes next (in an object), rather than a value. */
  let expectKey = false;
  let root: Building | undefined;

  for (;;) {
    if (expectKey) {
      if (codes[pos] !== QUOTE) return NOT_WELL_FORMED;
      const keyStart = pos;
      const name = readString(text, codes, keyStart, end, shared);
      if (name === NOT_WELL_FORMED) return NOT_WELL_FORMED;
      pos = stringEnd;
      const prop: Building = { type: 'property', offset: keyStart, length: -1, parent: container, children: undefined, colonOffset: -1 };
      const key: Building = { type: 'string', offset: keyStart, length: pos - keyStart, parent: prop, value: name };
      // An exact array of two (parseTree grows an empty one, which reserves 17 slots); the value takes the second place when read.
      prop.children = [key, key];
      pos = skip(codes, pos, end);
      if (pos < 0 || codes[pos] !== COLON) return NOT_WELL_FORMED;
      prop.colonOffset = pos;
      pos = skip(codes, pos + 1, end);
      if (pos < 0) return NOT_WELL_FORMED;
      property = prop;
      expectKey = false;
    }

    // A value starts at `pos`.
    if (pos >= end || open.length > MAX_DEPTH) return NOT_WELL_FORMED;
    const parent = property ?? container;
    const c = codes[pos];
    let node: Building;
    const partLength = parts !== undefined && (c === OPEN_BRACE || c === OPEN_BRACKET) ? parts.get(pos) : undefined;
    if (partLength !== undefined) {
      node = part!(c === OPEN_BRACE ? 'object' : 'array', pos, partLength, parent as Node) as Building;
      pos += partLength;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      node = { type: c === OPEN_BRACE ? 'object' : 'array', offset: pos, length: -1, parent, children: undefined };
      pos = skip(codes, pos + 1, end);
      if (pos < 0) return NOT_WELL_FORMED;
      if (codes[pos] === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) {
        pos++;
        node.children = [];
        node.length = pos - node.offset;
      } else {
        open.push(node);
        starts.push(top);
        container = node;
        property = undefined;
        expectKey = c === OPEN_BRACE;
        continue;
      }
    } else if (c === QUOTE) {
      const value = readString(text, codes, pos, end, shared);
      if (value === NOT_WELL_FORMED) return NOT_WELL_FORMED;
      node = { type: 'string', offset: pos, length: stringEnd - pos, parent, value };
      pos = stringEnd;
    } else if (c === LOWER_T || c === LOWER_F || c === LOWER_N) {
      const word = c === LOWER_T ? 'true' : c === LOWER_F ? 'false' : 'null';
      if (pos + word.length > end || !text.startsWith(word, pos)) return NOT_WELL_FORMED;
      node = { type: c === LOWER_N ? 'null' : 'boolean', offset: pos, length: word.length, parent, value: c === LOWER_N ? null : c === LOWER_T };
      pos += word.length;
    } else if (c === MINUS || isDigit(c)) {
      const stop = numberEnd(codes, pos);
      if (stop < 0 || stop > end) return NOT_WELL_FORMED;
      node = { type: 'number', offset: pos, length: stop - pos, parent, value: Number(text.slice(pos, stop)) };
      pos = stop;
    } else {
      return NOT_WELL_FORMED;
    }

    // A value is complete (`node`, ending at `pos`); then each container it closes.
    for (;;) {
      if (property) {
        property.children![1] = node;
        property.length = pos - property.offset;
        node = property;
        property = undefined;
      }
      if (!container) {
        root = node;
        break;
      }
      items[top++] = node;
      pos = skip(codes, pos, end);
      if (pos < 0) return NOT_WELL_FORMED;
      const close = container.type === 'object' ? CLOSE_BRACE : CLOSE_BRACKET;
      let next = codes[pos];
      if (next === COMMA) {
        pos = skip(codes, pos + 1, end);
        if (pos < 0) return NOT_WELL_FORMED;
        next = codes[pos];
        // A trailing comma is allowed.
        if (next !== close) break;
      } else if (next !== close) {
        return NOT_WELL_FORMED;
      }
      pos++;
      // The container closes: its children, at their final size, leave `items`.
      node = container;
      open.pop();
      const first = starts.pop()!;
      node.children = items.slice(first, top);
      top = first;
      node.length = pos - node.offset;
      container = open.length > 0 ? open[open.length - 1] : undefined;
      if (node.parent !== undefined && node.parent.type === 'property') property = node.parent;
    }
    if (root) break;
    // Another element of `container` follows at `pos`: in an object, a property.
    expectKey = container!.type === 'object';
  }

  pos = skip(codes, pos, end);
  if (pos < 0 || pos < end) return NOT_WELL_FORMED;
  // parseTree's root has no parent property at all.
  delete root.parent;
  return root as Node;
}

/**
 * The parts of a text read in parts (parse/armParts.ts), found without building a node:
 * each object or array with children whose text is at most `partBytes` long and that is
 * a value of an object or array longer than that, by offset, with its length. The text
 * is checked as `buildTree` checks it (the same grammar and depth limit, strings read
 * as `readString` reads them): NOT_WELL_FORMED for what it refuses, undefined for a
 * text with no value. `noted` is filled as `parseWellFormedTree` fills it.
 *
 * A parse that builds every node to let go of those inside parts afterwards spends most
 * of its time on nodes it drops, and keeps them alive until the object or array above
 * the part closes: for a small resource, the end of the `resources` array, so the nodes
 * of every small resource of the template reached the old generation first.
 */
export function findParts(text: string, partBytes: number, noted?: TextFacts): Map<number, number> | undefined | null {
  facts = noted;
  lineStarts = noted?.lineStarts;
  try {
    return scanParts(text, codesOf(text, true), partBytes);
  } finally {
    facts = undefined;
    lineStarts = undefined;
  }
}

function scanParts(text: string, codes: Uint16Array, partBytes: number): Map<number, number> | undefined | null {
  const end = text.length;
  let pos = skip(codes, 0, end);
  if (pos < 0) return NOT_WELL_FORMED;
  if (pos >= end) return undefined;
  const parts = new Map<number, number>();
  // The open objects and arrays, innermost last: where each starts, whether it is an
  // object, and where its children's entries begin in `small`.
  const starts: number[] = [];
  const objects: boolean[] = [];
  const firstSmall: number[] = [];
  // Offset and length of each small object or array with children that closed, while
  // the one it is in is open: parts when that one closes longer than partBytes.
  const small: number[] = [];
  let depth = 0;
  let expectKey = false;
  let done = false;

  for (;;) {
    if (expectKey) {
      if (codes[pos] !== QUOTE) return NOT_WELL_FORMED;
      pos = stringEndAt(text, codes, pos, end);
      if (pos < 0) return NOT_WELL_FORMED;
      pos = skip(codes, pos, end);
      if (pos < 0 || codes[pos] !== COLON) return NOT_WELL_FORMED;
      pos = skip(codes, pos + 1, end);
      if (pos < 0) return NOT_WELL_FORMED;
      expectKey = false;
    }

    // A value starts at `pos`.
    if (pos >= end || depth > MAX_DEPTH) return NOT_WELL_FORMED;
    const c = codes[pos];
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const start = pos;
      pos = skip(codes, pos + 1, end);
      if (pos < 0) return NOT_WELL_FORMED;
      if (codes[pos] === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) {
        // Empty: no children, never a part.
        pos++;
      } else {
        starts[depth] = start;
        objects[depth] = c === OPEN_BRACE;
        firstSmall[depth] = small.length;
        depth++;
        expectKey = c === OPEN_BRACE;
        continue;
      }
    } else if (c === QUOTE) {
      pos = stringEndAt(text, codes, pos, end);
      if (pos < 0) return NOT_WELL_FORMED;
    } else if (c === LOWER_T || c === LOWER_F || c === LOWER_N) {
      const word = c === LOWER_T ? 'true' : c === LOWER_F ? 'false' : 'null';
      if (!text.startsWith(word, pos)) return NOT_WELL_FORMED;
      pos += word.length;
    } else if (c === MINUS || isDigit(c)) {
      pos = numberEnd(codes, pos);
      if (pos < 0) return NOT_WELL_FORMED;
    } else {
      return NOT_WELL_FORMED;
    }

    // A value is complete, ending at `pos`; then each container it closes.
    for (;;) {
      if (depth === 0) {
        done = true;
        break;
      }
      pos = skip(codes, pos, end);
      if (pos < 0) return NOT_WELL_FORMED;
      const close = objects[depth - 1] ? CLOSE_BRACE : CLOSE_BRACKET;
      let next = codes[pos];
      if (next === COMMA) {
        pos = skip(codes, pos + 1, end);
        if (pos < 0) return NOT_WELL_FORMED;
        next = codes[pos];
        // A trailing comma is allowed.
        if (next !== close) break;
      } else if (next !== close) {
        return NOT_WELL_FORMED;
      }
      pos++;
      depth--;
      const start = starts[depth];
      const length = pos - start;
      const first = firstSmall[depth];
      if (length > partBytes) for (let i = first; i < small.length; i += 2) parts.set(small[i], small[i + 1]);
      small.length = first;
      if (length <= partBytes) small.push(start, length);
    }
    if (done) break;
    // Another element follows at `pos`: in an object, a property.
    expectKey = objects[depth - 1];
  }

  pos = skip(codes, pos, end);
  if (pos < 0 || pos < end) return NOT_WELL_FORMED;
  return parts;
}

/** The position after the string starting at `start` (a quote), or -1 where `readString` returns NOT_WELL_FORMED. */
function stringEndAt(text: string, codes: Uint16Array, start: number, end: number): number {
  let i = start + 1;
  let escaped = false;
  for (;;) {
    if (i >= end) return -1;
    const c = codes[i];
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      escaped = true;
      i += 2;
    } else if (c < SPACE) {
      return -1;
    } else {
      i++;
    }
  }
  if (escaped) {
    try {
      JSON.parse(text.slice(start, i + 1));
    } catch {
      return -1;
    }
  }
  return i + 1;
}
