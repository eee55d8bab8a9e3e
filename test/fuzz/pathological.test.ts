// Extreme inputs for the whole engine: deep nesting, 100,000-element arrays, strings of
// megabytes, lone surrogates and NUL bytes. Each is its own test so that its timeout is
// its hang guard (no timing assert: a slow machine is not a failure, a hang is).
import { test } from 'node:test';
import { SCHEMA } from '../support/templates';
import { pathologicalInputs } from './pathological';
import { prngFor } from '../support/prng';
import { assertHoversSound, assertSound } from '../support/soundness';

for (const input of pathologicalInputs()) {
  test(`survives: ${input.name}`, { timeout: 60_000 }, () => {
    assertHoversSound(assertSound(input.text, input.name), prngFor(input.name), 4, input.name);
  });
}

// Found by this suite: nested lambdas over range() would allocate 10^12 elements (the
// process ran out of heap). The evaluator's work budget now answers UNKNOWN instead.
test(
  'survives: nested map over range(0, 10000) three deep',
  { timeout: 60_000 },
  () => {
    const expression = "[map(range(0, 10000), lambda('i', map(range(0, 10000), lambda('j', range(0, 10000)))))]";
    const text = JSON.stringify({ $schema: SCHEMA, variables: { v: expression }, resources: [{ type: 'Microsoft.Web/hostingEnvironments', apiVersion: '2019-08-01', name: "[string(length(variables('v')))]", kind: 'ASEV2', properties: {} }] });
    assertSound(text, 'nested map over range');
  },
);
