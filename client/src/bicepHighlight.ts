import { Scanner, type TriviaSink } from '../../server/src/parse/bicep/scanner';
import { Tok } from '../../server/src/parse/bicep/tokens';
import { escapeHtml } from './escape';

/** Words that start a declaration (first on their line). */
const declarationKeywords = new Set([
  'param', 'var', 'resource', 'module', 'output', 'targetScope', 'metadata', 'type', 'func', 'import', 'extension', 'provider', 'using', 'extends', 'assert', 'test',
]);
/** Words that are keywords wherever they stand (unless they are a property's name). */
const keywords = new Set(['existing', 'if', 'for', 'in', 'as', 'from', 'with']);
const literals = new Set(['true', 'false', 'null']);
const types = new Set(['string', 'int', 'bool', 'object', 'array', 'any']);

interface Span {
  start: number;
  end: number;
  cls: string;
}

/**
 * Bicep code as highlighted HTML, with highlight.js's class names so the Markdown
 * preview colours it with the theme it uses for every other language. Tokens come from
 * the analyser's own Bicep scanner: strings with interpolation, multi-line strings,
 * comments and pragmas are cut exactly where Bicep cuts them.
 */
export function highlightBicep(code: string): string {
  const sink: TriviaSink = { comments: [], pragmas: [], diagnostics: [] };
  const s = new Scanner(code, sink);
  const spans: Span[] = [];
  /** For each open `{`: whether it is an interpolation hole (whose `}` resumes the string). */
  const braces: boolean[] = [];
  let previous = Tok.EOF;
  let previousEnd = -1;
  for (let token = s.next(), guard = 0; token !== Tok.EOF && guard < code.length + 2; token = s.next(), guard++) {
    if (token === Tok.RBrace && braces.pop() === true) token = s.rescanStringContinuation();
    const start = s.tokenStart;
    const end = s.tokenEnd;
    const add = (cls: string) => spans.push({ start, end, cls });
    switch (token) {
      case Tok.String:
      case Tok.MultilineString:
      case Tok.StringTail:
        add('hljs-string');
        break;
      case Tok.StringHead:
      case Tok.StringMiddle:
        add('hljs-string');
        braces.push(true);
        break;
      case Tok.LBrace:
        braces.push(false);
        break;
      case Tok.Integer:
        add('hljs-number');
        break;
      case Tok.Identifier: {
        const word = s.value;
        const next = s.nextNonBlankChar();
        if (previous === Tok.At && previousEnd === start) add('hljs-meta');
        else if (next === 58 /* : */ && !(previous === Tok.Question)) add('hljs-attr');
        else if (s.newlineBefore && declarationKeywords.has(word)) add('hljs-keyword');
        else if (keywords.has(word)) add('hljs-keyword');
        else if (literals.has(word)) add('hljs-literal');
        else if (types.has(word)) add('hljs-type');
        else if (next === 40 /* ( */) add('hljs-title function_');
        break;
      }
      case Tok.At:
        add('hljs-meta');
        break;
    }
    previous = token;
    previousEnd = end;
  }
  for (const c of sink.comments) spans.push({ start: c.start, end: c.end, cls: 'hljs-comment' });
  for (const p of sink.pragmas) spans.push({ start: p.start, end: p.end, cls: 'hljs-meta' });
  spans.sort((a, b) => a.start - b.start);
  let html = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    html += escapeHtml(code.slice(at, span.start));
    html += `<span class="${span.cls}">${escapeHtml(code.slice(span.start, span.end))}</span>`;
    at = span.end;
  }
  return html + escapeHtml(code.slice(at));
}

/** The part of markdown-it this plugin touches. */
interface MarkdownItLike {
  options: { highlight?: ((code: string, lang: string, attrs: string) => string) | null };
}

/**
 * A markdown-it plugin for VS Code's Markdown preview (`markdown.markdownItPlugins` in
 * package.json): code fenced as `bicep` or `bicepparam` is highlighted; every other
 * language goes to the preview's own highlighter, unchanged.
 */
export function bicepMarkdownPlugin<T extends MarkdownItLike>(md: T): T {
  const previous = md.options.highlight;
  md.options.highlight = (code, lang, attrs) => {
    if (/^bicep(param)?$/i.test(lang?.trim() ?? '')) return highlightBicep(code);
    return previous ? previous(code, lang, attrs) : '';
  };
  return md;
}
