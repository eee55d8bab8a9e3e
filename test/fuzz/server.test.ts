// The built server over stdio with fuzzed and extreme documents: open, change, hover at
// random places, ask for code actions. It must answer every request, publish
// diagnostics inside the document, and never log a failure or write to stderr.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { CodeActionRequest, HoverRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt } from '../support/ensureBuilt';
import { TestClient } from '../support/lspClient';
import { byteMutant, treeMutant } from '../support/mutations';
import { pathologicalInputs } from './pathological';
import { fuzzSeed, prngFor, type Prng } from '../support/prng';
import { lineLengths, probePositions } from '../support/positions';
import { rangeProblem } from '../support/soundness';
import { seedTemplates } from './sources';

before(() => ensureBuilt());

interface Case {
  name: string;
  text: string;
}

/** A handful of documents: mutants of the examples and the extreme inputs most likely to hurt a server. */
function cases(prng: Prng): Case[] {
  const seeds = seedTemplates().filter((s) => s.name.startsWith('examples/') || s.name.startsWith('test/fixtures/lsp/'));
  const pick = () => prng.pick(seeds);
  const extreme = new Set([
    'NSG properties nested 10,000 deep (objects)',
    'unterminated nesting 10,000 deep',
    'lone high surrogates in names and values',
    'NUL bytes between tokens and in strings',
    '3 MB string value',
  ]);
  const a = pick();
  const b = pick();
  const c = pick();
  return [
    { name: `${a.name} byte mutant`, text: byteMutant(prng, a.text) },
    { name: `${b.name} tree mutant`, text: treeMutant(prng, b.text) },
    { name: `${c.name} cut in half`, text: c.text.slice(0, c.text.length >> 1) },
    ...pathologicalInputs().filter((p) => extreme.has(p.name)),
  ];
}

async function probe(client: TestClient, uri: string, text: string, diagnostics: Diagnostic[], prng: Prng, label: string): Promise<void> {
  const lines = lineLengths(text);
  const inside = (range: Diagnostic['range'], what: string) => {
    const problem = rangeProblem(range, lines);
    assert.equal(problem, undefined, `${label} (FUZZ_SEED=${fuzzSeed}): ${what} has ${problem}`);
  };
  for (const d of diagnostics) inside(d.range, `diagnostic ${String(d.code)}`);
  for (const position of probePositions(prng, text, 12)) {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    if (hover?.range) inside(hover.range, 'hover');
  }
  const [start, end] = probePositions(prng, text, 2);
  const requests = [...diagnostics.slice(0, 8).map((d) => ({ range: d.range, diagnostics: [d] })), { range: { start, end }, diagnostics }];
  for (const r of requests) {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: r.range,
      context: { diagnostics: r.diagnostics },
    })) as CodeAction[] | null;
    for (const action of actions ?? []) for (const edit of action.edit?.changes?.[uri] ?? []) inside(edit.range, `quick fix '${action.title}'`);
  }
}

test('the server answers every request on fuzzed documents and logs no failure', { timeout: 120_000 }, async (t) => {
  const prng = prngFor('server');
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  const all = cases(prng);
  for (const [i, c] of all.entries()) {
    const uri = `file:///fuzz/server-${i}.json`;
    const opened = await client.open(uri, c.text);
    await probe(client, uri, c.text, opened.diagnostics, prng, `${c.name}, opened`);
    // The change replaces the text with an edit of it, or with the next case entirely.
    const next = prng.chance(0.5) ? byteMutant(prng, c.text) : all[(i + 1) % all.length].text;
    const changed = await client.change(uri, next);
    await probe(client, uri, next, changed.diagnostics, prng, `${c.name}, changed`);
    await client.close(uri);
  }
  const failures = client.logs.filter((l) => /failed|internal failure|error/i.test(l));
  assert.deepEqual(failures, [], `the server logged failures (FUZZ_SEED=${fuzzSeed})`);
  assert.equal(client.serverStderr, '', 'the server wrote to stderr');
  assert.equal(await client.shutdown(), 0);
});
