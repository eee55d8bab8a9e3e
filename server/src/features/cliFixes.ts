import type { EditableDocument } from '../edits/format';
import { renderFix } from '../edits/render';
import type { Fix } from '../rules/types';
import type { CliFix } from './cliReport';

/**
 * Renders a finding's fix with the same renderer as the editor's quick fix.
 * `documentOf` gives the current text of a file the fix edits (the template itself or
 * another file, such as a module).
 */
export function renderCliFix(fix: Fix, documentOf: (uri: string) => EditableDocument | undefined): CliFix | undefined {
  const files = renderFix(fix, documentOf);
  return files ? { title: fix.title, files: [...files].map(([uri, edits]) => ({ uri, edits })) } : undefined;
}
