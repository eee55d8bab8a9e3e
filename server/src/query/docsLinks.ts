import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocumentationUrl } from './protocol';
import { unknownRuleCode, unusedSuppressionCode } from '../engine/suppress/apply';

/**
 * The project's pages, shipped beside the bundles (`<extension>/docs`). The server bundle
 * is `dist/server.js`; run from the sources (tests), the repository root is three levels up.
 */
function findDocsRoot(): string | undefined {
  for (const candidate of [resolve(__dirname, '..', 'docs'), resolve(__dirname, '..', '..', '..', 'docs')]) {
    if (existsSync(join(candidate, 'rules'))) return candidate;
  }
  return undefined;
}

let docsRoot: string | undefined | null = null;
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
  if (docsRoot === null) docsRoot = findDocsRoot();
  const notes = code === unusedSuppressionCode || code === unknownRuleCode;
  const relative = notes ? 'configuration.md' : join('rules', `${name}.md`);
  if (docsRoot && existsSync(join(docsRoot, relative))) return pathToFileURL(join(docsRoot, relative)).href;
  return notes ? ruleDocumentationUrl('').replace(/rules\/\.md$/, 'configuration.md') : ruleDocumentationUrl(name);
}
