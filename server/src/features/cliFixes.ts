import { renderChanges, type EditableDocument } from '../edits/arm';
import type { Change, Fix } from '../rules/types';
import type { CliFix } from './cliReport';

/**
 * Renders a finding's fix with the same renderer as the editor's quick fix, grouped by
 * file. Undefined when any part cannot be placed: a partial fix is worse than none.
 * `documentOf` gives the current text of a file the fix edits (the template itself or
 * another file, such as its parameters file).
 */
export function renderCliFix(fix: Fix, documentOf: (uri: string) => EditableDocument | undefined): CliFix | undefined {
  const byUri = new Map<string, Change[]>();
  for (const c of fix.changes) byUri.set(c.target.uri, [...(byUri.get(c.target.uri) ?? []), c]);
  const files: CliFix['files'] = [];
  for (const [uri, changes] of byUri) {
    const doc = documentOf(uri);
    const edits = doc && renderChanges(doc, changes);
    if (!edits) return undefined;
    if (edits.length > 0) files.push({ uri, edits });
  }
  return files.length > 0 ? { title: fix.title, files } : undefined;
}
