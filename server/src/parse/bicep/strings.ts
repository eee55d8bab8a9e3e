import type { Expression, StringLiteral } from './ast';
import { parseExpression } from './expressions';
import { exactArray, type ParserState } from './parserState';
import { Tok } from './tokens';

/**
 * A string at the current token (String, StringHead or MultilineString). For an
 * interpolated string the holes are parsed as expressions and the scanner is asked to
 * continue the string at each closing `}`. A hole never spans lines: a line break in it
 * ends the string as unterminated.
 */
export function parseString(p: ParserState): StringLiteral {
  const s = p.s;
  const start = s.tokenStart;
  if (s.token !== Tok.StringHead) {
    const node: StringLiteral = {
      kind: 'string',
      segments: [s.value],
      expressions: exactArray<Expression>([]),
      multiline: s.token === Tok.MultilineString,
      terminated: s.terminated,
      start,
      end: s.tokenEnd,
    };
    p.advance();
    return node;
  }
  const segments = [s.value];
  const expressions: Expression[] = [];
  let terminated = true;
  p.advance();
  for (;;) {
    if (s.token === Tok.RBrace && !s.newlineBefore) {
      expressions.push(p.missing('Expected an expression in the interpolation.'));
    } else if (!p.sameLine()) {
      expressions.push(p.missing('Expected an expression in the interpolation.'));
      terminated = false;
    } else {
      expressions.push(parseExpression(p));
      if (s.token !== Tok.RBrace && p.sameLine()) {
        const skipped = p.skipRestOfLine('Unexpected {token} in the interpolation: expected }.', true);
        if (skipped.end > skipped.start) expressions[expressions.length - 1] = combine(expressions[expressions.length - 1], skipped.end);
      }
      if (s.token !== Tok.RBrace || s.newlineBefore) terminated = false;
    }
    if (!terminated) {
      segments.push('');
      p.error(start, p.prevEnd, "Unterminated string: close the interpolation with } and the string with '.");
      break;
    }
    s.rescanStringContinuation();
    segments.push(s.value);
    const tail = s.token === Tok.StringTail;
    if (tail) terminated = s.terminated;
    p.advance();
    if (tail) break;
  }
  return {
    kind: 'string',
    segments: exactArray(segments),
    expressions: exactArray(expressions),
    multiline: false,
    terminated,
    start,
    end: p.prevEnd,
  };
}

/** A hole's expression followed by skipped tokens: one error node over both. */
function combine(e: Expression, end: number): Expression {
  return { kind: 'error', start: e.start, end };
}
