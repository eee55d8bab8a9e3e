// ASE201-ASE206: the outbound dependencies of an ASEv1/v2, one table each.
import { outboundDns } from '../../server/src/rules/outbound-dns';
import { outboundHttps } from '../../server/src/rules/outbound-https';
import { outboundIntraSubnet } from '../../server/src/rules/outbound-intra-subnet';
import { outboundNtpMonitoring } from '../../server/src/rules/outbound-ntp-monitoring';
import { outboundSql } from '../../server/src/rules/outbound-sql';
import { outboundStorage } from '../../server/src/rules/outbound-storage';
import { ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore } from '../support/bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';

const denyOut = nsgRule('DenyAllOutbound', { priority: 4096, direction: 'Outbound', access: 'Deny' }, true);
const denyInternet = nsgRule('DenyInternet', { priority: 4000, direction: 'Outbound', access: 'Deny', destination: 'Internet' }, true);
const blocked = (what: string, consequence: string, rule = "rule 'DenyAllOutbound', priority 4096", part?: string) =>
  `NSG 'ase-nsg' blocks ${what} (${rule}${part ? `, denies ${part}` : ''}): ${consequence}`;
const out = (name: string, p: { protocol: string; ports: string[]; destination: string; source?: string }, priority = 4090) =>
  allowRule(name, { source: p.source ?? '*', priority, direction: 'Outbound', ...p });
const allowOut = (name: string, priority: number, destination: string, ports: string, protocol = 'Tcp') =>
  nsgRule(name, { priority, direction: 'Outbound', access: 'Allow', protocol, destination, ports });
// The same rules for the Bicep twins.
const denyOutSpec: RuleSpec = { name: 'DenyAllOutbound', priority: 4096, direction: 'Outbound', access: 'Deny' };
const denyInternetSpec: RuleSpec = { name: 'DenyInternet', priority: 4000, direction: 'Outbound', access: 'Deny', destination: 'Internet' };
const allowOutSpec = (name: string, priority: number, destination: string, ports: string, protocol = 'Tcp'): RuleSpec => ({ name, priority, direction: 'Outbound', access: 'Allow', protocol, destination, ports });
/** The twin with carets (`code`) under the name of the deny rule `deny`. */
const bicepDenied = (spec: TwinSpec, code: string, deny = 'DenyAllOutbound') => annotate(bicepTwin(spec), `name: '${deny}'`, `'${deny}'`, code);
/** The same with the fix's rule inserted before the deny rule. */
const bicepFixed = (
  spec: TwinSpec,
  code: string,
  name: string,
  p: { protocol: string; ports: string[]; destination: string; source?: string },
  priority = 4090,
  deny = 'DenyAllOutbound',
) => insertRuleBefore(bicepDenied(spec, code, deny), deny, bicepRule(name, { source: p.source ?? '*', priority, direction: 'Outbound', ...p }));

ruleTester(outboundStorage, {
  valid: [
    { name: 'default AllowInternetOutBound', arm: aseTemplate({ securityRules: [] }), bicep: bicepTwin({ rules: [] }) },
    {
      name: 'Storage allowed before deny-all',
      arm: aseTemplate({ securityRules: [allowOut('Storage', 100, 'Storage', '80,443'), denyOut] }),
      bicep: bicepTwin({ rules: [allowOutSpec('Storage', 100, 'Storage', '80,443'), denyOutSpec] }),
    },
    {
      name: 'a regional Storage tag is not enough... but Internet is',
      arm: aseTemplate({ securityRules: [allowOut('Web', 100, 'Internet', '80,443'), denyOut] }),
      bicep: bicepTwin({ rules: [allowOutSpec('Web', 100, 'Internet', '80,443'), denyOutSpec] }),
    },
  ],
  invalid: [
    {
      name: 'deny-all outbound (ASEv2: 80, 443)',
      arm: aseTemplate({ securityRules: [denyOut, underName('DenyAllOutbound', 'ASE201')] }),
      messages: [blocked('TCP 80, 443 to Storage', 'the ASE cannot reach its storage, stops working and is suspended')],
      output: aseTemplate({ securityRules: [...inserted(out('AllowStorageOutbound', { protocol: 'Tcp', ports: ['80', '443'], destination: 'Storage' }), 10, true), denyOut, underName('DenyAllOutbound', 'ASE201')] }),
      bicep: bicepDenied({ rules: [denyOutSpec] }, 'ASE201'),
      bicepOutput: bicepFixed({ rules: [denyOutSpec] }, 'ASE201', 'AllowStorageOutbound', { protocol: 'Tcp', ports: ['80', '443'], destination: 'Storage' }),
    },
    {
      name: 'ASEv1 also needs 445',
      arm: aseTemplate({ kind: 'ASEV1', securityRules: [allowOut('Storage', 100, 'Storage', '80,443'), denyOut, underName('DenyAllOutbound', 'ASE201')] }),
      messages: [blocked('TCP 80, 443, 445 to Storage', 'the ASE cannot reach its storage, stops working and is suspended', undefined, 'TCP 445')],
      output: aseTemplate({ kind: 'ASEV1', securityRules: [allowOut('Storage', 100, 'Storage', '80,443'), ...inserted(out('AllowStorageOutbound', { protocol: 'Tcp', ports: ['80', '443', '445'], destination: 'Storage' }), 10, true), denyOut, underName('DenyAllOutbound', 'ASE201')] }),
      bicep: bicepDenied({ kind: 'ASEV1', rules: [allowOutSpec('Storage', 100, 'Storage', '80,443'), denyOutSpec] }, 'ASE201'),
      bicepOutput: bicepFixed({ kind: 'ASEV1', rules: [allowOutSpec('Storage', 100, 'Storage', '80,443'), denyOutSpec] }, 'ASE201', 'AllowStorageOutbound', { protocol: 'Tcp', ports: ['80', '443', '445'], destination: 'Storage' }),
    },
  ],
});

ruleTester(outboundSql, {
  valid: [
    {
      name: 'Sql ranges allowed',
      arm: aseTemplate({ securityRules: [nsgRule('Sql', { priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: 'Sql', portsList: ['1433', '11000-11999', '14000-14999'] }), denyOut] }),
      bicep: bicepTwin({ rules: [{ name: 'Sql', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination: 'Sql', portsList: ['1433', '11000-11999', '14000-14999'] }, denyOutSpec] }),
    },
  ],
  invalid: [
    {
      name: 'only 1433 allowed',
      arm: aseTemplate({ securityRules: [allowOut('Sql1433', 100, 'Sql', '1433'), denyOut, underName('DenyAllOutbound', 'ASE202')] }),
      messages: [blocked('TCP 1433, 11000-11999, 14000-14999 to Sql', 'the ASE loses its configuration database, stops working and is suspended', undefined, 'TCP 11000-11999,14000-14999')],
      output: aseTemplate({ securityRules: [allowOut('Sql1433', 100, 'Sql', '1433'), ...inserted(out('AllowSqlOutbound', { protocol: 'Tcp', ports: ['1433', '11000-11999', '14000-14999'], destination: 'Sql' }), 10, true), denyOut, underName('DenyAllOutbound', 'ASE202')] }),
      bicep: bicepDenied({ rules: [allowOutSpec('Sql1433', 100, 'Sql', '1433'), denyOutSpec] }, 'ASE202'),
      bicepOutput: bicepFixed({ rules: [allowOutSpec('Sql1433', 100, 'Sql', '1433'), denyOutSpec] }, 'ASE202', 'AllowSqlOutbound', { protocol: 'Tcp', ports: ['1433', '11000-11999', '14000-14999'], destination: 'Sql' }),
    },
  ],
});

ruleTester(outboundIntraSubnet, {
  valid: [{ name: 'default AllowVnetOutBound', arm: aseTemplate({ securityRules: [] }), bicep: bicepTwin({ rules: [] }) }],
  invalid: [
    {
      name: 'deny-all outbound',
      arm: aseTemplate({ securityRules: [denyOut, underName('DenyAllOutbound', 'ASE203')] }),
      messages: [blocked('traffic from the ASE subnet to itself', "the ASE's own roles cannot reach each other and the ASE stops working")],
      output: aseTemplate({ securityRules: [...inserted(out('AllowAseSubnetOutbound', { protocol: '*', ports: ['*'], source: '10.0.1.0/24', destination: '10.0.1.0/24' }), 10, true), denyOut, underName('DenyAllOutbound', 'ASE203')] }),
      bicep: bicepDenied({ rules: [denyOutSpec] }, 'ASE203'),
      bicepOutput: bicepFixed({ rules: [denyOutSpec] }, 'ASE203', 'AllowAseSubnetOutbound', { protocol: '*', ports: ['*'], source: '10.0.1.0/24', destination: '10.0.1.0/24' }),
    },
  ],
});

ruleTester(outboundHttps, {
  valid: [
    {
      name: '443 to Internet allowed',
      arm: aseTemplate({ securityRules: [allowOut('Https', 100, 'Internet', '443'), denyOut] }),
      bicep: bicepTwin({ rules: [allowOutSpec('Https', 100, 'Internet', '443'), denyOutSpec] }),
    },
    {
      name: 'deny to a private range only',
      arm: aseTemplate({ securityRules: [nsgRule('DenyOnPrem', { priority: 100, direction: 'Outbound', access: 'Deny', destination: '192.168.0.0/16' }, true)] }),
      bicep: bicepTwin({ rules: [{ name: 'DenyOnPrem', priority: 100, direction: 'Outbound', access: 'Deny', destination: '192.168.0.0/16' }] }),
    },
  ],
  invalid: [
    {
      name: 'AzureCloud alone does not cover certificate checks',
      arm: aseTemplate({ securityRules: [allowOut('Cloud', 100, 'AzureCloud', '443'), denyInternet, underName('DenyInternet', 'ASE204')] }),
      messages: [blocked('TCP 443 to Internet', 'the ASE cannot reach Azure management, Azure AD or certificate checks and stops working', "rule 'DenyInternet', priority 4000", 'TCP 443 to Internet outside Azure')],
      output: aseTemplate({ securityRules: [allowOut('Cloud', 100, 'AzureCloud', '443'), ...inserted(out('AllowHttpsOutbound', { protocol: 'Tcp', ports: ['443'], destination: 'Internet' }, 3990), 10, true), denyInternet, underName('DenyInternet', 'ASE204')] }),
      bicep: bicepDenied({ rules: [allowOutSpec('Cloud', 100, 'AzureCloud', '443'), denyInternetSpec] }, 'ASE204', 'DenyInternet'),
      bicepOutput: bicepFixed(
        { rules: [allowOutSpec('Cloud', 100, 'AzureCloud', '443'), denyInternetSpec] },
        'ASE204',
        'AllowHttpsOutbound',
        { protocol: 'Tcp', ports: ['443'], destination: 'Internet' },
        3990,
        'DenyInternet',
      ),
    },
  ],
});

ruleTester(outboundDns, {
  valid: [
    {
      name: 'port 53 any protocol',
      arm: aseTemplate({ securityRules: [allowOut('Dns', 100, 'Internet', '53', '*'), denyOut] }),
      bicep: bicepTwin({ rules: [allowOutSpec('Dns', 100, 'Internet', '53', '*'), denyOutSpec] }),
    },
  ],
  invalid: [
    {
      name: 'only UDP 53 allowed',
      arm: aseTemplate({ securityRules: [allowOut('DnsUdp', 100, 'Internet', '53', 'Udp'), denyOut, underName('DenyAllOutbound', 'ASE205')] }),
      messages: [blocked('port 53 (DNS) to Internet', 'the ASE cannot resolve its dependencies and stops working', undefined, 'TCP 53')],
      output: aseTemplate({ securityRules: [allowOut('DnsUdp', 100, 'Internet', '53', 'Udp'), ...inserted(out('AllowDnsOutbound', { protocol: '*', ports: ['53'], destination: 'Internet' }), 10, true), denyOut, underName('DenyAllOutbound', 'ASE205')] }),
      bicep: bicepDenied({ rules: [allowOutSpec('DnsUdp', 100, 'Internet', '53', 'Udp'), denyOutSpec] }, 'ASE205'),
      bicepOutput: bicepFixed({ rules: [allowOutSpec('DnsUdp', 100, 'Internet', '53', 'Udp'), denyOutSpec] }, 'ASE205', 'AllowDnsOutbound', { protocol: '*', ports: ['53'], destination: 'Internet' }),
    },
  ],
});

ruleTester(outboundNtpMonitoring, {
  valid: [
    { name: 'default rules', arm: aseTemplate({ securityRules: [] }), bicep: bicepTwin({ rules: [] }) },
    { name: 'ASEv3 is not checked', arm: aseTemplate({ kind: 'ASEV3', securityRules: [denyOut] }), bicep: bicepTwin({ kind: 'ASEV3', rules: [denyOutSpec] }) },
  ],
  invalid: [
    {
      name: 'NTP allowed, monitoring blocked',
      arm: aseTemplate({ securityRules: [allowOut('Ntp', 100, '*', '123', 'Udp'), denyOut, underName('DenyAllOutbound', 'ASE206')] }),
      messages: [blocked('TCP 12000 (monitoring)', 'Azure loses health data from the ASE')],
      output: aseTemplate({ securityRules: [allowOut('Ntp', 100, '*', '123', 'Udp'), ...inserted(out('AllowMonitoringOutbound', { protocol: 'Tcp', ports: ['12000'], destination: 'Internet' }), 10, true), denyOut, underName('DenyAllOutbound', 'ASE206')] }),
      bicep: bicepDenied({ rules: [allowOutSpec('Ntp', 100, '*', '123', 'Udp'), denyOutSpec] }, 'ASE206'),
      bicepOutput: bicepFixed({ rules: [allowOutSpec('Ntp', 100, '*', '123', 'Udp'), denyOutSpec] }, 'ASE206', 'AllowMonitoringOutbound', { protocol: 'Tcp', ports: ['12000'], destination: 'Internet' }),
    },
  ],
});
