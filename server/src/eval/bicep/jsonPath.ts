import { isObject, isUnknown, unknown, type Value } from '../../core/value';

type Step = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard'; on: 'object' | 'array' };

/**
 * The second argument of `loadJsonContent` / `loadYamlContent`: a JSONPath that Bicep
 * hands to Newtonsoft's `SelectTokens`. The subset read here is what templates write —
 * `$.a.b`, `a.b`, `['a']`, `[0]`, `.*`, `[*]` — with Newtonsoft's semantics: names match
 * exactly (case-sensitive), one match is the value, several are an array, none fails the
 * build. Recursive descent, filters, slices and unions are UNKNOWN.
 */
export function selectPath(root: Value, path: string): Value {
  const steps = parsePath(path);
  if (steps === undefined) return unknown(`the path '${path}' uses JSONPath that is not evaluated`);
  let current: Value[] = [root];
  for (const step of steps) {
    const next: Value[] = [];
    for (const v of current) {
      if (isUnknown(v)) return v;
      if (step.kind === 'name') {
        if (isObject(v) && Object.prototype.hasOwnProperty.call(v, step.name)) next.push(v[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (step.on === 'object') {
        if (isObject(v)) next.push(...Object.values(v));
        else if (Array.isArray(v)) return unknown(`the path '${path}' applies '.*' to an array, which is not evaluated`);
      } else {
        if (Array.isArray(v)) next.push(...v);
        else if (isObject(v)) return unknown(`the path '${path}' applies '[*]' to an object, which is not evaluated`);
      }
    }
    current = next;
  }
  if (current.length === 0) return unknown(`the path '${path}' selects nothing`);
  return current.length === 1 ? current[0] : current;
}

function parsePath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  if (path.startsWith('$')) i = 1;
  else if (path.length > 0 && path[0] !== '.' && path[0] !== '[') {
    // `a.b` is `$.a.b`.
    const end = nameEnd(path, 0);
    if (end === 0) return undefined;
    steps.push({ kind: 'name', name: path.slice(0, end) });
    i = end;
  }
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      if (path[i] === '.') return undefined;
      if (path[i] === '*') {
        steps.push({ kind: 'wildcard', on: 'object' });
        i++;
        continue;
      }
      const end = nameEnd(path, i);
      if (end === i) return undefined;
      steps.push({ kind: 'name', name: path.slice(i, end) });
      i = end;
    } else if (c === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = path.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ kind: 'wildcard', on: 'array' });
      else if (/^\d+$/.test(inner) && Number.isSafeInteger(Number(inner))) steps.push({ kind: 'index', index: Number(inner) });
      else {
        const quoted = /^'([^'\\]*)'$/.exec(inner) ?? /^"([^"\\]*)"$/.exec(inner);
        if (!quoted) return undefined;
        steps.push({ kind: 'name', name: quoted[1] });
      }
    } else {
      return undefined;
    }
  }
  return steps;
}

function nameEnd(path: string, from: number): number {
  let i = from;
  while (i < path.length && path[i] !== '.' && path[i] !== '[' && path[i] !== ']' && path[i] !== '(' && path[i] !== ')' && path[i] !== ' ') i++;
  return i;
}
