/**
 * A second ASE, 'caller-ase', in its own subnet (10.0.5.0/24) of aseTemplate's VNet, and
 * the NSG rules of 'ase-nsg' that admit it: in ARM and in Bicep.
 */
import { aseTemplate, nsgRule, type AseTemplate } from './templates';
import { bicepTwin, type RuleSpec, type TwinSpec } from './twin';

const callerSubnet = '          { "name": "caller-subnet", "properties": { "addressPrefix": "10.0.5.0/24" } }';
const callerAse = [
  '    {',
  '      "type": "Microsoft.Web/hostingEnvironments",',
  '      "apiVersion": "2022-03-01",',
  '      "name": "caller-ase",',
  '      "location": "westeurope",',
  '      "kind": "ASEV2",',
  '      "properties": {',
  `        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'caller-subnet')]" }`,
  '      }',
  '    }',
].join('\n');
/** The rule 'AllowCaller' (priority 200, TCP 443 from `source`). */
export const allowCaller = (source = '10.0.5.0/24', last = true) =>
  nsgRule('AllowCaller', { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, ports: '443' }, last);
export const management = nsgRule('AllowManagement', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' });
/** aseTemplate with `rules` in 'ase-nsg' and the caller ASE beside it. */
export const crossCase = (rules: string[], o: AseTemplate = {}) => aseTemplate({ securityRules: rules, otherSubnets: [callerSubnet], extraResources: [callerAse], ...o });

// The Bicep twins.
const bicepCallerSubnet = "      { name: 'caller-subnet', properties: { addressPrefix: '10.0.5.0/24' } }";
const bicepCallerAse = [
  "resource callerAse 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
  "  name: 'caller-ase'",
  "  location: 'westeurope'",
  "  kind: 'ASEV2'",
  '  properties: {',
  "    virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'caller-subnet') }",
  '  }',
  '}',
];
export const allowCallerSpec = (source = '10.0.5.0/24', name = 'AllowCaller', priority = 200): RuleSpec => ({
  name,
  priority,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source,
  ports: '443',
});
export const managementSpec: RuleSpec = { name: 'AllowManagement', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' };
export const bicepCrossCase = (rules: RuleSpec[], o: TwinSpec = {}) => bicepTwin({ rules, otherSubnets: [bicepCallerSubnet], extraResources: bicepCallerAse, ...o });
