import { servesAppsPublicly } from './support/apps';
import { aseSites, displayName, subnetEndpoint, type AseSite } from './support/aseSite';
import { checkRequirement, firstBlocked, registerRequirementRule, type Requirement, type RequirementRule } from './support/requirements';
import type { Finding } from '../core/findings';

function fromInternet(site: AseSite, ports: string): Requirement['flows'] {
  return [{ direction: 'Inbound', protocol: 'Tcp', source: { tag: 'Internet' }, destination: subnetEndpoint(site), destinationPorts: ports }];
}

const kudu = 'and portal features that go through the SCM (Kudu) site stop working';

function http(site: AseSite): Requirement {
  return {
    flows: fromInternet(site, '80'),
    what: 'TCP 80 from Internet',
    consequence: `clients outside the network cannot reach the apps of External ASE ${displayName(site.ase.name)} over HTTP`,
  };
}

function https(site: AseSite): Requirement {
  return {
    flows: fromInternet(site, '443'),
    what: 'TCP 443 from Internet',
    consequence: `clients outside the network cannot reach the apps of External ASE ${displayName(site.ase.name)} over HTTPS, ${kudu}`,
  };
}

function both(site: AseSite): Requirement {
  return {
    flows: fromInternet(site, '80,443'),
    what: 'TCP 80 and 443 from Internet',
    consequence: `clients outside the network cannot reach the apps of External ASE ${displayName(site.ase.name)}, ${kudu}`,
  };
}

export const inboundAppAccess: RequirementRule = registerRequirementRule({
  code: 'ASE104',
  name: 'inbound-app-access',
  title: "An External ASE's apps are reachable from outside only when its subnet lets TCP 80 and 443 in from the internet.",
  severity: 'information',
  appliesTo: 'any',
  docs: `An External ASE serves its apps on its public VIP, on TCP 80 and 443. When the subnet's NSG blocks either port from \`Internet\`, clients outside the network cannot reach the apps; blocking 443 also breaks the portal features that go through the app's SCM (Kudu) site (WebJobs, Functions, log streaming, the console).

This can be what you want (apps published only through an application gateway or a firewall), so it is reported as information, once per blocking rule, with no quick fix. Any part of the internet being denied counts: an NSG that admits only some client ranges is reported too, and the message names the part that is denied.

Decision: the catalogue files this rule under ASEv1/v2, but an External ASEv3 receives its app traffic through the subnet's NSG the same way, so every version is checked. An ASE whose ILB mode is \`Publishing\` keeps its web traffic on the public VIP (only FTP and deployment move to the ILB) and is checked as External; an ILB mode that cannot be resolved is not checked.`,
  requirements(site) {
    return servesAppsPublicly(site.ase) ? [http(site), https(site)] : [];
  },
  check(model) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const site of aseSites(model)) {
      if (!servesAppsPublicly(site.ase)) continue;
      const blocks80 = firstBlocked(site, http(site));
      const blocks443 = firstBlocked(site, https(site));
      // One finding when the same rule closes both ports, so a deny-all is one note, not two.
      const requirements =
        blocks80 && blocks443 && blocks80.rule === blocks443.rule
          ? [both(site)]
          : [...(blocks80 ? [http(site)] : []), ...(blocks443 ? [https(site)] : [])];
      for (const requirement of requirements) {
        const f = checkRequirement(site, requirement);
        if (!f) continue;
        const key = `${f.at.uri}|${f.at.range.start.line}:${f.at.range.start.character}|${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    }
    return out;
  },
});
