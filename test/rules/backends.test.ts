// ASE801-ASE803: back ends the ASE's apps call, and other ASEs.
import { backendInAseSubnet } from '../../server/src/rules/backend-in-ase-subnet';
import { backendPartialSubnet } from '../../server/src/rules/backend-partial-subnet';
import { crossAseSource } from '../../server/src/rules/cross-ase-source';
import { ruleTester } from '../support/tester';
import { aseTemplate, markFirst, nsgRule, underName, type AseTemplate } from '../support/templates';
import { bicepNsg, bicepTwin, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

/** A second NSG, `name`, with `rules` (lines made by nsgRule). */
function nsg(name: string, rules: string[]): string {
  return [
    '    {',
    '      "type": "Microsoft.Network/networkSecurityGroups",',
    '      "apiVersion": "2023-04-01",',
    `      "name": "${name}",`,
    '      "location": "westeurope",',
    '      "properties": {',
    '        "securityRules": [',
    ...rules,
    '        ]',
    '      }',
    '    }',
  ].join('\n');
}
const sqlSubnet = `          { "name": "sql", "properties": { "addressPrefix": "10.0.2.0/24", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'sql-nsg')]" } } }`;
const fromAse = (source: string, last = true) =>
  nsgRule('AllowAseSql', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, destination: '10.0.2.0/24', ports: '1433' }, last);
const backendCase = (rules: string[], o: AseTemplate = {}) => aseTemplate({ ...o, otherSubnets: [sqlSubnet], extraResources: [nsg('sql-nsg', rules)] });
const partial = (source: string) =>
  `Rule 'AllowAseSql', priority 100 of NSG 'sql-nsg' allows ${source}, only part of the subnet 10.0.1.0/24 of ASE 'my-ase': the ASE's instances use any address of the subnet and change it when they move, so calls from the others are dropped`;
// The Bicep twins.
const bicepSqlSubnet = "      { name: 'sql', properties: { addressPrefix: '10.0.2.0/24', networkSecurityGroup: { id: sqlNsg.id } } }";
const fromAseSpec = (source: string): RuleSpec => ({ name: 'AllowAseSql', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, destination: '10.0.2.0/24', ports: '1433' });
const bicepBackendCase = (rules: RuleSpec[], o: TwinSpec = {}) => bicepTwin({ ...o, otherSubnets: [bicepSqlSubnet], extraResources: bicepNsg('sqlNsg', 'sql-nsg', rules) });
const bicepOnRule = (text: string, name: string, code: string) => annotate(text, `name: '${name}'`, `'${name}'`, code);

/** A second External ASE in its own subnet of the same VNet. */
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
const allowCaller = (source = '10.0.5.0/24', last = true) =>
  nsgRule('AllowCaller', { priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source, ports: '443' }, last);
const management = nsgRule('AllowManagement', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' });
const crossCase = (rules: string[], o: AseTemplate = {}) => aseTemplate({ securityRules: rules, otherSubnets: [callerSubnet], extraResources: [callerAse], ...o });
const crossMessage =
  "Rule 'AllowCaller', priority 200 of NSG 'ase-nsg' admits 10.0.5.0/24, the subnet of ASE 'caller-ase', into External ASE 'my-ase': calls between ASEs leave through the caller's public address, not its subnet, so they are not let in";
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
const allowCallerSpec = (source = '10.0.5.0/24', name = 'AllowCaller', priority = 200): RuleSpec => ({
  name,
  priority,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source,
  ports: '443',
});
const managementSpec: RuleSpec = { name: 'AllowManagement', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' };
const bicepCrossCase = (rules: RuleSpec[], o: TwinSpec = {}) => bicepTwin({ rules, otherSubnets: [bicepCallerSubnet], extraResources: bicepCallerAse, ...o });

ruleTester(backendPartialSubnet, {
  valid: [
    { name: 'the whole ASE subnet', arm: backendCase([fromAse('10.0.1.0/24')]), bicep: bicepBackendCase([fromAseSpec('10.0.1.0/24')]) },
    { name: 'a wider range', arm: backendCase([fromAse('10.0.0.0/16')]), bicep: bicepBackendCase([fromAseSpec('10.0.0.0/16')]) },
    { name: 'VirtualNetwork', arm: backendCase([fromAse('VirtualNetwork')]), bicep: bicepBackendCase([fromAseSpec('VirtualNetwork')]) },
    { name: 'a range outside the ASE subnet', arm: backendCase([fromAse('10.0.3.0/26')]), bicep: bicepBackendCase([fromAseSpec('10.0.3.0/26')]) },
    {
      name: 'a deny rule',
      arm: backendCase([nsgRule('DenyPart', { priority: 100, direction: 'Inbound', access: 'Deny', source: '10.0.1.0/26' }, true)]),
      bicep: bicepBackendCase([{ name: 'DenyPart', priority: 100, direction: 'Inbound', access: 'Deny', source: '10.0.1.0/26' }]),
    },
    {
      name: 'ASE subnet prefix unresolved',
      arm: backendCase([fromAse('10.0.1.0/26')], { subnetPrefix: "[parameters('prefix')]" }),
      bicep: bicepBackendCase([fromAseSpec('10.0.1.0/26')], { params: ['param prefix string'], subnetPrefixExpr: 'prefix' }),
    },
    {
      // Calls to an External ASE come from the caller's public address: ASE802 reports this rule.
      name: "an External ASE's NSG admits part of another ASE's subnet",
      arm: crossCase([management, allowCaller('10.0.5.0/26')]),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/26')]),
    },
    {
      name: "the ILB mode of the ASE behind the NSG unresolved",
      arm: crossCase([management, allowCaller('10.0.5.0/26')], { ilbMode: "[parameters('mode')]" }),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/26')], { params: ['param mode string'], ilbModeExpr: 'mode' }),
    },
  ],
  invalid: [
    {
      name: 'a quarter of the subnet: the fix widens it',
      arm: backendCase([fromAse('10.0.1.0/26'), underName('AllowAseSql', 'ASE801')]),
      messages: [partial('10.0.1.0/26')],
      output: backendCase([fromAse('10.0.1.0/24'), underName('AllowAseSql', 'ASE801')]),
      bicep: bicepOnRule(bicepBackendCase([fromAseSpec('10.0.1.0/26')]), 'AllowAseSql', 'ASE801'),
      bicepOutput: bicepOnRule(bicepBackendCase([fromAseSpec('10.0.1.0/24')]), 'AllowAseSql', 'ASE801'),
    },
    {
      name: "one instance's address among other sources: no fix",
      arm: backendCase([
        nsgRule('AllowAseSql', { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destination: '10.0.2.0/24', ports: '1433' }, true).replace(
          '"sourceAddressPrefix": "*"',
          '"sourceAddressPrefixes": ["10.0.1.4", "192.168.0.0/24"]',
        ),
        underName('AllowAseSql', 'ASE801'),
      ]),
      messages: [partial('10.0.1.4')],
      output: null,
      bicep: bicepOnRule(
        bicepBackendCase([fromAseSpec('*')]).replace("sourceAddressPrefix: '*'", "sourceAddressPrefixes: [ '10.0.1.4', '192.168.0.0/24' ]"),
        'AllowAseSql',
        'ASE801',
      ),
    },
    {
      // Calls to an ILB ASE stay in the network and come from the caller's subnet.
      name: "an ILB ASE's NSG admits part of another ASE's subnet",
      arm: crossCase([management, allowCaller('10.0.5.0/26'), underName('AllowCaller', 'ASE801')], { ilbMode: 'Web' }),
      messages: [
        "Rule 'AllowCaller', priority 200 of NSG 'ase-nsg' allows 10.0.5.0/26, only part of the subnet 10.0.5.0/24 of ASE 'caller-ase': the ASE's instances use any address of the subnet and change it when they move, so calls from the others are dropped",
      ],
      output: crossCase([management, allowCaller('10.0.5.0/24'), underName('AllowCaller', 'ASE801')], { ilbMode: 'Web' }),
      bicep: bicepOnRule(bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/26')], { ilbMode: 'Web' }), 'AllowCaller', 'ASE801'),
      bicepOutput: bicepOnRule(bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/24')], { ilbMode: 'Web' }), 'AllowCaller', 'ASE801'),
    },
  ],
});

ruleTester(crossAseSource, {
  valid: [
    {
      name: "the caller's public address is allowed too",
      arm: crossCase([management, allowCaller('10.0.5.0/24', false), allowCaller('20.50.60.70').replace('AllowCaller', 'AllowCallerVip').replace('"priority": 200', '"priority": 210')]),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec(), allowCallerSpec('20.50.60.70', 'AllowCallerVip', 210)]),
    },
    {
      name: 'Internet is allowed',
      arm: crossCase([management, allowCaller('10.0.5.0/24', false), allowCaller('Internet').replace('AllowCaller', 'AllowWeb').replace('"priority": 200', '"priority": 210')]),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec(), allowCallerSpec('Internet', 'AllowWeb', 210)]),
    },
    {
      name: 'an ILB ASE is called inside the network',
      arm: crossCase([management, allowCaller()], { ilbMode: 'Web' }),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec()], { ilbMode: 'Web' }),
    },
    { name: 'a rule for another subnet', arm: crossCase([management, allowCaller('10.0.7.0/24')]), bicep: bicepCrossCase([managementSpec, allowCallerSpec('10.0.7.0/24')]) },
    {
      // Wider than the caller's subnet: meant for the network's other clients, which do call from their private addresses.
      name: 'the whole VNet, which holds the other ASE\'s subnet',
      arm: crossCase([management, allowCaller('10.0.0.0/16')]),
      bicep: bicepCrossCase([managementSpec, allowCallerSpec('10.0.0.0/16')]),
    },
  ],
  invalid: [
    {
      name: "the other ASE's subnet only",
      arm: crossCase([management, allowCaller(), underName('AllowCaller', 'ASE802')]),
      messages: [crossMessage],
      output: null,
      bicep: bicepOnRule(bicepCrossCase([managementSpec, allowCallerSpec()]), 'AllowCaller', 'ASE802'),
    },
    {
      name: "part of the other ASE's subnet (ASE802 alone reports it)",
      arm: crossCase([management, allowCaller('10.0.5.0/26'), underName('AllowCaller', 'ASE802')]),
      messages: [
        "Rule 'AllowCaller', priority 200 of NSG 'ase-nsg' admits 10.0.5.0/26, part of the subnet 10.0.5.0/24 of ASE 'caller-ase', into External ASE 'my-ase': calls between ASEs leave through the caller's public address, not its subnet, so they are not let in",
      ],
      output: null,
      bicep: bicepOnRule(bicepCrossCase([managementSpec, allowCallerSpec('10.0.5.0/26')]), 'AllowCaller', 'ASE802'),
    },
  ],
});

const nicLine = `          { "name": "ipconfig1", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" } } }`;
const nic = (subnet = 'ase-subnet') =>
  [
    '    {',
    '      "type": "Microsoft.Network/networkInterfaces",',
    '      "apiVersion": "2023-04-01",',
    '      "name": "sqlvm-nic",',
    '      "location": "westeurope",',
    '      "properties": {',
    '        "ipConfigurations": [',
    nicLine.replace("'ase-subnet'", `'${subnet}'`),
    '        ]',
    '      }',
    '    }',
  ].join('\n');
const endpoint = [
  '    {',
  '      "type": "Microsoft.Network/privateEndpoints",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "sql-endpoint",',
  '      "location": "westeurope",',
  `      "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }, "privateLinkServiceConnections": [] }`,
  '    }',
].join('\n');
const inSubnet = (what: string) =>
  `${what} is placed in the subnet 'ase-subnet' of ASE 'my-ase': the ASE's apps cannot reach a back end in their own subnet`;
const bicepNic = (subnet = 'ase-subnet') => [
  "resource sqlvmNic 'Microsoft.Network/networkInterfaces@2023-04-01' = {",
  "  name: 'sqlvm-nic'",
  "  location: 'westeurope'",
  '  properties: {',
  '    ipConfigurations: [',
  `      { name: 'ipconfig1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', '${subnet}') } } }`,
  '    ]',
  '  }',
  '}',
];
const bicepEndpoint = [
  "resource sqlEndpoint 'Microsoft.Network/privateEndpoints@2023-04-01' = {",
  "  name: 'sql-endpoint'",
  "  location: 'westeurope'",
  "  properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet') }, privateLinkServiceConnections: [] }",
  '}',
];

ruleTester(backendInAseSubnet, {
  valid: [
    {
      name: 'the VM in its own subnet',
      arm: aseTemplate({ otherSubnets: ['          { "name": "vms", "properties": { "addressPrefix": "10.0.2.0/24" } }'], extraResources: [nic('vms')] }),
      bicep: bicepTwin({ otherSubnets: ["      { name: 'vms', properties: { addressPrefix: '10.0.2.0/24' } }"], extraResources: bicepNic('vms') }),
    },
    { name: 'nothing else in the ASE subnet', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      // The ASE is left out when its version is unknown; ASE902 names ASE803 among the rules that silences.
      name: 'ASE kind unresolved',
      arm: aseTemplate({ kind: "[parameters('kind')]", extraResources: [nic()] }),
      bicep: bicepTwin({ params: ['param kind string'], extraResources: bicepNic() }).replace("  kind: 'ASEV2'", '  kind: kind'),
    },
  ],
  invalid: [
    {
      name: "a SQL VM's network interface, on its name",
      arm: markFirst(aseTemplate({ extraResources: [nic()] }), '"name": "sqlvm-nic"', '"sqlvm-nic"', 'ASE803'),
      messages: [inSubnet("Network interface 'sqlvm-nic'")],
      output: null,
      bicep: bicepOnRule(bicepTwin({ extraResources: bicepNic() }), 'sqlvm-nic', 'ASE803'),
    },
    {
      name: 'a private endpoint',
      arm: markFirst(aseTemplate({ extraResources: [endpoint] }), '"name": "sql-endpoint"', '"sql-endpoint"', 'ASE803'),
      messages: [inSubnet("Private endpoint 'sql-endpoint'")],
      output: null,
      bicep: bicepOnRule(bicepTwin({ extraResources: bicepEndpoint }), 'sql-endpoint', 'ASE803'),
    },
  ],
});
