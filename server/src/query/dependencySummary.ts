import type { ExplainDependency } from './protocol';

/**
 * "7 dependencies: 6 allowed, 1 blocked" (and ", 2 unknown" when some are): how the
 * code lens and the picker's overview entry count an ASE's dependencies.
 */
export function dependencySummary(deps: readonly Pick<ExplainDependency, 'status'>[]): string {
  const count = (s: ExplainDependency['status']) => deps.filter((d) => d.status === s).length;
  const unknown = count('unknown');
  const parts = [`${count('allowed')} allowed`, `${count('blocked')} blocked`, ...(unknown > 0 ? [`${unknown} unknown`] : [])];
  return `${deps.length} ${deps.length === 1 ? 'dependency' : 'dependencies'}: ${parts.join(', ')}`;
}
