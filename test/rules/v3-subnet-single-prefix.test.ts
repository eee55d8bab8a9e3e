// ASE405 v3-subnet-single-prefix: an ASEv3 subnet written with the list addressPrefixes instead of addressPrefix.
import { v3SubnetSinglePrefix } from '../../server/src/rules/v3-subnet-single-prefix';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, markFirst } from '../support/templates';
import { annotate } from '../support/bicepTwins';
import { bicepTwin } from '../support/twin';

const v3Delegation = ['                { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }'];
/** The ARM builder's ASE subnet, its prefix written as the list `addressPrefixes` with `list`. */
const armList = (kind: string, list: string) =>
  aseTemplate({ kind, delegations: kind === 'ASEV3' ? v3Delegation : undefined }).replace('"addressPrefix": "10.0.1.0/24"', `"addressPrefixes": ${list}`);
const bicepList = (kind: string, list: string, params: string[] = []) =>
  bicepTwin({ kind, params, ...(kind === 'ASEV3' ? { delegation: 'Microsoft.Web/hostingEnvironments' } : {}) }).replace("addressPrefix: '10.0.1.0/24'", `addressPrefixes: ${list}`);
const armMarked = (list: string) => markFirst(armList('ASEV3', list), `"addressPrefixes": ${list}`, '"addressPrefixes"', 'ASE405');
const bicepMarked = (list: string, params: string[] = []) => annotate(bicepList('ASEV3', list, params), `addressPrefixes: ${list}`, 'addressPrefixes', 'ASE405');
const message = "The subnet 'ase-subnet' of ASEv3 'my-ase' gives its range as the list addressPrefixes: an ASEv3 reads only addressPrefix, and the ASE cannot be created in the subnet";

ruleTester(v3SubnetSinglePrefix, {
  valid: [
    {
      name: 'an ASEv3 subnet with addressPrefix',
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
                      "addressPrefix": "10.0.1.0/24",
                      "delegations": [
                        { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }
                      ]
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
              "kind": "ASEV3",
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
                  delegations: [ { name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV3'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    { name: 'an ASEv2 subnet with addressPrefixes: only an ASEv3 refuses it', arm: armList('ASEV2', '[ "10.0.1.0/24" ]'), bicep: bicepList('ASEV2', "[ '10.0.1.0/24' ]") },
  ],
  invalid: [
    {
      name: 'an ASEv3 subnet with one prefix in addressPrefixes gets it as addressPrefix',
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
                      "addressPrefixes": [ "10.0.1.0/24" ],
                    //^^^^^^^^^^^^^^^^^ ASE405
                      "delegations": [
                        { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }
                      ]
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
              "kind": "ASEV3",
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
        "The subnet 'ase-subnet' of ASEv3 'my-ase' gives its range as the list addressPrefixes: an ASEv3 reads only addressPrefix, and the ASE cannot be created in the subnet",
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
                "subnets": [
                  {
                    "name": "ase-subnet",
                    "properties": {
                    //^^^^^^^^^^^^^^^^^ ASE405
                      "delegations": [
                        { "name": "ase", "properties": { "serviceName": "Microsoft.Web/hostingEnvironments" } }
                      ],
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
              "kind": "ASEV3",
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
                  addressPrefixes: [ '10.0.1.0/24' ]
                //^^^^^^^^^^^^^^^ ASE405
                  delegations: [ { name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV3'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
      bicepOutput: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                properties: {
                //^^^^^^^^^^^^^^^ ASE405
                  delegations: [ { name: 'ase', properties: { serviceName: 'Microsoft.Web/hostingEnvironments' } } ]
                  addressPrefix: '10.0.1.0/24'
                }
              }
            ]
          }
        }
        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: 'westeurope'
          kind: 'ASEV3'
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    {
      name: 'two prefixes: no fix, the range has to be chosen',
      arm: armMarked('[ "10.0.1.0/25", "10.0.1.128/25" ]'),
      messages: [message],
      output: null,
      bicep: bicepMarked("[ '10.0.1.0/25', '10.0.1.128/25' ]"),
      bicepOutput: null,
    },
    {
      name: 'the list from a parameter without a value: the form is known, the prefixes are not; no fix',
      arm: armMarked(`"[parameters('prefixes')]"`).replace('"contentVersion": "1.0.0.0",', '"contentVersion": "1.0.0.0",\n  "parameters": { "prefixes": { "type": "array" } },'),
      messages: [message],
      output: null,
      bicep: bicepMarked('prefixes', ['param prefixes array']),
      bicepOutput: null,
    },
  ],
});
