import { isUnknown, unknown } from '../../core/value';
import {
  dependsOnSymbols,
  deploymentValue,
  environmentValue,
  isSymbolic,
  managementGroupValue,
  resourceGroupValue,
  subscriptionValue,
  tenantValue,
} from '../../core/symbolic';
import { isInteger, typeError } from './args';
import { eager, type FunctionTable } from './types';

/**
 * What the template and the deployment provide. parameters() and variables() hand back
 * exactly the value the scope holds: the ARM front end recognises those objects by
 * identity to map them back to their JSON text.
 */
export const deploymentFunctions: FunctionTable = {
  parameters: eager(1, 1, ([name], ctx) => {
    if (typeof name !== 'string') return typeError(ctx.name, 0, 'a string', name);
    if (isSymbolic(name)) return dependsOnSymbols('the parameter name', name);
    return ctx.scope.parameter(name);
  }),
  variables: eager(1, 1, ([name], ctx) => {
    if (typeof name !== 'string') return typeError(ctx.name, 0, 'a string', name);
    if (isSymbolic(name)) return dependsOnSymbols('the variable name', name);
    return ctx.scope.variable(name);
  }),
  // copyIndex(), copyIndex(offset), copyIndex('loop'), copyIndex('loop', offset)
  copyIndex: eager(0, 2, (args, ctx) => {
    let loop: string | undefined;
    let offset = 0;
    if (args.length === 2) {
      if (typeof args[0] !== 'string') return typeError(ctx.name, 0, 'a loop name', args[0]);
      if (!isInteger(args[1])) return typeError(ctx.name, 1, 'an integer offset', args[1]);
      [loop, offset] = [args[0], args[1]];
    } else if (args.length === 1) {
      if (typeof args[0] === 'string') loop = args[0];
      else if (isInteger(args[0])) offset = args[0];
      else return typeError(ctx.name, 0, 'a loop name or an integer offset', args[0]);
    }
    const index = ctx.scope.copyIndex(loop);
    if (isUnknown(index)) return index;
    if (!isInteger(index)) return unknown(`${ctx.name}(): the loop index is not an integer`);
    return index + offset;
  }),
  resourceGroup: eager(0, 0, (_args, ctx) => resourceGroupValue(ctx.target)),
  subscription: eager(0, 0, (_args, ctx) => subscriptionValue(ctx.target)),
  managementGroup: eager(0, 1, (args, ctx) =>
    args.length === 0 ? managementGroupValue(ctx.target) : unknown(`${ctx.name}() with an argument is not evaluated`),
  ),
  tenant: eager(0, 0, (_args, ctx) => tenantValue(ctx.target)),
  deployment: eager(0, 0, (_args, ctx) => deploymentValue(ctx.target)),
  environment: eager(0, 0, () => environmentValue()),
};
