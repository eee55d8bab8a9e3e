import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocumentationUrl } from './protocol';
import { docsRoot } from './rulePages';
import { unknownRuleCode, unusedSuppressionCode } from '../engine/suppress/apply';

/** By rule code: the pages do not move while the server runs, and every diagnostic asks. */
const hrefs = new Map<string, string>();

/**
 * Where a diagnostic's code links to: the page on disk, so it opens offline in any
 * editor (the VS Code client turns it into a rendered preview); the published page when
 * the server runs without its docs.
 */
export function documentationHref(code: string, name: string): string {
  const known = hrefs.get(code);
  if (known) return known;
  const href = locate(code, name);
  hrefs.set(code, href);
  return href;
}

function locate(code: string, name: string): string {
  const root = docsRoot();
  const notes = code === unusedSuppressionCode || code === unknownRuleCode;
  const relative = notes ? 'configuration.md' : join('rules', `${name}.md`);
  if (root && existsSync(join(root, relative))) return pathToFileURL(join(root, relative)).href;
  return notes ? ruleDocumentationUrl('').replace(/rules\/\.md$/, 'configuration.md') : ruleDocumentationUrl(name);
}
