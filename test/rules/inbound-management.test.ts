import { inboundManagement } from '../../server/src/rules/inbound-management';
import { ruleTester } from '../support/tester';
import { bicepTwin, type RuleSpec } from '../support/twin';
import { annotate, bicepRule, insertRuleBefore, withPriorityExpr } from '../support/bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from '../support/templates';

const lb = nsgRule('AllowLB', { priority: 110, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' });
const denyAll = (priority: number, last = true) => nsgRule('DenyAllInbound', { priority, direction: 'Inbound', access: 'Deny' }, last);
const mgmt = nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' });
// The same rules for the Bicep twins.
const lbSpec: RuleSpec = { name: 'AllowLB', priority: 110, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' };
const denySpec = (priority: number): RuleSpec => ({ name: 'DenyAllInbound', priority, direction: 'Inbound', access: 'Deny' });
const mgmtSpec: RuleSpec = { name: 'AllowMgmt', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' };
const deny455Spec: RuleSpec = { name: 'Deny455', priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', ports: '455' };
const underBicepName = (text: string, name: string) => annotate(text, `name: '${name}'`, `'${name}'`, 'ASE101');
const bicepFix = (priority: number) =>
  bicepRule('AllowAppServiceManagementInbound', { protocol: 'Tcp', ports: ['454-455'], source: 'AppServiceManagement', destination: '*', priority, direction: 'Inbound' });

const message = (rule: string) =>
  `NSG 'ase-nsg' blocks TCP 454-455 from AppServiceManagement (${rule}): Azure cannot manage the ASE and suspends it`;
const fixRule = (priority: number) =>
  allowRule('AllowAppServiceManagementInbound', { protocol: 'Tcp', ports: ['454-455'], source: 'AppServiceManagement', destination: '*', priority, direction: 'Inbound' });

ruleTester(inboundManagement, {
  valid: [
    { name: 'no NSG on the subnet', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      name: 'management allowed before deny-all',
      arm: aseTemplate({ securityRules: [mgmt, lb, denyAll(4096)] }),
      bicep: bicepTwin({ rules: [mgmtSpec, lbSpec, denySpec(4096)] }),
    },
    {
      name: '454 and 455 allowed by two rules',
      arm: aseTemplate({
        securityRules: [
          nsgRule('A454', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454' }),
          nsgRule('A455', { priority: 101, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '455' }),
          denyAll(4096),
        ],
      }),
      bicep: bicepTwin({ rules: [{ ...mgmtSpec, name: 'A454', ports: '454' }, { ...mgmtSpec, name: 'A455', priority: 101, ports: '455' }, denySpec(4096)] }),
    },
    {
      name: 'port list in destinationPortRanges',
      arm: aseTemplate({
        securityRules: [
          nsgRule('AllowMgmt', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', portsList: ['454', '455'] }),
          denyAll(4096),
        ],
      }),
      bicep: bicepTwin({ rules: [{ ...mgmtSpec, ports: undefined, portsList: ['454', '455'] }, denySpec(4096)] }),
    },
    {
      name: 'ASEv3 has no management ports',
      arm: aseTemplate({ kind: 'ASEV3', securityRules: [denyAll(4096)], delegations: [] }),
      bicep: bicepTwin({ kind: 'ASEV3', rules: [denySpec(4096)] }),
    },
    {
      name: 'an allow whose priority is unresolved may come first: silent',
      arm: aseTemplate({
        securityRules: [
          nsgRule('AllowMgmt', { priority: "[parameters('p')]", direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }),
          nsgRule('DenyAllInbound', { priority: 1000, direction: 'Inbound', access: 'Deny' }, true),
        ],
      }),
      // The priority is a parameter without a default (and no parameters file gives it a value).
      bicep: withPriorityExpr(bicepTwin({ params: ['param p int'], rules: [mgmtSpec, denySpec(1000)] }), 'AllowMgmt', 'p'),
    },
    {
      name: 'outbound deny does not affect inbound management',
      arm: aseTemplate({ securityRules: [mgmt, nsgRule('DenyOut', { priority: 200, direction: 'Outbound', access: 'Deny' }, true)] }),
      bicep: bicepTwin({ rules: [mgmtSpec, { name: 'DenyOut', priority: 200, direction: 'Outbound', access: 'Deny' }] }),
    },
  ],
  invalid: [
    {
      name: 'deny-all inbound with no management rule',
      arm: aseTemplate({ securityRules: [lb, denyAll(4096), underName('DenyAllInbound', 'ASE101')] }),
      messages: [message("rule 'DenyAllInbound', priority 4096")],
      output: aseTemplate({ securityRules: [lb, ...inserted(fixRule(4090), 10, true), denyAll(4096), underName('DenyAllInbound', 'ASE101')] }),
      bicep: underBicepName(bicepTwin({ rules: [lbSpec, denySpec(4096)] }), 'DenyAllInbound'),
      bicepOutput: insertRuleBefore(underBicepName(bicepTwin({ rules: [lbSpec, denySpec(4096)] }), 'DenyAllInbound'), 'DenyAllInbound', bicepFix(4090)),
    },
    {
      name: 'a narrower deny before the allow decides',
      arm: aseTemplate({
        securityRules: [
          nsgRule('Deny455', { priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', ports: '455' }),
          underName('Deny455', 'ASE101'),
          nsgRule('AllowMgmt', { priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }, true),
        ],
      }),
      messages: [message("rule 'Deny455', priority 200, denies TCP 455")],
      output: aseTemplate({
        securityRules: [
          ...inserted(fixRule(190), 10, true),
          nsgRule('Deny455', { priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', ports: '455' }),
          underName('Deny455', 'ASE101'),
          nsgRule('AllowMgmt', { priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' }, true),
        ],
      }),
      bicep: underBicepName(bicepTwin({ rules: [deny455Spec, { ...mgmtSpec, priority: 300 }] }), 'Deny455'),
      bicepOutput: insertRuleBefore(underBicepName(bicepTwin({ rules: [deny455Spec, { ...mgmtSpec, priority: 300 }] }), 'Deny455'), 'Deny455', bicepFix(190)),
    },
    {
      name: 'ASEv1 too; a deny at the lowest priority leaves no room for a fix',
      arm: aseTemplate({ kind: 'ASEV1', securityRules: [denyAll(100), underName('DenyAllInbound', 'ASE101')] }),
      messages: [message("rule 'DenyAllInbound', priority 100")],
      output: null,
      bicep: underBicepName(bicepTwin({ kind: 'ASEV1', rules: [denySpec(100)] }), 'DenyAllInbound'),
    },
  ],
});
