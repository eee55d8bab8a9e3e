// ASE803 backend-in-ase-subnet: nothing but the ASE lives in its subnet; a back end there cannot be reached by its apps.
import { backendInAseSubnet } from '../../server/src/rules/backend-in-ase-subnet';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, markFirst } from '../support/templates';
import { bicepTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const bicepOnRule = (text: string, name: string, code: string) => annotate(text, `name: '${name}'`, `'${name}'`, code);
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
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "ase-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "ase-subnet",
                    "properties": {
                      "addressPrefix": "10.0.1.0/24"
                    }
                  },
                  { "name": "vms", "properties": { "addressPrefix": "10.0.2.0/24" } }
                ]
              }
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "my-ase",
              "location": "westeurope",
              "kind": "ASEV2",
              "properties": {
                "internalLoadBalancingMode": "None",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Network/networkInterfaces",
              "apiVersion": "2023-04-01",
              "name": "sqlvm-nic",
              "location": "westeurope",
              "properties": {
                "ipConfigurations": [
                  { "name": "ipconfig1", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'vms')]" } } }
                ]
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                properties: {
                  addressPrefix: '10.0.1.0/24'
                }
              }
              { name: 'vms', properties: { addressPrefix: '10.0.2.0/24' } }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource sqlvmNic 'Microsoft.Network/networkInterfaces@2023-04-01' = {
          name: 'sqlvm-nic'
          location: 'westeurope'
          properties: {
            ipConfigurations: [
              { name: 'ipconfig1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'vms') } } }
            ]
          }
        }
      `,
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
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "ase-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "ase-subnet",
                    "properties": {
                      "addressPrefix": "10.0.1.0/24"
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "my-ase",
              "location": "westeurope",
              "kind": "ASEV2",
              "properties": {
                "internalLoadBalancingMode": "None",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              }
            },
            {
              "type": "Microsoft.Network/networkInterfaces",
              "apiVersion": "2023-04-01",
              "name": "sqlvm-nic",
              //      ^^^^^^^^^^^ ASE803
              "location": "westeurope",
              "properties": {
                "ipConfigurations": [
                  { "name": "ipconfig1", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" } } }
                ]
              }
            }
          ]
        }
      `,
      messages: [
        "Network interface 'sqlvm-nic' is placed in the subnet 'ase-subnet' of ASE 'my-ase': the ASE's apps cannot reach a back end in their own subnet",
      ],
      output: null,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                properties: {
                  addressPrefix: '10.0.1.0/24'
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
        resource sqlvmNic 'Microsoft.Network/networkInterfaces@2023-04-01' = {
          name: 'sqlvm-nic'
          //    ^^^^^^^^^^^ ASE803
          location: 'westeurope'
          properties: {
            ipConfigurations: [
              { name: 'ipconfig1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet') } } }
            ]
          }
        }
      `,
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
