import type { Node } from 'jsonc-parser';
import { parseTree } from 'jsonc-parser';
import { isBicepParamsUri, isBicepUri } from '../parse/bicep/document';
import type { NodePath } from '../core/nodeRef';
import type { ParameterSources } from '../model/types';
import { parseTreeIteratively } from '../parse/iterativeTree';
import { NOT_WELL_FORMED, parseWellFormedTree } from '../parse/wellFormedTree';
import { findProperty } from '../parse/jsonNode';
import { forEachChild, parseBicep, type BicepFile, type BicepNode, type Expression } from '../parse/bicep';
import type { EditableDocument } from './format';
import { locate } from './bicep/locate';

/** What an edit that follows a value to where it is defined needs to know besides the change. */
export interface DefinitionContext {
  /** The current text of a file. */
  documentOf(uri: string): EditableDocument | undefined;
  /** The analysed template (whose parameters the parameters file gives). */
  root: string;
  /** Where the build took its parameter values from. */
  sources: ParameterSources;
}

/**
 * The files one fix reads, each parsed once while the fix is rendered (the texts do not
 * change until the fix's edits are applied): JSON trees for ARM templates and parameters
 * files, syntax trees for Bicep files and `.bicepparam` files.
 */
export class SourceTexts {
  private readonly json = new Map<string, Node | null>();
  private readonly bicep = new Map<string, BicepFile | null>();
  private readonly errorFree = new Set<string>();

  constructor(readonly context: DefinitionContext) {}

  isBicep(uri: string): boolean {
    return isBicepUri(uri) || isBicepParamsUri(uri);
  }

  /** True for the JSON parameters file the values came from: its strings are values, never expressions. */
  isJsonParametersFile(uri: string): boolean {
    return uri === this.context.sources.parametersFile && !this.isBicep(uri);
  }

  text(uri: string): string | undefined {
    return this.context.documentOf(uri)?.text;
  }

  jsonRoot(uri: string): Node | undefined {
    let root = this.json.get(uri);
    if (root === undefined) {
      const doc = this.context.documentOf(uri);
      // The analysed document comes with its tree (the same tree a parse of its text gives; not one read in parts).
      const analysed = doc as { root?: Node | null; inParts?: true; errors?: readonly unknown[] } | undefined;
      const given = analysed && !analysed.inParts ? analysed.root : undefined;
      if (given) {
        root = given;
        if (analysed!.errors?.length === 0) this.errorFree.add(uri);
      } else if (doc === undefined) {
        root = null;
      } else {
        const read = readTreeChecked(doc.text);
        if (read.wellFormed) this.errorFree.add(uri);
        root = read.root ?? null;
      }
      this.json.set(uri, root);
    }
    return root ?? undefined;
  }

  /** Whether the tree jsonRoot gives was read from a text with no syntax error (a renderer may then make the next version's tree from it). */
  jsonErrorFree(uri: string): boolean {
    return this.jsonRoot(uri) !== undefined && this.errorFree.has(uri);
  }

  bicepFile(uri: string): BicepFile | undefined {
    let file = this.bicep.get(uri);
    if (file === undefined) {
      const doc = this.context.documentOf(uri);
      // The analysed document comes with its parse (the same file a parse of its text gives).
      const given = (doc as { file?: BicepFile } | undefined)?.file;
      file = doc === undefined ? null : given && given.text === doc.text ? given : parseBicep(doc.text);
      this.bicep.set(uri, file);
    }
    return file ?? undefined;
  }

  /** The files that deploy `uri` (modules, deployments), as the build recorded them. */
  deployersOf(uri: string) {
    return this.context.sources.deployers.get(uri.toLowerCase()) ?? [];
  }
}

/**
 * The JSON tree of a text: the fast reader for well-formed JSON (the same tree), else
 * jsonc-parser; it recurses per nesting level, so a deeply nested file is read iteratively.
 */
export function readTree(text: string): Node | undefined {
  return readTreeChecked(text).root;
}

/** readTree, and whether the text was well-formed (then it has no syntax error). */
export function readTreeChecked(text: string): { root: Node | undefined; wellFormed: boolean } {
  const fast = parseWellFormedTree(text);
  if (fast !== NOT_WELL_FORMED) return { root: fast, wellFormed: true };
  try {
    return { root: parseTree(text, [], { allowTrailingComma: true, disallowComments: false }), wellFormed: false };
  } catch {
    return { root: parseTreeIteratively(text, []), wellFormed: false };
  }
}

/** The node at a JSON path, property names matched as Azure matches them (case-insensitively). */
export function jsonNodeAt(root: Node | undefined, path: NodePath): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') node = node.type === 'array' ? node.children?.[segment] : undefined;
    else node = node.type === 'object' ? findProperty(node, segment)?.children?.[1] : undefined;
  }
  return node;
}

/** The last segment of a URI's path, to name a file in a title. */
export function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  try {
    return decodeURIComponent(path.slice(cut + 1));
  } catch {
    return path.slice(cut + 1);
  }
}

/**
 * The names a loop variable or a lambda parameter binds around `node` (a position in the
 * file): an identifier with one of these names there is not the file's parameter or
 * variable of that name.
 */
export function localNamesAround(file: BicepFile, start: number, end: number): Set<string> {
  const names = new Set<string>();
  let node: BicepNode | undefined = file;
  while (node) {
    let next: BicepNode | undefined;
    forEachChild(node, (child) => {
      if (next === undefined && child.start <= start && end <= child.end && child !== node) next = child;
    });
    if (!next) break;
    const parent = node as Expression;
    if (parent.kind === 'for' && next === parent.body) {
      names.add(parent.item.name);
      if (parent.index) names.add(parent.index.name);
    }
    if (parent.kind === 'lambda' && next === parent.body) for (const p of parent.params) names.add(p.name);
    node = next;
  }
  return names;
}

/**
 * The text of the value at `path` with its blanks taken out, to tell whether an element
 * (a security rule) is written differently in two versions of a file; undefined when the
 * path names no text.
 */
export function writtenText(texts: SourceTexts, uri: string, path: NodePath): string | undefined {
  let raw: string | undefined;
  if (texts.isBicep(uri)) {
    const file = texts.bicepFile(uri);
    const at = file && locate(file, path);
    if (file && at?.found) raw = file.text.slice(at.node.start, at.node.end);
  } else {
    const node = jsonNodeAt(texts.jsonRoot(uri), path);
    const text = texts.text(uri);
    if (node && text !== undefined) raw = text.slice(node.offset, node.offset + node.length);
  }
  return raw?.replace(/\s+/g, '');
}
