// ASE303 broad-default-route: a 0.0.0.0/0 route to the internet on the ASEv1/v2 subnet is its only guard against
// the more specific routes ExpressRoute or a VPN may advertise.
import { broadDefaultRoute } from '../../server/src/rules/broad-default-route';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, markFirst, route, withBgpPropagation } from '../support/templates';
import { bicepTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const internetDefault = route('default', '0.0.0.0/0', 'Internet', undefined, true);
const guard = (name: string) =>
  `Route '${name}' in route table 'ase-routes' is the ASE subnet's only guard against forced tunnelling: ` +
  'a prefix more specific than 0.0.0.0/0 learned from ExpressRoute or a VPN still wins over it and takes that traffic away from the internet';
const onRoute = (line: string, name: string) => (text: string) => markFirst(text, line, `"${name}"`, 'ASE303');
const onBicepRoute = (name: string) => (t: string) => annotate(t, `{ name: '${name}'`, `'${name}'`, 'ASE303');

ruleTester(broadDefaultRoute, {
  valid: [
    {
      name: 'gateway route propagation is off',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-04-01",
              "name": "ase-routes",
              "location": "westeurope",
              "properties": {
                "disableBgpRoutePropagation": true,
                "routes": [
                  { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }
                ]
              }
            },
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
                      "routeTable": {
                        "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]"
                      }
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
      bicep: dedent`
        resource rt 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'ase-routes'
          location: 'westeurope'
          properties: {
            disableBgpRoutePropagation: true
            routes: [
              { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }
            ]
          }
        }
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
                  routeTable: { id: resourceId('Microsoft.Network/routeTables', 'ase-routes') }
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
    { name: 'no route table', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      name: 'propagation setting unresolved',
      arm: withBgpPropagation(aseTemplate({ routes: [internetDefault] }), '"[parameters(\'bgp\')]"'),
      bicep: bicepTwin({ params: ['param bgp bool'], bgpPropagationExpr: 'bgp', routes: [['default', '0.0.0.0/0', 'Internet']] }),
    },
    {
      name: 'the default route goes to a firewall (ASE301)',
      arm: aseTemplate({ routes: [route('fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true)] }),
      bicep: bicepTwin({ routes: [['fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']] }),
    },
    {
      name: 'only a specific route to Internet',
      arm: aseTemplate({ routes: [route('web', '20.0.0.0/8', 'Internet', undefined, true)] }),
      bicep: bicepTwin({ routes: [['web', '20.0.0.0/8', 'Internet']] }),
    },
    { name: 'ASEv3 is not checked', arm: aseTemplate({ kind: 'ASEV3', routes: [internetDefault] }), bicep: bicepTwin({ kind: 'ASEV3', routes: [['default', '0.0.0.0/0', 'Internet']] }) },
  ],
  invalid: [
    {
      name: 'a 0.0.0.0/0 route to Internet, propagation on by default',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-04-01",
              "name": "ase-routes",
              "location": "westeurope",
              "properties": {
                "routes": [
                  { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }
                  //        ^^^^^^^^^ ASE303
                ]
              }
            },
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
                      "routeTable": {
                        "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]"
                      }
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
        "Route 'default' in route table 'ase-routes' is the ASE subnet's only guard against forced tunnelling: a prefix more specific than 0.0.0.0/0 learned from ExpressRoute or a VPN still wins over it and takes that traffic away from the internet",
      ],
      output: null,
      bicep: dedent`
        resource rt 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'ase-routes'
          location: 'westeurope'
          properties: {
            routes: [
              { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }
              //      ^^^^^^^^^ ASE303
            ]
          }
        }
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
                  routeTable: { id: resourceId('Microsoft.Network/routeTables', 'ase-routes') }
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
      name: 'propagation written as false; more specific Internet routes do not help',
      arm: onRoute(route('default', '0.0.0.0/0', 'Internet'), 'default')(
        withBgpPropagation(aseTemplate({ routes: [route('default', '0.0.0.0/0', 'Internet'), route('half', '0.0.0.0/1', 'Internet', undefined, true)] }), 'false'),
      ),
      messages: [guard('default')],
      output: null,
      bicep: onBicepRoute('default')(
        bicepTwin({ bgpPropagationExpr: 'false', routes: [['default', '0.0.0.0/0', 'Internet'], ['half', '0.0.0.0/1', 'Internet']] }),
      ),
    },
  ],
});
