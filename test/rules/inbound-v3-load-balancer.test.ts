import { inboundV3LoadBalancer } from '../../server/src/rules/inbound-v3-load-balancer';
import { ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore } from '../support/bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';

const v3 = { kind: 'ASEV3', delegations: ['                { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }'] };
const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
const fixRule = allowRule('AllowAzureLoadBalancerInbound', { protocol: 'Tcp', ports: ['80'], source: 'AzureLoadBalancer', destination: '*', priority: 4090, direction: 'Inbound' });
// The same for the Bicep twins.
const v3Spec = { kind: 'ASEV3', delegation: 'Microsoft.Web/hostingEnvironments' };
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };
const bicepDenied = annotate(bicepTwin({ ...v3Spec, rules: [denySpec] }), "name: 'DenyAllInbound'", "'DenyAllInbound'", 'ASE106');
const bicepFix = bicepRule('AllowAzureLoadBalancerInbound', { protocol: 'Tcp', ports: ['80'], source: 'AzureLoadBalancer', destination: '*', priority: 4090, direction: 'Inbound' });

ruleTester(inboundV3LoadBalancer, {
  valid: [
    { name: 'default rules only', arm: aseTemplate({ ...v3, securityRules: [] }), bicep: bicepTwin({ ...v3Spec, rules: [] }) },
    {
      name: 'TCP 80 from the load balancer allowed',
      arm: aseTemplate({ ...v3, securityRules: [nsgRule('LB80', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '80' }), denyAll] }),
      bicep: bicepTwin({ ...v3Spec, rules: [{ name: 'LB80', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AzureLoadBalancer', ports: '80' }, denySpec] }),
    },
    { name: 'ASEv2 is not held to this rule', arm: aseTemplate({ securityRules: [denyAll] }), bicep: bicepTwin({ rules: [denySpec] }) },
  ],
  invalid: [
    {
      name: 'deny-all inbound',
      arm: aseTemplate({ ...v3, securityRules: [denyAll, underName('DenyAllInbound', 'ASE106')] }),
      messages: [`NSG 'ase-nsg' blocks TCP 80 from AzureLoadBalancer (rule 'DenyAllInbound', priority 4096): health probes fail and the ASE stops receiving traffic`],
      output: aseTemplate({ ...v3, securityRules: [...inserted(fixRule, 10, true), denyAll, underName('DenyAllInbound', 'ASE106')] }),
      bicep: bicepDenied,
      bicepOutput: insertRuleBefore(bicepDenied, 'DenyAllInbound', bicepFix),
    },
  ],
});
