const TOKEN_KINDS = {
  EOF: 0,
  Identifier: 1,
  Integer: 2,
  /** `'…'` with no interpolation */
  String: 3,
  /** `'…${` */
  StringHead: 4,
  /** `}…${` */
  StringMiddle: 5,
  /** `}…'` */
  StringTail: 6,
  /** `'''…'''` */
  MultilineString: 7,
  LBrace: 8,
  RBrace: 9,
  LParen: 10,
  RParen: 11,
  LBracket: 12,
  RBracket: 13,
  At: 14,
  Comma: 15,
  Colon: 16,
  DoubleColon: 17,
  Dot: 18,
  Ellipsis: 19,
  Question: 20,
  DoubleQuestion: 21,
  Exclamation: 22,
  Assign: 23,
  Arrow: 24,
  Equals: 25,
  NotEquals: 26,
  EqualsInsensitive: 27,
  NotEqualsInsensitive: 28,
  Less: 29,
  LessOrEqual: 30,
  Greater: 31,
  GreaterOrEqual: 32,
  Plus: 33,
  Minus: 34,
  Star: 35,
  Slash: 36,
  Percent: 37,
  And: 38,
  Or: 39,
  Pipe: 40,
  Hat: 41,
  /** A character that starts no token; the parser reports it where it skips it. */
  Unknown: 42,
} as const;

/**
 * Token kinds of the Bicep scanner. Plain numbers (not a `const enum`) because the
 * TypeScript runners used here transpile file by file and cannot inline those. Typed
 * as `number` so a comparison does not narrow `scanner.token`, which every `advance()`
 * changes behind the compiler's back.
 */
export const Tok: { readonly [K in keyof typeof TOKEN_KINDS]: number } = TOKEN_KINDS;

const PUNCTUATION: Record<number, string> = {
  [Tok.LBrace]: '{',
  [Tok.RBrace]: '}',
  [Tok.LParen]: '(',
  [Tok.RParen]: ')',
  [Tok.LBracket]: '[',
  [Tok.RBracket]: ']',
  [Tok.At]: '@',
  [Tok.Comma]: ',',
  [Tok.Colon]: ':',
  [Tok.DoubleColon]: '::',
  [Tok.Dot]: '.',
  [Tok.Ellipsis]: '...',
  [Tok.Question]: '?',
  [Tok.DoubleQuestion]: '??',
  [Tok.Exclamation]: '!',
  [Tok.Assign]: '=',
  [Tok.Arrow]: '=>',
  [Tok.Equals]: '==',
  [Tok.NotEquals]: '!=',
  [Tok.EqualsInsensitive]: '=~',
  [Tok.NotEqualsInsensitive]: '!~',
  [Tok.Less]: '<',
  [Tok.LessOrEqual]: '<=',
  [Tok.Greater]: '>',
  [Tok.GreaterOrEqual]: '>=',
  [Tok.Plus]: '+',
  [Tok.Minus]: '-',
  [Tok.Star]: '*',
  [Tok.Slash]: '/',
  [Tok.Percent]: '%',
  [Tok.And]: '&&',
  [Tok.Or]: '||',
  [Tok.Pipe]: '|',
  [Tok.Hat]: '^',
};

/** The fixed text of a punctuation token, for messages. */
export function punctuationText(kind: number): string | undefined {
  return PUNCTUATION[kind];
}
