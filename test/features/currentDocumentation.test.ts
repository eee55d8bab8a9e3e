// Templates written exactly as Microsoft's current pages describe them analyse clean: the
// required NSG entries of the ASEv2 networking page, and the forced-tunnel setup of the
// forced-tunnel page (issue 11). Every rule runs, in ARM and in Bicep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { BICEP_URI, TEMPLATE_URI, hostOf } from '../support/tester';
import { armTwin, bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { explainAt } from '../../server/src/query/explain';
import { documentedDetail } from '../../server/src/rules/support/forcedTunnel';

const subnet = '10.0.1.0/24';
/** The ASEv2 page's required entries, as it lists them, with a deny-all behind the outbound ones. */
const documentedNsg: RuleSpec[] = [
  { name: 'Management', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' },
  { name: 'LoadBalancer', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '16001' },
  { name: 'AseSubnetIn', priority: 120, direction: 'Inbound', access: 'Allow', source: subnet, destination: subnet },
  { name: 'Dns', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Udp', ports: '53' },
  { name: 'Ntp', priority: 110, direction: 'Outbound', access: 'Allow', protocol: 'Udp', ports: '123' },
  { name: 'Web', priority: 120, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', portsList: ['80', '443'] },
  { name: 'Sql', priority: 130, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: 'Sql', ports: '1433' },
  { name: 'Monitoring', priority: 140, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', ports: '12000' },
  { name: 'AseSubnetOut', priority: 150, direction: 'Outbound', access: 'Allow', source: subnet, destination: subnet },
  { name: 'DenyAllOutbound', priority: 4096, direction: 'Outbound', access: 'Deny' },
];

/** The forced-tunnel page's setup: the management addresses to Internet, the rest to a firewall, Sql and Storage endpoints. */
const forcedTunnel: TwinSpec = {
  routes: [
    ['management', 'AppServiceManagement', 'Internet'],
    ['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4'],
  ],
  serviceEndpoints: ['Microsoft.Sql', 'Microsoft.Storage'],
};

function findings(spec: TwinSpec, language: 'arm' | 'bicep') {
  const analysis = language === 'arm' ? analyze(TEMPLATE_URI, armTwin(spec), hostOf()) : analyze(BICEP_URI, bicepTwin(spec), hostOf());
  assert.deepEqual(analysis.failures, []);
  return analysis.findings;
}

/** Errors and warnings, the retirement of ASEv2 (ASE901) aside. */
const alarms = (fs: ReturnType<typeof findings>) => fs.filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.code !== 'ASE901').map((f) => `${f.code}: ${f.message}`);

for (const language of ['arm', 'bicep'] as const) {
  test(`${language}: an ASEv2 NSG written as the current ASEv2 page lists its required entries has no error or warning`, () => {
    const fs = findings({ rules: documentedNsg }, language);
    assert.deepEqual(alarms(fs), []);
    // What the page leaves out of its required entries, Sql's redirect ports, is information.
    assert.deepEqual(
      fs.filter((f) => f.code === 'ASE202').map((f) => f.severity),
      ['information'],
    );
  });

  test(`${language}: the forced-tunnel setup of the current page has no error or warning; without the service endpoints it is ASE301`, () => {
    assert.deepEqual(alarms(findings({ ...forcedTunnel, rules: documentedNsg }, language)), []);
    const without = findings({ ...forcedTunnel, serviceEndpoints: undefined, rules: documentedNsg }, language);
    assert.deepEqual(alarms(without).map((a) => a.slice(0, 6)), ['ASE301']);
  });
}

test('the explain panel counts the documented forced-tunnel setup as allowed, and the same routes without the endpoints as blocked', () => {
  const status = (spec: TwinSpec) => {
    const analysis = analyze(TEMPLATE_URI, armTwin(spec), hostOf());
    const route = explainAt(analysis, { uri: TEMPLATE_URI }).ases[0].dependencies.find((d) => d.code === 'ASE301');
    return [route?.status, route?.detail];
  };
  assert.deepEqual(status(forcedTunnel), ['allowed', documentedDetail]);
  assert.deepEqual(status({ ...forcedTunnel, serviceEndpoints: undefined }), ['blocked', "blocked by route 'default' (0.0.0.0/0 → VirtualAppliance)"]);
});
