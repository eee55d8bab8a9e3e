import type { BicepFile, Comment, Declaration, Pragma, SyntaxDiagnostic } from './ast';
import { LineIndex } from '../../core/lineIndex';
import type { TextChange } from '../../core/textDiff';
import { parseDeclaration } from './declarations';
import { exactArray, ParserState, type Boundary } from './parserState';
import { Tok } from './tokens';

/**
 * Parses a `.bicep` or `.bicepparam` file. Never throws: whatever is not Bicep becomes
 * error nodes and diagnostics, and every declaration the text still holds is kept.
 * Recovery is line-based, as the language is: a broken declaration ends at its line
 * break, and an unclosed object, array or argument list ends where a line starts the
 * next top-level declaration.
 */
export function parseBicep(text: string): BicepFile {
  return parseBicepTraced(text).file;
}

/** A parse with the parser's state where each of its top-level declarations starts (for reuse.ts). */
export interface TracedParse {
  file: BicepFile;
  /** One per declaration, in order. */
  boundaries: readonly Boundary[];
}

export function parseBicepTraced(text: string): TracedParse {
  const p = new ParserState(text);
  const declarations: Declaration[] = [];
  const boundaries: Boundary[] = [];
  parseDeclarations(p, declarations, boundaries);
  // The scanner reports a token's problems when it reads it, one token ahead of the parser.
  const diagnostics = p.diagnostics.sort((a, b) => a.start - b.start);
  return { file: bicepFile(text, declarations, diagnostics, p.comments, p.pragmas), boundaries };
}

/**
 * Top-level declarations up to the end of the text, or up to a boundary where `stop`
 * says the rest is known; returns that boundary (undefined at the end of the text).
 */
export function parseDeclarations(p: ParserState, declarations: Declaration[], boundaries: Boundary[], stop?: (b: Boundary) => boolean): Boundary | undefined {
  const s = p.s;
  while (s.token !== Tok.EOF) {
    const boundary = p.boundary();
    if (stop?.(boundary)) return boundary;
    boundaries.push(boundary);
    if (!s.newlineBefore) {
      // Left over after a declaration on its line: one error node, reported once per line.
      const skipped = p.skipRestOfLine('Expected a new line after the declaration but found {token}.', false);
      const at = { start: skipped.start, end: skipped.start };
      declarations.push({ kind: 'errorDeclaration', decorators: exactArray([]), keyword: at, start: skipped.start, end: skipped.end });
      continue;
    }
    declarations.push(parseDeclaration(p));
  }
  return undefined;
}

/** The line index of each file whose index was asked for (so the next version's index can be made from it). */
const builtLines = new WeakMap<BicepFile, LineIndex>();

export function bicepFile(
  text: string,
  declarations: readonly Declaration[],
  diagnostics: readonly SyntaxDiagnostic[],
  comments: readonly Comment[],
  pragmas: readonly Pragma[],
  /** The version this one was made from, and what changed: its line index (when it has one) gives this one's without reading the whole text. */
  from?: { file: BicepFile; change: TextChange },
): BicepFile {
  let lines: LineIndex | undefined;
  // Only the index is held (not the older file), and only until this file's is made.
  let previous = from && builtLines.get(from.file);
  const change = from?.change;
  const file: BicepFile = {
    kind: 'file',
    text,
    declarations,
    diagnostics,
    comments,
    pragmas,
    isParamsFile: declarations.some((d) => d.kind === 'using'),
    start: 0,
    end: text.length,
    get lines() {
      if (lines === undefined) {
        lines = previous && change ? LineIndex.fromPrevious(previous, text, change) : new LineIndex(text);
        previous = undefined;
        builtLines.set(file, lines);
      }
      return lines;
    },
  };
  return file;
}
