import { isUnknown, unknown, type Unknown, type Value } from '../../core/value';
import { isSymbolic } from '../../core/symbolic';
import { isInteger, typeError } from './args';
import { toText } from './text';
import { eagerWithUnknowns, type FunctionTable } from './types';

/**
 * format() follows .NET composite formatting: `{index[,alignment][:format]}`, with `{{`
 * and `}}` for literal braces. Only the arguments the format string uses matter, so an
 * UNKNOWN argument that is never referenced does not make the result UNKNOWN.
 */
export const formatFunctions: FunctionTable = {
  format: eagerWithUnknowns(1, Infinity, ([template, ...args], ctx) => {
    if (isUnknown(template)) return template;
    if (typeof template !== 'string') return typeError(ctx.name, 0, 'a string', template);
    if (isSymbolic(template)) return unknown(`${ctx.name}(): the format string depends on a deployment-time value`);
    return compositeFormat(ctx.name, template, args);
  }),
};

/** A format item where `lastIndex` says (sticky: no copy of the rest of the template per item). */
const ITEM = /\{(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::([^{}]*))?\}/y;

const OPEN = 0x7b;
const CLOSE = 0x7d;

export function compositeFormat(fn: string, template: string, args: Value[]): string | Unknown {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template.charCodeAt(i);
    if (c === OPEN) {
      if (template.charCodeAt(i + 1) === OPEN) {
        out += '{';
        i += 2;
        continue;
      }
      ITEM.lastIndex = i;
      const m = ITEM.exec(template);
      if (!m) return unknown(`${fn}(): invalid format item at position ${i}`);
      const index = Number(m[1]);
      if (index >= args.length) return unknown(`${fn}(): {${index}} has no matching argument`);
      const text = formatValue(fn, args[index], m[3]);
      if (isUnknown(text)) return text;
      const width = m[2] === undefined ? 0 : Number(m[2]);
      // How much padding a marker's text needs depends on its real length.
      if (width !== 0 && isSymbolic(text)) return unknown(`${fn}(): the alignment of {${index}} depends on a deployment-time value`);
      out += align(text, width);
      i += m[0].length;
    } else if (c === CLOSE) {
      if (template.charCodeAt(i + 1) !== CLOSE) return unknown(`${fn}(): unmatched '}' at position ${i}`);
      out += '}';
      i += 2;
    } else {
      // The literal text up to the next brace, in one piece.
      let j = i + 1;
      while (j < template.length) {
        const d = template.charCodeAt(j);
        if (d === OPEN || d === CLOSE) break;
        j++;
      }
      out += template.slice(i, j);
      i = j;
    }
  }
  return out;
}

function align(text: string, width: number): string {
  return width >= 0 ? text.padStart(width) : text.padEnd(-width);
}

/**
 * Numbers honour the common .NET specifiers (D, N, F, X, with a precision); others are
 * ignored and the value written as is.
 */
function formatValue(fn: string, v: Value, spec: string | undefined): string | Unknown {
  if (typeof v === 'number' && spec) {
    const m = /^([DdNnFfXx])(\d{0,2})$/.exec(spec.trim());
    if (m) return formatNumber(v, m[1], m[2] === '' ? undefined : Number(m[2]));
  }
  return toText(fn, v);
}

function formatNumber(v: number, kind: string, precision: number | undefined): string | Unknown {
  switch (kind) {
    case 'D':
    case 'd': {
      if (!isInteger(v)) return unknown(`format specifier ${kind} needs an integer`);
      const digits = String(Math.abs(v)).padStart(precision ?? 0, '0');
      return v < 0 ? `-${digits}` : digits;
    }
    case 'X':
    case 'x': {
      if (!isInteger(v) || v < 0) return unknown(`format specifier ${kind} needs a non-negative integer`);
      const hex = v.toString(16).padStart(precision ?? 0, '0');
      return kind === 'X' ? hex.toUpperCase() : hex;
    }
    case 'F':
    case 'f':
      return v.toFixed(precision ?? 2);
    default: {
      // N: invariant culture, thousands separated by commas, two decimals by default.
      const fixed = Math.abs(v).toFixed(precision ?? 2);
      const [whole, fraction] = fixed.split('.');
      const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return `${v < 0 ? '-' : ''}${grouped}${fraction ? '.' + fraction : ''}`;
    }
  }
}
