import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from '../../server/src/core/nodeRef';
import type { Prng } from './prng';

/** Length of each line without its line break, splitting as LSP does (`\r\n`, `\n`, `\r`). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/**
 * Places to hover or ask for code actions: half just inside a string (where ports,
 * service tags, next hops and the ASE's name are, so the hover has work to do), half
 * anywhere, now and then past the end of a line or of the document, as clients send.
 */
export function probePositions(prng: Prng, text: string, count: number): Position[] {
  const lines = lineLengths(text);
  const doc = TextDocument.create('file:///fuzz/positions.json', 'json', 0, text);
  const out: Position[] = [];
  for (let i = 0; i < count; i++) {
    const quote = i % 2 === 0 ? text.indexOf('"', prng.int(text.length + 1)) : -1;
    if (quote >= 0) {
      out.push(doc.positionAt(quote + 1 + prng.int(3)));
    } else {
      const line = prng.int(lines.length + 1);
      out.push({ line, character: prng.int((lines[line] ?? 5) + 3) });
    }
  }
  return out;
}
