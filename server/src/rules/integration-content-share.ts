import type { Finding } from '../core/findings';
import type { Endpoint, Flow } from '../core/flow';
import { isUnknown } from '../core/value';
import { contentShareStorage } from '../knowledge/integration';
import { displayName, integrationsBySubnet, nsgContextOf } from './support/aseSite';
import { checkRequirement } from './support/requirements';
import { contentShareOverVnet } from './support/routing';
import type { Rule } from './types';

/**
 * An app that reaches its content share through its VNet Integration needs TCP 443 and 445
 * to `Storage` through the integration subnet's NSG: without them it cannot mount its
 * files, and it does not start.
 */
export const integrationContentShare: Rule = {
  code: 'ASE713',
  name: 'integration-content-share',
  title: "An app whose content share goes through its VNet Integration needs TCP 443 and 445 to Storage through the integration subnet's NSG.",
  severity: 'error',
  appliesTo: 'any',
  reads: ['subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'subnet.users', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes', 'sites'],
  check(model) {
    const out: Finding[] = [];
    for (const [subnet, users] of integrationsBySubnet(model)) {
      const apps = users.filter((u) => u.site && contentShareOverVnet(u.site) === true);
      if (apps.length === 0) continue;
      const attached = subnet.networkSecurityGroup;
      if (!attached) continue;
      const nsg = attached.target;
      if (!nsg || isUnknown(nsg.condition)) continue;
      const prefixes = subnet.addressPrefixes;
      const source: Endpoint = isUnknown(prefixes) ? prefixes : { prefixes: prefixes.map((p) => p.value) };
      const flows: Flow[] = contentShareStorage.ports.map((port) => ({
        direction: 'Outbound',
        protocol: contentShareStorage.protocol,
        source,
        destination: { tag: contentShareStorage.destination },
        destinationPorts: port,
      }));
      const names = apps.map((u) => displayName(u.site!.name)).filter((n, i, all) => all.indexOf(n) === i);
      const finding = checkRequirement(
        {
          nsg,
          nsgContext: nsgContextOf(subnet),
          related: [
            ...apps.map((u) => ({ message: `App ${displayName(u.site!.name)}, which reaches its content share through the VNet`, at: u.site!.ref })),
            { message: `The integration subnet ${displayName(subnet.subnetName)}`, at: subnet.ref, context: true as const },
          ],
        },
        {
          flows,
          what: `${contentShareStorage.protocol.toUpperCase()} ${contentShareStorage.ports.join(' and ')} to ${contentShareStorage.destination}`,
          consequence: `${names.length > 1 ? `apps ${names.join(', ')} reach their content share` : `app ${names[0]} reaches its content share`} through the VNet and cannot mount it, so ${names.length > 1 ? 'they do' : 'it does'} not start`,
          fixTitle: `Allow ${contentShareStorage.destination} outbound on ports ${contentShareStorage.ports.join(' and ')}`,
          allow: {
            name: 'AllowStorageContentShare',
            direction: 'Outbound',
            protocol: contentShareStorage.protocol,
            source: '*',
            destination: contentShareStorage.destination,
            ports: [...contentShareStorage.ports],
          },
        },
      );
      if (finding) out.push(finding);
    }
    return out;
  },
};
