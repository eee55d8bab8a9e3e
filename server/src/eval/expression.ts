/**
 * The ARM template expression language: the text between the outer brackets of
 * `"[concat(parameters('prefix'), '-vnet')]"`. Offsets (`start`, `end`) are relative to
 * that inner text. Trees are shared through the parse cache, so they are frozen.
 */
export type Expr = StringLiteral | NumberLiteral | BooleanLiteral | NullLiteral | CallExpr | PropertyExpr | IndexExpr | ErrorExpr;

interface Span {
  readonly start: number;
  readonly end: number;
}
export interface StringLiteral extends Span {
  readonly kind: 'string';
  readonly value: string;
}
export interface NumberLiteral extends Span {
  readonly kind: 'number';
  readonly value: number;
}
export interface BooleanLiteral extends Span {
  readonly kind: 'boolean';
  readonly value: boolean;
}
/** Bare `null` (the call `null()` is a CallExpr). */
export interface NullLiteral extends Span {
  readonly kind: 'null';
}
export interface CallExpr extends Span {
  readonly kind: 'call';
  /** For user-defined functions: `ns` in `ns.fn(...)`. */
  readonly namespace?: string;
  readonly name: string;
  readonly args: readonly Expr[];
}
export interface PropertyExpr extends Span {
  readonly kind: 'property';
  readonly object: Expr;
  readonly name: string;
}
export interface IndexExpr extends Span {
  readonly kind: 'index';
  readonly object: Expr;
  readonly index: Expr;
}
/** A syntax error: the whole expression is unusable, `start`/`end` locate the problem. */
export interface ErrorExpr extends Span {
  readonly kind: 'error';
  readonly message: string;
}

/**
 * True for `[...]` strings, which ARM evaluates; false for `[[...]`, the escape for a
 * literal that starts with a bracket. Like ARM, no trimming: a trailing space makes
 * the string a literal.
 */
export function isExpression(s: string): boolean {
  return s.length >= 2 && s[0] === '[' && s[s.length - 1] === ']' && s[1] !== '[';
}

// Nesting beyond this is certainly not a real template and would exhaust the stack.
const MAX_DEPTH = 200;
const CACHE_LIMIT = 5000;
// Longer texts are rare and cheap to re-parse; caching them could hold megabytes.
const CACHE_MAX_SOURCE = 4096;

/**
 * Parsed trees by their text. Trees carry no position in the document (offsets are within
 * the text), so they serve every version of every template. Two generations: a hit is one
 * lookup (no re-insertion on every hit, as a strict least-recently-used order needs), a
 * hit in the older one moves the tree to the newer, and when the newer is full the older
 * is dropped — at most CACHE_LIMIT trees, the ones used since the last turn kept.
 */
class ParseCache {
  private young = new Map<string, Expr>();
  private old = new Map<string, Expr>();

  get(key: string): Expr | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: string, expr: Expr): void {
    if (this.young.size >= CACHE_LIMIT / 2) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, expr);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}

// The module's state: templates repeat expressions, and parsing runs on every keystroke.
const inner = new ParseCache();
/** Keyed by the whole template string (`[...]`), so evaluation parses without cutting the brackets off first. */
const whole = new ParseCache();

/** Parses the text inside the outer brackets. Never throws: a syntax error yields an `error` node. */
export function parseExpression(source: string): Expr {
  const hit = inner.get(source);
  if (hit !== undefined) return hit;
  const expr = parseUncached(source);
  if (typeof source === 'string' && source.length <= CACHE_MAX_SOURCE) inner.set(source, expr);
  return expr;
}

/** Parses a template string that isExpression() accepts (`[...]`), brackets included. Never throws. */
export function parseTemplateExpression(text: string): Expr {
  const hit = whole.get(text);
  if (hit !== undefined) return hit;
  const expr = parseUncached(text.slice(1, -1));
  if (text.length <= CACHE_MAX_SOURCE + 2) whole.set(text, expr);
  return expr;
}

/** Forgets the parsed trees (the next analysis starts from nothing, as the first of a session). */
export function forgetParsedExpressions(): void {
  inner.clear();
  whole.clear();
}

class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

function parseUncached(source: string): Expr {
  try {
    const p = new Parser(typeof source === 'string' ? source : String(source));
    return p.parseWhole();
  } catch (e) {
    if (e instanceof SyntaxFailure) return freeze({ kind: 'error', message: e.message, start: e.start, end: e.end });
    // A RangeError here would be a depth-guard bug; still never throw.
    return freeze({ kind: 'error', message: 'expression could not be parsed', start: 0, end: String(source).length });
  }
}

function freeze<T extends Expr>(e: T): T {
  return Object.freeze(e);
}

// Character classes by code (a regex test per character, or a regex literal evaluated in a
// loop, which makes a new RegExp each time, cost more than the rest of the parse).
function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** What `/\s/` matches: JavaScript's white space and line terminators. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parseWhole(): Expr {
    this.skipWs();
    if (this.pos >= this.src.length) this.fail('empty expression', 0, this.src.length);
    const e = this.parseExpr(0);
    this.skipWs();
    if (this.pos < this.src.length) this.fail(`unexpected '${this.src[this.pos]}'`, this.pos, this.pos + 1);
    return e;
  }

  private parseExpr(depth: number): Expr {
    if (depth > MAX_DEPTH) this.fail('expression is nested too deeply', this.pos, this.pos);
    let e = this.parsePrimary(depth);
    // Postfix accessors nest the tree too, so they count towards the depth.
    let d = depth;
    for (;;) {
      this.skipWs();
      const c = this.src[this.pos];
      if (c === '.') {
        if (++d > MAX_DEPTH) this.fail('expression is nested too deeply', this.pos, this.pos);
        this.pos++;
        this.skipWs();
        const nameStart = this.pos;
        const name = this.readIdentifier();
        if (name === undefined) this.fail("expected a property name after '.'", nameStart, nameStart + 1);
        e = freeze({ kind: 'property', object: e, name, start: e.start, end: this.pos });
      } else if (c === '[') {
        if (++d > MAX_DEPTH) this.fail('expression is nested too deeply', this.pos, this.pos);
        this.pos++;
        this.skipWs();
        if (this.src[this.pos] === ']') this.fail('expected an index inside [ ]', this.pos, this.pos + 1);
        const index = this.parseExpr(d + 1);
        this.skipWs();
        this.expect(']');
        e = freeze({ kind: 'index', object: e, index, start: e.start, end: this.pos });
      } else {
        return e;
      }
    }
  }

  private parsePrimary(depth: number): Expr {
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === undefined) this.fail('unexpected end of expression', start, start);
    if (c === "'") return this.parseString();
    const code = this.src.charCodeAt(this.pos);
    if (isDigit(code) || (code === 0x2d && isDigit(this.src.charCodeAt(this.pos + 1)))) return this.parseNumber();
    if (isIdentStart(code)) return this.parseNameOrCall(depth);
    this.fail(`unexpected '${c}'`, start, start + 1);
  }

  private parseString(): StringLiteral {
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const i = this.src.indexOf("'", this.pos);
      if (i < 0) this.fail('unterminated string', start, this.src.length);
      value += this.src.slice(this.pos, i);
      if (this.src[i + 1] === "'") {
        // '' inside a string is one quote.
        value += "'";
        this.pos = i + 2;
      } else {
        this.pos = i + 1;
        return freeze({ kind: 'string', value, start, end: this.pos });
      }
    }
  }

  private parseNumber(): NumberLiteral {
    const start = this.pos;
    const src = this.src;
    // -?[0-9]+(\.[0-9]+)?
    let i = start;
    if (src.charCodeAt(i) === 0x2d) i++;
    if (!isDigit(src.charCodeAt(i))) this.fail('invalid number', start, start + 1);
    while (isDigit(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === 0x2e && isDigit(src.charCodeAt(i + 1))) {
      i++;
      while (isDigit(src.charCodeAt(i))) i++;
    }
    this.pos = i;
    if (isIdentPart(src.charCodeAt(this.pos))) this.fail('invalid number', start, this.pos + 1);
    return freeze({ kind: 'number', value: Number(src.slice(start, i)), start, end: this.pos });
  }

  private parseNameOrCall(depth: number): Expr {
    const start = this.pos;
    const name = this.readIdentifier()!;
    const afterName = this.pos;
    this.skipWs();
    if (this.src[this.pos] === '(') return this.parseCall(start, undefined, name, depth);
    if (this.src[this.pos] === '.') {
      // `ns.member(...)` is a user-defined function; anything else after a bare name is an error.
      const save = this.pos;
      this.pos++;
      this.skipWs();
      const member = this.readIdentifier();
      if (member !== undefined) {
        this.skipWs();
        if (this.src[this.pos] === '(') return this.parseCall(start, name, member, depth);
      }
      this.pos = save;
    }
    const lower = name.toLowerCase();
    if (lower === 'true' || lower === 'false') return freeze({ kind: 'boolean', value: lower === 'true', start, end: afterName });
    if (lower === 'null') return freeze({ kind: 'null', start, end: afterName });
    this.fail(`expected '(' after '${name}'`, start, afterName);
  }

  private parseCall(start: number, namespace: string | undefined, name: string, depth: number): CallExpr {
    this.expect('(');
    const args: Expr[] = [];
    this.skipWs();
    if (this.src[this.pos] === ')') {
      this.pos++;
    } else {
      for (;;) {
        this.skipWs();
        args.push(this.parseExpr(depth + 1));
        this.skipWs();
        const c = this.src[this.pos];
        if (c === ',') {
          this.pos++;
          this.skipWs();
          if (this.src[this.pos] === ')') this.fail('expected an argument after ,', this.pos, this.pos + 1);
          continue;
        }
        if (c === ')') {
          this.pos++;
          break;
        }
        if (c === undefined) this.fail(`expected ')' to close ${name}(`, start, this.src.length);
        this.fail(`expected ',' or ')' but found '${c}'`, this.pos, this.pos + 1);
      }
    }
    // Parsed calls are kept (cached by text): their arguments at their final size, not the
    // 17 slots an array reserves at its first push.
    const exact = Object.freeze(args.slice());
    const call: CallExpr = namespace === undefined
      ? { kind: 'call', name, args: exact, start, end: this.pos }
      : { kind: 'call', namespace, name, args: exact, start, end: this.pos };
    return freeze(call);
  }

  private readIdentifier(): string | undefined {
    const start = this.pos;
    if (!isIdentStart(this.src.charCodeAt(this.pos))) return undefined;
    this.pos++;
    while (this.pos < this.src.length && isIdentPart(this.src.charCodeAt(this.pos))) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private expect(c: string): void {
    if (this.src[this.pos] !== c) {
      const found = this.src[this.pos];
      this.fail(found === undefined ? `expected '${c}'` : `expected '${c}' but found '${found}'`, this.pos, this.pos + 1);
    }
    this.pos++;
  }

  private skipWs(): void {
    while (this.pos < this.src.length && isSpace(this.src.charCodeAt(this.pos))) this.pos++;
  }

  private fail(message: string, start: number, end: number): never {
    throw new SyntaxFailure(message, start, Math.min(Math.max(end, start), this.src.length));
  }
}
