import { portsOf, rowById } from '../knowledge/ports';
import { servesAppsPublicly } from './support/apps';
import { aseSites, displayName, subnetEndpoint, type AseSite } from './support/aseSite';
import { checkRequirement, firstBlocked, type Requirement, type RequirementRule } from './support/requirements';
import type { Finding } from '../core/findings';

function fromInternet(site: AseSite, ports: string): Requirement['flows'] {
  return [{ direction: 'Inbound', protocol: 'Tcp', source: { tag: 'Internet' }, destination: subnetEndpoint(site), destinationPorts: ports }];
}

/** The apps' ports as the table lists them: HTTP, then HTTPS. */
const apps = rowById('app-http');
const [httpPort, httpsPort] = portsOf(apps);

const kudu = 'and portal features that go through the SCM (Kudu) site stop working';

function http(site: AseSite): Requirement {
  return {
    flows: fromInternet(site, httpPort),
    what: `TCP ${httpPort} from Internet`,
    consequence: `clients outside the network cannot reach the apps of External ASE ${displayName(site.ase.name)} over HTTP`,
  };
}

function https(site: AseSite): Requirement {
  return {
    flows: fromInternet(site, httpsPort),
    what: `TCP ${httpsPort} from Internet`,
    consequence: `clients outside the network cannot reach the apps of External ASE ${displayName(site.ase.name)} over HTTPS, ${kudu}`,
  };
}

function both(site: AseSite): Requirement {
  return {
    flows: fromInternet(site, apps.ports),
    what: `TCP ${httpPort} and ${httpsPort} from Internet`,
    consequence: `clients outside the network cannot reach the apps of External ASE ${displayName(site.ase.name)}, ${kudu}`,
  };
}

// The check, ASE902's hints and the hovers ask each site for these: made once per site (a
// site belongs to one model, read-only once built), so the NSG evaluator is asked the same
// flow objects, whose verdicts it keeps for the model.
const made = new WeakMap<AseSite, { http: Requirement; https: Requirement }>();

function requirementsOf(site: AseSite): { http: Requirement; https: Requirement } {
  let r = made.get(site);
  if (!r) made.set(site, (r = { http: http(site), https: https(site) }));
  return r;
}

export const inboundAppAccess: RequirementRule = {
  code: 'ASE104',
  name: 'inbound-app-access',
  title: "An External ASE's apps are reachable from outside only when its subnet lets TCP 80 and 443 in from the internet.",
  severity: 'information',
  appliesTo: 'any',
  reads: ['ase.kind', 'ase.subnet', 'ase.ilbMode', 'subnet.prefix', 'subnet.nsg', 'subnet.routeTable', 'vnet.addressSpace', 'vnet.subnets', 'nsg.rules', 'routeTable.routes'],
  requirements(site) {
    if (!servesAppsPublicly(site.ase)) return [];
    const { http, https } = requirementsOf(site);
    return [http, https];
  },
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    // Indexed loops: the check runs once per analysis, mostly before it is optimised, where an iterator makes an object per step.
    const sites = aseSites(model);
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      if (!servesAppsPublicly(site.ase)) continue;
      const { http, https } = requirementsOf(site);
      const blocks80 = firstBlocked(site, http);
      const blocks443 = firstBlocked(site, https);
      // One finding when the same rule closes both ports, so a deny-all is one note, not two.
      const requirements =
        blocks80 && blocks443 && blocks80.rule === blocks443.rule
          ? [both(site)]
          : [...(blocks80 ? [http] : []), ...(blocks443 ? [https] : [])];
      for (let j = 0; j < requirements.length; j++) {
        const f = checkRequirement(site, requirements[j]);
        if (!f) continue;
        const key = `${f.at.uri}|${f.at.range.start.line}:${f.at.range.start.character}|${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    }
    return out;
  },
};
