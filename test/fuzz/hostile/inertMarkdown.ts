import assert from 'node:assert/strict';

/** The parts of markdown-it's token stream these tests read (the package ships no types). */
interface Token {
  type: string;
  tag: string;
  content: string;
  children: Token[] | null;
}
interface MarkdownIt {
  parse(src: string, env: object): Token[];
  linkify: { set(options: object): void };
  core: { ruler: { disable(rule: string): void } };
}
const markdownIt = require('markdown-it') as (options: object) => MarkdownIt;

/**
 * As permissive as the renderers editors use: raw HTML on, URLs with a scheme linked (see
 * `literalLinks` for GitHub's `www.` and e-mail links). Escaped characters stay tokens of
 * their own, as they are for a renderer's autolinker.
 */
const parser = markdownIt({ html: true, linkify: true });
parser.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
parser.core.ruler.disable('text_join');

/** What GitHub-flavoured renderers (VS Code's among them) turn into links in plain text. */
const literalLinks = [/www\.[a-z0-9]/i, /[a-z][a-z0-9+.-]*:\/\//i, /[^\s@]@[a-z0-9-]+\.[a-z]/i];

/** Headings the server writes itself (the explain request's Markdown); any other is template text that broke out. */
const ownHeadings = [/^ASE network dependencies: /, /^App access$/, /^Inbound dependencies$/, /^Outbound dependencies$/, /^In this template: ASEv[123] '/];

/**
 * Asserts that Markdown the server produced is inert: no link, image or autolink (a
 * renderer would fetch an image and open a link), no raw HTML, no heading, fence or code
 * block the server did not write itself, and every table row has the table's four cells.
 */
export function assertInertMarkdown(markdown: string, context: string): void {
  const tokens = parser.parse(markdown, {});
  const walk = (list: Token[]) => {
    for (const t of list) {
      assert.ok(!['link_open', 'image', 'html_inline', 'html_block', 'fence', 'code_block', 'hr'].includes(t.type), `${context}: a ${t.type} in ${JSON.stringify(markdown)}`);
      if (t.type === 'text') {
        const link = literalLinks.find((l) => l.test(t.content));
        assert.equal(link, undefined, `${context}: '${t.content}' would be linked, in ${JSON.stringify(markdown)}`);
      }
      if (t.children) walk(t.children);
    }
  };
  walk(tokens);
  tokens.forEach((t, i) => {
    if (t.type !== 'heading_open') return;
    const text = tokens[i + 1]?.content ?? '';
    assert.ok(ownHeadings.some((h) => h.test(text)), `${context}: a heading '${text}' in ${JSON.stringify(markdown)}`);
  });
  let cells = -1;
  for (const t of tokens) {
    if (t.type === 'tr_open') cells = 0;
    else if (t.type === 'th_open' || t.type === 'td_open') cells++;
    else if (t.type === 'tr_close') assert.equal(cells, 4, `${context}: a table row of ${cells} cells in ${JSON.stringify(markdown)}`);
  }
}
