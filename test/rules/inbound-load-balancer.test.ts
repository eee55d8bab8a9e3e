import { inboundLoadBalancer } from '../../server/src/rules/inbound-load-balancer';
import { ruleTester } from './tester';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../model/bicep/twin';
import { annotate, bicepRule, insertRuleBefore } from './bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from './templates';

const mgmt = nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' });
const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
const lbPorts = (ports: string) =>
  nsgRule('AllowLB', { priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports });
const fixRule = allowRule('AllowAzureLoadBalancerInbound', { protocol: '*', ports: ['*'], source: 'AzureLoadBalancer', destination: '*', priority: 4090, direction: 'Inbound' });
const message = (ports: string, rule: string, part?: string) =>
  `NSG 'ase-nsg' blocks TCP ${ports} from AzureLoadBalancer (${rule}${part ? `, denies ${part}` : ''}): the load balancer cannot reach the ASE, which then stops serving and being managed`;

// The same rules for the Bicep twins.
const mgmtSpec: RuleSpec = { name: 'AllowMgmt', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' };
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };
const lbSpec = (ports: string, name = 'AllowLB', priority = 110): RuleSpec => ({ name, priority, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports });
const bicepFix = bicepRule('AllowAzureLoadBalancerInbound', { protocol: '*', ports: ['*'], source: 'AzureLoadBalancer', destination: '*', priority: 4090, direction: 'Inbound' });
/** The twin with carets under the deny-all rule's name, and the same text with the fix's rule inserted before it. */
const bicepDenied = (spec: TwinSpec) => annotate(bicepTwin(spec), "name: 'DenyAllInbound'", "'DenyAllInbound'", 'ASE102');
const bicepFixed = (spec: TwinSpec) => insertRuleBefore(bicepDenied(spec), 'DenyAllInbound', bicepFix);
const ipSslSiteBicep = [
  "resource app 'Microsoft.Web/sites@2022-03-01' = {",
  "  name: 'app'",
  "  location: 'westeurope'",
  '  properties: {',
  '    hostingEnvironmentProfile: { id: ase.id }',
  "    hostNameSslStates: [ { name: 'www.contoso.com', sslState: 'IpBasedEnabled' } ]",
  '  }',
  '}',
];

const ipSslSite = `    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2022-03-01",
      "name": "app",
      "location": "westeurope",
      "properties": {
        "hostingEnvironmentProfile": { "id": "[resourceId('Microsoft.Web/hostingEnvironments', 'my-ase')]" },
        "hostNameSslStates": [ { "name": "www.contoso.com", "sslState": "IpBasedEnabled" } ]
      }
    }`;

ruleTester(inboundLoadBalancer, {
  valid: [
    { name: 'no written rules: Azure default AllowAzureLoadBalancerInBound', arm: aseTemplate({ securityRules: [] }), bicep: bicepTwin({ rules: [] }) },
    {
      name: 'ILB ASE with exactly the minimum ports',
      arm: aseTemplate({ ilbMode: 3, securityRules: [mgmt, lbPorts('454-455'), nsgRule('LB16001', { priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '16001' }), denyAll] }),
      bicep: bicepTwin({ ilbMode: 3, rules: [mgmtSpec, lbSpec('454-455'), lbSpec('16001', 'LB16001', 120), denySpec] }),
    },
    {
      name: 'the documented allow-all from the load balancer',
      arm: aseTemplate({ securityRules: [nsgRule('AllowLB', { priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' }), denyAll] }),
      bicep: bicepTwin({ rules: [{ name: 'AllowLB', priority: 100, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' }, denySpec] }),
    },
    {
      name: 'ILB mode unresolved: held to the minimum',
      arm: aseTemplate({ ilbMode: "[parameters('mode')]", securityRules: [lbPorts('454-455'), nsgRule('LB16001', { priority: 120, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '16001' }), denyAll] }),
      bicep: bicepTwin({ params: ['param mode string'], ilbModeExpr: 'mode', rules: [lbSpec('454-455'), lbSpec('16001', 'LB16001', 120), denySpec] }),
    },
    { name: 'ASEv3 is checked by ASE106 instead', arm: aseTemplate({ kind: 'ASEV3', securityRules: [denyAll] }), bicep: bicepTwin({ kind: 'ASEV3', rules: [denySpec] }) },
  ],
  invalid: [
    {
      name: 'deny-all inbound with nothing for the load balancer (the first example of the product)',
      arm: aseTemplate({ securityRules: [mgmt, denyAll, underName('DenyAllInbound', 'ASE102')] }),
      messages: [message('80,443,454-455,16001', "rule 'DenyAllInbound', priority 4096")],
      output: aseTemplate({ securityRules: [mgmt, ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE102')] }),
      bicep: bicepDenied({ rules: [mgmtSpec, denySpec] }),
      bicepOutput: bicepFixed({ rules: [mgmtSpec, denySpec] }),
    },
    {
      name: 'ILB ASE missing the keep-alive port 16001',
      arm: aseTemplate({ ilbMode: 'Web, Publishing', securityRules: [lbPorts('454-455'), denyAll, underName('DenyAllInbound', 'ASE102')] }),
      messages: [message('454-455,16001', "rule 'DenyAllInbound', priority 4096", 'TCP 16001')],
      output: aseTemplate({ ilbMode: 'Web, Publishing', securityRules: [lbPorts('454-455'), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE102')] }),
      bicep: bicepDenied({ ilbMode: 'Web, Publishing', rules: [lbSpec('454-455'), denySpec] }),
      bicepOutput: bicepFixed({ ilbMode: 'Web, Publishing', rules: [lbSpec('454-455'), denySpec] }),
    },
    {
      name: 'External ASE with an IP-based SSL app needs every port',
      arm: aseTemplate({ securityRules: [lbPorts('80,443,454-455,16001'), denyAll, underName('DenyAllInbound', 'ASE102')], extraResources: [ipSslSite] }),
      messages: [message('on every port', "rule 'DenyAllInbound', priority 4096", 'TCP 1-79,81-442,444-453,456-16000,16002-65535')],
      output: aseTemplate({ securityRules: [lbPorts('80,443,454-455,16001'), ...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE102')], extraResources: [ipSslSite] }),
      bicep: bicepDenied({ rules: [lbSpec('80,443,454-455,16001'), denySpec], extraResources: ipSslSiteBicep }),
      bicepOutput: bicepFixed({ rules: [lbSpec('80,443,454-455,16001'), denySpec], extraResources: ipSslSiteBicep }),
    },
  ],
});
