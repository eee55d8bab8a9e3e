import { ipBasedSslApps } from './support/apps';
import type { AppServiceEnvironment, NetworkModel } from '../model/types';
import { isUnknown } from '../core/value';
import { subnetEndpoint, type AseSite } from './support/aseSite';
import { requirementRule } from './support/requirements';

/**
 * Whether an app certainly hosted on the ASE certainly uses IP-based SSL (directly or
 * through its plan). An app, plan or `hostNameBindings` child whose `condition` cannot be
 * decided may not be deployed, so it does not count: UNKNOWN never widens the ports.
 */
function hasIpBasedSslApp(model: NetworkModel, ase: AppServiceEnvironment): boolean {
  return ipBasedSslApps(model, ase).length > 0;
}

/**
 * The ports the load balancer must reach: 454, 455 and 16001 always; an External ASE
 * also serves 80 and 443 through it; with IP-based SSL apps, every port.
 */
function loadBalancerPorts(site: AseSite, model: NetworkModel): string {
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

Decision: an ILB ASE, or one whose mode cannot be resolved, is held to the minimum (454, 455, 16001). An IP-based SSL app counts only when it is certainly deployed: when the \`condition\` of the app, of the plan that places it on the ASE, or of the \`hostNameBindings\` child that sets IP-based SSL cannot be decided, the ASE is held to the ports it needs either way (80, 443, 454, 455, 16001 for an External ASE), and the other ports are not checked. The quick fix inserts the documented rule: allow \`AzureLoadBalancer\` to \`*\` on every port and protocol, ahead of the rule that blocks it.`,
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
        // The documented rule: the load balancer on every port and protocol, not only those checked.
        opens: [{ direction: 'Inbound', protocol: '*', source: { tag: 'AzureLoadBalancer' }, destination: subnetEndpoint(site), destinationPorts: '*' }],
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
