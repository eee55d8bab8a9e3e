import { appsIn } from './support/apps';
import { isUnknown } from '../core/value';
import { displayName } from './support/aseSite';
import { aseRelated } from './support/ilb';
import type { Rule } from './types';
import type { Finding } from '../core/findings';

export const ilbIpSsl: Rule = {
  code: 'ASE503',
  name: 'ilb-ip-ssl',
  title: 'Apps in an ILB ASE cannot use IP-based SSL or addresses of their own.',
  severity: 'error',
  appliesTo: 'any',
  reads: ['ase.ilbMode', 'ase.settings', 'plans', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const ase of model.ases) {
      if (isUnknown(ase.condition) || isUnknown(ase.ilbMode) || ase.ilbMode === 'None') continue;
      const related = aseRelated(model, ase);
      const count = ase.ipsslAddressCount;
      if (count && typeof count.value === 'number' && count.value > 0) {
        out.push({
          message: `ILB ASE ${displayName(ase.name)} asks for ${count.value} app-assigned IP address${count.value === 1 ? '' : 'es'} (ipsslAddressCount): an ILB ASE has only its internal address, so Azure rejects the ASE`,
          at: count.ref,
          related,
        });
      }
      for (const app of appsIn(model, ase)) {
        for (const at of app.ipBasedSsl) {
          const finding: Finding = {
            message: `App ${displayName(app.name)} in ILB ASE ${displayName(ase.name)} uses IP-based SSL: an ILB ASE cannot give an app an address of its own, so the binding fails (use SNI SSL)`,
            at,
            related: [...related, { message: `App ${displayName(app.name)}`, at: app.ref }],
          };
          if (at.path) finding.fix = { title: 'Use SNI SSL (SniEnabled)', changes: [{ op: 'setProperty', at, path: [], value: 'SniEnabled' }] };
          out.push(finding);
        }
      }
    }
    return out;
  },
};

