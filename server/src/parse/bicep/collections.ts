import type { ArrayItem, ArrayLiteral, Decorator, ErrorNode, Expression, ObjectItem, ObjectLiteral, ObjectProperty, Spread } from './ast';
import { parseForLoop } from './controlFlow';
import { parseDecorators, parseResourceDeclaration } from './declarations';
import { parseExpression, parseValueOnLine } from './expressions';
import { isIdentifierStart } from './scanner';
import { exactArray, type ParserState } from './parserState';
import { parseString } from './strings';
import { Tok } from './tokens';

/**
 * How an object or array body ends its items: the items are separated by line breaks
 * or commas, and the body ends at its closer, at any other closer or the end of the
 * file (missing closer), or at a line that starts a new top-level declaration.
 */
function endsBody(p: ParserState, closer: number): boolean {
  const t = p.s.token;
  if (t === closer) return false;
  if (t === Tok.EOF || t === Tok.RBrace || t === Tok.RBracket || t === Tok.RParen) return true;
  return p.s.newlineBefore && p.isDeclarationStart();
}

/**
 * `{ … }` at the current token. With `allowResources` (a resource body) the object
 * may hold nested child resources; elsewhere they are parsed but reported.
 */
export function parseObject(p: ParserState, allowResources: boolean): ObjectLiteral {
  const s = p.s;
  const open = s.tokenStart;
  p.advance();
  const { items, close } = parseItems(p, Tok.RBrace, 'object', 'a property', () => parseObjectItem(p, allowResources));
  return { kind: 'object', open, close, items, start: open, end: p.prevEnd };
}

/**
 * The items of an object or array up to its closing token: separated by new lines or
 * commas (a second item on the same line without a comma is skipped to the line's end),
 * resynchronising at a keyword that starts a declaration. `close` is -1 when the closing
 * token is missing.
 */
function parseItems<T extends ObjectItem | ArrayItem>(
  p: ParserState,
  closing: number,
  what: 'object' | 'array',
  itemName: string,
  parseItem: () => T,
): { items: readonly (T | ErrorNode)[]; close: number } {
  const s = p.s;
  const items: (T | ErrorNode)[] = [];
  let close = -1;
  let expectSeparator = false;
  for (;;) {
    if (s.token === closing) {
      close = s.tokenStart;
      p.advance();
      break;
    }
    if (endsBody(p, closing)) {
      p.errorHere(`Expected '${closing === Tok.RBrace ? '}' : ']'}' to close the ${what}.`);
      break;
    }
    if (s.newlineBefore) {
      expectSeparator = false;
    } else if (expectSeparator) {
      if (s.token === Tok.Comma) {
        p.advance();
        expectSeparator = false;
        continue;
      }
      items.push(p.skipRestOfLine('Expected a new line or a comma but found {token}.', true));
      continue;
    }
    if (s.token === Tok.Comma) {
      p.error(s.tokenStart, s.tokenEnd, `Expected ${itemName} before the comma.`);
      p.advance();
      continue;
    }
    const before = p.prevEnd;
    items.push(parseItem());
    expectSeparator = true;
    if (p.prevEnd === before) items[items.length - 1] = p.skipRestOfLine(`Unexpected {token} in the ${what}.`, true);
  }
  return { items: exactArray(items), close };
}

function parseObjectItem(p: ParserState, allowResources: boolean): ObjectItem {
  const s = p.s;
  const start = s.tokenStart;
  if (s.token === Tok.Ellipsis) return parseSpread(p);
  if (s.token === Tok.At) {
    const decorators = parseDecorators(p);
    if (p.isKeyword('resource')) return nestedResource(p, start, decorators, allowResources);
    p.errorHere('Expected a nested resource declaration after the decorators.');
    return { kind: 'error', start, end: p.prevEnd };
  }
  if (p.isKeyword('resource') && isIdentifierStart(s.nextNonBlankChar())) {
    return nestedResource(p, start, [], allowResources);
  }
  let key: ObjectProperty['key'];
  if (s.token === Tok.Identifier) {
    key = { kind: 'identifier', name: s.value, start: s.tokenStart, end: s.tokenEnd };
    p.advance();
  } else if (s.token === Tok.String || s.token === Tok.StringHead) {
    key = parseString(p);
  } else {
    return p.skipRestOfLine('Expected a property name but found {token}.', true);
  }
  let colon = -1;
  let value: Expression;
  if (s.token === Tok.Colon && !s.newlineBefore) {
    colon = s.tokenStart;
    p.advance();
    value = parseValueOnLine(p, 'Expected a value after the colon.');
  } else {
    p.errorHere("Expected ':' after the property name.");
    value = p.missing();
  }
  return { kind: 'property', key, colon, value, start, end: p.prevEnd };
}

function nestedResource(
  p: ParserState,
  start: number,
  decorators: readonly Decorator[],
  allowResources: boolean,
): ObjectItem {
  if (!allowResources) p.errorHere('A nested resource is allowed only in the body of a resource.');
  return parseResourceDeclaration(p, start, decorators);
}

function parseSpread(p: ParserState): Spread {
  const start = p.s.tokenStart;
  p.advance();
  const expression = parseValueOnLine(p, 'Expected an expression after ....');
  return { kind: 'spread', expression, start, end: p.prevEnd };
}

/**
 * `[ … ]` at the current token, or a `[for …]` loop. `resourceBody` is set where the
 * loop body must be a resource or module body (an object or `if`).
 */
export function parseArray(p: ParserState, resourceBody: boolean): ArrayLiteral | Expression {
  const s = p.s;
  const open = s.tokenStart;
  p.advance();
  if (p.isKeyword('for')) return parseForLoop(p, open, resourceBody);
  const { items, close } = parseItems<ArrayItem>(p, Tok.RBracket, 'array', 'an item', () => (p.s.token === Tok.Ellipsis ? parseSpread(p) : parseExpression(p)));
  return { kind: 'array', open, close, items, start: open, end: p.prevEnd };
}
