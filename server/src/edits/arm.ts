import { modify, parseTree, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { NodePath, Range } from '../model/nodeRef';
import type { Change } from '../rules/types';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** What the renderer needs of a document: its text (the tree is re-read as edits apply). */
export interface EditableDocument {
  uri: string;
  text: string;
}

/**
 * Renders a fix's changes as text edits to an ARM (JSON with comments) document.
 * jsonc-parser's `modify` keeps comments and formats only what it inserts; the
 * indentation and line ending are taken from the file so the new text looks like its
 * neighbours. Changes apply in order; the result is one edit spanning what differs, so
 * several changes never produce overlapping edits. Undefined when a change cannot be
 * placed (its target is not literal text in this document).
 */
export function renderChanges(doc: EditableDocument, changes: readonly Change[]): TextEdit[] | undefined {
  const formattingOptions = detectFormatting(doc.text);
  let text = doc.text;
  for (const change of changes) {
    if (change.target.uri !== doc.uri || !change.target.path) return undefined;
    const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    if (!root) return undefined;
    const path = resolvePath(root, [...change.target.path, ...change.path]);
    if (!path) return undefined;
    let edits;
    try {
      edits = planChange(text, root, path, change, formattingOptions);
    } catch {
      return undefined; // jsonc-parser refuses paths it cannot place (e.g. through a scalar)
    }
    if (!edits) return undefined;
    text = applyEdits(text, edits);
  }
  return text === doc.text ? [] : [minimalEdit(doc, text)];
}

function planChange(text: string, root: Node, path: JSONPath, change: Change, formattingOptions: FormattingOptions) {
  const existing = nodeAt(root, path);
  if (change.insert === undefined) {
    // Replacing or removing what is there must not reflow the user's lines; only new
    // structure is formatted.
    const reflow = !existing || (typeof change.value === 'object' && change.value !== null);
    return modify(text, path, change.value, { formattingOptions: reflow ? formattingOptions : undefined });
  }
  if (existing && existing.type !== 'array') return undefined;
  if (!existing) return modify(text, path, [change.value ?? null], { formattingOptions });
  const length = existing.children?.length ?? 0;
  const index = change.insert === 'end' ? length : Math.min(change.insert, length);
  return modify(text, [...path, index], change.value, { formattingOptions, isArrayInsertion: true });
}

/**
 * Maps a path whose names may differ in case from the file's (`properties` vs
 * `Properties`) onto the file's own spelling; names not present stay as given (they
 * will be created). Undefined when the path runs through something that is not an
 * object or array.
 */
function resolvePath(root: Node, path: NodePath): JSONPath | undefined {
  const out: JSONPath = [];
  let node: Node | undefined = root;
  for (const segment of path) {
    if (node === undefined) {
      out.push(segment);
      continue;
    }
    if (typeof segment === 'number') {
      if (node.type !== 'array') return undefined;
      out.push(segment);
      node = node.children?.[segment];
      continue;
    }
    if (node.type !== 'object') return undefined;
    const prop = findProperty(node, segment);
    out.push(prop ? (prop.children![0].value as string) : segment);
    node = prop?.children?.[1];
  }
  return out;
}

function findProperty(obj: Node, name: string): Node | undefined {
  const props = obj.children ?? [];
  const exact = props.find((p) => p.children?.[0]?.value === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return props.find((p) => String(p.children?.[0]?.value).toLowerCase() === lower);
}

function nodeAt(root: Node, path: JSONPath): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') node = node.type === 'array' ? node.children?.[segment] : undefined;
    else node = node.type === 'object' ? findProperty(node, segment)?.children?.[1] : undefined;
  }
  return node;
}

function applyEdits(text: string, edits: { offset: number; length: number; content: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  for (const e of sorted) text = text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length);
  return text;
}

/** One edit covering the span between the common prefix and suffix of old and new text. */
function minimalEdit(doc: EditableDocument, newText: string): TextEdit {
  const old = doc.text;
  let start = 0;
  const max = Math.min(old.length, newText.length);
  while (start < max && old.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let endOld = old.length;
  let endNew = newText.length;
  while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === newText.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  const td = TextDocument.create(doc.uri, 'json', 0, old);
  return { range: { start: td.positionAt(start), end: td.positionAt(endOld) }, newText: newText.slice(start, endNew) };
}

/** The file's own indentation unit and line ending. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const counts = new Map<number, number>();
  let tabs = 0;
  let spaces = 0;
  let previous = 0;
  for (const line of text.split(/\r?\n/, 2000)) {
    const m = /^([ \t]*)\S/.exec(line);
    if (!m) continue;
    const indent = m[1];
    if (indent.startsWith('\t')) {
      tabs++;
      continue;
    }
    if (indent.length > 0) spaces++;
    const delta = Math.abs(indent.length - previous);
    if (delta > 0 && delta <= 8) counts.set(delta, (counts.get(delta) ?? 0) + 1);
    previous = indent.length;
  }
  let tabSize = 2;
  let best = 0;
  for (const [size, n] of counts) if (n > best || (n === best && size < tabSize)) [tabSize, best] = [size, n];
  return { tabSize, insertSpaces: tabs <= spaces, eol, insertFinalNewline: false };
}
