// ASE401-ASE403: the ASE subnet itself.
import { subnetDelegation } from '../../server/src/rules/subnet-delegation';
import { subnetExclusive } from '../../server/src/rules/subnet-exclusive';
import { subnetSize } from '../../server/src/rules/subnet-size';
import { ruleTester } from './tester';
import { aseTemplate, caretsUnder } from './templates';
import { bicepTwin, type TwinSpec } from '../model/bicep/twin';
import { annotate } from './bicepTwins';

/** Carets under `"<prefix>"` of the subnet's addressPrefix line. */
const underPrefix = (prefix: string) => `              //${' '.repeat(15)}${'^'.repeat(prefix.length + 2)} ASE401`;
const v3Delegation = '                { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }';
const other = (prefix: string) => `          { "name": "other", "properties": { "addressPrefix": "${prefix}" } }`;
// The Bicep twins.
const otherBicep = (prefix: string) => ['      {', "        name: 'other'", `        properties: { addressPrefix: '${prefix}' }`, '      }'];
/** The twin with carets under the ASE subnet's addressPrefix value. */
const bicepPrefix = (spec: TwinSpec & { subnetPrefix: string }) => annotate(bicepTwin(spec), `addressPrefix: '${spec.subnetPrefix}'`, `'${spec.subnetPrefix}'`, 'ASE401');

ruleTester(subnetSize, {
  valid: [
    { name: 'ASEv2 /24', arm: aseTemplate(), bicep: bicepTwin({}) },
    { name: 'ASEv2 /23', arm: aseTemplate({ subnetPrefix: '10.0.0.0/23' }), bicep: bicepTwin({ subnetPrefix: '10.0.0.0/23' }) },
    { name: 'ASEv1 is not checked', arm: aseTemplate({ kind: 'ASEV1', subnetPrefix: '10.0.1.0/26' }), bicep: bicepTwin({ kind: 'ASEV1', subnetPrefix: '10.0.1.0/26' }) },
    {
      name: 'unresolved prefix',
      arm: aseTemplate({ subnetPrefix: "[parameters('prefix')]" }),
      bicep: bicepTwin({ params: ['param prefix string'], subnetPrefixExpr: 'prefix' }),
    },
  ],
  invalid: [
    {
      name: 'ASEv2 /25 warns and widens to the containing /24',
      arm: annotated(aseTemplate({ subnetPrefix: '10.0.1.128/25' }), '10.0.1.128/25'),
      messages: [
        "The subnet 'ase-subnet' of ASEv2 'my-ase' is a /25, smaller than the recommended /24: the ASE may run out of addresses as it scales, and the size cannot change later",
      ],
      output: annotated(aseTemplate({ subnetPrefix: '10.0.1.128/25' }), '10.0.1.128/25').replace('"10.0.1.128/25"', '"10.0.1.0/24"'),
      bicep: bicepPrefix({ subnetPrefix: '10.0.1.128/25' }),
      bicepOutput: bicepPrefix({ subnetPrefix: '10.0.1.128/25' }).replace("addressPrefix: '10.0.1.128/25'", "addressPrefix: '10.0.1.0/24'"),
    },
    {
      name: 'ASEv2 /26 is below the minimum; the containing /24 is taken, so the next free one',
      arm: annotated(aseTemplate({ subnetPrefix: '10.0.1.0/26', otherSubnets: [other('10.0.1.64/26')] }), '10.0.1.0/26'),
      severities: ['error'],
      messages: [
        "The subnet 'ase-subnet' of ASEv2 'my-ase' is a /26, below the /25 minimum: the ASE cannot be created or cannot scale, and the size cannot change later (use a /24)",
      ],
      output: annotated(aseTemplate({ subnetPrefix: '10.0.1.0/26', otherSubnets: [other('10.0.1.64/26')] }), '10.0.1.0/26').replace('"10.0.1.0/26"', '"10.0.0.0/24"'),
      bicep: bicepPrefix({ subnetPrefix: '10.0.1.0/26', otherSubnets: otherBicep('10.0.1.64/26') }),
      bicepOutput: bicepPrefix({ subnetPrefix: '10.0.1.0/26', otherSubnets: otherBicep('10.0.1.64/26') }).replace("addressPrefix: '10.0.1.0/26'", "addressPrefix: '10.0.0.0/24'"),
    },
    {
      name: 'ASEv3 /28 is an error; no free /24 in a /24 VNet',
      arm: annotated(aseTemplate({ kind: 'ASEV3', vnetPrefix: '10.0.1.0/24', subnetPrefix: '10.0.1.0/28', delegations: [v3Delegation], otherSubnets: [other('10.0.1.16/28')] }), '10.0.1.0/28'),
      severities: ['error'],
      messages: [
        "The subnet 'ase-subnet' of ASEv3 'my-ase' is a /28, below the /27 minimum: the ASE cannot be created or cannot scale, and the size cannot change later (use a /24)",
      ],
      output: null,
      bicep: bicepPrefix({
        kind: 'ASEV3',
        vnetPrefix: '10.0.1.0/24',
        subnetPrefix: '10.0.1.0/28',
        delegation: 'Microsoft.Web/hostingEnvironments',
        otherSubnets: otherBicep('10.0.1.16/28'),
      }),
    },
  ],
});

/** Inserts the caret line under the subnet's addressPrefix. */
function annotated(text: string, prefix: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(`"addressPrefix": "${prefix}"`));
  lines.splice(i + 1, 0, underPrefix(prefix));
  return lines.join('\n');
}

const nicSubnetLine = (subnet: string) =>
  `              "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', '${subnet}')]" }`;
const nicSubnetId = (subnet: string) => `"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', '${subnet}')]"`;
const nic = (subnet: string) => `    {
      "type": "Microsoft.Network/networkInterfaces",
      "apiVersion": "2023-04-01",
      "name": "vm-nic",
      "location": "westeurope",
      "properties": {
        "ipConfigurations": [
          {
            "name": "ipconfig1",
            "properties": {
${nicSubnetLine(subnet)}
${caretsUnder(nicSubnetLine(subnet), nicSubnetId(subnet), 'ASE402')}
            }
          }
        ]
      }
    }`;
const nicBicep = (subnet: string) => [
  "resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {",
  "  name: 'vm-nic'",
  "  location: 'westeurope'",
  '  properties: {',
  '    ipConfigurations: [',
  '      {',
  "        name: 'ipconfig1'",
  '        properties: {',
  `          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', '${subnet}') }`,
  '        }',
  '      }',
  '    ]',
  '  }',
  '}',
];

ruleTester(subnetExclusive, {
  valid: [
    { name: 'the ASE alone', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      name: 'a NIC in another subnet',
      arm: aseTemplate({ otherSubnets: [other('10.0.2.0/24')], extraResources: [nic('other').replace(/\n\s*\/\/.*ASE402/, '')] }),
      bicep: bicepTwin({ otherSubnets: otherBicep('10.0.2.0/24'), extraResources: nicBicep('other') }),
    },
    {
      // The ASE is left out when its version is unknown; ASE902 names ASE402 among the rules that silences.
      name: 'ASE kind unresolved',
      arm: aseTemplate({ kind: "[parameters('kind')]", extraResources: [nic('ase-subnet').replace(/\n\s*\/\/.*ASE402/, '')] }),
      bicep: bicepTwin({ params: ['param kind string'], extraResources: nicBicep('ase-subnet') }).replace("  kind: 'ASEV2'", '  kind: kind'),
    },
  ],
  invalid: [
    {
      name: 'a VM network interface in the ASE subnet',
      arm: aseTemplate({ extraResources: [nic('ase-subnet')] }),
      messages: [
        "Network interface 'vm-nic' is placed in the subnet 'ase-subnet' of ASE 'my-ase': an ASE must have its subnet to itself, and it cannot reach VMs in its own subnet",
      ],
      output: null,
      bicep: annotate(
        bicepTwin({ extraResources: nicBicep('ase-subnet') }),
        'subnet: { id: resourceId(',
        "resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')",
        'ASE402',
      ),
    },
  ],
});

const farmDelegation = '                { "name": "farm", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }';
const underSubnetName = '            //      ^^^^^^^^^^^^ ASE403';
function subnetAnnotated(text: string): string {
  return text.replace('"name": "ase-subnet",\n', `"name": "ase-subnet",\n${underSubnetName}\n`);
}
const bicepSubnetAnnotated = annotate(bicepTwin({ kind: 'ASEV3' }), "name: 'ase-subnet'", "'ase-subnet'", 'ASE403');

ruleTester(subnetDelegation, {
  valid: [
    { name: 'ASEv3 delegated', arm: aseTemplate({ kind: 'ASEV3', delegations: [v3Delegation] }), bicep: bicepTwin({ kind: 'ASEV3', delegation: 'Microsoft.Web/hostingEnvironments' }) },
    { name: 'ASEv2 without delegation', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      // The migration to ASEv3 delegates the running ASEv2's subnet this way first: no harm to the ASEv2.
      name: 'ASEv2 subnet delegated to Microsoft.Web/hostingEnvironments',
      arm: aseTemplate({ delegations: [v3Delegation] }),
      bicep: bicepTwin({ delegation: 'Microsoft.Web/hostingEnvironments' }),
    },
    {
      name: 'ASEv3 delegation unresolved',
      arm: aseTemplate({ kind: 'ASEV3', delegations: ['                { "name": "d", "properties": { "serviceName": "[parameters(\'svc\')]" } }'] }),
      bicep: bicepTwin({ params: ['param svc string'], kind: 'ASEV3', delegation: 'SVC' }).replace("serviceName: 'SVC'", 'serviceName: svc'),
    },
  ],
  invalid: [
    {
      name: 'ASEv3 subnet without delegation gets one',
      arm: subnetAnnotated(aseTemplate({ kind: 'ASEV3' })),
      messages: ["The subnet 'ase-subnet' of ASEv3 'my-ase' is not delegated to Microsoft.Web/hostingEnvironments: the ASE cannot be created in it"],
      output: subnetAnnotated(aseTemplate({ kind: 'ASEV3' })).replace(
        '"addressPrefix": "10.0.1.0/24"\n',
        [
          '"addressPrefix": "10.0.1.0/24",',
          '              "delegations": [',
          '                {',
          '                  "name": "Microsoft.Web.hostingEnvironments",',
          '                  "properties": {',
          '                    "serviceName": "Microsoft.Web/hostingEnvironments"',
          '                  }',
          '                }',
          '              ]',
          '',
        ].join('\n'),
      ),
      bicep: bicepSubnetAnnotated,
      bicepOutput: bicepSubnetAnnotated.replace(
        "          addressPrefix: '10.0.1.0/24'\n",
        [
          "          addressPrefix: '10.0.1.0/24'",
          '          delegations: [',
          '            {',
          "              name: 'Microsoft.Web.hostingEnvironments'",
          '              properties: {',
          "                serviceName: 'Microsoft.Web/hostingEnvironments'",
          '              }',
          '            }',
          '          ]',
          '',
        ].join('\n'),
      ),
    },
    {
      name: 'ASEv2 subnet delegated to another service',
      arm: aseTemplate({
        delegations: [farmDelegation, caretsUnder(farmDelegation, '"Microsoft.Web/serverFarms"', 'ASE403')],
      }),
      messages: ["The subnet 'ase-subnet' of ASEv2 'my-ase' is delegated to Microsoft.Web/serverFarms: an ASEv1/v2 subnet must not be delegated"],
      output: null,
      bicep: annotate(bicepTwin({ delegation: 'Microsoft.Web/serverFarms' }), 'delegations: [', "'Microsoft.Web/serverFarms'", 'ASE403'),
    },
  ],
});
