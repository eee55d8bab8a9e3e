import type { LineIndex } from '../../core/lineIndex';

/**
 * The Bicep syntax tree. Every node carries `start`/`end` as UTF-16 offsets into the
 * text (end exclusive); `nodeRange` turns them into LSP ranges on demand, so parsing
 * never pays for line/column conversion.
 *
 * Missing pieces are zero-width nodes (an `error` expression, an identifier with
 * `missing: true`) so consumers can always read a declaration's name and value; the
 * matching message is in `BicepFile.diagnostics`.
 */
export interface Span {
  start: number;
  end: number;
}

export interface SyntaxDiagnostic extends Span {
  message: string;
}

// ---------------------------------------------------------------------------------------
// Trivia

export interface Comment extends Span {
  kind: 'lineComment' | 'blockComment';
}

export type PragmaDirective = 'disable-next-line' | 'disable-diagnostics' | 'restore-diagnostics';

export interface PragmaCode extends Span {
  code: string;
}

/** `#disable-next-line ASE102 BCP081`: kept with its codes for suppression logic. */
export interface Pragma extends Span {
  kind: 'pragma';
  directive: PragmaDirective;
  codes: readonly PragmaCode[];
}

// ---------------------------------------------------------------------------------------
// Expressions

export interface Identifier extends Span {
  kind: 'identifier';
  name: string;
  /** Set on the zero-width placeholder the parser puts where a name was expected. */
  missing?: true;
}

/** Missing or skipped text; zero-width when something was expected but absent. */
export interface ErrorNode extends Span {
  kind: 'error';
}

/**
 * A string: `segments` are the cooked text pieces around the interpolation holes, so
 * `segments.length === expressions.length + 1`. `terminated` is false when the closing
 * quote is missing (the string then ends at the line break).
 */
export interface StringLiteral extends Span {
  kind: 'string';
  segments: readonly string[];
  expressions: readonly Expression[];
  multiline: boolean;
  terminated: boolean;
}

export interface NumberLiteral extends Span {
  kind: 'number';
  value: number;
  raw: string;
}

export interface BooleanLiteral extends Span {
  kind: 'boolean';
  value: boolean;
}

export interface NullLiteral extends Span {
  kind: 'null';
}

/** `{ … }`: `open`/`close` are the brace offsets (`close` is -1 when the brace is missing). */
export interface ObjectLiteral extends Span {
  kind: 'object';
  open: number;
  close: number;
  items: readonly ObjectItem[];
}

export type ObjectItem = ObjectProperty | Spread | ResourceDeclaration | ErrorNode;

/** `key: value`; `colon` is -1 when missing. */
export interface ObjectProperty extends Span {
  kind: 'property';
  key: Identifier | StringLiteral | ErrorNode;
  colon: number;
  value: Expression;
}

/** `...expr` inside an object or array. */
export interface Spread extends Span {
  kind: 'spread';
  expression: Expression;
}

/** `[ … ]`: `open`/`close` are the bracket offsets (`close` is -1 when missing). */
export interface ArrayLiteral extends Span {
  kind: 'array';
  open: number;
  close: number;
  items: readonly ArrayItem[];
}

export type ArrayItem = Expression | Spread;

/** `a.b` and `a.?b`. */
export interface MemberAccess extends Span {
  kind: 'member';
  object: Expression;
  name: Identifier;
  safe: boolean;
}

/** `a[i]`, `a[?i]`, `a[^1]`. */
export interface IndexAccess extends Span {
  kind: 'index';
  object: Expression;
  index: Expression;
  safe: boolean;
  fromEnd: boolean;
}

/** `a::b`: a nested resource of `a`. */
export interface ResourceAccess extends Span {
  kind: 'resourceAccess';
  object: Expression;
  name: Identifier;
}

/** `a!` */
export interface NonNullAssertion extends Span {
  kind: 'nonNull';
  expression: Expression;
}

/**
 * `name(args)` or `object.name(args)` (`sys.concat(…)`, `az.resourceGroup()`,
 * `storage.listKeys()`); `open`/`close` are the paren offsets, `close` -1 when missing.
 */
export interface Call extends Span {
  kind: 'call';
  object?: Expression;
  name: Identifier;
  args: readonly Expression[];
  open: number;
  close: number;
}

export type UnaryOperator = '!' | '-';

export interface Unary extends Span {
  kind: 'unary';
  operator: UnaryOperator;
  operand: Expression;
}

export type BinaryOperator =
  | '*' | '/' | '%' | '+' | '-'
  | '<' | '<=' | '>' | '>='
  | '==' | '!=' | '=~' | '!~'
  | '&&' | '||' | '??';

export interface Binary extends Span {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface Ternary extends Span {
  kind: 'ternary';
  condition: Expression;
  whenTrue: Expression;
  whenFalse: Expression;
}

export interface Parenthesized extends Span {
  kind: 'paren';
  expression: Expression;
}

/** `x => …` and `(x, y) => …` */
export interface Lambda extends Span {
  kind: 'lambda';
  params: readonly Identifier[];
  body: Expression;
}

/** `[for item in items: body]`, `[for (item, i) in items: body]`. */
export interface ForLoop extends Span {
  kind: 'for';
  open: number;
  close: number;
  item: Identifier;
  index?: Identifier;
  iterable: Expression;
  body: Expression;
}

/** `if (condition) { … }`: the body of a conditional resource or module. */
export interface IfCondition extends Span {
  kind: 'if';
  condition: Expression;
  body: Expression;
}

export type Expression =
  | Identifier
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | ObjectLiteral
  | ArrayLiteral
  | MemberAccess
  | IndexAccess
  | ResourceAccess
  | NonNullAssertion
  | Call
  | Unary
  | Binary
  | Ternary
  | Parenthesized
  | Lambda
  | ForLoop
  | IfCondition
  | ErrorNode;

// ---------------------------------------------------------------------------------------
// Type expressions (param, output, type, func, typed var)

/** `string`, `myType` */
export interface TypeReference extends Span {
  kind: 'typeRef';
  name: Identifier;
}

/** `sys.string`, `foo.bar`, `T.*` (name `*`) */
export interface TypeMember extends Span {
  kind: 'typeMember';
  object: TypeExpression;
  name: Identifier;
}

/** `T[0]`, `T[*]` (index undefined) */
export interface TypeIndex extends Span {
  kind: 'typeIndex';
  object: TypeExpression;
  index?: Expression;
}

/** `T[]` */
export interface ArrayType extends Span {
  kind: 'arrayType';
  element: TypeExpression;
}

/** `resource<'…@…'>`, `resourceInput<'…'>`, `x.resourceOutput<'…'>` */
export interface ParameterizedType extends Span {
  kind: 'parameterizedType';
  object?: TypeExpression;
  name: Identifier;
  args: readonly TypeExpression[];
}

/** Legacy `resource 'Microsoft.Network/virtualNetworks@2023-04-01'` (type optional on outputs). */
export interface ResourceType extends Span {
  kind: 'resourceType';
  type?: StringLiteral | ErrorNode;
}

export interface ObjectType extends Span {
  kind: 'objectType';
  open: number;
  close: number;
  properties: readonly (ObjectTypeProperty | ErrorNode)[];
}

/** `@description('…') name: string`, or `*: string` (wildcard) */
export interface ObjectTypeProperty extends Span {
  kind: 'typeProperty';
  decorators: readonly Decorator[];
  key: Identifier | StringLiteral | ErrorNode;
  wildcard: boolean;
  value: TypeExpression;
}

export interface TupleType extends Span {
  kind: 'tupleType';
  open: number;
  close: number;
  items: readonly (TupleTypeItem | ErrorNode)[];
}

export interface TupleTypeItem extends Span {
  kind: 'tupleItem';
  decorators: readonly Decorator[];
  value: TypeExpression;
}

export interface UnionType extends Span {
  kind: 'unionType';
  members: readonly TypeExpression[];
}

/** `T?` */
export interface NullableType extends Span {
  kind: 'nullableType';
  base: TypeExpression;
}

/** `T!` */
export interface NonNullableType extends Span {
  kind: 'nonNullableType';
  base: TypeExpression;
}

export interface ParenthesizedType extends Span {
  kind: 'parenType';
  type: TypeExpression;
}

export type TypeExpression =
  | TypeReference
  | TypeMember
  | TypeIndex
  | ArrayType
  | ParameterizedType
  | ResourceType
  | ObjectType
  | TupleType
  | UnionType
  | NullableType
  | NonNullableType
  | ParenthesizedType
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | ErrorNode;

// ---------------------------------------------------------------------------------------
// Declarations

/** `@description('…')`: `expression` is normally a call (`description(…)`, `sys.secure()`). */
export interface Decorator extends Span {
  kind: 'decorator';
  expression: Expression;
}

interface DeclarationBase extends Span {
  decorators: readonly Decorator[];
  /** The keyword's span (`param`, `resource`, …). */
  keyword: Span;
}

export interface TargetScopeDeclaration extends DeclarationBase {
  kind: 'targetScope';
  value: Expression;
}

export interface MetadataDeclaration extends DeclarationBase {
  kind: 'metadata';
  name: Identifier;
  value: Expression;
}

/** In a `.bicepparam` file `type` is absent and `value` is the assigned value. */
export interface ParamDeclaration extends DeclarationBase {
  kind: 'param';
  name: Identifier;
  type?: TypeExpression;
  value?: Expression;
}

export interface VarDeclaration extends DeclarationBase {
  kind: 'var';
  name: Identifier;
  type?: TypeExpression;
  value: Expression;
}

export interface OutputDeclaration extends DeclarationBase {
  kind: 'output';
  name: Identifier;
  type: TypeExpression;
  value: Expression;
}

export interface TypeDeclaration extends DeclarationBase {
  kind: 'type';
  name: Identifier;
  value: TypeExpression;
}

export interface FuncParameter extends Span {
  kind: 'funcParam';
  name: Identifier;
  type: TypeExpression;
}

export interface FuncDeclaration extends DeclarationBase {
  kind: 'func';
  name: Identifier;
  params: readonly FuncParameter[];
  returnType: TypeExpression;
  body: Expression;
}

/**
 * `resource name 'type@apiVersion' [existing] = body`; body is an object, an `if`
 * or a `for`. Also used for child resources nested in a resource body.
 */
export interface ResourceDeclaration extends DeclarationBase {
  kind: 'resource';
  name: Identifier;
  type: StringLiteral | ErrorNode;
  existing?: Span;
  value: Expression;
}

/** `module name './file.bicep' = body` (also `br:`, `br/public:`, `ts:` references). */
export interface ModuleDeclaration extends DeclarationBase {
  kind: 'module';
  name: Identifier;
  path: StringLiteral | ErrorNode;
  value: Expression;
}

/** `test name './file.bicep' = { … }` */
export interface TestDeclaration extends DeclarationBase {
  kind: 'test';
  name: Identifier;
  path: StringLiteral | ErrorNode;
  value: Expression;
}

export interface AssertDeclaration extends DeclarationBase {
  kind: 'assert';
  name: Identifier;
  value: Expression;
}

export interface ImportedSymbol extends Span {
  kind: 'importedSymbol';
  /** The exported name: an identifier, or a string when it is not one. */
  name: Identifier | StringLiteral | ErrorNode;
  alias?: Identifier;
}

/**
 * `import { a, b as c } from './x.bicep'`, `import * as ns from './x.bicep'`, or the
 * legacy provider form `import 'az@1.0.0' [with {…}] [as alias]` (`specification`).
 */
export interface ImportDeclaration extends DeclarationBase {
  kind: 'import';
  symbols?: readonly ImportedSymbol[];
  /** The namespace of a wildcard import. */
  wildcard?: Identifier;
  from?: StringLiteral | ErrorNode;
  specification?: StringLiteral | ErrorNode;
  config?: Expression;
  alias?: Identifier;
}

/** `extension microsoftGraphV1`, `extension 'br:…' with {…} as k8s` (also the older `provider`). */
export interface ExtensionDeclaration extends DeclarationBase {
  kind: 'extension';
  specification: Identifier | StringLiteral | ErrorNode;
  config?: Expression;
  alias?: Identifier;
}

/** `.bicepparam`: `using './main.bicep'` or `using none`. */
export interface UsingDeclaration extends DeclarationBase {
  kind: 'using';
  path: StringLiteral | Identifier | ErrorNode;
  config?: Expression;
}

/** `.bicepparam`: `extends './base.bicepparam'` */
export interface ExtendsDeclaration extends DeclarationBase {
  kind: 'extends';
  path: StringLiteral | ErrorNode;
}

/** Text that is not a declaration; kept so the tree covers what was typed. */
export interface ErrorDeclaration extends DeclarationBase {
  kind: 'errorDeclaration';
}

export type Declaration =
  | TargetScopeDeclaration
  | MetadataDeclaration
  | ParamDeclaration
  | VarDeclaration
  | OutputDeclaration
  | TypeDeclaration
  | FuncDeclaration
  | ResourceDeclaration
  | ModuleDeclaration
  | TestDeclaration
  | AssertDeclaration
  | ImportDeclaration
  | ExtensionDeclaration
  | UsingDeclaration
  | ExtendsDeclaration
  | ErrorDeclaration;

export interface BicepFile extends Span {
  kind: 'file';
  text: string;
  declarations: readonly Declaration[];
  diagnostics: readonly SyntaxDiagnostic[];
  /** Line and block comments in text order, for renderers that must keep them. */
  comments: readonly Comment[];
  /** `#disable-next-line` and friends in text order. */
  pragmas: readonly Pragma[];
  /** True when the file has a `using` declaration (a `.bicepparam` file). */
  isParamsFile: boolean;
  /** Built on first use. */
  readonly lines: LineIndex;
}

export type BicepNode =
  | BicepFile
  | Declaration
  | Decorator
  | Expression
  | TypeExpression
  | ObjectProperty
  | Spread
  | ObjectTypeProperty
  | TupleTypeItem
  | FuncParameter
  | ImportedSymbol;
