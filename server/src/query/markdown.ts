import { boundMessage, excerpt, MAX_QUOTED } from '../core/excerpt';

/**
 * Text from a template in the Markdown of hovers and of the explain request. Names,
 * values, reasons and messages that quote them are the template author's text, and a
 * backtick, a bracket or a blank line in them must not become Markdown: no link, no
 * image (which a client would fetch), no `command:` link, no heading, no raw HTML. Every
 * template-controlled string goes through one of these two, and nothing here ever emits
 * a link whose target comes from the text.
 */

/** Line breaks of every kind, and the control characters that have no business in a one-line rendering. */
const breaksAndControls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * What can start Markdown inside a line: escapes, code, emphasis, links and images
 * (`[`; `!` and `(` mean nothing without it), autolinks and raw HTML (`<`), entities,
 * table cells, strikethrough, theme icons and math (`$`), headings. CommonMark lets a
 * backslash escape each of them.
 */
const specials = /[\\`*_[\]<>&|~$#]/g;

/**
 * The text as words: nothing in it becomes Markdown (see `specials`; `https://`, `www.`
 * and `name@host` are broken up too, so no renderer turns them into links), line breaks
 * and control characters become spaces, and values it quotes are cut to excerpts (see
 * core/excerpt.ts), the whole to `max` characters.
 */
export function mdText(text: string, max = 1000): string {
  return excerpt(boundMessage(text), max)
    .replace(breaksAndControls, ' ')
    .replace(specials, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}

/**
 * The text as an inline code span, cut to an excerpt: the fence is one backtick longer
 * than the longest run inside (a backtick cannot close it early), line breaks and
 * control characters become spaces (a blank line cannot end the paragraph). In a table
 * cell (`table`), `|` is escaped, which GitHub-flavoured tables honour even in code.
 */
export function mdCode(text: string, options: { table?: boolean; max?: number } = {}): string {
  let inner = excerpt(text, options.max ?? MAX_QUOTED).replace(breaksAndControls, ' ');
  if (options.table) inner = inner.replace(/\|/g, '\\|');
  if (inner === '') return '(empty)';
  let longest = 0;
  for (const run of inner.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // A space inside each end keeps a leading or trailing backtick from joining the fence (CommonMark strips one each side).
  const spaced = inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '';
  const pad = inner.startsWith('`') || inner.endsWith('`') || spaced ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}
