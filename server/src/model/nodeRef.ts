/** Zero-based UTF-16 positions, the same shape as LSP's, so features pass them through. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** A path inside a document's JSON tree (ARM) or logical property path (Bicep). */
export type NodePath = (string | number)[];

/**
 * Where a model element came from. `path` is present when the element sits as literal
 * text in the file (so an edit renderer can change it); elements produced by copy loops,
 * expressions or other files' defaults have only a range.
 */
export interface NodeRef {
  uri: string;
  range: Range;
  path?: NodePath;
}

export interface Related {
  message: string;
  at: NodeRef;
}
