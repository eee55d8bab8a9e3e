import type { EditableDocument } from '../edits/format';
import { renderFix, type RenderContext } from '../edits/render';
import type { Fix } from '../rules/types';
import type { CliFix } from './cliReport';

/**
 * Renders a finding's fix with the same renderer as the editor's quick fix.
 * `documentOf` gives the current text of a file the fix edits (the template itself or
 * another file, such as a module).
 */
export function renderCliFix(fix: Fix, documentOf: (uri: string) => EditableDocument | undefined, context?: RenderContext): CliFix | undefined {
  const rendered = renderFix(fix, documentOf, context);
  return rendered ? { title: rendered.title, files: [...rendered.files].map(([uri, edits]) => ({ uri, edits })) } : undefined;
}
