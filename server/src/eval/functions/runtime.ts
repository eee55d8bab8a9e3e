import { unknown } from '../../core/value';
import { eagerWithUnknowns, type EagerFunction, type FunctionTable } from './types';

/**
 * Functions whose value only exists at deployment time (hashes, clocks, secrets, the
 * resource provider registry). Every list* function is handled the same way by name.
 */
export const runtimeOnly: EagerFunction = eagerWithUnknowns(0, Infinity, (_args, ctx) =>
  unknown(`${ctx.name}() is known only at deployment time`),
);

export const runtimeFunctions: FunctionTable = Object.fromEntries(
  ['uniqueString', 'guid', 'newGuid', 'utcNow', 'listKeys', 'pickZones', 'providers', 'deployer'].map(
    (name) => [name, runtimeOnly],
  ),
);
