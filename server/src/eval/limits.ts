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

/**
 * What one analysis may spend in all, in the units above plus one per template value
 * converted and per resource instance declared: nested deployments, copy loops, Bicep
 * loops and modules, and every expression share it. A template that asks for more (a
 * copy loop in each of several nested deployments multiplies: a kilobyte can ask for
 * billions of instances) is not analysed further, and says so once (ASE902). The largest
 * generated benchmark template (10 MB of ARM) spends a fifth of it, the largest template
 * of the real-world corpus 1.5%.
 */
export const MAX_ANALYSIS_WORK = 4_000_000;

/**
 * What one instance of a copy or `for` loop of resources or modules costs before anything
 * in it is evaluated: declaring, typing and linking a resource costs as much as
 * evaluating a few dozen values, and it is what nested loops multiply.
 */
export const INSTANCE_WORK = 25;

/** What parsing a file costs, per character: a linked template or a module is parsed again for each instance deploying it. */
export function parseWork(text: string): number {
  return Math.ceil(text.length / 64);
}

export const BUDGET_EXHAUSTED =
  'the template expands into more work than the analyser does for one template (nested deployments, copy loops and expressions together): it is not checked, and no rule reports on it';

/** The work budget of one analysis, shared by everything that evaluates for it. */
export class AnalysisBudget {
  private spent = 0;

  constructor(readonly limit = MAX_ANALYSIS_WORK) {}

  /** Counts `units` of work; false once the budget is spent. */
  spend(units = 1): boolean {
    this.spent += units;
    return this.spent <= this.limit;
  }

  get exhausted(): boolean {
    return this.spent > this.limit;
  }

  /** What was spent so far (for the benchmark and the tests). */
  get used(): number {
    return this.spent;
  }
}
