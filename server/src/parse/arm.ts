import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { NodeRef, Range } from '../core/nodeRef';
import { parseTreeIteratively } from './iterativeTree';
import { propertyValue } from './jsonNode';
import { LineIndex } from '../core/lineIndex';
import { changeBetween } from '../core/textDiff';
import { classifySchema, type ArmFileKind, type DeploymentScope } from './schema';
import { NOT_WELL_FORMED, parseWellFormedTree } from './wellFormedTree';

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
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/**
 * The line index of the last version of each document parsed (at most MAX_LINE_INDEXES,
 * the least recently used dropped): the next version's index takes the lines the edit
 * did not reach from it (see LineIndex.fromPrevious). Any earlier text serves, whatever
 * analysed it: the change is found between the two texts.
 */
const MAX_LINE_INDEXES = 8;
const lineIndexes = new Map<string, LineIndex>();
let keepLines = true;

/** Whether parses keep their line index for the next version of the document. */
export function keepArmLineIndexes(on: boolean): void {
  keepLines = on;
  if (!on) lineIndexes.clear();
}

export function forgetArmLineIndexes(): void {
  lineIndexes.clear();
}

function lineIndexOf(uri: string, text: string): LineIndex {
  if (!keepLines) return new LineIndex(text);
  const previous = lineIndexes.get(uri);
  const lines = previous ? LineIndex.fromPrevious(previous, text, changeBetween(previous.text, text)) : new LineIndex(text);
  lineIndexes.delete(uri);
  lineIndexes.set(uri, lines);
  for (const u of lineIndexes.keys()) {
    if (lineIndexes.size <= MAX_LINE_INDEXES) break;
    lineIndexes.delete(u);
  }
  return lines;
}

export function parseArmDocument(uri: string, text: string): ArmDocument {
  const lines = lineIndexOf(uri, text);
  const raw: ParseError[] = [];
  // Nearly every document an editor or a pipeline sees is well-formed: it takes the fast
  // path, which gives the very tree parseTree would. The rest keeps jsonc-parser's recovery.
  let root = parseWellFormedTree(text);
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
  const schemaNode = root?.type === 'object' ? propertyValue(root, '$schema') : undefined;
  const { kind, scope } = classifySchema(schemaNode?.value);
  return {
    uri,
    text,
    root,
    isTemplate: kind === 'template',
    kind,
    deploymentScope: scope,
    errors,
    lines,
  };
}

/**
 * Lets the tree of a document be collected while the document itself is kept: once a
 * model is built from it, a run that only reports findings does not need it, and for a
 * large template it weighs about twelve times the text. Asked for again (a fix
 * rendered), the tree is read again from the text: the same tree, new node objects.
 */
export function releaseTree(doc: ArmDocument): void {
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
  const ref: NodeRef = { uri: doc.uri, range: rangeOf(doc, node) };
  if (path) ref.path = path;
  return ref;
}
