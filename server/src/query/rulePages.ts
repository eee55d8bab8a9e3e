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
  /** The summary, what the rule checks and how to fix it, and a link to the rest of the page; links made absolute. */
  markdown: string;
  /** The summary and the link to the page, as plain text. */
  text: string;
}

/** The sections of a page a viewer outside the project shows with a finding; the others stay on the page, which it links. */
const helpSections = ['What it checks', 'How to fix'];

/**
 * A rule's page cut for a viewer that shows it outside the project (SARIF's `help`): the
 * summary, what the rule checks and how to fix it, with a link to the page for the rest
 * (why it matters, the examples, the decisions, suppressing). Every SARIF log carries
 * the help of every rule, so it holds what a reader of one finding needs, and no more.
 * The title line and the line of severity, versions and fix are left out: the viewer
 * shows those from the rule's own data.
 */
export function ruleHelp(name: string): RuleHelp | undefined {
  const page = rulePage(name);
  if (page === undefined) return undefined;
  const lines = page.split('\n');
  // Line 1: `# ASE101 name`; line 3: severity · versions · quick fix; then the summary.
  const body = lines.slice(lines[2]?.startsWith('**Severity:**') ? 3 : 1).join('\n').trim();
  const [head, ...sections] = body.split(/^(?=## )/m);
  const summary = head.trim().split(/\n\s*\n/)[0];
  const kept = sections.filter((s) => helpSections.includes(s.slice(3, s.indexOf('\n')).trim())).map((s) => s.trim());
  const url = ruleDocumentationUrl(name);
  const rest = `Why it matters, examples in ARM and Bicep, and the rule's decisions: [${name}.md](${url}).`;
  return {
    summary,
    markdown: absoluteLinks([head.trim(), ...kept, rest].join('\n\n')),
    text: `${summary}\n\nWhat it checks, how to fix it, examples and decisions: ${url}`,
  };
}

/** `[ASE106](inbound-v3-load-balancer.md)` → the published page; links with a scheme or to an anchor stay. */
function absoluteLinks(markdown: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (all, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return all;
    return `](${new URL(target, `${ruleCatalogueUrl.replace('/tree/', '/blob/')}/`).href})`;
  });
}
