import type { ParameterSources } from '../model/types';
import type { JsonValue } from '../core/value';
import type { ChangeValue, DeployedValue, Fix, WrittenAt } from '../core/findings';
import { renderArmText } from './arm';
import { renderBicepText } from './bicep';
import { definitionOf, expressionWrittenAt, type Site } from './definitions';
import { minimalEdit, type EditableDocument, type PlacedChange, type TextEdit } from './format';
import { SourceTexts, fileName } from './sourceTexts';
import { parameterAt, removalOf, stillUsed, type FileParameter } from './unusedParameters';
import { languageOf, placeChanges } from './operations';
import { restyle, writtenItems, type ArrayLayout } from './neighbours';

/** Where the analysis took its values from: what a fix that sets a value follows to where the value is defined. */
export interface RenderContext {
  /** The analysed template. */
  root: string;
  sources: ParameterSources;
}

/** A fix as text: the edits by file, and its title, which says what the edits do besides the fix's own words (a parameter set in a `.bicepparam`, one removed). */
export interface RenderedFix {
  title: string;
  files: Map<string, TextEdit[]>;
  /** Each file the fix's changes edit, as it reads after them (a fix's raw text edits are in `files` only). */
  texts: Map<string, string>;
  /** By file: strings the edits write that a person may want to choose (see `InsertItem.placeholders`), in order. */
  placeholders: Map<string, string[]>;
}

/**
 * The one fix renderer: a fix's edits, grouped by file, each file rendered in its own
 * language (a fix may edit the template and other files: a module, a parameters file).
 * Its changes are placed as edits at paths (operations.ts: resources, dependencies and
 * deployed values the way the file's language writes them), then written by the ARM or
 * the Bicep renderer (arm.ts, bicep.ts); nothing else imports those. A value the fix sets is set
 * where it is defined (see definitions.ts); a value written as it is elsewhere is written
 * with the same expression; a parameter the fix leaves unused is removed (see
 * unusedParameters.ts). Undefined when any part cannot be placed: a partial fix is worse
 * than none. Files the fix leaves unchanged are omitted.
 */
export function renderFix(fix: Fix, documentOf: (uri: string) => EditableDocument | undefined, context?: RenderContext): RenderedFix | undefined {
  const texts = new SourceTexts({ documentOf, root: context?.root ?? '', sources: context?.sources ?? { deployers: new Map() } });
  const placed = placeChanges(fix.changes, texts);
  if (!placed) return undefined;
  const changes: PlacedChange[] = [];
  const sets: string[] = [];
  const removedFrom: FileParameter[] = [];
  const placeholders = new Map<string, string[]>();
  for (const placement of placed.placements) {
    const { site, mode } = placement;
    const read = (v: DeployedValue) => languageOf(site.uri, texts).read(site.uri, v, placed.fix, texts);
    let value = placement.value === undefined ? undefined : resolveValue(placement.value, site, texts, read);
    if (placement.value !== undefined && value === undefined) return undefined;
    let arrays: ArrayLayout | undefined;
    if (placement.likeNeighbours && value !== undefined) {
      const neighbours = writtenItems(texts, site.uri, site.path) ?? [];
      const styled = restyle(value, neighbours, placement.likeNeighbours.optional ?? [], typeof placement.insert === 'number' ? placement.insert : undefined);
      value = styled.value;
      if (styled.arrays.inline) arrays = styled.arrays;
    }
    for (const path of placement.placeholders ?? []) {
      const text = stringAt(value, path);
      if (text !== undefined) placeholders.set(site.uri, [...(placeholders.get(site.uri) ?? []), text]);
    }
    const change: PlacedChange = { target: placement.target, path: placement.path, value, ...(arrays ? { arrays } : {}) };
    if (placement.insert !== undefined) change.insert = placement.insert;
    if (placement.rename) change.rename = placement.rename;
    if (mode === 'set') {
      const defined = definitionOf(site, texts);
      if (!defined) return undefined;
      if (defined.describe !== undefined) {
        // Moved to another place, the value must mean the same there: no expressions.
        if (hasExpression(value!)) return undefined;
        if (!sets.includes(defined.describe)) sets.push(defined.describe);
        changes.push({ target: { uri: defined.site.uri, range: placement.target.range, path: defined.site.path }, path: [], value });
        continue;
      }
    }
    if (mode === 'remove') {
      const parameter = parameterAt(site, texts);
      if (parameter && !removedFrom.some((p) => p.uri === parameter.uri && p.name === parameter.name)) removedFrom.push(parameter);
    }
    changes.push(change);
  }

  const after = new Map<string, string>();
  if (!applyChanges(changes, after, texts)) return undefined;

  const removed: string[] = [];
  const leftUnused: string[] = [];
  for (const parameter of removedFrom) {
    const text = after.get(parameter.uri) ?? texts.text(parameter.uri);
    if (text === undefined || stillUsed(parameter, text, texts.isBicep(parameter.uri))) continue;
    const removal = removalOf(parameter, texts);
    const tentative = new Map(after);
    if (removal && applyChanges(removal, tentative, texts)) {
      for (const [uri, t] of tentative) after.set(uri, t);
      removed.push(parameter.name);
    } else {
      leftUnused.push(parameter.uri === texts.context.root ? `parameter '${parameter.name}'` : `parameter '${parameter.name}' of ${fileName(parameter.uri)}`);
    }
  }

  const out = new Map<string, TextEdit[]>();
  const fixed = new Map<string, string>();
  for (const [uri, text] of after) {
    const doc = documentOf(uri);
    if (!doc || text === doc.text) continue;
    out.set(uri, [minimalEdit(doc, text)]);
    fixed.set(uri, text);
  }
  for (const e of fix.textEdits ?? []) out.set(e.uri, [...(out.get(e.uri) ?? []), { range: e.range, newText: e.newText }]);
  if (out.size === 0) return undefined;
  return { title: titleOf(fix.title, sets, removed, leftUnused), files: out, texts: fixed, placeholders };
}

/** Renders `changes` on top of the texts in `after` (the documents' own texts at first), file by file; false when any cannot be placed. */
function applyChanges(changes: readonly PlacedChange[], after: Map<string, string>, texts: SourceTexts): boolean {
  const byUri = new Map<string, PlacedChange[]>();
  for (const c of changes) byUri.set(c.target.uri, [...(byUri.get(c.target.uri) ?? []), c]);
  for (const [uri, list] of byUri) {
    const changed = after.get(uri);
    const text = changed ?? texts.text(uri);
    if (text === undefined) return false;
    // Not changed yet: the tree (or Bicep parse) the fix was planned on serves its first change.
    const bicep = texts.isBicep(uri);
    const root = changed === undefined && !bicep ? texts.jsonRoot(uri) : undefined;
    const file = changed === undefined && bicep ? texts.bicepFile(uri) : undefined;
    // A tree read from a text with no syntax error says so: the renderer makes the trees of the versions after it from it.
    const doc = root ? { uri, text, root, ...(texts.jsonErrorFree(uri) ? { errors: [] } : {}) } : file ? { uri, text, file } : { uri, text };
    const rendered = bicep ? renderBicepText(doc, list) : renderArmText(doc, list);
    if (rendered === undefined) return false;
    after.set(uri, rendered);
  }
  return true;
}

/** The string at `path` of a value (property names matched case-insensitively). */
function stringAt(value: JsonValue | undefined, path: readonly string[]): string | undefined {
  let v: JsonValue | undefined = value;
  for (const k of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    const key: string | undefined = Object.keys(v).find((x) => x.toLowerCase() === k.toLowerCase());
    v = key === undefined ? undefined : v[key];
  }
  return typeof v === 'string' ? v : undefined;
}

function titleOf(title: string, sets: string[], removed: string[], leftUnused: string[]): string {
  let out = title;
  if (removed.length > 0) out += `, and remove ${removed.length === 1 ? 'parameter' : 'parameters'} ${removed.map((n) => `'${n}'`).join(', ')}`;
  const notes = [...sets.map((s) => `sets ${s}`), ...leftUnused.map((p) => `leaves ${p} unused`)];
  return notes.length > 0 ? `${out} (${notes.join('; ')})` : out;
}

function isWrittenAt(v: ChangeValue): v is WrittenAt {
  return isMarked(v, 'writtenAt', ['writtenAt', 'path', 'otherwise', 'anyExpression']);
}

function isDeployedValue(v: ChangeValue): v is DeployedValue {
  return isMarked(v, 'deployed', ['deployed', 'property', 'apiVersion']);
}

/** An object of the change-value kinds: it has `key`, and nothing but `keys`. */
function isMarked(v: ChangeValue, key: string, keys: string[]): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && key in v && Object.keys(v).every((k) => keys.includes(k));
}

/**
 * The value as JSON: each WrittenAt replaced by the expression written there (or its
 * `otherwise`), each deployed value by the expression that reads it; undefined when one
 * has no expression valid at `site`.
 */
function resolveValue(value: ChangeValue, site: Site, texts: SourceTexts, read: (v: DeployedValue) => JsonValue | undefined): JsonValue | undefined {
  if (isWrittenAt(value)) {
    const at = value.writtenAt;
    const ref = value.path && at.path ? { ...at, path: [...at.path, ...value.path] } : at;
    const written = expressionWrittenAt(ref, site, texts, value.anyExpression === true);
    if (written !== undefined || value.otherwise === undefined) return written;
    return resolveValue(value.otherwise, site, texts, read);
  }
  if (isDeployedValue(value)) return read(value);
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const item of value) {
      const v = resolveValue(item, site, texts, read);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, JsonValue> = {};
    for (const [k, item] of Object.entries(value)) {
      const v = resolveValue(item, site, texts, read);
      if (v === undefined) return undefined;
      out[k] = v;
    }
    return out;
  }
  return value;
}

/** A string an ARM file would evaluate (or an escaped one), anywhere in the value. */
function hasExpression(value: JsonValue): boolean {
  if (typeof value === 'string') return value.startsWith('[');
  if (Array.isArray(value)) return value.some(hasExpression);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
  return false;
}
