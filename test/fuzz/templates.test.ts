// Truncations and random edits of every template the project has (examples, test
// fixtures, the shared corpus): the engine must take any of them without throwing,
// without an internal failure, and with every finding inside the document.
import { test } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { byteMutant, treeMutant } from '../support/mutations';
import { prngFor } from '../support/prng';
import { assertHoversSound, assertSound } from '../support/soundness';
import { seedTemplates } from './sources';

const truncations = 60;
const byteMutants = 80;
const treeMutants = 80;

for (const source of seedTemplates()) {
  // The timeout is the hang guard; turning the event loop between cases lets it fire.
  test(`fuzzed ${source.name}`, { timeout: 60_000 }, async () => {
    const prng = prngFor(source.name);
    const { text } = source;
    for (let i = 0; i < truncations; i++) {
      // Half evenly spread, half anywhere: every region of the file gets cut somewhere.
      const end = i % 2 === 0 ? Math.floor((i / truncations) * text.length) : prng.int(text.length + 1);
      assertSound(text.slice(0, end), `${source.name} cut at ${end}`);
      await turn();
    }
    for (let i = 0; i < byteMutants; i++) {
      const label = `${source.name} byte mutant ${i}`;
      assertHoversSound(assertSound(byteMutant(prng, text), label), prng, 3, label);
      await turn();
    }
    for (let i = 0; i < treeMutants; i++) {
      const label = `${source.name} tree mutant ${i}`;
      assertHoversSound(assertSound(treeMutant(prng, text), label), prng, 3, label);
      await turn();
    }
  });
}
