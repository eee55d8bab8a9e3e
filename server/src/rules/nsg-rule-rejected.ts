import type { Finding } from '../core/findings';
import { nsgPriorityRange } from '../knowledge/nsgPriorities';
import { displayName } from './support/aseSite';
import { priorityConflicts } from './support/priorities';
import type { Rule } from './types';

/**
 * Azure refuses an NSG two of whose rules share a priority and a direction, or one whose
 * priority lies outside the accepted range; the deployment fails with everything in it.
 * Every NSG of the analysed files, whatever it guards. The same check keeps quick fixes
 * from writing such a priority (engine/safeFixes.ts).
 */
export const nsgRuleRejected: Rule = {
  code: 'ASE108',
  name: 'nsg-rule-rejected',
  title: 'Two rules of an NSG must not share a priority and a direction, and every priority must lie between 100 and 4096.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['nsg.rules'],
  check(model) {
    const out: Finding[] = [];
    const { lowest, highest } = nsgPriorityRange;
    // Indexed: the check runs once per analysis, mostly before it is optimised, where an iterator makes an object per step.
    const nsgs = model.nsgs;
    for (let i = 0; i < nsgs.length; i++) {
      const nsg = nsgs[i];
      if (nsg.existing) continue;
      const nsgRelated = { message: `NSG ${displayName(nsg.name)}`, at: nsg.ref, context: true as const };
      for (const c of priorityConflicts(nsg)) {
        const at = c.rule.priorityRef ?? c.rule.ref;
        if (c.problem === 'outOfRange') {
          out.push({
            message: `Rule ${displayName(c.rule.name)} of NSG ${displayName(nsg.name)} has priority ${c.priority}, outside the ${lowest}-${highest} Azure accepts: Azure refuses the NSG, and the deployment fails with everything in it`,
            at,
            related: [nsgRelated],
          });
        } else {
          out.push({
            message: `Rules ${displayName(c.by.name)} and ${displayName(c.rule.name)} of NSG ${displayName(nsg.name)} both have priority ${c.priority} for ${String(c.rule.direction).toLowerCase()} traffic: Azure refuses the NSG (SecurityRuleConflict), and the deployment fails with everything in it`,
            at,
            related: [{ message: `Rule ${displayName(c.by.name)} has priority ${c.priority} already`, at: c.by.priorityRef ?? c.by.ref }, nsgRelated],
          });
        }
      }
    }
    return out;
  },
};
