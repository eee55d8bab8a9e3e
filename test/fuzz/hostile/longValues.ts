import type { Prng } from '../../support/prng';

/**
 * A long value that cannot be mistaken for the project's own words: Greek letters (the
 * messages are ASCII), with a space now and then when `spaced`, so the excerpt guard
 * cannot rely on quotes or unbroken runs.
 */
export function longValue(prng: Prng, length: number, spaced: boolean): string {
  const alphabet = 'αβγδεζηθικλμνξοπρστυφχψω';
  let out = '';
  while (out.length < length) out += spaced && prng.chance(0.05) ? ' ' : alphabet[prng.int(alphabet.length)];
  return out;
}

/** The longest stretch of a message made of such a value's characters (spaces inside it included). */
export function longestQuote(message: string): number {
  let longest = 0;
  for (const run of message.match(/[α-ω](?:[α-ω ]*[α-ω])?/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}
