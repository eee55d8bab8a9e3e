import { isBicepUri } from '../model/bicep/document';
import type { Change, Fix } from '../rules/types';
import { renderChanges } from './arm';
import { renderBicepChanges } from './bicep';
import type { EditableDocument, TextEdit } from './format';

/**
 * A fix's edits, grouped by file, each file rendered in its own language (a fix may edit
 * the template and another file, such as a module). Undefined when any part cannot be
 * placed: a partial fix is worse than none. Files the fix leaves unchanged are omitted.
 */
export function renderFix(fix: Fix, documentOf: (uri: string) => EditableDocument | undefined): Map<string, TextEdit[]> | undefined {
  const byUri = new Map<string, Change[]>();
  for (const c of fix.changes) byUri.set(c.target.uri, [...(byUri.get(c.target.uri) ?? []), c]);
  const out = new Map<string, TextEdit[]>();
  for (const [uri, changes] of byUri) {
    const doc = documentOf(uri);
    if (!doc) return undefined;
    const edits = isBicepUri(uri) ? renderBicepChanges(doc, changes) : renderChanges(doc, changes);
    if (!edits) return undefined;
    if (edits.length > 0) out.set(uri, edits);
  }
  for (const e of fix.textEdits ?? []) out.set(e.uri, [...(out.get(e.uri) ?? []), { range: e.range, newText: e.newText }]);
  return out.size > 0 ? out : undefined;
}
