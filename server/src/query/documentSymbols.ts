import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { AnalysedDocument } from '../engine/analyze';
import { nodeRange, stringValue, type BicepFile, type Declaration, type ErrorNode, type Expression, type Identifier, type ResourceDeclaration, type Span, type StringLiteral } from '../parse/bicep';
import { bodyObject } from './bicepSyntax';

/** Longest detail shown beside a symbol; a long type or value is cut there. */
const detailLimit = 80;

/**
 * The outline of a Bicep template or `.bicepparam` file: every declaration, in text
 * order, with the resources declared inside a resource as its children, so the Outline
 * view and the breadcrumbs follow the file's structure. ARM JSON gets none: the editor's
 * JSON support already outlines it. Reads the syntax tree only.
 */
export function documentSymbols(document: AnalysedDocument): DocumentSymbol[] | null {
  if (document.language !== 'bicep') return null;
  const file = document.file;
  return file.declarations.flatMap((d) => symbolOf(file, d) ?? []);
}

function symbolOf(file: BicepFile, d: Declaration): DocumentSymbol | undefined {
  const text = (s: Span) => file.text.slice(s.start, s.end);
  switch (d.kind) {
    case 'param':
      return named(file, d, d.name, SymbolKind.Field, d.type ? text(d.type) : d.value ? `= ${oneLine(text(d.value))}` : undefined);
    case 'var':
      return named(file, d, d.name, SymbolKind.Variable, d.type ? text(d.type) : undefined);
    case 'output':
      return named(file, d, d.name, SymbolKind.Interface, text(d.type));
    case 'type':
      return named(file, d, d.name, SymbolKind.TypeParameter, undefined);
    case 'func':
      return named(file, d, d.name, SymbolKind.Function, `(${d.params.map((p) => text(p)).join(', ')}) ${text(d.returnType)}`);
    case 'metadata':
      return named(file, d, d.name, SymbolKind.Constant, undefined);
    case 'resource':
      return resourceSymbol(file, d);
    case 'module':
      return named(file, d, d.name, SymbolKind.Module, pathText(d.path));
    case 'test':
      return named(file, d, d.name, SymbolKind.Method, pathText(d.path));
    case 'assert':
      return named(file, d, d.name, SymbolKind.Boolean, undefined);
    case 'import':
      return importSymbol(file, d);
    case 'extension':
      return d.alias ? named(file, d, d.alias, SymbolKind.Package, d.specification.kind === 'error' ? undefined : text(d.specification)) : undefined;
    case 'using':
    case 'extends': {
      const path = d.path.kind === 'string' ? stringValue(d.path) : d.path.kind === 'identifier' ? d.path.name : undefined;
      if (!path) return undefined;
      return { name: `${d.kind} ${path}`, kind: SymbolKind.File, range: nodeRange(file, d), selectionRange: nodeRange(file, d.path) };
    }
    case 'targetScope':
    case 'errorDeclaration':
      return undefined;
  }
}

function named(file: BicepFile, whole: Span, name: Identifier, kind: SymbolKind, detail: string | undefined): DocumentSymbol | undefined {
  // A declaration whose name was not typed yet has no symbol (editors refuse a nameless one).
  if (name.missing || name.name === '') return undefined;
  return {
    name: name.name,
    kind,
    range: nodeRange(file, whole),
    selectionRange: nodeRange(file, name),
    ...(detail ? { detail: shorten(oneLine(detail)) } : {}),
  };
}

function resourceSymbol(file: BicepFile, d: ResourceDeclaration): DocumentSymbol | undefined {
  const symbol = named(file, d, d.name, SymbolKind.Object, pathText(d.type) + (d.existing ? ' existing' : ''));
  if (!symbol) return undefined;
  const body = bodyObject(d.value);
  const children = (body?.items ?? []).flatMap((item) => (item.kind === 'resource' ? (resourceSymbol(file, item) ?? []) : []));
  if (children.length > 0) symbol.children = children;
  return symbol;
}

function importSymbol(file: BicepFile, d: Extract<Declaration, { kind: 'import' }>): DocumentSymbol | undefined {
  const from = d.from ? pathText(d.from) : d.specification ? pathText(d.specification) : undefined;
  if (d.wildcard) return named(file, d, d.wildcard, SymbolKind.Namespace, from);
  if (d.alias) return named(file, d, d.alias, SymbolKind.Namespace, from);
  const symbols = (d.symbols ?? []).flatMap((s): DocumentSymbol[] => {
    const local = s.alias ?? (s.name.kind === 'identifier' ? s.name : undefined);
    if (!local) return [];
    const own = named(file, s, local, SymbolKind.Variable, s.alias && s.name.kind !== 'error' ? `${file.text.slice(s.name.start, s.name.end)} from ${from ?? '?'}` : from);
    return own ? [own] : [];
  });
  if (symbols.length === 0) return undefined;
  // One entry per import line, with what it brings in as children: the outline reads like the file.
  return { name: `import ${from ?? ''}`.trim(), kind: SymbolKind.Package, range: nodeRange(file, d), selectionRange: nodeRange(file, d.keyword), children: symbols };
}

function pathText(node: StringLiteral | Identifier | ErrorNode | Expression): string | undefined {
  if (node.kind === 'string') return stringValue(node) ?? undefined;
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function shorten(text: string): string {
  return text.length <= detailLimit ? text : `${text.slice(0, detailLimit - 1)}…`;
}
