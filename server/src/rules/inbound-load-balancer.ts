import { rowById } from '../knowledge/ports';
import { ipBasedSslApps } from './support/apps';
import type { AppServiceEnvironment, NetworkModel } from '../model/types';
import { isUnknown } from '../core/value';
import { subnetEndpoint, type AseSite } from './support/aseSite';
import { requirementRule } from './support/requirements';

const loadBalancer = rowById('inbound-load-balancer');
const apps = rowById('app-http');

/**
 * Whether an app certainly hosted on the ASE certainly uses IP-based SSL (directly or
 * through its plan). An app, plan or `hostNameBindings` child whose `condition` cannot be
 * decided may not be deployed, so it does not count: UNKNOWN never widens the ports.
 */
function hasIpBasedSslApp(model: NetworkModel, ase: AppServiceEnvironment): boolean {
  return ipBasedSslApps(model, ase).length > 0;
}

/**
 * The ports the load balancer must reach: its row's minimum (454, 455 and 16001) always;
 * an External ASE also serves its apps' ports (80 and 443) through it; with IP-based SSL
 * apps, every port.
 */
function loadBalancerPorts(site: AseSite, model: NetworkModel): string {
  const external = !isUnknown(site.ase.ilbMode) && site.ase.ilbMode === 'None';
  if (external && hasIpBasedSslApp(model, site.ase)) return '*';
  const minimum = loadBalancer.minimumPorts ?? loadBalancer.ports;
  return external ? `${apps.ports},${minimum}` : minimum;
}

export const inboundLoadBalancer = requirementRule(
  {
    code: 'ASE102',
    name: 'inbound-load-balancer',
    title: 'The ASE subnet must accept traffic from the Azure load balancer.',
    severity: 'error',
    appliesTo: ['v1', 'v2'],
    reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes', 'plans', 'sites'],
  },
  (site, model) => {
    const ports = loadBalancerPorts(site, model);
    return [
      {
        flows: [
          {
            direction: 'Inbound',
            protocol: 'Tcp',
            source: { tag: loadBalancer.source },
            destination: subnetEndpoint(site),
            destinationPorts: ports,
          },
        ],
        what: `TCP ${ports === '*' ? 'on every port' : ports} from ${loadBalancer.source}`,
        consequence: 'the load balancer cannot reach the ASE, which then stops serving and being managed',
        fixTitle: `Allow ${loadBalancer.source} inbound`,
        // The documented rule: the load balancer on every port and protocol, not only those checked.
        opens: [{ direction: 'Inbound', protocol: loadBalancer.protocol, source: { tag: loadBalancer.source }, destination: subnetEndpoint(site), destinationPorts: loadBalancer.ports }],
        allow: {
          name: 'AllowAzureLoadBalancerInbound',
          direction: 'Inbound',
          protocol: loadBalancer.protocol,
          source: loadBalancer.source,
          destination: '*',
          ports: [loadBalancer.ports],
        },
      },
    ];
  },
);
