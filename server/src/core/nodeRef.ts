/** Zero-based UTF-16 positions, the same shape as LSP's, so features pass them through. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Negative when `a` comes before `b`, zero when they are the same place. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/** A path inside a document's JSON tree (ARM) or logical property path (Bicep). */
/**
 * ARM: the jsonc-parser JSON path from the document root (`['resources', 0, 'properties']`).
 *
 * Bicep: `[symbol, ...segments]`. `symbol` is the name of the top-level declaration
 * (params, vars, resources, modules and outputs share one namespace in a file); a nested
 * child resource adds a `'::name'` segment right after its parent's symbol (and its own
 * nested children another); then property names as written and array indices lead into
 * the declaration's value — for a resource or module its body object, for a var its
 * value. `for` and `if` bodies are transparent: the path goes into the loop's or the
 * condition's object (an edit there changes every instance, which is what the text says).
 */
export type NodePath = (string | number)[];

/**
 * Where a model element came from.
 * - `range` is what a squiggle underlines: short and precise (for a resource or a
 *   security rule, its `name` value; for a property, its value).
 * - `path` locates the element itself in the document's JSON tree (the resource or rule
 *   object, the property value), so an edit renderer can change it. It is present only
 *   when the element is literal text in that file; elements produced by copy loops or
 *   built by expressions have only a range.
 */
export interface NodeRef {
  uri: string;
  range: Range;
  path?: NodePath;
}

/** Whether two refs name the same place: the same file, range and path. */
export function samePlace(a: NodeRef, b: NodeRef): boolean {
  const [p, q] = [a.path, b.path];
  return a.uri === b.uri && sameRange(a.range, b.range) && (p === q || (p !== undefined && q !== undefined && p.length === q.length && p.every((x, i) => x === q[i])));
}

export interface Related {
  message: string;
  at: NodeRef;
  /**
   * The finding's setting rather than a place to look (the ASE and its subnet, which the
   * message names): an editor lists it only when it is in another file than the finding.
   */
  context?: true;
}
