import type { AppServiceEnvironment, NetworkModel } from '../model/types';
import { isUnknown } from '../model/value';
import { subnetEndpoint, type AseSite } from './context';
import { requirementRule } from './flow';

/** Apps hosted on the ASE that use IP-based SSL (directly or through their plan). */
export function hasIpBasedSslApp(model: NetworkModel, ase: AppServiceEnvironment): boolean {
  return model.sites.some(
    (site) =>
      site.ipBasedSsl.length > 0 &&
      (site.hostingEnvironment?.target === ase || site.plan?.target?.hostingEnvironment?.target === ase),
  );
}

/**
 * The ports the load balancer must reach: 454, 455 and 16001 always; an External ASE
 * also serves 80 and 443 through it; with IP-based SSL apps, every port.
 */
export function loadBalancerPorts(site: AseSite, model: NetworkModel): string {
  const external = !isUnknown(site.ase.ilbMode) && site.ase.ilbMode === 'None';
  if (external && hasIpBasedSslApp(model, site.ase)) return '*';
  return external ? '80,443,454-455,16001' : '454-455,16001';
}

export const inboundLoadBalancer = requirementRule(
  {
    code: 'ASE102',
    name: 'inbound-load-balancer',
    title: 'The ASE subnet must accept traffic from the Azure load balancer.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    docs: `Azure's load balancer probes an ASEv1/v2 from \`AzureLoadBalancer\` (168.63.129.16). It needs at least TCP 454, 455 and 16001 (the keep-alive port); an External ASE also receives its app traffic (80 and 443) through it, and when any app uses IP-based SSL the ports are not known in advance, so all of them must be open. When the subnet's NSG blocks these, the ASE is taken out of service.

Decision: an ILB ASE, or one whose mode cannot be resolved, is held to the minimum (454, 455, 16001). The quick fix inserts the documented rule: allow \`AzureLoadBalancer\` to \`*\` on every port and protocol, ahead of the rule that blocks it.`,
  },
  (site, model) => {
    const ports = loadBalancerPorts(site, model);
    return [
      {
        flows: [
          {
            direction: 'Inbound',
            protocol: 'Tcp',
            source: { tag: 'AzureLoadBalancer' },
            destination: subnetEndpoint(site),
            destinationPorts: ports,
          },
        ],
        what: `TCP ${ports === '*' ? 'on every port' : ports} from AzureLoadBalancer`,
        consequence: 'the load balancer cannot reach the ASE, which then stops serving and being managed',
        fixTitle: 'Allow AzureLoadBalancer inbound',
        allow: {
          name: 'AllowAzureLoadBalancerInbound',
          direction: 'Inbound',
          protocol: '*',
          source: 'AzureLoadBalancer',
          destination: '*',
          ports: ['*'],
        },
      },
    ];
  },
);
