import { modify, type Edit, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import type { NodePath } from '../core/nodeRef';
import { readTreeChecked } from './sourceTexts';
import { changeBetween } from '../core/textDiff';
import { treeAfterChange } from '../parse/treeAfterChange';
import type { JsonValue } from '../core/value';
import { applySplices, detectFormatting, lineIndent, lineStart, minimalEdit, printJson, renameInText, startsLine, type EditableDocument, type PlacedChange, type TextEdit } from './format';
export { detectFormatting } from './format';
import type { ArrayLayout } from './neighbours';

/**
 * Renders placed changes (format.ts) as text edits to an ARM (JSON with comments)
 * document; operations.ts and arm/resources.ts turn a fix's changes into them.
 * jsonc-parser's `modify` keeps comments and formats only what it inserts; the
 * indentation and line ending are taken from the file so the new text looks like its
 * neighbours. Changes apply in order; the result is one edit spanning what differs, so
 * several changes never produce overlapping edits. Undefined when a change cannot be
 * placed (its target is not literal text in this document).
 */
export function renderChanges(doc: EditableDocument, changes: readonly PlacedChange[]): TextEdit[] | undefined {
  const text = renderArmText(doc, changes);
  if (text === undefined) return undefined;
  return text === doc.text ? [] : [minimalEdit(doc, text)];
}

/** The document's text after the changes (what renderChanges turns into one edit); undefined when one cannot be placed. */
export function renderArmText(doc: EditableDocument, changes: readonly PlacedChange[]): string | undefined {
  const formattingOptions = detectFormatting(doc.text);
  let text = doc.text;
  // The analysis's tree of the document, when it comes with one, serves the first change.
  const analysed = doc as { root?: Node | null; inParts?: true; errors?: readonly unknown[] };
  const given = analysed.inParts ? undefined : (analysed.root ?? undefined);
  // The last tree read of a text with no syntax error, and that text: the next change's tree is made from it (parse/treeAfterChange.ts).
  let clean: { root: Node; text: string } | undefined = given && analysed.errors?.length === 0 ? { root: given, text } : undefined;
  for (const change of changes) {
    if (change.target.uri !== doc.uri || !change.target.path) return undefined;
    let root: Node | undefined;
    if (text === doc.text && given) root = given;
    else {
      const moved = clean && treeAfterChange(clean.root, text, changeBetween(clean.text, text));
      const read = moved ? { root: moved, wellFormed: true } : readTreeChecked(text);
      root = read.root;
      clean = root && read.wellFormed ? { root, text } : undefined;
    }
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
    text = applySplices(text, edits);
  }
  return text;
}


function planChange(text: string, root: Node, path: JSONPath, change: PlacedChange, formattingOptions: FormattingOptions): Edit[] | undefined {
  const existing = nodeAt(root, path);
  if (change.rename) {
    if (existing?.type !== 'string') return undefined;
    const raw = text.slice(existing.offset, existing.offset + existing.length);
    const renamed = renameInText(raw, change.rename.from, change.rename.to);
    return renamed === undefined ? undefined : [{ offset: existing.offset, length: existing.length, content: renamed }];
  }
  if (change.insert === undefined && change.value === undefined && existing) {
    const lines = removeLines(text, nodeAt(root, path.slice(0, -1)), existing);
    if (lines) return [lines];
  }
  if (change.insert === undefined && !existing && change.value !== undefined) {
    const inline = addToInlineObject(text, root, path, change.value);
    if (inline) return inline;
  }
  if (change.insert === undefined) {
    // Replacing or removing what is there must not reflow the user's lines; only new
    // structure is formatted.
    const reflow = !existing || (typeof change.value === 'object' && change.value !== null);
    return modifyWithin(text, root, path, change.value, reflow ? formattingOptions : undefined);
  }
  if (existing && existing.type !== 'array') return undefined;
  if (!existing) return modifyWithin(text, root, path, [change.value ?? null], formattingOptions);
  return insertIntoArray(text, existing, change.insert, change.value ?? null, formattingOptions, change.arrays);
}

/**
 * jsonc-parser's `modify`, given only the innermost object or array on the path that has
 * its lines to itself (from the start of its first line, which holds nothing before it but
 * indentation, to its end, followed on its line by at most a comma): `modify` parses all
 * the text it is given with jsonc-parser's own parser, which for a fix in a large template
 * cost more than analysing it again. The edits are the same: `modify` formats whole lines
 * around what it inserts, and every line it can touch is inside that part, as it is in the
 * file; they are moved to their place in the file. The whole text when no part qualifies.
 */
export function modifyWithin(text: string, root: Node, path: JSONPath, value: unknown, formattingOptions: FormattingOptions | undefined): Edit[] {
  let part: { start: number; end: number; path: JSONPath } | undefined;
  let node: Node | undefined = root;
  for (let depth = 0; depth < path.length && node; depth++) {
    if (depth > 0 && (node.type === 'object' || node.type === 'array') && hasOwnLines(text, node)) {
      part = { start: lineStart(text, node.offset), end: node.offset + node.length, path: path.slice(depth) };
    }
    const segment = path[depth];
    if (typeof segment === 'number') node = node.type === 'array' ? node.children?.[segment] : undefined;
    else node = node.type === 'object' ? findProperty(node, segment)?.children?.[1] : undefined;
  }
  if (!part) return modify(text, path, value, { formattingOptions });
  const { start } = part;
  return modify(text.slice(start, part.end), part.path, value, { formattingOptions }).map((e) => ({ ...e, offset: e.offset + start }));
}

/** Nothing but indentation before the node on its first line, and nothing but a comma after it on its last. */
function hasOwnLines(text: string, node: Node): boolean {
  for (let i = node.offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  let i = node.offset + node.length;
  if (text.charCodeAt(i) === 0x2c /* , */) i++;
  const c = text.charCodeAt(i);
  return i >= text.length || c === 0x0a || c === 0x0d;
}

/**
 * A new property of an object written on one line stays on that line, as its neighbours
 * are (`{ "name": "F1" }` → `{ "name": "F1", "tier": "Basic" }`); jsonc-parser would
 * spread the object over several lines. Undefined when the object spans lines or is
 * not there.
 */
function addToInlineObject(text: string, root: Node, path: JSONPath, value: JsonValue): Edit[] | undefined {
  const key = path[path.length - 1];
  const parent = nodeAt(root, path.slice(0, -1));
  if (typeof key !== 'string' || parent?.type !== 'object') return undefined;
  if (/[\r\n]/.test(text.slice(parent.offset, parent.offset + parent.length))) return undefined;
  const entry = `${JSON.stringify(key)}: ${JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ')}`;
  const props = parent.children ?? [];
  if (props.length === 0) return [{ offset: parent.offset, length: parent.length, content: `{ ${entry} }` }];
  const last = props[props.length - 1];
  return [{ offset: last.offset + last.length, length: 0, content: `, ${entry}` }];
}

/**
 * Removes a property that has its line(s) to itself — as parameters are declared, one per
 * line — with those lines, so no blank line or stray indentation is left (jsonc-parser
 * would join the next property to the line above). The comma of the property before goes
 * when it was the last one. Undefined for a property that shares a line with others.
 */
function removeLines(text: string, object: Node | undefined, value: Node): Edit | undefined {
  // Found from the root, not by the nodes' parents (a tree made after a change keeps nodes whose parents are the previous tree's).
  const property = object?.type === 'object' ? object.children?.find((p) => p.children?.[1] === value) : undefined;
  if (!property || !object?.children) return undefined;
  const index = object.children.indexOf(property);
  const end = property.offset + property.length;
  const after = /^[ \t]*,?[ \t]*(\/\/.*)?(?=\r?\n|$)/.exec(text.slice(end));
  if (!startsLine(text, property.offset) || !after) return undefined;
  const lineEnd = end + after[0].length;
  const start = property.offset - lineIndent(text, property.offset).length;
  const breakLength = text.startsWith('\r\n', lineEnd) ? 2 : text[lineEnd] === '\n' ? 1 : 0;
  if (object.children.length === 1) {
    // The only property: the object closes on the line it opens.
    return { offset: object.offset + 1, length: object.length - 2, content: '' };
  }
  if (index < object.children.length - 1) return { offset: start, length: lineEnd + breakLength - start, content: '' };
  const previous = object.children[index - 1];
  const previousEnd = previous.offset + previous.length;
  // A comment after the previous property's comma would go with it.
  if (/\/[/*]/.test(text.slice(previousEnd, start))) return undefined;
  return { offset: previousEnd, length: lineEnd - previousEnd, content: '' };
}

/**
 * Inserts an item into an existing array without touching the other items: the new
 * item is pretty-printed at the indentation its neighbours have (jsonc-parser's
 * formatter would reflow the neighbouring lines too).
 */
function insertIntoArray(text: string, array: Node, at: number | 'end', value: JsonValue, options: FormattingOptions, arrays?: ArrayLayout): Edit[] {
  const items = array.children ?? [];
  const index = at === 'end' ? items.length : Math.min(at, items.length);
  const eol = options.eol ?? '\n';
  const unit = options.insertSpaces === false ? '\t' : ' '.repeat(options.tabSize ?? 2);
  const arrayIndent = lineIndent(text, array.offset);
  const anchor = items[Math.min(index, items.length - 1)];
  const ownLine = anchor !== undefined && startsLine(text, anchor.offset);
  const itemIndent = anchor && ownLine ? lineIndent(text, anchor.offset) : arrayIndent + unit;
  if (anchor && !ownLine) {
    // A one-line array stays on one line.
    const compact = JSON.stringify(value);
    return index < items.length
      ? [{ offset: items[index].offset, length: 0, content: `${compact}, ` }]
      : [{ offset: items[items.length - 1].offset + items[items.length - 1].length, length: 0, content: `, ${compact}` }];
  }
  const printed = printJson(value, unit, arrays).split('\n').join(eol + itemIndent);
  if (items.length === 0) {
    return [{ offset: array.offset + 1, length: array.length - 2, content: `${eol}${itemIndent}${printed}${eol}${arrayIndent}` }];
  }
  if (index < items.length) {
    // Comment lines right above the next item are its own: the new item goes above them.
    const above = commentLinesAbove(text, items[index].offset);
    if (above !== undefined) return [{ offset: above, length: 0, content: `${itemIndent}${printed},${eol}` }];
    return [{ offset: items[index].offset, length: 0, content: `${printed},${eol}${itemIndent}` }];
  }
  const last = items[items.length - 1];
  return [{ offset: last.offset + last.length, length: 0, content: `,${eol}${itemIndent}${printed}` }];
}

/**
 * The start of the comment-only lines directly above the line of `offset` (which must
 * start its line), as the Bicep writer treats a comment above a declaration: it belongs
 * to what follows. Undefined when there are none.
 */
function commentLinesAbove(text: string, offset: number): number | undefined {
  if (!startsLine(text, offset)) return undefined;
  let start = lineStart(text, offset);
  let found: number | undefined;
  while (start > 0) {
    // The line before: from its start to its line break.
    const previousEnd = text[start - 1] === '\n' && text[start - 2] === '\r' ? start - 2 : start - 1;
    const previousStart = lineStart(text, previousEnd);
    const line = text.slice(previousStart, previousEnd).trim();
    if (!(line.startsWith('//') || (line.startsWith('/*') && line.endsWith('*/')))) break;
    found = previousStart;
    start = previousStart;
  }
  return found;
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
