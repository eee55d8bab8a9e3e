// ASE901 retired-version: ASEv1 and ASEv2 are retired; Azure no longer creates them.
import { retiredVersion } from '../../server/src/rules/retired-version';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, markFirst, type AseTemplate } from '../support/templates';
import { bicepTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const retired = (name: string, version: string) =>
  `ASE '${name}' is an ASE${version}, a version retired on 31 August 2024 that Azure no longer creates: deploy an ASEv3 instead ` +
  '(its network needs differ: no management ports, a subnet delegated to Microsoft.Web/hostingEnvironments, a /24)';
const onKind = (kind: string) => (t: string) => markFirst(t, `"kind": "${kind}"`, `"${kind}"`, 'ASE901');
/** An ASE without `kind`: the version comes from its apiVersion. */
const withoutKind = (o: AseTemplate) => aseTemplate({ ...o, kind: '' }).replace('      "kind": "",\n', '');
// The Bicep twins.
const onBicepKind = (kind: string) => (t: string) => annotate(t, `kind: '${kind}'`, `'${kind}'`, 'ASE901');
/** The twin's ASE without `kind`, at `apiVersion`. */
const bicepWithoutKind = (apiVersion = '2022-03-01') =>
  bicepTwin({}).replace("  kind: 'ASEV2'\n", '').replace('hostingEnvironments@2022-03-01', `hostingEnvironments@${apiVersion}`);

ruleTester(retiredVersion, {
  valid: [
    {
      name: 'ASEv3',
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
      name: 'kind unresolved',
      arm: aseTemplate({ kind: "[parameters('kind')]" }),
      bicep: bicepTwin({ params: ['param kind string'] }).replace("  kind: 'ASEV2'", '  kind: kind'),
    },
    { name: 'no kind and a recent apiVersion: the version is not known', arm: withoutKind({}), bicep: bicepWithoutKind() },
  ],
  invalid: [
    {
      name: 'ASEv2, on the kind',
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
              //      ^^^^^^^ ASE901
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
        "ASE 'my-ase' is an ASEv2, a version retired on 31 August 2024 that Azure no longer creates: deploy an ASEv3 instead (its network needs differ: no management ports, a subnet delegated to Microsoft.Web/hostingEnvironments, a /24)",
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
          //    ^^^^^^^ ASE901
          properties: {
            internalLoadBalancingMode: 'None'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }
      `,
    },
    {
      name: 'kind in lower case',
      arm: onKind('asev1')(aseTemplate({ kind: 'asev1' })),
      messages: [retired('my-ase', 'v1')],
      output: null,
      bicep: onBicepKind('asev1')(bicepTwin({ kind: 'asev1' })),
    },
    {
      name: 'no kind and an apiVersion before 2019 (ASEv1), on the name',
      arm: markFirst(withoutKind({ apiVersion: '2016-09-01' }), '"name": "my-ase"', '"my-ase"', 'ASE901'),
      messages: [retired('my-ase', 'v1')],
      output: null,
      bicep: annotate(bicepWithoutKind('2016-09-01'), "name: 'my-ase'", "'my-ase'", 'ASE901'),
    },
  ],
});
