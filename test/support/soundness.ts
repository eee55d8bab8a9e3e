import assert from 'node:assert/strict';
import { renderFix } from '../../server/src/edits/render';
import { analyze, describeError, type Analysis } from '../../server/src/engine/analyze';
import { type Host } from '../../server/src/core/host';
import { hoverAt } from '../../server/src/query/hover';
import type { NodeRef, Range } from '../../server/src/core/nodeRef';
import type { Change } from '../../server/src/core/findings';
import { lineLengths, probePositions } from './positions';
import { fuzzSeed, type Prng } from './prng';

/** Fuzzed templates read nothing from disk: a parameters file beside a fixture must not change what is tested. */
const noFiles: Host = { readFile: () => undefined };

export const fuzzUri = 'file:///fuzz/template.json';

/**
 * Analyses `text` and asserts what must hold for any input at all: `analyze` returns,
 * reports no internal failure, every finding, related location and fix target in this
 * document has a well-formed range inside it, and each quick fix renders to edits
 * inside it (as the code action would) without throwing. `label` names the case; the seed is
 * added so that the message alone is enough to replay it.
 */
export function assertSound(text: string, label: string): Analysis {
  let analysis: Analysis;
  try {
    analysis = analyze(fuzzUri, text, noFiles);
  } catch (e) {
    assert.fail(`${label} (FUZZ_SEED=${fuzzSeed}): analyze threw: ${describeError(e)}`);
  }
  assert.deepEqual(analysis.failures, [], `${label} (FUZZ_SEED=${fuzzSeed}): internal failures`);
  const lines = lineLengths(text);
  const check = (uri: string, range: Range, what: string) => {
    if (uri !== fuzzUri) return;
    const problem = rangeProblem(range, lines);
    if (problem) assert.fail(`${label} (FUZZ_SEED=${fuzzSeed}): ${what} has ${problem}: ${JSON.stringify(range)}`);
  };
  for (const f of analysis.findings) {
    check(f.at.uri, f.at.range, `${f.code} finding`);
    for (const r of f.related ?? []) check(r.at.uri, r.at.range, `${f.code} related location`);
    for (const c of f.fix?.changes ?? []) for (const at of placesOf(c)) check(at.uri, at.range, `${f.code} fix target`);
    if (!f.fix || f.fix.changes.length === 0) continue;
    let rendered;
    try {
      const model = analysis.model;
      rendered = renderFix(f.fix, (u) => (u === fuzzUri ? analysis.document : undefined), model && { root: fuzzUri, sources: model.parameterSources });
    } catch (e) {
      assert.fail(`${label} (FUZZ_SEED=${fuzzSeed}): rendering the ${f.code} fix threw: ${describeError(e)}`);
    }
    for (const edit of rendered?.files.get(fuzzUri) ?? []) check(fuzzUri, edit.range, `${f.code} fix edit`);
  }
  return analysis;
}

/** The elements a change names. */
function placesOf(c: Change): NodeRef[] {
  switch (c.op) {
    case 'addResource':
      return [c.beside];
    case 'addChild':
      return [c.parent.at];
    case 'addDependency':
      return [c.from, c.on].flatMap((r) => ('at' in r ? [r.at] : []));
    default:
      return [c.at];
  }
}

/** Hovers at `count` places (see probePositions): none may throw, and a hover's range must lie inside the document. */
export function assertHoversSound(analysis: Analysis, prng: Prng, count: number, label: string): void {
  const lines = lineLengths(analysis.document.text);
  for (const position of probePositions(prng, analysis.document.text, count)) {
    let hover;
    try {
      hover = hoverAt(analysis, position);
    } catch (e) {
      assert.fail(`${label} (FUZZ_SEED=${fuzzSeed}): hover at ${JSON.stringify(position)} threw: ${describeError(e)}`);
    }
    const problem = hover?.range && rangeProblem(hover.range, lines);
    if (problem) assert.fail(`${label} (FUZZ_SEED=${fuzzSeed}): hover at ${JSON.stringify(position)} has ${problem}`);
  }
}

/** Why `range` is not a valid range inside a document with these line lengths, or undefined when it is. */
export function rangeProblem(range: Range, lines: readonly number[]): string | undefined {
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return 'a malformed position';
    if (p.line >= lines.length) return `line ${p.line} past the last line ${lines.length - 1}`;
    if (p.character > lines[p.line]) return `character ${p.character} past the end of line ${p.line} (${lines[p.line]})`;
  }
  const { start, end } = range;
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) return 'its end before its start';
  return undefined;
}
