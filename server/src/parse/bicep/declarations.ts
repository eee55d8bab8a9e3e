import type {
  Declaration,
  Decorator,
  ErrorNode,
  Expression,
  FuncParameter,
  Identifier,
  ImportDeclaration,
  ImportedSymbol,
  ResourceDeclaration,
  Span,
  StringLiteral,
  TypeExpression,
} from './ast';
import { parseArray, parseObject } from './collections';
import { parseIfCondition } from './controlFlow';
import { parseExpression, parsePostfix, parseValueOnLine } from './expressions';
import { exactArray, isCloser, type ParserState } from './parserState';
import { parseString } from './strings';
import { Tok } from './tokens';
import { parseType, parseTypeOnLine } from './typeExpressions';

const UNRECOGNIZED =
  'Expected a declaration (param, var, resource, module, output, type, func, import, metadata or targetScope) but found {token}.';

/** `@name(args)` lines before a declaration, a nested resource or a type property. */
export function parseDecorators(p: ParserState): readonly Decorator[] {
  const s = p.s;
  const decorators: Decorator[] = [];
  while (s.token === Tok.At) {
    const start = s.tokenStart;
    p.advance();
    const expression =
      s.token === Tok.Identifier && !s.newlineBefore ? parsePostfix(p) : p.missing('Expected a decorator name after @.');
    decorators.push({ kind: 'decorator', expression, start, end: p.prevEnd });
    if (p.sameLine() && s.token !== Tok.At) p.errorHere('Expected a new line after the decorator.');
  }
  return exactArray(decorators);
}

/** One top-level declaration; the current token begins a line. Always consumes a token. */
export function parseDeclaration(p: ParserState): Declaration {
  const s = p.s;
  const start = s.tokenStart;
  p.topIndent = s.column();
  const decorators = s.token === Tok.At ? parseDecorators(p) : exactArray<Decorator>([]);
  if (s.token === Tok.Identifier) {
    const keyword: Span = { start: s.tokenStart, end: s.tokenEnd };
    switch (s.value) {
      case 'resource':
        return parseResourceDeclaration(p, start, decorators);
      case 'param': {
        p.advance();
        const name = p.identifier('Expected the parameter name.');
        let type: TypeExpression | undefined;
        let value: Expression | undefined;
        if (!name.missing && p.sameLine() && s.token !== Tok.Assign) type = parseType(p);
        if (!name.missing && s.token === Tok.Assign && !s.newlineBefore) {
          p.advance();
          value = parseValueOnLine(p, 'Expected a value after =.');
        }
        const decl: Declaration = { kind: 'param', decorators, keyword, name, start, end: p.prevEnd };
        if (type) decl.type = type;
        if (value) decl.value = value;
        return decl;
      }
      case 'var': {
        p.advance();
        const name = p.identifier('Expected the variable name.');
        let type: TypeExpression | undefined;
        if (!name.missing && p.sameLine() && s.token !== Tok.Assign) type = parseType(p);
        const value = assignedValue(p);
        const decl: Declaration = { kind: 'var', decorators, keyword, name, value, start, end: p.prevEnd };
        if (type) decl.type = type;
        return decl;
      }
      case 'output': {
        p.advance();
        const name = p.identifier('Expected the output name.');
        const type = parseTypeOnLine(p, 'Expected the output type.');
        const value = assignedValue(p);
        return { kind: 'output', decorators, keyword, name, type, value, start, end: p.prevEnd };
      }
      case 'type': {
        p.advance();
        const name = p.identifier('Expected the type name.');
        const value = assigned(p) ? (s.token === Tok.Pipe ? parseType(p) : parseTypeOnLine(p, 'Expected a type after =.')) : p.missing();
        return { kind: 'type', decorators, keyword, name, value, start, end: p.prevEnd };
      }
      case 'metadata': {
        p.advance();
        const name = p.identifier('Expected the metadata name.');
        const value = assignedValue(p);
        return { kind: 'metadata', decorators, keyword, name, value, start, end: p.prevEnd };
      }
      case 'targetScope': {
        p.advance();
        const value = assignedValue(p);
        return { kind: 'targetScope', decorators, keyword, value, start, end: p.prevEnd };
      }
      case 'assert': {
        p.advance();
        const name = p.identifier('Expected the assertion name.');
        const value = assignedValue(p);
        return { kind: 'assert', decorators, keyword, name, value, start, end: p.prevEnd };
      }
      case 'func':
        p.advance();
        return parseFunc(p, start, decorators, keyword);
      case 'module':
      case 'test': {
        const kind = s.value;
        p.advance();
        const name = p.identifier(`Expected the ${kind} name.`);
        const path = stringOnLine(p, `Expected the ${kind} path, for example './network.bicep' or 'br/public:…'.`);
        const value = parseBody(p, false, kind === 'module');
        return { kind, decorators, keyword, name, path, value, start, end: p.prevEnd };
      }
      case 'import':
        p.advance();
        return parseImport(p, start, decorators, keyword);
      case 'extension':
      case 'provider': {
        p.advance();
        let specification: Identifier | StringLiteral | ErrorNode;
        if (s.token === Tok.Identifier && !s.newlineBefore) specification = p.identifier();
        else specification = stringOnLine(p, 'Expected the extension name or reference.');
        const decl: Declaration = { kind: 'extension', decorators, keyword, specification, start, end: 0 };
        if (p.isKeyword('with') && !s.newlineBefore) {
          p.advance();
          decl.config = parseValueOnLine(p, 'Expected the configuration after with.');
        }
        if (p.isKeyword('as') && !s.newlineBefore) {
          p.advance();
          decl.alias = p.identifier('Expected an alias after as.');
        }
        decl.end = p.prevEnd;
        return decl;
      }
      case 'using': {
        p.advance();
        const path =
          s.token === Tok.Identifier && !s.newlineBefore
            ? p.identifier()
            : stringOnLine(p, "Expected the template path, for example './main.bicep', or none.");
        const decl: Declaration = { kind: 'using', decorators, keyword, path, start, end: 0 };
        if (p.isKeyword('with') && !s.newlineBefore) {
          p.advance();
          decl.config = parseValueOnLine(p, 'Expected the configuration after with.');
        }
        decl.end = p.prevEnd;
        return decl;
      }
      case 'extends': {
        p.advance();
        const path = stringOnLine(p, "Expected the base parameters file, for example './base.bicepparam'.");
        return { kind: 'extends', decorators, keyword, path, start, end: p.prevEnd };
      }
    }
  }
  if (decorators.length > 0) {
    p.errorHere('Expected a declaration after the decorators.');
    return { kind: 'errorDeclaration', decorators, keyword: { start: p.prevEnd, end: p.prevEnd }, start, end: p.prevEnd };
  }
  const skipped = p.skipRestOfLine(UNRECOGNIZED, false);
  const at = { start: skipped.start, end: skipped.start };
  return { kind: 'errorDeclaration', decorators, keyword: at, start: skipped.start, end: skipped.end };
}

/**
 * `resource name 'type@version' [existing] = body`; the current token is `resource`.
 * Also parses child resources nested in a resource body.
 */
export function parseResourceDeclaration(p: ParserState, start: number, decorators: readonly Decorator[]): ResourceDeclaration {
  const s = p.s;
  const keyword: Span = { start: s.tokenStart, end: s.tokenEnd };
  p.advance();
  const name = p.identifier("Expected the resource's symbolic name.");
  const type = stringOnLine(p, "Expected the resource type, for example 'Microsoft.Network/virtualNetworks@2023-04-01'.");
  let existing: Span | undefined;
  if (p.isKeyword('existing') && !s.newlineBefore) {
    existing = { start: s.tokenStart, end: s.tokenEnd };
    p.advance();
  }
  const value = parseBody(p, true, true);
  const decl: ResourceDeclaration = { kind: 'resource', decorators, keyword, name, type, value, start, end: p.prevEnd };
  if (existing) decl.existing = existing;
  return decl;
}

/** `= { … }`, `= if (…) { … }` or `= [for …]` of a resource, module or test. */
function parseBody(p: ParserState, resource: boolean, allowConditionAndLoop: boolean): Expression {
  const s = p.s;
  if (!assigned(p)) return p.missing();
  // Bicep allows a line break between `=` and `if` (no declaration starts with `if`).
  if (allowConditionAndLoop && p.isKeyword('if')) {
    return parseIfCondition(p, resource);
  }
  if (!p.sameLine()) return p.missing("Expected the body: '{', 'if' or '[for'.");
  if (s.token === Tok.LBrace) return parseObject(p, resource);
  if (s.token === Tok.LBracket && allowConditionAndLoop) {
    const open = s.tokenStart;
    const body = parseArray(p, true);
    if (body.kind !== 'for') p.error(open, open + 1, "Expected a loop ('[for …]') or an object as the body.");
    return body;
  }
  return p.missing(p.unexpected("Expected the body ('{', 'if' or '[for') but found {token}."));
}

/** Consumes `=` on the current line, reporting it (once per line) when absent. */
function assigned(p: ParserState): boolean {
  if (p.s.token === Tok.Assign && !p.s.newlineBefore) {
    p.advance();
    return true;
  }
  if (!p.lineHasError()) p.errorHere("Expected '=' and a value.");
  return false;
}

function assignedValue(p: ParserState): Expression {
  return assigned(p) ? parseValueOnLine(p, 'Expected a value after =.') : p.missing();
}

function stringOnLine(p: ParserState, message: string): StringLiteral | ErrorNode {
  const s = p.s;
  if ((s.token === Tok.String || s.token === Tok.StringHead || s.token === Tok.MultilineString) && !s.newlineBefore) {
    return parseString(p);
  }
  return p.lineHasError() ? p.missing() : p.missing(message);
}

/** `func name(a string, b int) string => body`; the keyword is consumed. */
function parseFunc(p: ParserState, start: number, decorators: readonly Decorator[], keyword: Span): Declaration {
  const s = p.s;
  const name = p.identifier('Expected the function name.');
  const params: FuncParameter[] = [];
  if (p.expect(Tok.LParen, "Expected '(' and the parameters.") !== -1) {
    let expectComma = false;
    while (s.token !== Tok.RParen) {
      if (s.token === Tok.EOF || isCloser(s.token) || (s.newlineBefore && p.isDeclarationStart())) break;
      if (expectComma) {
        if (s.token !== Tok.Comma) break;
        p.advance();
      }
      const paramStart = s.tokenStart;
      const paramName = s.token === Tok.Identifier ? p.identifierAnyLine() : p.missingIdentifier('Expected a parameter name.');
      if (paramName.missing) break;
      const type = parseTypeOnLine(p, 'Expected the parameter type.');
      params.push({ kind: 'funcParam', name: paramName, type, start: paramStart, end: p.prevEnd });
      expectComma = true;
    }
    p.expect(Tok.RParen, "Expected ')' after the parameters.");
  }
  const returnType: TypeExpression =
    s.token === Tok.Arrow ? p.missing('Expected the return type.') : parseTypeOnLine(p, 'Expected the return type.');
  let body: Expression;
  if (p.expect(Tok.Arrow, p.lineHasError() ? undefined : "Expected '=>' and the function body.") === -1) {
    body = p.missing();
  } else if (s.token === Tok.EOF || isCloser(s.token) || (s.newlineBefore && p.isDeclarationStart())) {
    body = p.missing('Expected the function body.');
  } else {
    body = parseExpression(p);
  }
  return { kind: 'func', decorators, keyword, name, params: exactArray(params), returnType, body, start, end: p.prevEnd };
}

/** The three forms of `import`; the keyword is consumed. */
function parseImport(p: ParserState, start: number, decorators: readonly Decorator[], keyword: Span): ImportDeclaration {
  const s = p.s;
  const decl: ImportDeclaration = { kind: 'import', decorators, keyword, start, end: 0 };
  if (s.token === Tok.LBrace && !s.newlineBefore) {
    decl.symbols = parseImportedSymbols(p);
    decl.from = importFrom(p);
  } else if (s.token === Tok.Star && !s.newlineBefore) {
    p.advance();
    if (p.isKeyword('as') && !s.newlineBefore) {
      p.advance();
      decl.wildcard = p.identifier('Expected a namespace name after as.');
    } else {
      decl.wildcard = p.missingIdentifier("Expected 'as' and a namespace name after *.");
    }
    decl.from = importFrom(p);
  } else {
    decl.specification = stringOnLine(p, "Expected '{', '*' or a string after import.");
    if (p.isKeyword('with') && !s.newlineBefore) {
      p.advance();
      decl.config = parseValueOnLine(p, 'Expected the configuration after with.');
    }
    if (p.isKeyword('as') && !s.newlineBefore) {
      p.advance();
      decl.alias = p.identifier('Expected an alias after as.');
    }
  }
  decl.end = p.prevEnd;
  return decl;
}

function importFrom(p: ParserState): StringLiteral | ErrorNode {
  if (p.isKeyword('from') && !p.s.newlineBefore) {
    p.advance();
    return stringOnLine(p, "Expected the file to import from, for example './types.bicep'.");
  }
  return p.lineHasError() ? p.missing() : p.missing("Expected 'from' and the file to import from.");
}

/** `{ a, b as c, 'd-e' as f }` (commas or line breaks between symbols). */
function parseImportedSymbols(p: ParserState): readonly ImportedSymbol[] {
  const s = p.s;
  p.advance();
  const symbols: ImportedSymbol[] = [];
  for (;;) {
    if (s.token === Tok.RBrace) {
      p.advance();
      break;
    }
    if (s.token === Tok.EOF || isCloser(s.token) || (s.newlineBefore && p.isDeclarationStart())) {
      p.errorHere("Expected '}' to close the imported symbols.");
      break;
    }
    if (s.token === Tok.Comma) {
      p.advance();
      continue;
    }
    const start = s.tokenStart;
    let name: ImportedSymbol['name'];
    if (s.token === Tok.Identifier) name = p.identifierAnyLine();
    else if (s.token === Tok.String || s.token === Tok.StringHead) name = parseString(p);
    else {
      p.skipRestOfLine('Expected a symbol name but found {token}.', true);
      continue;
    }
    const symbol: ImportedSymbol = { kind: 'importedSymbol', name, start, end: 0 };
    if (p.isKeyword('as') && !s.newlineBefore) {
      p.advance();
      symbol.alias = p.identifier('Expected an alias after as.');
    }
    symbol.end = p.prevEnd;
    symbols.push(symbol);
  }
  return exactArray(symbols);
}
