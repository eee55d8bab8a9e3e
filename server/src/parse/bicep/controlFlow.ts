import type { Expression, ForLoop, Identifier, IfCondition } from './ast';
import { parseObject } from './collections';
import { parseExpression, parseValueOnLine } from './expressions';
import { isCloser, type ParserState } from './parserState';
import { Tok } from './tokens';

/**
 * `[for item in items: body]` or `[for (item, index) in items: body]`; the `[` is
 * consumed and the current token is `for`. In a resource or module body the loop body
 * must be an object or an `if`.
 */
export function parseForLoop(p: ParserState, open: number, resourceBody: boolean): ForLoop {
  const s = p.s;
  p.advance();
  let item: Identifier;
  let index: Identifier | undefined;
  if (s.token === Tok.LParen && !s.newlineBefore) {
    p.advance();
    item = p.identifier('Expected the item variable of the loop.');
    if (p.expect(Tok.Comma) !== -1) index = p.identifier('Expected the index variable of the loop.');
    p.expect(Tok.RParen, "Expected ')' after the loop variables.");
  } else if (!p.isKeyword('in')) {
    item = p.identifier('Expected the loop variable.');
  } else {
    item = p.missingIdentifier('Expected the loop variable.');
  }
  if (p.isKeyword('in') && !s.newlineBefore) p.advance();
  else p.errorHere("Expected 'in' after the loop variable.");
  const iterable = parseValueOnLine(p, 'Expected the collection to loop over.');
  let body: Expression;
  if (p.expect(Tok.Colon, "Expected ':' before the loop body.") === -1) {
    body = p.missing();
  } else if (!resourceBody) {
    body = parseValueOnLine(p, 'Expected the loop body.');
  } else if (p.isKeyword('if') && !s.newlineBefore) {
    body = parseIfCondition(p, true);
  } else if (s.token === Tok.LBrace && !s.newlineBefore) {
    body = parseObject(p, true);
  } else {
    body = p.missing("Expected '{' or 'if' to start the loop body.");
  }
  if (s.token !== Tok.RBracket && p.sameLine() && !isCloser(s.token)) {
    p.skipRestOfLine("Expected ']' to close the loop but found {token}.", true);
  }
  let close = -1;
  if (s.token === Tok.RBracket) {
    close = s.tokenStart;
    p.advance();
  } else {
    p.errorHere("Expected ']' to close the loop.");
  }
  const loop: ForLoop = { kind: 'for', open, close, item, iterable, body, start: open, end: p.prevEnd };
  if (index) loop.index = index;
  return loop;
}

/** `if (condition) { … }`: the current token is `if`. */
export function parseIfCondition(p: ParserState, allowResources: boolean): IfCondition {
  const s = p.s;
  const start = s.tokenStart;
  p.advance();
  let condition: Expression;
  if (s.token === Tok.LParen && !s.newlineBefore) {
    p.advance();
    if (s.token === Tok.RParen || s.token === Tok.EOF || (s.newlineBefore && p.isDeclarationStart())) {
      condition = p.missing('Expected a condition.');
    } else {
      condition = parseExpression(p);
    }
    if (s.token === Tok.RParen) p.advance();
    else p.errorHere("Expected ')' after the condition.");
  } else {
    condition = p.missing("Expected '(' and a condition after if.");
  }
  const body =
    s.token === Tok.LBrace && !s.newlineBefore ? parseObject(p, allowResources) : p.missing("Expected '{' after the condition.");
  return { kind: 'if', condition, body, start, end: p.prevEnd };
}
