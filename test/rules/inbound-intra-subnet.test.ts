import { inboundIntraSubnet } from '../../server/src/rules/inbound-intra-subnet';
import { ruleTester } from './tester';
import { bicepTwin, type RuleSpec, type TwinSpec } from '../model/bicep/twin';
import { annotate, bicepRule, insertRuleBefore } from './bicepTwins';
import { allowRule, aseTemplate, inserted, nsgRule, underName } from './templates';

const denyAll = nsgRule('DenyAllInbound', { priority: 4096, direction: 'Inbound', access: 'Deny' }, true);
const fixRule = allowRule('AllowAseSubnetInbound', { protocol: '*', ports: ['*'], source: 'VirtualNetwork', destination: 'VirtualNetwork', priority: 4090, direction: 'Inbound' });
// The same rules for the Bicep twins.
const denySpec: RuleSpec = { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny' };
const selfTcpSpec: RuleSpec = { name: 'SelfTcp', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork' };
const bicepFix = bicepRule('AllowAseSubnetInbound', { protocol: '*', ports: ['*'], source: 'VirtualNetwork', destination: 'VirtualNetwork', priority: 4090, direction: 'Inbound' });
const bicepDenied = (spec: TwinSpec) => annotate(bicepTwin(spec), "name: 'DenyAllInbound'", "'DenyAllInbound'", 'ASE103');
const bicepFixed = (spec: TwinSpec) => insertRuleBefore(bicepDenied(spec), 'DenyAllInbound', bicepFix);
const message = (rule: string, part?: string) =>
  `NSG 'ase-nsg' blocks traffic from the ASE subnet to itself (${rule}${part ? `, denies ${part}` : ''}): the ASE's own roles cannot reach each other and the ASE stops working`;

ruleTester(inboundIntraSubnet, {
  valid: [
    { name: 'default AllowVnetInBound', arm: aseTemplate({ securityRules: [] }), bicep: bicepTwin({ rules: [] }) },
    {
      name: 'subnet prefix allowed explicitly',
      arm: aseTemplate({ securityRules: [nsgRule('Self', { priority: 100, direction: 'Inbound', access: 'Allow', source: '10.0.1.0/24', destination: '10.0.1.0/24' }), denyAll] }),
      bicep: bicepTwin({ rules: [{ name: 'Self', priority: 100, direction: 'Inbound', access: 'Allow', source: '10.0.1.0/24', destination: '10.0.1.0/24' }, denySpec] }),
    },
    {
      name: 'a wider prefix covers the subnet',
      arm: aseTemplate({ securityRules: [nsgRule('Vnet', { priority: 100, direction: 'Inbound', access: 'Allow', source: '10.0.0.0/16' }), denyAll] }),
      bicep: bicepTwin({ rules: [{ name: 'Vnet', priority: 100, direction: 'Inbound', access: 'Allow', source: '10.0.0.0/16' }, denySpec] }),
    },
    {
      name: 'subnet prefix unresolved',
      arm: aseTemplate({ subnetPrefix: "[parameters('prefix')]", securityRules: [denyAll] }),
      bicep: bicepTwin({ params: ['param prefix string'], subnetPrefixExpr: 'prefix', rules: [denySpec] }),
    },
  ],
  invalid: [
    {
      name: 'deny-all ahead of the default rule',
      arm: aseTemplate({ securityRules: [denyAll, underName('DenyAllInbound', 'ASE103')] }),
      messages: [message("rule 'DenyAllInbound', priority 4096")],
      // The fix writes VirtualNetwork, which admits far more than the subnet: the safety net refuses it.
      output: null,
      bicep: bicepDenied({ rules: [denySpec] }),
    },
    {
      name: 'only TCP allowed inside the subnet',
      arm: aseTemplate({
        securityRules: [nsgRule('SelfTcp', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork' }), denyAll, underName('DenyAllInbound', 'ASE103')],
      }),
      messages: [message("rule 'DenyAllInbound', priority 4096", 'UDP/ICMP/ESP/AH all ports')],
      output: null,
      bicep: bicepDenied({ rules: [selfTcpSpec, denySpec] }),
    },
  ],
});
