import { isUnknown, unknown } from '../../core/value';
import { callSymbol } from '../../core/symbolic';
import { typeError } from './args';
import { eager, eagerWithUnknowns, type EagerFunction, type FunctionTable } from './types';

/**
 * Functions whose value only exists at deployment time (the resource provider registry,
 * keys and secrets, zones, the deploying principal). Every list* function is handled the
 * same way by name.
 */
export const runtimeOnly: EagerFunction = eagerWithUnknowns(0, Infinity, (_args, ctx) =>
  unknown(`${ctx.name}() is known only at deployment time`),
);

/**
 * A deterministic hash of its arguments (`uniqueString`, `guid`): unknown until the
 * deployment, but the same arguments give the same value, so it is a symbol named by the
 * call (see callSymbol). Arguments must be strings, as ARM requires.
 */
function hash(name: string): EagerFunction {
  return eager(1, Infinity, (args, ctx) => {
    for (let i = 0; i < args.length; i++) if (typeof args[i] !== 'string') return typeError(ctx.name, i, 'a string', args[i]);
    return callSymbol(name, args);
  });
}

/**
 * `newGuid()` and `utcNow(format)`: allowed only in a parameter's default value, where
 * the deployment evaluates them once. A symbol named by the call; the front ends qualify
 * it with the parameter (see qualifyFresh), so two parameters defaulting to `newGuid()`
 * stay two values.
 */
function fresh(name: string, max: number): EagerFunction {
  return eagerWithUnknowns(0, max, (args, ctx) => {
    const u = args.find(isUnknown);
    if (u) return u;
    if (args.length > 0 && typeof args[0] !== 'string') return typeError(ctx.name, 0, 'a format string', args[0]);
    return callSymbol(name, args);
  });
}

export const runtimeFunctions: FunctionTable = {
  ...Object.fromEntries(['listKeys', 'pickZones', 'providers', 'deployer'].map((name) => [name, runtimeOnly])),
  uniqueString: hash('uniqueString'),
  guid: hash('guid'),
  newGuid: fresh('newGuid', 0),
  utcNow: fresh('utcNow', 1),
};
