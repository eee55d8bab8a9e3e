import assert from 'node:assert/strict';
import type { BicepFile } from '../../../server/src/parse/bicep';

/**
 * The tree keeps everything that was typed: every character that is not whitespace lies
 * in a top-level declaration (error declarations included), a comment or a pragma.
 */
export function checkCoverage(file: BicepFile): void {
  const text = file.text;
  const spans = [...file.declarations, ...file.comments, ...file.pragmas].sort((a, b) => a.start - b.start);
  let i = 0;
  let covered = 0;
  for (let p = 0; p < text.length; p++) {
    while (i < spans.length && spans[i].start <= p) {
      covered = Math.max(covered, spans[i].end);
      i++;
    }
    const c = text[p];
    if (p < covered || c === ' ' || c === '\t' || c === '\r' || c === '\n' || (p === 0 && c === '\uFEFF')) continue;
    assert.fail(`character ${JSON.stringify(c)} at ${p} is in no declaration: ${JSON.stringify(text.slice(Math.max(0, p - 30), p + 30))}`);
  }
}
