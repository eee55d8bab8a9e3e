import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { NodeRef, Range } from '../core/nodeRef';
import { parseTreeIteratively } from './iterativeTree';
import { childIndexAt, propertyValue } from './jsonNode';
import { LineIndex } from '../core/lineIndex';
import { changeBetween, forgetLastChange, type TextChange } from '../core/textDiff';
import { classifySchema, type ArmFileKind, type DeploymentScope } from './schema';
import { NOT_WELL_FORMED, parseWellFormedTree, type TextFacts } from './wellFormedTree';
import { copyMoved, MAX_PART_DEPTH, moveBy, type MutableNode } from './treeAfterChange';

/** A syntax error, kept for the server to show once; parsing never throws. */
export interface ArmParseError {
  message: string;
  offset: number;
  length: number;
  range: Range;
}

/** A JSON document read with comments and trailing commas allowed, with exact ranges. */
export interface ArmDocument {
  uri: string;
  text: string;
  /** The tree; whatever could be read when the JSON is partial or invalid. */
  root: Node | undefined;
  /** True for a deployment template of any scope (by its `$schema`). */
  isTemplate: boolean;
  kind: ArmFileKind;
  /** The deployment scope named by a template's schema. */
  deploymentScope?: DeploymentScope;
  errors: ArmParseError[];
  lines: LineIndex;
  /** Set when the tree is never whole (parse/armParts.ts): a node's place is kept, not the node. */
  inParts?: true;
  /**
   * False when the text certainly holds no comment (the fast parse read it all and saw
   * none), so it has no suppression directive to look for; absent when not known.
   */
  comments?: false;
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/**
 * The last version of each document parsed (at most MAX_KEPT_DOCUMENTS, the least
 * recently used dropped), for the next version: its line index takes the lines the edit
 * did not reach from it (LineIndex.fromPrevious), and its tree may take the resources the
 * edit did not reach (sharedTree). Any earlier text serves, whatever analysed it: the
 * change is found between the two texts.
 */
const MAX_KEPT_DOCUMENTS = 6;
/**
 * A tree that shares nodes with the previous version's keeps that version's spine (the
 * root, `resources` and its items) reachable through the shared nodes' parents, and with
 * it the one resource the edit replaced: after this many shared parses in a row the
 * document is parsed from nothing, so at most this many replaced resources stay alive.
 */
const MAX_SHARED_PARSES = 16;
interface Kept {
  doc: ArmDocument;
  shared: number;
}
/**
 * Per document, the last two versions parsed, the latest first: the new text shares a
 * tree with the one as long as it, else with the latest. A fix's text tried (its
 * verification, `keep` false) is compared with them but not kept, so every fix verified
 * for one version, and the next keystroke, start from the user's text.
 */
const kept = new Map<string, Kept[]>();
let keepDocuments = true;

/** Whether parses keep their document for the next version of it. */
export function keepArmParses(on: boolean): void {
  keepDocuments = on;
  if (!on) forgetArmParses();
}

export function forgetArmParses(): void {
  kept.clear();
  forgetLastChange();
}

/** Forgets the versions kept of one document (it was closed). */
export function forgetArmParsesOf(uri: string): void {
  if (kept.delete(uri)) forgetLastChange();
}

/** Whether a version of the document is kept for its next parse. */
export function keepsArmParseOf(uri: string): boolean {
  return kept.has(uri);
}

/** `keep` false: the parse takes what the document's kept versions share and keeps nothing (a fix's text tried, see AnalyzeOptions.trial). */
export function parseArmDocument(uri: string, text: string, keep = true): ArmDocument {
  const versions = keepDocuments ? kept.get(uri) : undefined;
  // One as long as the new text may share its tree; else the latest gives its lines.
  const previous = versions?.find((v) => v.doc.text.length === text.length) ?? versions?.[0];
  let doc: ArmDocument | undefined;
  let shared = 0;
  if (previous && previous.doc.text !== text) {
    const change = changeBetween(previous.doc.text, text);
    const lines = LineIndex.fromPrevious(previous.doc.lines, text, change);
    if (previous.shared < MAX_SHARED_PARSES) doc = sharedTree(previous.doc, text, change, lines);
    if (doc) shared = previous.shared + 1;
    else doc = parseFresh(uri, text, lines);
  } else {
    doc = parseFresh(uri, text, previous?.doc.lines);
  }
  if (keepDocuments && keep) {
    kept.delete(uri);
    kept.set(uri, versions?.[0] ? [{ doc, shared }, versions[0]] : [{ doc, shared }]);
    for (const u of kept.keys()) {
      if (kept.size <= MAX_KEPT_DOCUMENTS) break;
      kept.delete(u);
    }
  }
  return doc;
}

/**
 * The tree of a new version whose change lies inside one item of the root's `resources`
 * array (a character typed, deleted or replaced, a word pasted): the previous tree's nodes
 * before the item as they are, the item parsed again, and the nodes after it copied at
 * their new offsets (the same nodes when the length did not change). Exactly the tree a
 * parse from nothing gives, but for the identity of the nodes: an item is an object
 * whose text begins with `{` and ends with `}` both times, so no token crosses its ends,
 * and the text around it is the same, shifted by the change's length after it. The
 * nodes kept point to their old parents, which stand at the same offsets and paths (an
 * old root, `resources` property or array may be longer or shorter than the new one).
 * Nothing of the previous tree is changed: the root, the `resources` property and the
 * array are new nodes. Undefined when the change is anywhere else, or the item is not
 * well-formed JSON.
 */
function sharedTree(previous: ArmDocument, text: string, change: TextChange, lines: LineIndex): ArmDocument | undefined {
  const root = previous.root;
  if (previous.errors.length > 0 || root?.type !== 'object') return undefined;
  const delta = text.length - previous.text.length;
  const props = root.children ?? [];
  const at = props.findIndex((p) => p.children?.[0]?.value === 'resources');
  const property = props[at];
  const array = property?.children?.[1];
  if (!array || array.type !== 'array' || !array.children) return undefined;
  const items = array.children;
  // The item whose braces hold the change.
  const lo = childIndexAt(items, change.start);
  const item = items[lo];
  if (!item || item.type !== 'object' || change.start <= item.offset || change.oldEnd >= item.offset + item.length) return undefined;
  const source = text.slice(item.offset, item.offset + item.length + delta);
  if (source.charCodeAt(source.length - 1) !== 0x7d /* } */) return undefined;
  const itemFacts: TextFacts = { comments: false };
  const parsed = parseWellFormedTree(source, { noted: itemFacts }) as MutableNode | null | undefined;
  if (!parsed || parsed.type !== 'object') return undefined;
  // Two levels deeper in the document: the parse from nothing would leave the fast path beyond its depth.
  if (moveBy(parsed, item.offset) > MAX_PART_DEPTH) return undefined;
  // Built as wellFormedTree.ts builds its nodes (the same fields in the same order, the
  // root's parent deleted): nodes of other shapes make every function that reads the
  // tree slower, for this analysis and the ones after it.
  const newRoot: MutableNode = { type: 'object', offset: root.offset, length: root.length + delta, parent: undefined, children: props.slice() };
  delete newRoot.parent;
  const newProperty: MutableNode = { type: 'property', offset: property.offset, length: property.length + delta, parent: newRoot as Node, children: undefined, colonOffset: property.colonOffset };
  const newArray: MutableNode = { type: 'array', offset: array.offset, length: array.length + delta, parent: newProperty as Node, children: items.slice() };
  if (delta !== 0) {
    // What follows the item moved: the later items, and the root's properties after `resources`.
    for (let i = lo + 1; i < items.length; i++) newArray.children![i] = copyMoved(items[i], delta, newArray as Node);
    for (let i = at + 1; i < props.length; i++) newRoot.children![i] = copyMoved(props[i], delta, newRoot as Node);
  }
  // The item parsed alone is a root, whose parent was deleted: it is made again in an item's shape.
  const newItem: MutableNode = { type: 'object', offset: parsed.offset, length: parsed.length, parent: newArray as Node, children: parsed.children };
  for (const c of newItem.children ?? []) (c as MutableNode).parent = newItem as Node;
  newArray.children![lo] = newItem as Node;
  newProperty.children = [property.children![0], newArray as Node];
  newRoot.children![at] = newProperty as Node;
  return {
    uri: previous.uri,
    text,
    root: newRoot as Node,
    isTemplate: previous.isTemplate,
    kind: previous.kind,
    deploymentScope: previous.deploymentScope,
    errors: [],
    lines,
    // The text around the item is the previous version's.
    ...(previous.comments === false && !itemFacts.comments ? { comments: false as const } : {}),
  };
}

/** The document parsed from nothing; its line index is `lines`, else found on the way. */
function parseFresh(uri: string, text: string, given: LineIndex | undefined): ArmDocument {
  const raw: ParseError[] = [];
  // Nearly every document an editor or a pipeline sees is well-formed: it takes the fast
  // path, which gives the very tree parseTree would, and finds the lines' starts as it
  // skips whitespace. The rest keeps jsonc-parser's recovery.
  const facts: TextFacts = given ? { comments: false } : { lineStarts: [0], comments: false };
  let root = parseWellFormedTree(text, { noted: facts });
  const wellFormed = root !== NOT_WELL_FORMED;
  const lines = given ?? (wellFormed ? new LineIndex(text, facts.lineStarts) : new LineIndex(text));
  if (root === NOT_WELL_FORMED) {
    try {
      root = parseTree(text, raw, PARSE_OPTIONS);
    } catch {
      // jsonc-parser recurses per nesting level; extreme nesting overflows the stack.
      raw.length = 0;
      root = parseTreeIteratively(text, raw);
    }
  }
  const errors = raw.map((e) => ({
    message: printParseErrorCode(e.error),
    offset: e.offset,
    length: e.length,
    range: lines.range(e.offset, e.length),
  }));
  return { ...armDocument(uri, text, root, errors, lines), ...(wellFormed && !facts.comments ? { comments: false as const } : {}) };
}

/** A parsed document: its tree, and what its `$schema` says it is. */
export function armDocument(uri: string, text: string, root: Node | undefined, errors: ArmParseError[], lines: LineIndex): ArmDocument {
  const schemaNode = root?.type === 'object' ? propertyValue(root, '$schema') : undefined;
  const { kind, scope } = classifySchema(schemaNode?.value);
  return { uri, text, root, isTemplate: kind === 'template', kind, deploymentScope: scope, errors, lines };
}

/**
 * Lets the tree of a document be collected while the document itself is kept: once a
 * model is built from it, a run that only reports findings does not need it, and for a
 * large template it weighs about twelve times the text. Asked for again (a fix
 * rendered), the tree is read again from the text: the same tree, new node objects.
 */
export function releaseTree(doc: ArmDocument): void {
  // Kept for the next version, it would keep the tree too.
  if (kept.get(doc.uri)?.some((v) => v.doc === doc)) kept.delete(doc.uri);
  let tree: Node | undefined | null = null;
  Object.defineProperty(doc, 'root', {
    configurable: true,
    enumerable: true,
    get: () => (tree === null ? (tree = parseArmDocument(doc.uri, doc.text).root) : tree),
  });
}

/** The range of a node in its document. */
export function rangeOf(doc: ArmDocument, node: Node): Range {
  return doc.lines.range(node.offset, node.length);
}

/** A NodeRef for `node`; the path is given only when the element is literal text. */
export function nodeRef(doc: ArmDocument, node: Node, path?: NodeRef['path']): NodeRef {
  // Made with its path rather than given it after: a field added later is held outside the object.
  return path ? { uri: doc.uri, range: rangeOf(doc, node), path } : { uri: doc.uri, range: rangeOf(doc, node) };
}
