/**
 * How much an expression may build. Templates are data, and an expression such as
 * `map(range(0, 10000), lambda('i', range(0, 10000)))` would otherwise allocate until
 * the process dies. Real templates stay orders of magnitude below these.
 */

/** Elements and characters one expression may produce, counted over all its calls. */
export const MAX_EXPRESSION_WORK = 2_000_000;

/** The longest string a function may produce in one step (padLeft and the like). */
export const MAX_STRING_LENGTH = 1_000_000;

export const TOO_LARGE = 'the expression builds values too large to evaluate';

/** The size a call's result adds to the work: characters of a string, elements of an array, keys of an object. */
export function workOf(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length;
  return 1;
}
