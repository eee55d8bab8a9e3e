import type { NodePath } from '../../core/nodeRef';
import { getProp, isObject, isUnknown, unknown, type Unknown, type Value, type ValueObject } from '../../core/value';
import { propertyName, type Binary, type Expression, type ObjectLiteral, type ObjectProperty, type StringLiteral } from '../../parse/bicep';
import { readIndex, readProperty } from '../access';
import { BUDGET_EXHAUSTED, MAX_EXPRESSION_WORK, TOO_LARGE, workOf } from '../limits';
import type { BicepEnv } from './env';
import { callBuiltin, callWithValues } from './functions';

/** Deeper than any real template; hand-written nesting is cut off here instead of by a stack overflow. */
const MAX_DEPTH = 300;
/** Bicep limits a loop to 800 iterations, like ARM's copy. */
export const MAX_LOOP_COUNT = 800;

/** Operators that are ARM functions with the same semantics. */
const OPERATOR_FUNCTIONS: Partial<Record<Binary['operator'], string>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '<': 'less',
  '<=': 'lessOrEquals',
  '>': 'greater',
  '>=': 'greaterOrEquals',
  '==': 'equals',
};

/**
 * A Bicep expression's value: known JSON, or UNKNOWN with the reason. `path` is the
 * expression's place in the file when it is literal text there (see NodePath): objects
 * and arrays built from it are recorded with their paths, and `for`/`if` bodies keep
 * the path of the loop or condition. Never throws.
 */
export function evaluateBicep(e: Expression, env: BicepEnv, path?: NodePath): Value {
  try {
    return new Evaluator().evaluate(e, env, path, 0);
  } catch (err) {
    if (err instanceof RangeError) {
      env.symbols.outOfStack?.();
      return unknown('expression is nested too deeply to evaluate');
    }
    return unknown(`expression could not be evaluated (${err instanceof Error ? err.message : String(err)})`);
  }
}

class Evaluator {
  private work = 0;

  evaluate(e: Expression, env: BicepEnv, path: NodePath | undefined, depth: number): Value {
    const stop = this.step(env, depth);
    if (stop !== undefined) return stop;
    switch (e.kind) {
      case 'string':
        return this.string(e, env, depth);
      case 'number':
      case 'boolean':
        return e.value;
      case 'null':
        return null;
      case 'identifier':
        return this.identifier(e.name, e.missing === true, env);
      case 'object':
        return this.object(e, env, path, depth);
      case 'array': {
        const out: Value[] = [];
        if (!env.identity) env.symbols.record(out, e, path, env);
        // An item after a spread has no literal place in the file's value (see NodePath).
        let spreadBefore = false;
        for (let i = 0; i < e.items.length; i++) {
          const item = e.items[i];
          if (item.kind === 'spread') {
            spreadBefore = true;
            const v = this.evaluate(item.expression, env, undefined, depth + 1);
            if (Array.isArray(v)) out.push(...v);
            else out.push(isUnknown(v) ? v : unknown('a spread in an array is not an array'));
          } else {
            out.push(this.evaluate(item, env, path && !spreadBefore && takesPath(item) ? [...path, i] : undefined, depth + 1));
          }
        }
        this.work += out.length;
        env.symbols.budget?.spend(out.length);
        return out;
      }
      case 'paren':
        return this.evaluate(e.expression, env, path, depth + 1);
      case 'nonNull':
        return this.evaluate(e.expression, env, path, depth + 1);
      case 'member': {
        const o = e.object;
        if (o.kind === 'identifier' && !o.missing && !e.safe && !e.name.missing && env.symbols.property && env.enclosing === undefined && !env.locals.has(o.name)) {
          return this.symbolProperty(e, o, env, depth);
        }
        if (o.kind === 'resourceAccess' && !e.safe && !e.name.missing && env.symbols.nestedProperty) return this.nestedProperty(e, o, env, depth);
        const obj = this.evaluate(e.object, env, undefined, depth + 1);
        if (e.safe && (obj === null || (isObject(obj) && getProp(obj, e.name.name) === undefined))) return null;
        if (e.name.missing) return unknown('a property name is missing');
        return readProperty(obj, e.name.name);
      }
      case 'index': {
        const obj = this.evaluate(e.object, env, undefined, depth + 1);
        if (isUnknown(obj)) return obj;
        if (e.safe && obj === null) return null;
        let index = this.evaluate(e.index, env, undefined, depth + 1);
        if (e.fromEnd && typeof index === 'number' && Array.isArray(obj)) index = obj.length - index;
        if (e.safe && isObject(obj) && typeof index === 'string' && getProp(obj, index) === undefined) return null;
        return readIndex(obj, index);
      }
      case 'resourceAccess': {
        const parent = this.evaluate(e.object, env, undefined, depth + 1);
        if (isUnknown(parent)) return parent;
        return env.symbols.nested(parent, e.name.name, env.identity) ?? unknown(`'${e.name.name}' is not a nested resource`);
      }
      case 'call':
        return this.call(e, env, depth);
      case 'unary': {
        const v = this.evaluate(e.operand, env, undefined, depth + 1);
        if (e.operator === '!') return callWithValues('not', [v], env);
        return callWithValues('sub', [0, v], env);
      }
      case 'binary':
        return this.binary(e, env, depth);
      case 'ternary': {
        const c = this.evaluate(e.condition, env, undefined, depth + 1);
        if (c === true) return this.evaluate(e.whenTrue, env, undefined, depth + 1);
        if (c === false) return this.evaluate(e.whenFalse, env, undefined, depth + 1);
        return isUnknown(c) ? c : unknown('the condition of ?: is not a boolean');
      }
      case 'for':
        return this.loop(e, env, path, depth);
      case 'if':
        return unknown('an if body is only allowed on a resource or module');
      case 'lambda':
        return unknown('a lambda can only be an argument of map, filter, reduce, sort or toObject');
      case 'error':
        return unknown('the expression is incomplete');
    }
  }

  /** What every node evaluated costs; UNKNOWN when a limit is reached. */
  private step(env: BicepEnv, depth: number): Unknown | undefined {
    if (depth > MAX_DEPTH) return unknown('expression is nested too deeply to evaluate');
    if (++this.work > MAX_EXPRESSION_WORK) return unknown(TOO_LARGE);
    // The analysis's budget too: the same body in every instance of nested loops and modules adds up.
    if (env.symbols.budget && !env.symbols.budget.spend()) return unknown(BUDGET_EXHAUSTED);
    return undefined;
  }

  /**
   * `symbol.property` of a file's symbol, asked as one question (see BicepSymbols.property):
   * the same steps and answer as the identifier evaluated, then its property read.
   */
  private symbolProperty(e: Extract<Expression, { kind: 'member' }>, object: Extract<Expression, { kind: 'identifier' }>, env: BicepEnv, depth: number): Value {
    const stop = this.step(env, depth + 1);
    if (stop !== undefined) return stop;
    const v = env.symbols.property!(object.name, e.name.name, env.identity);
    return v !== undefined ? v : readProperty(this.identifier(object.name, false, env), e.name.name);
  }

  /** `parent::child.property`, asked as one question (see BicepSymbols.nestedProperty), with the steps and answer of the two evaluated in turn. */
  private nestedProperty(e: Extract<Expression, { kind: 'member' }>, access: Extract<Expression, { kind: 'resourceAccess' }>, env: BicepEnv, depth: number): Value {
    const stop = this.step(env, depth + 1);
    if (stop !== undefined) return stop;
    const parent = this.evaluate(access.object, env, undefined, depth + 2);
    if (isUnknown(parent)) return parent;
    const v = env.symbols.nestedProperty!(parent, access.name.name, e.name.name, env.identity);
    if (v !== undefined) return v;
    return readProperty(env.symbols.nested(parent, access.name.name, env.identity) ?? unknown(`'${access.name.name}' is not a nested resource`), e.name.name);
  }

  private identifier(name: string, missing: boolean, env: BicepEnv): Value {
    if (missing) return unknown('a name is missing');
    if (env.locals.has(name)) return env.locals.get(name)!;
    const nested = env.enclosing?.(name, env.identity);
    if (nested !== undefined) return nested;
    const v = env.symbols.symbol(name, env.identity);
    if (v !== undefined) return v;
    if (name === 'true' || name === 'false') return name === 'true';
    return unknown(`'${name}' is not declared`);
  }

  /** Interpolation is `format()` with the segments as its format string, as Bicep compiles it. */
  private string(e: StringLiteral, env: BicepEnv, depth: number): Value {
    if (e.expressions.length === 0) return e.segments[0] ?? '';
    const escape = (s: string) => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
    let fmt = '';
    e.segments.forEach((seg, i) => {
      fmt += escape(seg);
      if (i < e.expressions.length) fmt += `{${i}}`;
    });
    const values = e.expressions.map((x) => this.evaluate(x, env, undefined, depth + 1));
    return callWithValues('format', [fmt, ...values], env);
  }

  private object(e: ObjectLiteral, env: BicepEnv, path: NodePath | undefined, depth: number): Value {
    const out: ValueObject = {};
    if (!env.identity) env.symbols.record(out, e, path, env);
    // The number of keys, counted as they come (listing them at the end allocated an array per object).
    let size = 0;
    let spread = false;
    for (const item of e.items) {
      if (item.kind === 'property') {
        const key = propertyName(item) ?? this.computedKey(item.key, env, depth);
        if (key === undefined) continue;
        const value = this.evaluate(item.value, env, path && takesPath(item.value) ? [...path, key] : undefined, depth + 1);
        // `__proto__` sets no key of its own.
        if (key !== '__proto__' && !Object.hasOwn(out, key)) size++;
        out[key] = value;
      } else if (item.kind === 'spread') {
        const v = this.evaluate(item.expression, env, undefined, depth + 1);
        if (isObject(v)) {
          Object.assign(out, v);
          spread = true;
        }
      }
    }
    if (spread) size = Object.keys(out).length;
    this.work += size;
    env.symbols.budget?.spend(size);
    return out;
  }

  private computedKey(key: ObjectProperty['key'], env: BicepEnv, depth: number): string | undefined {
    if (key.kind !== 'string') return undefined;
    const v = this.evaluate(key, env, undefined, depth + 1);
    return typeof v === 'string' ? v : undefined;
  }

  private call(e: Extract<Expression, { kind: 'call' }>, env: BicepEnv, depth: number): Value {
    const evaluate = (x: Expression, en: BicepEnv) => this.evaluate(x, en, undefined, depth + 1);
    if (e.object) {
      const target = e.object.kind === 'identifier' ? e.object.name : undefined;
      if (target !== undefined && target !== 'az' && target !== 'sys' && !env.locals.has(target)) {
        // `types.build(…)`: a function of a wildcard import.
        const imported = env.symbols.userFunction(e.name.name, () => e.args.map((a) => evaluate(a, env)), env.identity, target);
        if (imported !== undefined) return imported;
      }
      if (target !== 'az' && target !== 'sys') return unknown(`${e.name.name}() on a value is known only at deployment time`);
    } else {
      const own = env.symbols.userFunction(e.name.name, () => e.args.map((a) => evaluate(a, env)), env.identity);
      if (own !== undefined) return own;
    }
    const result = callBuiltin(e.name.name, e.args, env, evaluate);
    env.symbols.budget?.spend(workOf(result));
    return result;
  }

  private binary(e: Binary, env: BicepEnv, depth: number): Value {
    const next = (x: Expression) => this.evaluate(x, env, undefined, depth + 1);
    switch (e.operator) {
      case '&&':
      case '||': {
        const stop = e.operator === '||';
        const l = next(e.left);
        if (l === stop) return stop;
        const r = next(e.right);
        if (r === stop) return stop;
        if (isUnknown(l)) return l;
        if (isUnknown(r)) return r;
        if (typeof l !== 'boolean' || typeof r !== 'boolean') return unknown(`${e.operator} needs booleans`);
        return !stop;
      }
      case '??': {
        const l = next(e.left);
        if (l === null) return next(e.right);
        return l;
      }
      case '!=': {
        const eq = callWithValues('equals', [next(e.left), next(e.right)], env);
        return typeof eq === 'boolean' ? !eq : eq;
      }
      case '=~':
      case '!~': {
        const l = next(e.left);
        const r = next(e.right);
        if (typeof l !== 'string' || typeof r !== 'string') return isUnknown(l) ? l : isUnknown(r) ? r : unknown(`${e.operator} needs strings`);
        const eq = callWithValues('equals', [callWithValues('toLower', [l], env), callWithValues('toLower', [r], env)], env);
        return typeof eq === 'boolean' ? (e.operator === '=~' ? eq : !eq) : eq;
      }
      default: {
        const fn = OPERATOR_FUNCTIONS[e.operator];
        if (!fn) return unknown(`operator ${e.operator} is not evaluated`);
        const l = next(e.left);
        const r = next(e.right);
        // Bicep's + is numeric only; a string on either side is a type error, not concatenation.
        return callWithValues(fn, [l, r], env);
      }
    }
  }

  /** `[for x in list: body]` / `[for (x, i) in list: if (c) body]`: expanded when the list is known. */
  private loop(e: Extract<Expression, { kind: 'for' }>, env: BicepEnv, path: NodePath | undefined, depth: number): Value {
    const list = this.evaluate(e.iterable, env, undefined, depth + 1);
    if (isUnknown(list)) return unknown(`the loop collection could not be resolved (${list.reason})`);
    const items = loopItems(list);
    if (isUnknown(items)) return items;
    const out: Value[] = [];
    if (!env.identity) env.symbols.record(out, e, path, env);
    for (let i = 0; i < items.length; i++) {
      const bound: [string, Value][] = [[e.item.name, items[i]]];
      if (e.index) bound.push([e.index.name, i]);
      const inner: BicepEnv = { ...env, locals: new Map([...env.locals, ...bound]) };
      if (e.body.kind === 'if') {
        const c = this.evaluate(e.body.condition, inner, undefined, depth + 1);
        if (c === false) continue;
        if (c !== true) return unknown(`the loop filter could not be decided (${isUnknown(c) ? c.reason : 'not a boolean'})`);
        out.push(this.evaluate(e.body.body, inner, path, depth + 1));
      } else {
        out.push(this.evaluate(e.body, inner, path, depth + 1));
      }
    }
    return out;
  }
}

/**
 * Whether evaluating `e` reads the path it is given: only objects, arrays and loops record
 * one (through parentheses and `!`). A string or a call does not, so its path is not made
 * (most values of a resource body are such leaves).
 */
function takesPath(e: Expression): boolean {
  switch (e.kind) {
    case 'object':
    case 'array':
    case 'for':
    case 'paren':
    case 'nonNull':
      return true;
    default:
      return false;
  }
}

/** A loop's collection: an array, or `range()`'s result; an integer count is not Bicep. */
export function loopItems(list: Value): Value[] | ReturnType<typeof unknown> {
  if (!Array.isArray(list)) return unknown('the loop collection is not an array');
  if (list.length > MAX_LOOP_COUNT) return unknown(`the loop has ${list.length} items, more than the ${MAX_LOOP_COUNT} allowed`);
  return list;
}
