import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ruleCatalogueUrl, ruleDocumentationUrl } from './protocol';

/**
 * The rule pages (docs/rules/<name>.md) are the one copy of each rule's prose: the
 * diagnostics link to them, SARIF's help is made from them, and the editor opens them.
 * They ship beside the bundles: the .vsix and the npm package hold `dist/` and `docs/`
 * side by side, so a bundle (`dist/server.js`, `dist/cli.js`) finds them one level up;
 * run from the sources (`server/src/query/`, in the tests), the repository's `docs/` is
 * three levels up.
 */
function findDocsRoot(): string | undefined {
  for (const candidate of [resolve(__dirname, '..', 'docs'), resolve(__dirname, '..', '..', '..', 'docs')]) {
    if (existsSync(join(candidate, 'rules'))) return candidate;
  }
  return undefined;
}

let root: string | undefined | null = null;

/** The shipped `docs/` folder; undefined when the bundle runs without it (copied elsewhere on its own). */
export function docsRoot(): string | undefined {
  if (root === null) root = findDocsRoot();
  return root;
}

/** The pages do not change while the process runs: each is read once. */
const pages = new Map<string, string | undefined>();

/** The page of the rule named `name`, as shipped; undefined when it cannot be read. */
export function rulePage(name: string): string | undefined {
  if (pages.has(name)) return pages.get(name);
  const dir = docsRoot();
  let text: string | undefined;
  try {
    text = dir && /^[a-z0-9-]+$/.test(name) ? readFileSync(join(dir, 'rules', `${name}.md`), 'utf8').replace(/\r\n/g, '\n') : undefined;
  } catch {
    text = undefined;
  }
  pages.set(name, text);
  return text;
}

export interface RuleHelp {
  /** The paragraph under the page's header: what the rule checks, in a few sentences. */
  summary: string;
  /** The page from its summary on, its examples left on the published page, its links made absolute. */
  markdown: string;
}

/**
 * A rule's page cut for a viewer that shows it outside the project (SARIF's `help`): the
 * title line and the line of severity, versions and fix are left out (the viewer shows
 * those from the rule's own data); the examples, fragments of a template the page
 * names, stay on the published page, which the help links to; relative links lead to
 * the published pages.
 */
export function ruleHelp(name: string): RuleHelp | undefined {
  const page = rulePage(name);
  if (page === undefined) return undefined;
  const lines = page.split('\n');
  // Line 1: `# ASE101 name`; line 3: severity · versions · quick fix; then the summary.
  const body = lines.slice(lines[2]?.startsWith('**Severity:**') ? 3 : 1).join('\n').trim();
  const firstSection = body.search(/^## /m);
  const summary = (firstSection < 0 ? body : body.slice(0, firstSection)).trim().split(/\n\s*\n/)[0];
  const examples = `## Examples\n\nIncorrect and correct templates, in ARM and Bicep: [${name}.md](${ruleDocumentationUrl(name)}#examples).\n\n`;
  const markdown = absoluteLinks(body.replace(/^## Examples\n[\s\S]*?(?=^## )/m, examples));
  return { summary, markdown };
}

/** `[ASE106](inbound-v3-load-balancer.md)` → the published page; links with a scheme or to an anchor stay. */
function absoluteLinks(markdown: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (all, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return all;
    return `](${new URL(target, `${ruleCatalogueUrl.replace('/tree/', '/blob/')}/`).href})`;
  });
}
