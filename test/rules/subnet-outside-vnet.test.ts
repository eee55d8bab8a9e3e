// ASE404: the ASE subnet's prefix inside its VNet, clear of the other subnets.
import { subnetOutsideVnet } from '../../server/src/rules/subnet-outside-vnet';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder, type AseTemplate } from '../support/templates';
import { bicepTwin, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const other = (prefix: string) => `          { "name": "other", "properties": { "addressPrefix": "${prefix}" } }`;
/** The template with carets under the ASE subnet's prefix value. */
function annotated(o: AseTemplate): string {
  const prefix = o.subnetPrefix ?? '10.0.1.0/24';
  const line = `              "addressPrefix": "${prefix}"`;
  return aseTemplate(o).replace(`${line}\n`, `${line}\n${caretsUnder(line, `"${prefix}"`, 'ASE404')}\n`);
}
// The Bicep twins. Several VNet prefixes are written as ARM's are: `vnetPrefix` joins them with `', '`.
const otherBicep = (prefix: string) => ['      {', "        name: 'other'", `        properties: { addressPrefix: ${prefix} }`, '      }'];
function bicepAnnotated(o: TwinSpec): string {
  const prefix = o.subnetPrefix ?? '10.0.1.0/24';
  return annotate(bicepTwin(o), `addressPrefix: '${prefix}'`, `'${prefix}'`, 'ASE404');
}
const failure = 'Azure rejects the subnet, and the ASE cannot be created in it';

ruleTester(subnetOutsideVnet, {
  valid: [
    {
      name: 'next to a subnet it does not overlap',
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
      `,
    },
    { name: 'the subnet inside the VNet, alone', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      name: 'inside the second of two address prefixes',
      arm: aseTemplate({ vnetPrefix: '10.0.0.0/24", "10.1.0.0/16', subnetPrefix: '10.1.1.0/24' }),
      bicep: bicepTwin({ vnetPrefix: "10.0.0.0/24', '10.1.0.0/16", subnetPrefix: '10.1.1.0/24' }),
    },
    {
      name: 'VNet address space unresolved',
      arm: aseTemplate({ vnetPrefix: "[parameters('space')]", subnetPrefix: '172.16.0.0/24' }),
      bicep: bicepTwin({ params: ['param space string'], subnetPrefix: '172.16.0.0/24' }).replace("addressPrefixes: [ '10.0.0.0/16' ]", 'addressPrefixes: [ space ]'),
    },
    {
      name: 'subnet prefix unresolved',
      arm: aseTemplate({ subnetPrefix: "[parameters('prefix')]", otherSubnets: [other('10.0.1.0/24')] }),
      bicep: bicepTwin({ params: ['param prefix string'], subnetPrefixExpr: 'prefix', otherSubnets: otherBicep("'10.0.1.0/24'") }),
    },
    {
      name: "the other subnet's prefix unresolved",
      arm: aseTemplate({ otherSubnets: [other("[parameters('prefix')]")] }),
      bicep: bicepTwin({ params: ['param prefix string'], otherSubnets: otherBicep('prefix') }),
    },
  ],
  invalid: [
    {
      name: 'outside the address space',
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
                      "addressPrefix": "10.1.0.0/24"
                      //               ^^^^^^^^^^^^^ ASE404
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
            }
          ]
        }
      `,
      messages: [
        "The prefix 10.1.0.0/24 of ASE subnet 'ase-subnet' lies outside the address space of VNet 'ase-vnet' (10.0.0.0/16): Azure rejects the subnet, and the ASE cannot be created in it",
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
                  addressPrefix: '10.1.0.0/24'
                  //             ^^^^^^^^^^^^^ ASE404
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
      `,
    },
    {
      name: 'overlaps another subnet of the VNet',
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
                      //               ^^^^^^^^^^^^^ ASE404
                    }
                  },
                  { "name": "other", "properties": { "addressPrefix": "10.0.1.128/25" } }
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
            }
          ]
        }
      `,
      messages: [
        "The prefix 10.0.1.0/24 of ASE subnet 'ase-subnet' overlaps subnet 'other' (10.0.1.128/25) of the same VNet: Azure rejects overlapping subnets, and the ASE cannot be created in it",
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
                  //             ^^^^^^^^^^^^^ ASE404
                }
              }
              {
                name: 'other'
                properties: { addressPrefix: '10.0.1.128/25' }
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
      `,
    },
    {
      name: 'straddles two adjacent address prefixes',
      arm: annotated({ vnetPrefix: '10.0.0.0/25", "10.0.0.128/25', subnetPrefix: '10.0.0.0/24' }),
      bicep: bicepAnnotated({ vnetPrefix: "10.0.0.0/25', '10.0.0.128/25", subnetPrefix: '10.0.0.0/24' }),
      messages: [`The prefix 10.0.0.0/24 of ASE subnet 'ase-subnet' lies outside the address space of VNet 'ase-vnet' (10.0.0.0/25, 10.0.0.128/25): ${failure}`],
      output: null,
    },
  ],
});
