import type { Comment, ErrorNode, Identifier, Pragma, SyntaxDiagnostic } from './ast';
import { isIdentifierStart, Scanner } from './scanner';
import { punctuationText, Tok } from './tokens';

/**
 * How deep syntax may nest (brackets, operands, chained accesses, operator chains).
 * Real templates stay far below it; past it the rest of the construct becomes an error
 * node, so neither the parser nor a recursive consumer of the tree can overflow the stack.
 * At this depth the parser needs under a fifth of node's default stack.
 */
export const MAX_DEPTH = 128;

/** Keywords that begin a top-level declaration. */
const DECLARATION_KEYWORDS = new Set([
  'targetScope',
  'metadata',
  'param',
  'var',
  'output',
  'type',
  'func',
  'resource',
  'module',
  'import',
  'extension',
  'provider',
  'using',
  'extends',
  'test',
  'assert',
]);

const CH_QUOTE = 39;
const CH_STAR = 42;
const CH_EQ = 61;
const CH_LBRACE = 123;

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * A finished list at its exact size: arrays grown by `push` keep room for 17 items,
 * and a tree with tens of thousands of small lists would keep all that room alive.
 */
export function exactArray<T>(items: T[]): readonly T[] {
  return items.length === 0 ? EMPTY : items.slice();
}

function isOpener(kind: number): boolean {
  return kind === Tok.LBrace || kind === Tok.LBracket || kind === Tok.LParen;
}

export function isCloser(kind: number): boolean {
  return kind === Tok.RBrace || kind === Tok.RBracket || kind === Tok.RParen;
}

/** Describes the current token for a message: `'}'`, `'foo'`, `the end of the file`. */
function describe(scanner: Scanner): string {
  if (scanner.token === Tok.EOF) return 'the end of the file';
  const text = scanner.text.slice(scanner.tokenStart, Math.min(scanner.tokenEnd, scanner.tokenStart + 40));
  return `'${punctuationText(scanner.token) ?? text}'`;
}

/**
 * The parser's state where a top-level declaration starts, as far as the rest of the parse
 * can tell: two parses in this state at the same text parse it alike (see reuse.ts).
 */
export interface Boundary {
  /** Where the declaration's first token starts. */
  start: number;
  lineStart: number;
  /** The token starts a line and no error was reported on that line yet. */
  clean: boolean;
  /** How far the parse up to here has read the text (see Scanner.reach). */
  reach: number;
  /** The run of decorator lines `isDeclarationStart` last looked past, and its answer. */
  runStart: number;
  runEnd: number;
  runResult: boolean;
}

/**
 * The parser's shared state: the scanner, what was collected, and the recovery helpers
 * the grammar functions use. One instance per parse; nothing outlives it.
 */
export class ParserState {
  readonly s: Scanner;
  readonly diagnostics: SyntaxDiagnostic[] = [];
  readonly comments: Comment[] = [];
  readonly pragmas: Pragma[] = [];
  /** End of the last consumed token: where composite nodes end and missing ones sit. */
  prevEnd = 0;
  depth = 0;
  /** Indentation of the top-level declaration being parsed. */
  topIndent = 0;
  private lastErrorStart = -1;
  /** The last run of decorator lines looked past by `isDeclarationStart`, and its answer. */
  private decoratorRunStart = -1;
  private decoratorRunEnd = -1;
  private decoratorRunResult = false;

  /**
   * A parse of `text` from its start, or from the declaration at `from.start` in the
   * state a parse from the start reaches there (`prevEnd`: where the declaration before
   * it ended).
   */
  constructor(
    readonly text: string,
    from?: { boundary: Boundary; prevEnd: number },
  ) {
    this.s = new Scanner(text, this);
    if (!from) {
      this.s.next();
      return;
    }
    const b = from.boundary;
    this.s.reach = b.reach;
    this.s.resume(b.start, b.lineStart, true);
    this.prevEnd = from.prevEnd;
    this.decoratorRunStart = b.runStart;
    this.decoratorRunEnd = b.runEnd;
    this.decoratorRunResult = b.runResult;
  }

  /** The state at the current token, where a top-level declaration starts. */
  boundary(): Boundary {
    const s = this.s;
    return {
      start: s.tokenStart,
      lineStart: s.lineStart,
      clean: s.newlineBefore && !this.lineHasError(),
      reach: s.reach,
      runStart: this.decoratorRunStart,
      runEnd: this.decoratorRunEnd,
      runResult: this.decoratorRunResult,
    };
  }

  advance(): void {
    this.prevEnd = this.s.tokenEnd;
    this.s.next();
  }

  /** The current token continues the current line (it is neither on a new line nor the end). */
  sameLine(): boolean {
    return !this.s.newlineBefore && this.s.token !== Tok.EOF;
  }

  isKeyword(word: string): boolean {
    return this.s.token === Tok.Identifier && this.s.value === word;
  }

  error(start: number, end: number, message: string): void {
    // One message per position: a missing piece often makes the next ones missing too.
    if (start === this.lastErrorStart) return;
    this.lastErrorStart = start;
    this.diagnostics.push({ message, start, end });
  }

  /** Reports at the current token when it is on this line, else at the end of the line. */
  errorHere(message: string): void {
    if (this.sameLine()) this.error(this.s.tokenStart, this.s.tokenEnd, message);
    else this.error(this.prevEnd, this.prevEnd, message);
  }

  /** Whether an error was already reported on the current token's line. */
  lineHasError(): boolean {
    return this.lastErrorStart >= this.s.lineStart;
  }

  /** A zero-width error node right after the last consumed token. */
  missing(message?: string): ErrorNode {
    if (message !== undefined) this.errorHere(message);
    return { kind: 'error', start: this.prevEnd, end: this.prevEnd };
  }

  missingIdentifier(message?: string): Identifier {
    if (message !== undefined) this.errorHere(message);
    return { kind: 'identifier', name: '', start: this.prevEnd, end: this.prevEnd, missing: true };
  }

  /** An identifier on the current line, or a missing one (reported with `message`). */
  identifier(message?: string): Identifier {
    const s = this.s;
    if (s.token !== Tok.Identifier || s.newlineBefore) return this.missingIdentifier(message);
    const node: Identifier = { kind: 'identifier', name: s.value, start: s.tokenStart, end: s.tokenEnd };
    this.advance();
    return node;
  }

  /** The current token as an identifier, wherever it is (for lists that span lines). */
  identifierAnyLine(): Identifier {
    const s = this.s;
    if (s.token !== Tok.Identifier) return this.missingIdentifier();
    const node: Identifier = { kind: 'identifier', name: s.value, start: s.tokenStart, end: s.tokenEnd };
    this.advance();
    return node;
  }

  /** Consumes `kind` on the current line and returns its offset, or reports and returns -1. */
  expect(kind: number, message?: string): number {
    const s = this.s;
    if (s.token === kind && !s.newlineBefore) {
      const at = s.tokenStart;
      this.advance();
      return at;
    }
    if (message !== undefined) this.errorHere(message);
    return -1;
  }

  enter(): boolean {
    if (this.depth >= MAX_DEPTH) return false;
    this.depth++;
    return true;
  }

  exit(): void {
    this.depth--;
  }

  /** Past the depth limit: the construct at the current token becomes one error node. */
  tooDeep(): ErrorNode {
    const start = this.s.tokenStart;
    this.error(start, this.s.tokenEnd, `Nesting deeper than ${MAX_DEPTH} levels is not supported.`);
    return this.skipped(start, true, false, true);
  }

  /**
   * Skips the rest of the line as an error node, reporting `message` unless this line
   * already has an error. With `stopAtClosers`, a `}`/`]`/`)` (and a `,` with
   * `stopAtComma`) that closes an enclosing construct ends the skip unconsumed.
   */
  skipRestOfLine(message: string | undefined, stopAtClosers: boolean, stopAtComma = false): ErrorNode {
    const start = this.s.tokenStart;
    if (message !== undefined && !this.lineHasError()) {
      this.error(start, this.s.tokenEnd, message.replace('{token}', describe(this.s)));
    }
    return this.skipped(start, stopAtClosers, stopAtComma, false);
  }

  private skipped(start: number, stopAtClosers: boolean, stopAtComma: boolean, acrossLines: boolean): ErrorNode {
    const before = this.prevEnd;
    this.skip(stopAtClosers, stopAtComma, acrossLines);
    // Nothing consumed: a zero-width node where the last token ended, inside its parent.
    if (this.prevEnd === before) return { kind: 'error', start: before, end: before };
    return { kind: 'error', start, end: this.prevEnd };
  }

  /** The message used for an unexpected token, with `{token}` replaced. */
  unexpected(message: string): string {
    return message.replace('{token}', describe(this.s));
  }

  /**
   * Consumes tokens up to the end of the line, keeping brackets and interpolation holes
   * balanced so a `}` inside a skipped string or object does not end the skip. With
   * `acrossLines`, a line break inside open brackets does not end it either (used to
   * swallow a too-deep construct whole), unless the next line starts a declaration.
   */
  private skip(stopAtClosers: boolean, stopAtComma: boolean, acrossLines: boolean): void {
    const s = this.s;
    let balance = 0;
    // The bracket balance at which each open interpolation hole started.
    const holes: number[] = [];
    let first = true;
    while (s.token !== Tok.EOF) {
      if (!first && s.newlineBefore && (!acrossLines || balance === 0 || this.isDeclarationStart())) break;
      first = false;
      const t = s.token;
      if (t === Tok.RBrace && holes.length > 0 && holes[holes.length - 1] === balance) {
        if (s.rescanStringContinuation() === Tok.StringTail) holes.pop();
        this.advance();
        continue;
      }
      if (balance === 0 && stopAtClosers && (isCloser(t) || (stopAtComma && t === Tok.Comma))) break;
      if (isOpener(t)) balance++;
      else if (isCloser(t) && balance > 0) balance--;
      else if (t === Tok.StringHead) holes.push(balance);
      this.advance();
    }
  }

  /**
   * At a token that begins a line: does a top-level declaration start here? Used to end
   * an unclosed object, array or argument list instead of swallowing the declarations
   * that follow it. A `resource` indented past the enclosing declaration is a nested
   * child resource, not a new declaration.
   */
  isDeclarationStart(): boolean {
    const s = this.s;
    if (s.token === Tok.Identifier) return this.keywordStartsDeclaration();
    if (s.token !== Tok.At) return false;
    // Every line of a run of decorators gets the same answer; look ahead once per run.
    if (s.tokenStart >= this.decoratorRunStart && s.tokenStart < this.decoratorRunEnd) return this.decoratorRunResult;
    const saved = s.speculate();
    // Skip the decorator lines (their arguments may span lines) and look at what follows.
    while (s.token === Tok.At) {
      let balance = 0;
      s.next();
      while (s.token !== Tok.EOF && !(balance === 0 && s.newlineBefore)) {
        if (isOpener(s.token)) balance++;
        else if (isCloser(s.token)) balance = Math.max(0, balance - 1);
        s.next();
      }
    }
    const result = s.token === Tok.Identifier && this.keywordStartsDeclaration();
    this.decoratorRunStart = saved.tokenStart;
    this.decoratorRunEnd = s.tokenStart;
    this.decoratorRunResult = result;
    s.restore(saved);
    return result;
  }

  private keywordStartsDeclaration(): boolean {
    const s = this.s;
    if (!DECLARATION_KEYWORDS.has(s.value)) return false;
    if (s.value === 'resource' && s.column() > this.topIndent) return false;
    // What may follow a declaration keyword; a property named like one is followed by ':'.
    const c = s.nextNonBlankChar();
    if (isIdentifierStart(c) || c === CH_QUOTE || c === CH_LBRACE || c === CH_STAR) return true;
    if (c === CH_EQ) {
      const after = this.text.charCodeAt(this.text.indexOf('=', s.tokenEnd) + 1);
      return after !== CH_EQ && after !== 126 && after !== 62;
    }
    return false;
  }
}
