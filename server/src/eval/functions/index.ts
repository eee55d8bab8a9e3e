import { cidrFunctions } from './cidr';
import { collectionFunctions } from './collections';
import { deploymentFunctions } from './deployment';
import { formatFunctions } from './format';
import { lambdaFunctions } from './lambda';
import { logicalFunctions } from './logical';
import { numericFunctions } from './numeric';
import { objectFunctions } from './objects';
import { resourceFunctions } from './resources';
import { runtimeFunctions, runtimeOnly } from './runtime';
import { stringFunctions } from './strings';
import type { FunctionDef } from './types';

// Built once from constant tables; read-only afterwards. Names are case-insensitive.
const TABLE: Record<string, FunctionDef> = {
  ...runtimeFunctions,
  ...cidrFunctions,
  ...collectionFunctions,
  ...deploymentFunctions,
  ...formatFunctions,
  ...lambdaFunctions,
  ...logicalFunctions,
  ...numericFunctions,
  ...objectFunctions,
  ...resourceFunctions,
  ...stringFunctions,
};
const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(Object.entries(TABLE).map(([name, def]) => [name.toLowerCase(), def]));
/** The same, by the spelling of the documentation, which nearly every template uses: found without lower-casing the name. */
const AS_DOCUMENTED: ReadonlyMap<string, FunctionDef> = new Map(Object.entries(TABLE));

/** The built-in function called `name` (any case), or undefined when we do not evaluate it. */
export function lookupFunction(name: string): FunctionDef | undefined {
  const documented = AS_DOCUMENTED.get(name);
  if (documented) return documented;
  const lower = name.toLowerCase();
  const def = FUNCTIONS.get(lower);
  if (def) return def;
  // listKeys, listSecrets, listConnectionStrings…: every list* is a run-time lookup.
  return lower.startsWith('list') ? runtimeOnly : undefined;
}

/** Every function name we evaluate, lower-cased (for completion lists and docs). */
export function knownFunctionNames(): string[] {
  return [...FUNCTIONS.keys()].sort();
}
