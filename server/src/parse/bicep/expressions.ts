import type { BinaryOperator, Expression, Identifier, Lambda } from './ast';
import { parseArray, parseObject } from './collections';
import { exactArray, isCloser, type ParserState } from './parserState';
import { parseString } from './strings';
import { Tok } from './tokens';

const CH_COLON = 58;

const PRECEDENCE: Record<number, number> = {
  [Tok.Star]: 100,
  [Tok.Slash]: 100,
  [Tok.Percent]: 100,
  [Tok.Plus]: 90,
  [Tok.Minus]: 90,
  [Tok.Less]: 80,
  [Tok.LessOrEqual]: 80,
  [Tok.Greater]: 80,
  [Tok.GreaterOrEqual]: 80,
  [Tok.Equals]: 70,
  [Tok.NotEquals]: 70,
  [Tok.EqualsInsensitive]: 70,
  [Tok.NotEqualsInsensitive]: 70,
  [Tok.And]: 50,
  [Tok.Or]: 40,
  [Tok.DoubleQuestion]: 30,
};

const OPERATOR: Record<number, BinaryOperator> = {
  [Tok.Star]: '*',
  [Tok.Slash]: '/',
  [Tok.Percent]: '%',
  [Tok.Plus]: '+',
  [Tok.Minus]: '-',
  [Tok.Less]: '<',
  [Tok.LessOrEqual]: '<=',
  [Tok.Greater]: '>',
  [Tok.GreaterOrEqual]: '>=',
  [Tok.Equals]: '==',
  [Tok.NotEquals]: '!=',
  [Tok.EqualsInsensitive]: '=~',
  [Tok.NotEqualsInsensitive]: '!~',
  [Tok.And]: '&&',
  [Tok.Or]: '||',
  [Tok.DoubleQuestion]: '??',
};

/** Any expression, ternaries and lambdas included. */
export function parseExpression(p: ParserState): Expression {
  if (!p.enter()) return p.tooDeep();
  const e = parseTernary(p);
  p.exit();
  return e;
}

/**
 * An expression that must start on the current line (a value after `:` or `=`):
 * a line break there means the value is missing, and the next line is left alone.
 */
export function parseValueOnLine(p: ParserState, message: string): Expression {
  if (!p.sameLine() || isCloser(p.s.token) || p.s.token === Tok.Comma) return p.missing(message);
  return parseExpression(p);
}

function parseTernary(p: ParserState): Expression {
  const s = p.s;
  const condition = parseBinary(p, 0);
  // Bicep lets a ternary break before `?` and before `:`, not after them.
  if (s.token !== Tok.Question) return condition;
  p.advance();
  const whenTrue = parseValueOnLine(p, 'Expected an expression after ?.');
  let whenFalse: Expression;
  if (s.token === Tok.Colon) {
    p.advance();
    whenFalse = parseValueOnLine(p, 'Expected an expression after :.');
  } else {
    whenFalse = p.missing("Expected ':' to complete the ternary expression.");
  }
  return { kind: 'ternary', condition, whenTrue, whenFalse, start: condition.start, end: p.prevEnd };
}

function parseBinary(p: ParserState, minPrecedence: number): Expression {
  const s = p.s;
  let left = parseUnary(p);
  // Each link of an operator chain deepens the (left-leaning) tree.
  let links = 0;
  for (;;) {
    const precedence = PRECEDENCE[s.token];
    if (precedence === undefined || precedence <= minPrecedence || s.newlineBefore) break;
    if (!p.enter()) {
      p.tooDeep();
      break;
    }
    links++;
    const operator = OPERATOR[s.token];
    p.advance();
    const right = p.sameLine() ? parseBinary(p, precedence) : p.missing(`Expected an expression after ${operator}.`);
    left = { kind: 'binary', operator, left, right, start: left.start, end: p.prevEnd };
  }
  p.depth -= links;
  return left;
}

function parseUnary(p: ParserState): Expression {
  const s = p.s;
  if (s.token !== Tok.Exclamation && s.token !== Tok.Minus) return parsePostfix(p);
  const start = s.tokenStart;
  const operator = s.token === Tok.Minus ? '-' : '!';
  p.advance();
  if (!p.enter()) return p.tooDeep();
  const operand = p.sameLine() ? parseUnary(p) : p.missing(`Expected an expression after ${operator}.`);
  p.exit();
  return { kind: 'unary', operator, operand, start, end: p.prevEnd };
}

/** A primary expression followed by `.x`, `.?x`, `[i]`, `::x`, `!` and calls on the same line. */
export function parsePostfix(p: ParserState): Expression {
  const s = p.s;
  let e = parsePrimary(p);
  let links = 0;
  while (!s.newlineBefore) {
    const t = s.token;
    if (t !== Tok.Dot && t !== Tok.LBracket && t !== Tok.DoubleColon && t !== Tok.Exclamation) break;
    if (!p.enter()) {
      p.tooDeep();
      break;
    }
    links++;
    p.advance();
    if (t === Tok.Dot) {
      const safe = s.token === Tok.Question && !s.newlineBefore;
      if (safe) p.advance();
      const name = p.identifier('Expected a property or function name after the dot.');
      if (s.token === Tok.LParen && !s.newlineBefore && !name.missing) {
        e = parseCall(p, e, name, e.start);
      } else {
        e = { kind: 'member', object: e, name, safe, start: e.start, end: p.prevEnd };
      }
    } else if (t === Tok.LBracket) {
      const safe = s.token === Tok.Question && !s.newlineBefore;
      if (safe) p.advance();
      const fromEnd = s.token === Tok.Hat && !s.newlineBefore;
      if (fromEnd) p.advance();
      const index =
        s.token === Tok.RBracket ? p.missing('Expected an index expression.') : parseValueOnLine(p, 'Expected an index expression.');
      p.expect(Tok.RBracket, "Expected ']' to close the index.");
      e = { kind: 'index', object: e, index, safe, fromEnd, start: e.start, end: p.prevEnd };
    } else if (t === Tok.DoubleColon) {
      const name = p.identifier('Expected a nested resource name after ::.');
      e = { kind: 'resourceAccess', object: e, name, start: e.start, end: p.prevEnd };
    } else {
      e = { kind: 'nonNull', expression: e, start: e.start, end: p.prevEnd };
    }
  }
  p.depth -= links;
  return e;
}

function parsePrimary(p: ParserState): Expression {
  const s = p.s;
  switch (s.token) {
    case Tok.Identifier:
      return parseIdentifierExpression(p);
    case Tok.Integer: {
      const node: Expression = {
        kind: 'number',
        value: Number(s.value),
        raw: s.value,
        start: s.tokenStart,
        end: s.tokenEnd,
      };
      p.advance();
      return node;
    }
    case Tok.String:
    case Tok.StringHead:
    case Tok.MultilineString:
      return parseString(p);
    case Tok.LBrace:
      return parseObject(p, false);
    case Tok.LBracket:
      return parseArray(p, false);
    case Tok.LParen:
      return parseParenthesizedOrLambda(p);
    default:
      return p.missing(p.unexpected('Expected an expression but found {token}.'));
  }
}

function parseIdentifierExpression(p: ParserState): Expression {
  const s = p.s;
  const start = s.tokenStart;
  const end = s.tokenEnd;
  const name = s.value;
  p.advance();
  if (name === 'true' || name === 'false') return { kind: 'boolean', value: name === 'true', start, end };
  if (name === 'null') return { kind: 'null', start, end };
  const id: Identifier = { kind: 'identifier', name, start, end };
  if (s.newlineBefore) return id;
  if (s.token === Tok.LParen) return parseCall(p, undefined, id, start);
  if (s.token === Tok.Arrow) return parseLambdaBody(p, [id], start);
  return id;
}

/** `(args)` after a function name; arguments may span lines. */
function parseCall(p: ParserState, object: Expression | undefined, name: Identifier, start: number): Expression {
  const open = p.s.tokenStart;
  p.advance();
  const { items, close } = parseParenthesizedList(p, "Expected ')' to close the argument list.");
  const call: Expression = { kind: 'call', name, args: items, open, close, start, end: p.prevEnd };
  if (object) call.object = object;
  return call;
}

/**
 * Comma-separated expressions up to `)`; the `(` is consumed. Line breaks are allowed
 * between items, but a line that starts a declaration ends an unclosed list.
 */
function parseParenthesizedList(p: ParserState, unclosedMessage: string): { items: readonly Expression[]; close: number } {
  const s = p.s;
  const items: Expression[] = [];
  let expectComma = false;
  for (;;) {
    const t = s.token;
    if (t === Tok.RParen) {
      const close = s.tokenStart;
      p.advance();
      return { items: exactArray(items), close };
    }
    if (t === Tok.EOF || t === Tok.RBrace || t === Tok.RBracket || (s.newlineBefore && endsUnclosedList(p))) {
      p.errorHere(unclosedMessage);
      return { items: exactArray(items), close: -1 };
    }
    if (expectComma) {
      if (t === Tok.Comma) {
        p.advance();
        expectComma = false;
        continue;
      }
      p.errorHere(p.unexpected("Expected ',' between arguments but found {token}."));
    }
    if (t === Tok.Comma) {
      items.push(p.missing('Expected an argument.'));
      p.advance();
      continue;
    }
    const before = p.prevEnd;
    items.push(parseExpression(p));
    expectComma = true;
    if (p.prevEnd === before) {
      const skipped = p.skipRestOfLine('Unexpected {token} in the argument list.', true, true);
      if (skipped.end > skipped.start) items[items.length - 1] = skipped;
      else return { items: exactArray(items), close: -1 };
    }
  }
}

/** A line starting a declaration or an object property (`name:`) is not an argument. */
function endsUnclosedList(p: ParserState): boolean {
  const s = p.s;
  if (s.token === Tok.Identifier && s.nextNonBlankChar() === CH_COLON && s.text.charCodeAt(s.text.indexOf(':', s.tokenEnd) + 1) !== CH_COLON) {
    return true;
  }
  return p.isDeclarationStart();
}

function parseParenthesizedOrLambda(p: ParserState): Expression {
  const s = p.s;
  const start = s.tokenStart;
  p.advance();
  const { items } = parseParenthesizedList(p, "Expected ')'.");
  if (s.token === Tok.Arrow && !s.newlineBefore) {
    const params: Identifier[] = [];
    for (const item of items) {
      if (item.kind === 'identifier') params.push(item);
      else p.error(item.start, item.end, 'Expected a lambda parameter name.');
    }
    return parseLambdaBody(p, exactArray(params), start);
  }
  if (items.length !== 1) {
    p.error(start, p.prevEnd, 'Parentheses must contain exactly one expression.');
  }
  const expression = items[0] ?? { kind: 'error', start: p.prevEnd, end: p.prevEnd };
  return { kind: 'paren', expression, start, end: p.prevEnd };
}

/** At `=>`: the body may start on the next line unless that line is a new declaration. */
function parseLambdaBody(p: ParserState, params: readonly Identifier[], start: number): Lambda {
  const s = p.s;
  p.advance();
  let body: Expression;
  if (s.token === Tok.EOF || isCloser(s.token) || (s.newlineBefore && p.isDeclarationStart())) {
    body = p.missing('Expected the lambda body after =>.');
  } else {
    body = parseExpression(p);
  }
  return { kind: 'lambda', params, body, start, end: p.prevEnd };
}
