// ASE602 dns-before-ase: an ASE created in the deployment that sets its VNet's DNS servers waits for the VNet.
import { dnsBeforeAse } from '../../server/src/rules/dns-before-ase';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder, withDnsServers } from '../support/templates';
import { bicepTwin, bicepWithDnsServers, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const aseName = '      "name": "my-ase",';
const onAse = (text: string) => text.replace(aseName, `${aseName}\n${caretsUnder(aseName, '"my-ase"', 'ASE602')}`);
const withAseDependsOn = (text: string, entries: string[]) =>
  text.replace(`${aseName}\n`, `${aseName}\n      "dependsOn": [${entries.map((e) => JSON.stringify(e)).join(', ')}],\n`);
const vnetId = "[resourceId('Microsoft.Network/virtualNetworks', 'ase-vnet')]";
const orderMessage =
  "ASE 'my-ase' is created in the deployment that sets the DNS servers of VNet 'ase-vnet' but does not depend on it: Azure may change the DNS servers while the ASE is being created, and the creation fails";
const subnetResource = [
  '    {',
  '      "type": "Microsoft.Network/virtualNetworks/subnets",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "ase-vnet/other",',
  `      "dependsOn": [ "${vnetId}" ],`,
  '      "properties": { "addressPrefix": "10.0.9.0/24" }',
  '    }',
].join('\n');
// The Bicep twins name the ASE's subnet with resourceId(), as the ARM template does: a
// reference to `vnet` (bicepTwin's default `'${vnet.id}/subnets/ase-subnet'`) would be an
// implicit dependency on the VNet (the valid case below).
const subnetIdCall = "resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')";
const bicepDnsAse = (o: TwinSpec = {}) => bicepWithDnsServers({ aseSubnetIdExpr: subnetIdCall, ...o }, ["'10.0.0.4'"]);
const bicepOnAse = (text: string) => annotate(text, "name: 'my-ase'", "'my-ase'", 'ASE602');
const bicepOther = (dependsOnVnet: boolean) => [
  "resource other 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {",
  "  name: 'ase-vnet/other'",
  ...(dependsOnVnet ? ['  dependsOn: [ vnet ]'] : []),
  "  properties: { addressPrefix: '10.0.9.0/24' }",
  '}',
];

ruleTester(dnsBeforeAse, {
  valid: [
    {
      name: 'the ASE depends on the VNet',
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
                "dhcpOptions": { "dnsServers": ["10.0.0.4"] },
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
              "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', 'ase-vnet')]"],
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
            dhcpOptions: { dnsServers: [ '10.0.0.4' ] }
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
          dependsOn: [ vnet ]
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet') }
          }
        }
      `,
    },
    {
      name: 'through another resource that depends on the VNet',
      arm: withAseDependsOn(withDnsServers({ extraResources: [subnetResource] }, ['10.0.0.4']), ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'other')]"]),
      bicep: bicepDnsAse({ aseLines: ['  dependsOn: [ other ]'], extraResources: bicepOther(true) }),
    },
    { name: 'the VNet keeps Azure DNS', arm: aseTemplate(), bicep: bicepTwin({ aseSubnetIdExpr: subnetIdCall }) },
    {
      // Bicep only: `vnet.id` in the ASE's body orders the ASE after the VNet, as a dependsOn would.
      name: 'Bicep: an implicit dependency through a reference to the VNet symbol',
      arm: withAseDependsOn(withDnsServers({}, ['10.0.0.4']), [vnetId]),
      bicep: bicepWithDnsServers({}, ["'10.0.0.4'"]),
    },
    {
      name: 'a dependency on something not declared here',
      arm: withAseDependsOn(withDnsServers({}, ['10.0.0.4']), ["[resourceId('Microsoft.Network/publicIPAddresses', 'elsewhere')]"]),
      // In Bicep: a dependency on a module (a nested deployment) whose file cannot be read.
      bicep: bicepDnsAse({ aseLines: ['  dependsOn: [ elsewhere ]'], extraResources: ["module elsewhere 'elsewhere.bicep' = {", "  name: 'elsewhere'", '}'] }),
    },
    {
      // The module's parameters name the VNet, so Azure deploys it after the VNet, and the ASE after the module.
      name: 'Bicep: a dependency on a module that is deployed after the VNet',
      arm: withAseDependsOn(withDnsServers({}, ['10.0.0.4']), ["[resourceId('Microsoft.Resources/deployments', 'peers')]"]),
      bicep: bicepDnsAse({
        aseLines: ['  dependsOn: [ peers ]'],
        extraResources: ["module peers 'peers.bicep' = {", "  name: 'peers'", '  params: { vnetName: vnet.name }', '}'],
      }),
      files: { 'file:///work/peers.bicep': "param vnetName string\noutput name string = vnetName\n" },
    },
  ],
  invalid: [
    {
      name: 'no dependsOn: the fix adds the VNet',
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
                "dhcpOptions": { "dnsServers": ["10.0.0.4"] },
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
              //      ^^^^^^^^ ASE602
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
        "ASE 'my-ase' is created in the deployment that sets the DNS servers of VNet 'ase-vnet' but does not depend on it: Azure may change the DNS servers while the ASE is being created, and the creation fails",
      ],
      output: dedent`
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
                "dhcpOptions": { "dnsServers": ["10.0.0.4"] },
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
              //      ^^^^^^^^ ASE602
              "location": "westeurope",
              "kind": "ASEV2",
              "properties": {
                "internalLoadBalancingMode": "None",
                "virtualNetwork": {
                  "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"
                }
              },
              "dependsOn": [
                "[resourceId('Microsoft.Network/virtualNetworks', 'ase-vnet')]"
              ]
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
            dhcpOptions: { dnsServers: [ '10.0.0.4' ] }
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
          //    ^^^^^^^^ ASE602
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet') }
          }
        }
      `,
      bicepOutput: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            dhcpOptions: { dnsServers: [ '10.0.0.4' ] }
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
          //    ^^^^^^^^ ASE602
          location: 'westeurope'
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet') }
          }
          dependsOn: [
            vnet
          ]
        }
      `,
    },
    {
      name: 'a dependency on something else: the fix appends the VNet',
      arm: onAse(withAseDependsOn(withDnsServers({ extraResources: [subnetResource.replace(`      "dependsOn": [ "${vnetId}" ],\n`, '')] }, ['10.0.0.4']), ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'other')]"])),
      messages: [orderMessage],
      output: onAse(
        withAseDependsOn(withDnsServers({ extraResources: [subnetResource.replace(`      "dependsOn": [ "${vnetId}" ],\n`, '')] }, ['10.0.0.4']), [
          "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'other')]",
          vnetId,
        ]),
      ),
      bicep: bicepOnAse(bicepDnsAse({ aseLines: ['  dependsOn: [ other ]'], extraResources: bicepOther(false) })),
      bicepOutput: bicepOnAse(bicepDnsAse({ aseLines: ['  dependsOn: [ other, vnet ]'], extraResources: bicepOther(false) })),
    },
  ],
});
