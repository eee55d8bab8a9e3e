// ASE402 subnet-exclusive: an ASE has its subnet to itself.
import { subnetExclusive } from '../../server/src/rules/subnet-exclusive';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder } from '../support/templates';
import { bicepTwin } from '../support/twin';

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
    {
      name: 'a NIC in another subnet',
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
                  { "name": "other", "properties": { "addressPrefix": "10.0.2.0/24" } }
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
              "name": "vm-nic",
              "location": "westeurope",
              "properties": {
                "ipConfigurations": [
                  {
                    "name": "ipconfig1",
                    "properties": {
                      "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'other')]" }
                    }
                  }
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
              {
                name: 'other'
                properties: { addressPrefix: '10.0.2.0/24' }
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
        resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {
          name: 'vm-nic'
          location: 'westeurope'
          properties: {
            ipConfigurations: [
              {
                name: 'ipconfig1'
                properties: {
                  subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'other') }
                }
              }
            ]
          }
        }
      `,
    },
    { name: 'the ASE alone', arm: aseTemplate(), bicep: bicepTwin({}) },
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
              "name": "vm-nic",
              "location": "westeurope",
              "properties": {
                "ipConfigurations": [
                  {
                    "name": "ipconfig1",
                    "properties": {
                      "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }
                      //                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE402
                    }
                  }
                ]
              }
            }
          ]
        }
      `,
      messages: [
        "Network interface 'vm-nic' is placed in the subnet 'ase-subnet' of ASE 'my-ase': an ASE must have its subnet to itself, and it cannot reach VMs in its own subnet",
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
        resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {
          name: 'vm-nic'
          location: 'westeurope'
          properties: {
            ipConfigurations: [
              {
                name: 'ipconfig1'
                properties: {
                  subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet') }
                  //            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ASE402
                }
              }
            ]
          }
        }
      `,
    },
  ],
});
