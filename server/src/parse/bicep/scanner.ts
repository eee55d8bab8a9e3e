import type { Comment, Pragma, PragmaCode, PragmaDirective, SyntaxDiagnostic } from './ast';
import { Tok } from './tokens';

/** Where the scanner puts what is not a token. */
export interface TriviaSink {
  comments: Comment[];
  pragmas: Pragma[];
  diagnostics: SyntaxDiagnostic[];
}

/** Everything `restore` needs to return to a token. */
export interface ScannerState {
  pos: number;
  token: number;
  tokenStart: number;
  tokenEnd: number;
  value: string;
  terminated: boolean;
  newlineBefore: boolean;
  lineStart: number;
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_HASH = 35;
const CH_DOLLAR = 36;
const CH_PERCENT = 37;
const CH_AMP = 38;
const CH_QUOTE = 39;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_STAR = 42;
const CH_PLUS = 43;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_0 = 48;
const CH_9 = 57;
const CH_COLON = 58;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_QUESTION = 63;
const CH_AT = 64;
const CH_LBRACKET = 91;
const CH_BACKSLASH = 92;
const CH_RBRACKET = 93;
const CH_HAT = 94;
const CH_LBRACE = 123;
const CH_PIPE = 124;
const CH_RBRACE = 125;
const CH_TILDE = 126;
const CH_BOM = 0xfeff;

export function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdentifierPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= CH_0 && c <= CH_9);
}

function isHexDigit(c: number): boolean {
  return (c >= CH_0 && c <= CH_9) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

const DIRECTIVES: readonly PragmaDirective[] = ['disable-next-line', 'disable-diagnostics', 'restore-diagnostics'];
const LONGEST_DIRECTIVE = Math.max(...DIRECTIVES.map((d) => d.length));

/**
 * A pull scanner over Bicep text in the style of jsonc-parser's: `next()` moves to the
 * next token and exposes it through fields, so no token objects are allocated.
 *
 * Bicep is newline-sensitive, but instead of newline tokens each token records whether
 * a line break precedes it (`newlineBefore`); the parser asks where the grammar cares.
 * Comments and pragmas go to the sink as they are passed. Interpolated strings are
 * scanned one piece at a time: the parser calls `rescanStringContinuation` on the `}`
 * that closes a hole, so the scanner keeps no template stack.
 */
export class Scanner {
  token: number = Tok.EOF;
  tokenStart = 0;
  tokenEnd = 0;
  /** Identifier text, integer text, or the cooked value of a string piece. */
  value = '';
  /** For string tokens: false when the closing quote (or `${`) is missing. */
  terminated = true;
  /** A line break (or the start of the file) separates this token from the previous one. */
  newlineBefore = true;
  /** Offset of the start of the line the current token is on. */
  lineStart = 0;
  /**
   * How far the text has been read, looking ahead included (an exclusive bound, never
   * lowered by `restore`): the parse so far depends on nothing after it (see reuse.ts).
   */
  reach = 0;

  private pos = 0;
  /** While speculating, trivia and diagnostics are not recorded (they will be scanned again). */
  private quiet = false;
  private readonly strings = new Map<number, string>();

  constructor(
    readonly text: string,
    private readonly sink: TriviaSink,
  ) {}

  /**
   * Starts at `pos`, the first character of a token (no trivia before it), as a scan of
   * the whole text would reach it: on the line starting at `lineStart`, after a line break
   * or not. For a parse that resumes at a declaration (see reuse.ts).
   */
  resume(pos: number, lineStart: number, newlineBefore: boolean): void {
    this.pos = pos;
    this.lineStart = lineStart;
    this.next();
    this.newlineBefore = newlineBefore;
  }

  /** Indentation of the current token: its distance from the start of its line. */
  column(): number {
    return this.tokenStart - this.lineStart;
  }

  /** The first character after the current token that is not a space or tab (-1 at the end). */
  nextNonBlankChar(): number {
    const text = this.text;
    let p = this.tokenEnd;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c !== CH_SPACE && c !== CH_TAB) {
        // Callers may read the character after it too (`=` of `==`, `:` of `::`).
        this.reached(p + 2);
        return c;
      }
      p++;
    }
    this.reached(p + 1);
    return -1;
  }

  private reached(end: number): void {
    if (end > this.reach) this.reach = end;
  }

  snapshot(): ScannerState {
    return {
      pos: this.pos,
      token: this.token,
      tokenStart: this.tokenStart,
      tokenEnd: this.tokenEnd,
      value: this.value,
      terminated: this.terminated,
      newlineBefore: this.newlineBefore,
      lineStart: this.lineStart,
    };
  }

  /** Starts a look-ahead: nothing is recorded until `restore`. */
  speculate(): ScannerState {
    this.quiet = true;
    return this.snapshot();
  }

  restore(state: ScannerState): void {
    this.quiet = false;
    this.pos = state.pos;
    this.token = state.token;
    this.tokenStart = state.tokenStart;
    this.tokenEnd = state.tokenEnd;
    this.value = state.value;
    this.terminated = state.terminated;
    this.newlineBefore = state.newlineBefore;
    this.lineStart = state.lineStart;
  }

  next(): number {
    const text = this.text;
    const len = text.length;
    let pos = this.pos;
    let newline = pos === 0;
    for (;;) {
      if (pos >= len) break;
      const c = text.charCodeAt(pos);
      if (c === CH_SPACE || c === CH_TAB) {
        pos++;
      } else if (c === CH_LF) {
        pos++;
        newline = true;
        this.lineStart = pos;
      } else if (c === CH_CR) {
        pos++;
        if (text.charCodeAt(pos) === CH_LF) pos++;
        newline = true;
        this.lineStart = pos;
      } else if (c === CH_SLASH && text.charCodeAt(pos + 1) === CH_SLASH) {
        pos = this.scanLineComment(pos);
      } else if (c === CH_SLASH && text.charCodeAt(pos + 1) === CH_STAR) {
        pos = this.scanBlockComment(pos);
      } else if (c === CH_HASH && newline && this.onlyBlanksBefore(pos) && this.directiveAt(pos) !== undefined) {
        pos = this.scanPragma(pos);
      } else if (c === CH_BOM && pos === 0) {
        pos++;
      } else {
        break;
      }
    }
    this.newlineBefore = newline;
    this.tokenStart = pos;
    this.terminated = true;
    if (pos >= len) {
      this.pos = this.tokenEnd = len;
      this.token = Tok.EOF;
      this.reached(len + 1);
      return Tok.EOF;
    }
    const c = text.charCodeAt(pos);
    if (isIdentifierStart(c)) {
      let p = pos + 1;
      let hash = c;
      while (p < len) {
        const d = text.charCodeAt(p);
        if (!isIdentifierPart(d)) break;
        hash = (Math.imul(hash, 31) + d) | 0;
        p++;
      }
      this.value = this.shared(hash, pos, p);
      return this.finish(Tok.Identifier, p);
    }
    if (c >= CH_0 && c <= CH_9) {
      let p = pos + 1;
      while (p < len) {
        const d = text.charCodeAt(p);
        if (d < CH_0 || d > CH_9) break;
        p++;
      }
      this.value = text.slice(pos, p);
      return this.finish(Tok.Integer, p);
    }
    const d = pos + 1 < len ? text.charCodeAt(pos + 1) : -1;
    switch (c) {
      case CH_QUOTE:
        if (d === CH_QUOTE && text.charCodeAt(pos + 2) === CH_QUOTE) return this.scanMultilineString(pos);
        this.pos = pos + 1;
        return this.scanStringPiece(pos, true);
      case CH_LBRACE:
        return this.finish(Tok.LBrace, pos + 1);
      case CH_RBRACE:
        return this.finish(Tok.RBrace, pos + 1);
      case CH_LPAREN:
        return this.finish(Tok.LParen, pos + 1);
      case CH_RPAREN:
        return this.finish(Tok.RParen, pos + 1);
      case CH_LBRACKET:
        return this.finish(Tok.LBracket, pos + 1);
      case CH_RBRACKET:
        return this.finish(Tok.RBracket, pos + 1);
      case CH_AT:
        return this.finish(Tok.At, pos + 1);
      case CH_COMMA:
        return this.finish(Tok.Comma, pos + 1);
      case CH_COLON:
        return d === CH_COLON ? this.finish(Tok.DoubleColon, pos + 2) : this.finish(Tok.Colon, pos + 1);
      case CH_DOT:
        if (d === CH_DOT && text.charCodeAt(pos + 2) === CH_DOT) return this.finish(Tok.Ellipsis, pos + 3);
        return this.finish(Tok.Dot, pos + 1);
      case CH_QUESTION:
        return d === CH_QUESTION ? this.finish(Tok.DoubleQuestion, pos + 2) : this.finish(Tok.Question, pos + 1);
      case CH_BANG:
        if (d === CH_EQ) return this.finish(Tok.NotEquals, pos + 2);
        if (d === CH_TILDE) return this.finish(Tok.NotEqualsInsensitive, pos + 2);
        return this.finish(Tok.Exclamation, pos + 1);
      case CH_EQ:
        if (d === CH_EQ) return this.finish(Tok.Equals, pos + 2);
        if (d === CH_TILDE) return this.finish(Tok.EqualsInsensitive, pos + 2);
        if (d === CH_GT) return this.finish(Tok.Arrow, pos + 2);
        return this.finish(Tok.Assign, pos + 1);
      case CH_LT:
        return d === CH_EQ ? this.finish(Tok.LessOrEqual, pos + 2) : this.finish(Tok.Less, pos + 1);
      case CH_GT:
        return d === CH_EQ ? this.finish(Tok.GreaterOrEqual, pos + 2) : this.finish(Tok.Greater, pos + 1);
      case CH_PLUS:
        return this.finish(Tok.Plus, pos + 1);
      case CH_MINUS:
        return this.finish(Tok.Minus, pos + 1);
      case CH_STAR:
        return this.finish(Tok.Star, pos + 1);
      case CH_SLASH:
        return this.finish(Tok.Slash, pos + 1);
      case CH_PERCENT:
        return this.finish(Tok.Percent, pos + 1);
      case CH_AMP:
        return d === CH_AMP ? this.finish(Tok.And, pos + 2) : this.finish(Tok.Unknown, pos + 1);
      case CH_PIPE:
        return d === CH_PIPE ? this.finish(Tok.Or, pos + 2) : this.finish(Tok.Pipe, pos + 1);
      case CH_HAT:
        return this.finish(Tok.Hat, pos + 1);
    }
    // Keep a surrogate pair together so the error covers the whole character.
    const pair = c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
    this.value = text.slice(pos, pos + (pair ? 2 : 1));
    return this.finish(Tok.Unknown, pos + (pair ? 2 : 1));
  }

  /**
   * The current token is the `}` that closes an interpolation hole: read on as the rest
   * of the string, giving a StringMiddle (`}…${`) or StringTail (`}…'`) token.
   */
  rescanStringContinuation(): number {
    this.pos = this.tokenStart + 1;
    return this.scanStringPiece(this.tokenStart, false);
  }

  /**
   * The text between `start` and `end` as a string, reusing the string made for the
   * same text earlier in this file. Names repeat all over a template, and a parse tree
   * that shares them keeps much less alive for the garbage collector to copy.
   */
  private shared(hash: number, start: number, end: number): string {
    const key = (hash ^ Math.imul(end - start, 0x9e3779b1)) | 0;
    const cached = this.strings.get(key);
    if (cached !== undefined && cached.length === end - start && this.text.startsWith(cached, start)) return cached;
    const value = this.text.slice(start, end);
    this.strings.set(key, value);
    return value;
  }

  private finish(kind: number, end: number): number {
    // Deciding a token reads at most two characters past it (`'''`, `...`, `${`).
    this.reached(end + 3);
    this.pos = this.tokenEnd = end;
    this.token = kind;
    return kind;
  }

  private report(start: number, end: number, message: string): void {
    if (!this.quiet) this.sink.diagnostics.push({ message, start, end });
  }

  private onlyBlanksBefore(pos: number): boolean {
    const text = this.text;
    for (let p = this.lineStart; p < pos; p++) {
      const c = text.charCodeAt(p);
      if (c !== CH_SPACE && c !== CH_TAB && !(p === 0 && c === CH_BOM)) return false;
    }
    return true;
  }

  private directiveAt(pos: number): PragmaDirective | undefined {
    this.reached(pos + 2 + LONGEST_DIRECTIVE);
    for (const d of DIRECTIVES) {
      if (this.text.startsWith(d, pos + 1)) {
        const after = this.text.charCodeAt(pos + 1 + d.length);
        if (!(isIdentifierPart(after) || after === CH_MINUS)) return d;
      }
    }
    return undefined;
  }

  private scanLineComment(start: number): number {
    const text = this.text;
    let p = start + 2;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === CH_LF || c === CH_CR) break;
      p++;
    }
    if (!this.quiet) this.sink.comments.push({ kind: 'lineComment', start, end: p });
    return p;
  }

  private scanBlockComment(start: number): number {
    const text = this.text;
    const close = text.indexOf('*/', start + 2);
    const end = close === -1 ? text.length : close + 2;
    if (close === -1) this.report(start, end, 'Unterminated comment: end it with */.');
    // Bicep sees no line break in a comment, but columns must still count from the last one.
    for (let p = start + 2; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === CH_LF || (c === CH_CR && text.charCodeAt(p + 1) !== CH_LF)) this.lineStart = p + 1;
    }
    if (!this.quiet) this.sink.comments.push({ kind: 'blockComment', start, end });
    return end;
  }

  /** `#directive code code …` up to the end of the line or a comment. */
  private scanPragma(start: number): number {
    const text = this.text;
    const directive = this.directiveAt(start) as PragmaDirective;
    let p = start + 1 + directive.length;
    let end = p;
    const codes: PragmaCode[] = [];
    for (;;) {
      while (p < text.length && (text.charCodeAt(p) === CH_SPACE || text.charCodeAt(p) === CH_TAB)) p++;
      if (p >= text.length) break;
      const c = text.charCodeAt(p);
      if (c === CH_LF || c === CH_CR) break;
      if (c === CH_SLASH && (text.charCodeAt(p + 1) === CH_SLASH || text.charCodeAt(p + 1) === CH_STAR)) break;
      const codeStart = p;
      while (p < text.length) {
        const e = text.charCodeAt(p);
        if (e === CH_SPACE || e === CH_TAB || e === CH_LF || e === CH_CR) break;
        p++;
      }
      codes.push({ code: text.slice(codeStart, p), start: codeStart, end: p });
      end = p;
    }
    if (codes.length === 0) {
      this.report(start, end, `#${directive} needs at least one diagnostic code, for example #${directive} ASE102.`);
    }
    if (!this.quiet) this.sink.pragmas.push({ kind: 'pragma', directive, codes: codes.slice(), start, end });
    return end;
  }

  /**
   * One piece of a single-line string, starting after the opening quote (`first`) or
   * after the `}` of a hole. A line break ends an unterminated string without being
   * consumed, so the next line parses normally.
   */
  private scanStringPiece(tokenStart: number, first: boolean): number {
    const text = this.text;
    const len = text.length;
    let pos = this.pos;
    const contentStart = pos;
    let chunk = pos;
    let cooked = '';
    let hash = 0;
    let kind: number;
    this.terminated = true;
    for (;;) {
      if (pos >= len) {
        this.terminated = false;
        kind = first ? Tok.String : Tok.StringTail;
        this.report(tokenStart, pos, "Unterminated string: end it with '.");
        break;
      }
      const c = text.charCodeAt(pos);
      if (c === CH_QUOTE) {
        // Short plain values ('Inbound', 'Allow', '*') repeat; share them like names.
        cooked = chunk === contentStart && pos - chunk <= 64 ? this.shared(hash, chunk, pos) : cooked + text.slice(chunk, pos);
        pos++;
        chunk = pos;
        kind = first ? Tok.String : Tok.StringTail;
        break;
      }
      if (c === CH_LF || c === CH_CR) {
        this.terminated = false;
        kind = first ? Tok.String : Tok.StringTail;
        this.report(tokenStart, pos, "Unterminated string: a string ends on its line; end it with '.");
        break;
      }
      if (c === CH_DOLLAR && text.charCodeAt(pos + 1) === CH_LBRACE) {
        cooked += text.slice(chunk, pos);
        pos += 2;
        chunk = pos;
        kind = first ? Tok.StringHead : Tok.StringMiddle;
        break;
      }
      if (c === CH_BACKSLASH) {
        cooked += text.slice(chunk, pos);
        const r = this.scanEscape(pos);
        cooked += r.value;
        pos = chunk = r.end;
        continue;
      }
      hash = (Math.imul(hash, 31) + c) | 0;
      pos++;
    }
    if (chunk < pos) cooked += text.slice(chunk, pos);
    this.value = cooked;
    this.tokenStart = tokenStart;
    return this.finish(kind, pos);
  }

  private scanEscape(pos: number): { value: string; end: number } {
    const text = this.text;
    const e = pos + 1 < text.length ? text.charCodeAt(pos + 1) : -1;
    switch (e) {
      case 110: // n
        return { value: '\n', end: pos + 2 };
      case 114: // r
        return { value: '\r', end: pos + 2 };
      case 116: // t
        return { value: '\t', end: pos + 2 };
      case CH_BACKSLASH:
        return { value: '\\', end: pos + 2 };
      case CH_QUOTE:
        return { value: "'", end: pos + 2 };
      case CH_DOLLAR:
        return { value: '$', end: pos + 2 };
      case 117: {
        // \u{hex}
        let p = pos + 2;
        if (text.charCodeAt(p) === CH_LBRACE) {
          p++;
          const hexStart = p;
          while (p < text.length && isHexDigit(text.charCodeAt(p))) p++;
          if (p > hexStart && text.charCodeAt(p) === CH_RBRACE) {
            const code = p - hexStart <= 8 ? parseInt(text.slice(hexStart, p), 16) : Infinity;
            if (code <= 0x10ffff) return { value: String.fromCodePoint(code), end: p + 1 };
            p++;
          }
        }
        this.report(pos, p, 'Invalid Unicode escape: write it as \\u{hex digits} with a code point up to 10FFFF.');
        return { value: text.slice(pos, p), end: p };
      }
      case -1:
      case CH_LF:
      case CH_CR:
        // The string loop reports the missing quote at the line break.
        return { value: '\\', end: pos + 1 };
      default:
        this.report(pos, pos + 2, "Unknown escape sequence: use \\\\, \\', \\n, \\r, \\t, \\$ or \\u{…}.");
        return { value: text.slice(pos, pos + 2), end: pos + 2 };
    }
  }

  /** `'''…'''`: verbatim, may span lines; extra quotes before the closing three belong to the value. */
  private scanMultilineString(start: number): number {
    const text = this.text;
    const len = text.length;
    let p = start + 3;
    let contentStart = p;
    if (text.charCodeAt(contentStart) === CH_CR) contentStart++;
    if (text.charCodeAt(contentStart) === CH_LF) contentStart++;
    let quotes = 0;
    let contentEnd = -1;
    while (p < len) {
      const c = text.charCodeAt(p++);
      if (c === CH_QUOTE) {
        if (++quotes === 3) {
          while (p < len && text.charCodeAt(p) === CH_QUOTE) p++;
          contentEnd = p - 3;
          break;
        }
      } else {
        quotes = 0;
        if (c === CH_LF || (c === CH_CR && text.charCodeAt(p) !== CH_LF)) this.lineStart = p;
      }
    }
    if (contentEnd === -1) {
      this.terminated = false;
      contentEnd = len;
      this.report(start, len, "Unterminated multi-line string: end it with '''.");
    }
    this.value = contentStart < contentEnd ? text.slice(contentStart, contentEnd) : '';
    return this.finish(Tok.MultilineString, p);
  }
}
