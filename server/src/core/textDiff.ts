/** Strings compared a block at a time: `===` on slices runs as a memory compare, far faster than a character loop. */
const BLOCK = 4096;

/** How many characters `a` and `b` share at their start, at most `max`. */
export function commonPrefix(a: string, b: string, max = Math.min(a.length, b.length)): number {
  let n = 0;
  while (n + BLOCK <= max && a.slice(n, n + BLOCK) === b.slice(n, n + BLOCK)) n += BLOCK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How many characters `a` and `b` share at their end, at most `max`. */
export function commonSuffix(a: string, b: string, max = Math.min(a.length, b.length)): number {
  let n = 0;
  while (n + BLOCK <= max && a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)) n += BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/**
 * Where two versions of a text differ: `[start, oldEnd)` of the old text became
 * `[start, newEnd)` of the new one; before and after, they are the same.
 */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

let last: { old: string; text: string; change: TextChange } | undefined;

/** The change between two texts; the last answer is kept, as the parse and the lowering of one version both ask it. */
export function changeBetween(old: string, text: string): TextChange {
  if (last && last.old === old && last.text === text) return last.change;
  const change = compare(old, text);
  last = { old, text, change };
  return change;
}

/** Lets go of the last two texts compared. */
export function forgetLastChange(): void {
  last = undefined;
}

function compare(old: string, text: string): TextChange {
  const shortest = Math.min(old.length, text.length);
  const start = commonPrefix(old, text, shortest);
  const suffix = commonSuffix(old, text, shortest - start);
  return { start, oldEnd: old.length - suffix, newEnd: text.length - suffix };
}
