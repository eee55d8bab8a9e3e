import { isObject, isUnknown, unknown, type Value } from '../../core/value';
import { valuesEqual } from '../compare';
import { callSymbol, changeCase, dependsOnSymbols, isSymbolic, literalPrefix, literalSuffix, MARKER_END, MARKER_START } from '../../core/symbolic';
import { isInteger, symbolicGuard, typeError } from './args';
import { MAX_STRING_LENGTH } from '../limits';
import { boolText, toJsonText } from './text';
import { eager, type FunctionTable } from './types';

// ARM documents indexOf, lastIndexOf, startsWith and endsWith as case-insensitive,
// contains and equals as case-sensitive.

export const stringFunctions: FunctionTable = {
  toLower: eager(1, 1, ([s], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    return isSymbolic(s) ? changeCase(s, 'lower') : s.toLowerCase();
  }),
  toUpper: eager(1, 1, ([s], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    return isSymbolic(s) ? changeCase(s, 'upper') : s.toUpperCase();
  }),
  replace: eager(3, 3, ([s, from, to], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    if (typeof from !== 'string') return typeError(ctx.name, 1, 'a string', from);
    if (typeof to !== 'string') return typeError(ctx.name, 2, 'a string', to);
    if (from === '') return unknown(`${ctx.name}(): the string to replace is empty`);
    // What a marker stands for may contain the text being replaced: a symbol of its own.
    if (isSymbolic(s) || isSymbolic(from) || isSymbolic(to)) return isSymbolic(s) || isSymbolic(from) ? callSymbol('replace', [s, from, to]) : s.split(from).join(to);
    return s.split(from).join(to);
  }),
  split: eager(2, 2, ([s, delimiter], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    let delimiters: string[];
    if (typeof delimiter === 'string') delimiters = [delimiter];
    else if (Array.isArray(delimiter) && delimiter.every((d) => typeof d === 'string' || isUnknown(d))) {
      const u = delimiter.find(isUnknown);
      if (u) return u;
      delimiters = delimiter as string[];
    } else return typeError(ctx.name, 1, 'a string or an array of strings', delimiter);
    return symbolicGuard(ctx.name, s, ...delimiters) ?? splitOn(s, delimiters.filter((d) => d !== ''));
  }),
  substring: eager(1, 3, ([s, start = 0, length], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    if (!isInteger(start)) return typeError(ctx.name, 1, 'an integer', start);
    if (length !== undefined && !isInteger(length)) return typeError(ctx.name, 2, 'an integer', length);
    if (start < 0 || (length !== undefined && length < 0)) return unknown(`${ctx.name}(): the start and length must not be negative`);
    if (isSymbolic(s)) {
      // Within the literal text before the first marker, the answer does not depend on the marker.
      if (length === undefined || start + length > literalPrefix(s).length) return callSymbol('substring', length === undefined ? [s, start] : [s, start, length]);
      return s.slice(start, start + length);
    }
    const n = length ?? Math.max(0, s.length - start);
    if (start + n > s.length || start > s.length) {
      return unknown(`${ctx.name}(): start ${start} and length ${n} are outside the string (length ${s.length})`);
    }
    return s.slice(start, start + n);
  }),
  indexOf: eager(2, 2, ([s, find], ctx) => {
    if (Array.isArray(s)) return arrayIndexOf(s, find, false);
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string or an array', s);
    if (typeof find !== 'string') return typeError(ctx.name, 1, 'a string', find);
    if (!isSymbolic(s) && !isSymbolic(find)) return s.toLowerCase().indexOf(find.toLowerCase());
    if (!isSymbolic(find)) {
      const i = literalPrefix(s).toLowerCase().indexOf(find.toLowerCase());
      if (i >= 0) return i;
    }
    return dependsOnSymbols(`${ctx.name}()`, s, find);
  }),
  lastIndexOf: eager(2, 2, ([s, find], ctx) => {
    if (Array.isArray(s)) return arrayIndexOf(s, find, true);
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string or an array', s);
    if (typeof find !== 'string') return typeError(ctx.name, 1, 'a string', find);
    return symbolicGuard(ctx.name, s, find) ?? lastIndexOfIgnoreCase(s, find);
  }),
  startsWith: eager(2, 2, ([s, find], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    if (typeof find !== 'string') return typeError(ctx.name, 1, 'a string', find);
    return affix(ctx.name, s, find, literalPrefix, (a, b) => a.startsWith(b));
  }),
  endsWith: eager(2, 2, ([s, find], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    if (typeof find !== 'string') return typeError(ctx.name, 1, 'a string', find);
    return affix(ctx.name, s, find, literalSuffix, (a, b) => a.endsWith(b));
  }),
  trim: eager(1, 1, ([s], ctx) => {
    if (typeof s !== 'string') return typeError(ctx.name, 0, 'a string', s);
    if (!isSymbolic(s)) return s.trim();
    // Unchanged when both ends are literal non-space text; a marker at an end may stand for spaces.
    const first = s[0];
    const last = s[s.length - 1];
    if (first !== MARKER_START && last !== MARKER_END && !/\s/.test(first) && !/\s/.test(last)) return s;
    return dependsOnSymbols(`${ctx.name}()`, s);
  }),
  padLeft: eager(2, 3, ([v, total, pad = ' '], ctx) => {
    if (typeof v !== 'string' && !isInteger(v)) return typeError(ctx.name, 0, 'a string or an integer', v);
    if (!isInteger(total)) return typeError(ctx.name, 1, 'an integer', total);
    if (typeof pad !== 'string' || pad.length !== 1) return typeError(ctx.name, 2, 'a single character', pad);
    if (total > MAX_STRING_LENGTH) return unknown(`${ctx.name}(): a length of ${total} is too large to evaluate`);
    const s = String(v);
    if (isSymbolic(s)) return dependsOnSymbols(`${ctx.name}()`, s);
    return s.padStart(total, pad);
  }),
  string: eager(1, 1, ([v]) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (typeof v === 'boolean') return boolText(v);
    if (v === null) return unknown('string(null) is not evaluated');
    return toJsonText(v);
  }),
  join: eager(2, 2, ([items, delimiter], ctx) => {
    if (!Array.isArray(items)) return typeError(ctx.name, 0, 'an array', items);
    if (typeof delimiter !== 'string') return typeError(ctx.name, 1, 'a string', delimiter);
    const parts: string[] = [];
    for (const item of items) {
      if (isUnknown(item)) return item;
      if (typeof item === 'string') parts.push(item);
      else if (typeof item === 'number') parts.push(String(item));
      else if (typeof item === 'boolean') parts.push(boolText(item));
      else return unknown(`${ctx.name}(): the array holds ${isObject(item) ? 'an object' : 'a non-string item'}`);
    }
    return parts.join(delimiter);
  }),
};

/** .NET String.Split(string[], None): at each position the first matching delimiter wins; empty entries kept. */
function splitOn(s: string, delimiters: string[]): string[] {
  if (delimiters.length === 0) return [s];
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    const d = delimiters.find((x) => s.startsWith(x, i));
    if (d === undefined) {
      i++;
      continue;
    }
    out.push(s.slice(start, i));
    i += d.length;
    start = i;
  }
  out.push(s.slice(start));
  return out;
}

function lastIndexOfIgnoreCase(s: string, find: string): number {
  return s.toLowerCase().lastIndexOf(find.toLowerCase());
}

/** startsWith/endsWith, case-insensitive, decided from the literal end of a symbolic string when possible. */
function affix(fn: string, s: string, find: string, literalEnd: (s: string) => string, test: (a: string, b: string) => boolean): Value {
  const a = s.toLowerCase();
  const b = find.toLowerCase();
  if (!isSymbolic(s) && !isSymbolic(find)) return test(a, b);
  if (a === b) return true;
  if (isSymbolic(find)) return dependsOnSymbols(`${fn}()`, s, find);
  const known = literalEnd(s).toLowerCase();
  if (known.length >= b.length) return test(known, b);
  // The literal end is shorter than what is sought: a mismatch there is still decisive.
  if (!test(b, known)) return false;
  return dependsOnSymbols(`${fn}()`, s);
}

function arrayIndexOf(items: Value[], find: Value, last: boolean): Value {
  const order = items.map((_, i) => i);
  if (last) order.reverse();
  for (const i of order) {
    const eq = valuesEqual(items[i], find);
    if (eq === true) return i;
    // An undecided item before the first match makes the position unknown.
    if (isUnknown(eq)) return eq;
  }
  return -1;
}
