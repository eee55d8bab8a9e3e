import type { BicepFile, Declaration } from './ast';
import { LineIndex } from '../../core/lineIndex';
import { parseDeclaration } from './declarations';
import { exactArray, ParserState } from './parserState';
import { Tok } from './tokens';

/**
 * Parses a `.bicep` or `.bicepparam` file. Never throws: whatever is not Bicep becomes
 * error nodes and diagnostics, and every declaration the text still holds is kept.
 * Recovery is line-based, as the language is: a broken declaration ends at its line
 * break, and an unclosed object, array or argument list ends where a line starts the
 * next top-level declaration.
 */
export function parseBicep(text: string): BicepFile {
  const p = new ParserState(text);
  const s = p.s;
  const declarations: Declaration[] = [];
  while (s.token !== Tok.EOF) {
    if (!s.newlineBefore) {
      // Left over after a declaration on its line: one error node, reported once per line.
      const skipped = p.skipRestOfLine('Expected a new line after the declaration but found {token}.', false);
      const at = { start: skipped.start, end: skipped.start };
      declarations.push({ kind: 'errorDeclaration', decorators: exactArray([]), keyword: at, start: skipped.start, end: skipped.end });
      continue;
    }
    declarations.push(parseDeclaration(p));
  }
  // The scanner reports a token's problems when it reads it, one token ahead of the parser.
  const diagnostics = p.diagnostics.sort((a, b) => a.start - b.start);
  let lines: LineIndex | undefined;
  return {
    kind: 'file',
    text,
    declarations,
    diagnostics,
    comments: p.comments,
    pragmas: p.pragmas,
    isParamsFile: declarations.some((d) => d.kind === 'using'),
    start: 0,
    end: text.length,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
}
