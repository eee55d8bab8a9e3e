import type {
  Decorator,
  Expression,
  Identifier,
  ObjectType,
  ObjectTypeProperty,
  TupleType,
  TupleTypeItem,
  TypeExpression,
} from './ast';
import { parseDecorators } from './declarations';
import { parseValueOnLine } from './expressions';
import { exactArray, isCloser, type ParserState } from './parserState';
import { parseString } from './strings';
import { Tok } from './tokens';

/** A type: `string`, `'a' | 'b'`, `{ … }`, `[ … ]`, `T[]`, `T?`, `resourceInput<'…'>.properties`, … */
export function parseType(p: ParserState): TypeExpression {
  if (!p.enter()) return p.tooDeep();
  const t = parseUnion(p);
  p.exit();
  return t;
}

/** A type that must start on the current line. */
export function parseTypeOnLine(p: ParserState, message: string): TypeExpression {
  if (!p.sameLine() || isCloser(p.s.token) || p.s.token === Tok.Comma) return p.missing(message);
  return parseType(p);
}

function parseUnion(p: ParserState): TypeExpression {
  const s = p.s;
  const start = s.tokenStart;
  // A union may begin with `|` and may break before each `|`.
  const leadingPipe = s.token === Tok.Pipe;
  if (leadingPipe) p.advance();
  // Callers check where the type starts; after a leading `|` it must follow on the line.
  const first = leadingPipe ? memberOnLine(p, 'Expected a type after |.') : parsePostfixType(p);
  if (!leadingPipe && s.token !== Tok.Pipe) return first;
  const members = [first];
  while (s.token === Tok.Pipe) {
    p.advance();
    members.push(memberOnLine(p, 'Expected a type after |.'));
  }
  return { kind: 'unionType', members: exactArray(members), start, end: p.prevEnd };
}

function memberOnLine(p: ParserState, message: string): TypeExpression {
  if (!p.sameLine() || isCloser(p.s.token) || p.s.token === Tok.Comma) return p.missing(message);
  return parsePostfixType(p);
}

function parsePostfixType(p: ParserState): TypeExpression {
  const s = p.s;
  let t = parsePrimaryType(p);
  let links = 0;
  while (!s.newlineBefore) {
    const k = s.token;
    if (k !== Tok.Question && k !== Tok.Exclamation && k !== Tok.LBracket && k !== Tok.Dot) break;
    if (!p.enter()) {
      p.tooDeep();
      break;
    }
    links++;
    p.advance();
    if (k === Tok.Question) {
      t = { kind: 'nullableType', base: t, start: t.start, end: p.prevEnd };
    } else if (k === Tok.Exclamation) {
      t = { kind: 'nonNullableType', base: t, start: t.start, end: p.prevEnd };
    } else if (k === Tok.LBracket) {
      if (s.token === Tok.RBracket) {
        p.advance();
        t = { kind: 'arrayType', element: t, start: t.start, end: p.prevEnd };
        continue;
      }
      let index: Expression | undefined;
      if (s.token === Tok.Star && !s.newlineBefore) p.advance();
      else index = parseValueOnLine(p, 'Expected an index, * or ].');
      p.expect(Tok.RBracket, "Expected ']'.");
      t = { kind: 'typeIndex', object: t, start: t.start, end: p.prevEnd };
      if (index) t.index = index;
    } else if (s.token === Tok.Star && !s.newlineBefore) {
      const name: Identifier = { kind: 'identifier', name: '*', start: s.tokenStart, end: s.tokenEnd };
      p.advance();
      t = { kind: 'typeMember', object: t, name, start: t.start, end: p.prevEnd };
    } else {
      const name = p.identifier('Expected a property name after the dot.');
      if (s.token === Tok.Less && !s.newlineBefore && !name.missing) {
        t = { kind: 'parameterizedType', object: t, name, args: parseTypeArguments(p), start: t.start, end: p.prevEnd };
      } else {
        t = { kind: 'typeMember', object: t, name, start: t.start, end: p.prevEnd };
      }
    }
  }
  p.depth -= links;
  return t;
}

function parsePrimaryType(p: ParserState): TypeExpression {
  const s = p.s;
  const start = s.tokenStart;
  switch (s.token) {
    case Tok.Identifier: {
      const word = s.value;
      if (word === 'true' || word === 'false') {
        p.advance();
        return { kind: 'boolean', value: word === 'true', start, end: p.prevEnd };
      }
      if (word === 'null') {
        p.advance();
        return { kind: 'null', start, end: p.prevEnd };
      }
      const name = p.identifierAnyLine();
      if (word === 'resource' && s.token !== Tok.Less) {
        // Legacy `resource 'type@version'`; the string is optional on outputs.
        const type = (s.token === Tok.String || s.token === Tok.StringHead) && !s.newlineBefore ? parseString(p) : undefined;
        return type ? { kind: 'resourceType', type, start, end: p.prevEnd } : { kind: 'resourceType', start, end: p.prevEnd };
      }
      if (s.token === Tok.Less && !s.newlineBefore) {
        return { kind: 'parameterizedType', name, args: parseTypeArguments(p), start, end: p.prevEnd };
      }
      return { kind: 'typeRef', name, start, end: p.prevEnd };
    }
    case Tok.Integer: {
      const raw = s.value;
      p.advance();
      return { kind: 'number', value: Number(raw), raw, start, end: p.prevEnd };
    }
    case Tok.Minus: {
      p.advance();
      if (s.token === Tok.Integer && !s.newlineBefore) {
        const raw = `-${s.value}`;
        p.advance();
        return { kind: 'number', value: Number(raw), raw, start, end: p.prevEnd };
      }
      p.errorHere('Expected an integer after - in a type.');
      return { kind: 'error', start, end: p.prevEnd };
    }
    case Tok.String:
    case Tok.StringHead:
    case Tok.MultilineString:
      return parseString(p);
    case Tok.LBrace:
      return parseObjectType(p);
    case Tok.LBracket:
      return parseTupleType(p);
    case Tok.LParen: {
      p.advance();
      const type = parseTypeOnLine(p, 'Expected a type.');
      p.expect(Tok.RParen, "Expected ')'.");
      return { kind: 'parenType', type, start, end: p.prevEnd };
    }
    default:
      return p.missing(p.unexpected('Expected a type but found {token}.'));
  }
}

/** `<T, …>` after a parameterized type's name. */
function parseTypeArguments(p: ParserState): readonly TypeExpression[] {
  const s = p.s;
  p.advance();
  const args: TypeExpression[] = [];
  while (p.sameLine() && s.token !== Tok.Greater && !isCloser(s.token)) {
    const before = p.prevEnd;
    args.push(parseType(p));
    if (s.token === Tok.Comma && !s.newlineBefore) p.advance();
    else if (p.prevEnd === before || s.token !== Tok.Greater) break;
  }
  p.expect(Tok.Greater, "Expected '>' to close the type arguments.");
  return exactArray(args);
}

/** Shared by object and tuple types: items separated by line breaks or commas. */
function parseTypeBody<T>(
  p: ParserState,
  closer: number,
  item: (decorators: readonly Decorator[], start: number) => T | undefined,
): {
  items: readonly (T | { kind: 'error'; start: number; end: number })[];
  close: number;
} {
  const s = p.s;
  const items: (T | { kind: 'error'; start: number; end: number })[] = [];
  let expectSeparator = false;
  for (;;) {
    const t = s.token;
    if (t === closer) {
      const close = s.tokenStart;
      p.advance();
      return { items: exactArray(items), close };
    }
    if (t === Tok.EOF || isCloser(t) || (s.newlineBefore && p.isDeclarationStart())) {
      p.errorHere(closer === Tok.RBrace ? "Expected '}' to close the object type." : "Expected ']' to close the tuple type.");
      return { items: exactArray(items), close: -1 };
    }
    if (s.newlineBefore) {
      expectSeparator = false;
    } else if (expectSeparator) {
      if (t === Tok.Comma) {
        p.advance();
        expectSeparator = false;
        continue;
      }
      items.push(p.skipRestOfLine('Expected a new line or a comma but found {token}.', true));
      continue;
    }
    if (t === Tok.Comma) {
      p.error(s.tokenStart, s.tokenEnd, 'Expected an item before the comma.');
      p.advance();
      continue;
    }
    const start = s.tokenStart;
    const before = p.prevEnd;
    const decorators = s.token === Tok.At ? parseDecorators(p) : exactArray<Decorator>([]);
    const parsed = item(decorators, start);
    items.push(parsed ?? p.skipRestOfLine('Unexpected {token}.', true));
    expectSeparator = true;
    if (p.prevEnd === before) items[items.length - 1] = p.skipRestOfLine('Unexpected {token}.', true);
  }
}

function parseObjectType(p: ParserState): ObjectType {
  const s = p.s;
  const open = s.tokenStart;
  p.advance();
  const { items, close } = parseTypeBody<ObjectTypeProperty>(p, Tok.RBrace, (decorators, start) => {
    let key: ObjectTypeProperty['key'];
    let wildcard = false;
    if (s.token === Tok.Identifier) {
      key = p.identifierAnyLine();
    } else if (s.token === Tok.String || s.token === Tok.StringHead) {
      key = parseString(p);
    } else if (s.token === Tok.Star) {
      key = { kind: 'identifier', name: '*', start: s.tokenStart, end: s.tokenEnd };
      wildcard = true;
      p.advance();
    } else {
      if (decorators.length === 0) return undefined;
      key = p.missing('Expected a property name after the decorators.');
    }
    const value =
      p.expect(Tok.Colon, "Expected ':' after the property name.") === -1 ? p.missing() : parseTypeOnLine(p, 'Expected a type.');
    return { kind: 'typeProperty', decorators, key, wildcard, value, start, end: p.prevEnd };
  });
  return { kind: 'objectType', open, close, properties: items, start: open, end: p.prevEnd };
}

function parseTupleType(p: ParserState): TupleType {
  const s = p.s;
  const open = s.tokenStart;
  p.advance();
  const { items, close } = parseTypeBody<TupleTypeItem>(p, Tok.RBracket, (decorators, start) => {
    // An item begins a line or follows a comma, so a line break before it is fine.
    const value = isCloser(s.token) || s.token === Tok.EOF || s.token === Tok.Comma ? p.missing('Expected a type.') : parseType(p);
    return { kind: 'tupleItem', decorators, value, start, end: p.prevEnd };
  });
  return { kind: 'tupleType', open, close, items, start: open, end: p.prevEnd };
}
