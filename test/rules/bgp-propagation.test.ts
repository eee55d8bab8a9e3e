// ASE304 bgp-propagation: the ASEv1/v2 subnet's route table passes on the routes a gateway learns
// unless it disables BGP route propagation.
import { bgpPropagation } from '../../server/src/rules/bgp-propagation';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, markFirst, route, vnetGateway, withBgpPropagation, type AseTemplate } from '../support/templates';
import { bicepTwin, bicepVnetGateway, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const internetDefault = route('default', '0.0.0.0/0', 'Internet', undefined, true);
const erTemplate = (o: AseTemplate) => aseTemplate({ ...o, extraResources: [...(o.extraResources ?? []), vnetGateway('er-gw', 'ExpressRoute')] });
const erTwin = (o: TwinSpec) => bicepTwin({ ...o, extraResources: [...(o.extraResources ?? []), ...bicepVnetGateway('er-gw', 'ExpressRoute')] });
const onTable = (text: string) => markFirst(text, '      "name": "ase-routes",', '"ase-routes"', 'ASE304');
const passesOn = (label: string) =>
  `Route table 'ase-routes' on the subnet of ASE 'my-ase' passes on the routes learned by ${label}: ` +
  "what on-premises advertises decides where the ASE's traffic goes, and a default or broad route there force-tunnels the ASE";
const bicepVpnTable = annotate(
  bicepTwin({ routes: [['default', '0.0.0.0/0', 'Internet']], extraResources: bicepVnetGateway('vpn-gw', 'Vpn') }),
  "name: 'ase-routes'",
  "'ase-routes'",
  'ASE304',
);

ruleTester(bgpPropagation, {
  valid: [
    {
      name: 'propagation off',
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
            },
            {
              "type": "Microsoft.Network/virtualNetworkGateways",
              "apiVersion": "2023-04-01",
              "name": "er-gw",
              "location": "westeurope",
              "properties": {
                "gatewayType": "ExpressRoute",
                "ipConfigurations": [
                  { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'GatewaySubnet')]" } } }
                ]
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
        resource gw 'Microsoft.Network/virtualNetworkGateways@2023-04-01' = {
          name: 'er-gw'
          location: 'westeurope'
          properties: {
            gatewayType: 'ExpressRoute'
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
      `,
    },
    { name: 'no gateway in the VNet', arm: aseTemplate({ routes: [internetDefault] }), bicep: bicepTwin({ routes: [['default', '0.0.0.0/0', 'Internet']] }) },
    {
      name: 'propagation unresolved',
      arm: withBgpPropagation(erTemplate({ routes: [internetDefault] }), '"[parameters(\'bgp\')]"'),
      bicep: erTwin({ params: ['param bgp bool'], bgpPropagationExpr: 'bgp', routes: [['default', '0.0.0.0/0', 'Internet']] }),
    },
    { name: 'no route table (ASE302 speaks)', arm: erTemplate({}), bicep: erTwin({}) },
    {
      name: 'ASEv3 is not checked',
      arm: erTemplate({ kind: 'ASEV3', routes: [internetDefault] }),
      bicep: erTwin({ kind: 'ASEV3', routes: [['default', '0.0.0.0/0', 'Internet']] }),
    },
  ],
  invalid: [
    {
      name: 'propagation written as false, on the value',
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
                "disableBgpRoutePropagation": false,
                //                            ^^^^^ ASE304
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
            },
            {
              "type": "Microsoft.Network/virtualNetworkGateways",
              "apiVersion": "2023-04-01",
              "name": "er-gw",
              "location": "westeurope",
              "properties": {
                "gatewayType": "ExpressRoute",
                "ipConfigurations": [
                  { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'GatewaySubnet')]" } } }
                ]
              }
            }
          ]
        }
      `,
      messages: [
        "Route table 'ase-routes' on the subnet of ASE 'my-ase' passes on the routes learned by ExpressRoute gateway 'er-gw': what on-premises advertises decides where the ASE's traffic goes, and a default or broad route there force-tunnels the ASE",
      ],
      output: dedent`
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
                //                            ^^^^^ ASE304
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
            },
            {
              "type": "Microsoft.Network/virtualNetworkGateways",
              "apiVersion": "2023-04-01",
              "name": "er-gw",
              "location": "westeurope",
              "properties": {
                "gatewayType": "ExpressRoute",
                "ipConfigurations": [
                  { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'GatewaySubnet')]" } } }
                ]
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
            disableBgpRoutePropagation: false
            //                          ^^^^^ ASE304
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
        resource gw 'Microsoft.Network/virtualNetworkGateways@2023-04-01' = {
          name: 'er-gw'
          location: 'westeurope'
          properties: {
            gatewayType: 'ExpressRoute'
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
      `,
      bicepOutput: dedent`
        resource rt 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'ase-routes'
          location: 'westeurope'
          properties: {
            disableBgpRoutePropagation: true
            //                          ^^^^^ ASE304
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
        resource gw 'Microsoft.Network/virtualNetworkGateways@2023-04-01' = {
          name: 'er-gw'
          location: 'westeurope'
          properties: {
            gatewayType: 'ExpressRoute'
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
      `,
    },
    {
      name: 'propagation not written, on the table name; a plain VPN gateway counts',
      arm: onTable(aseTemplate({ routes: [internetDefault], extraResources: [vnetGateway('vpn-gw', 'Vpn')] })),
      messages: [passesOn("VPN gateway 'vpn-gw'")],
      output: onTable(aseTemplate({ routes: [internetDefault], extraResources: [vnetGateway('vpn-gw', 'Vpn')] })).replace(
        `${internetDefault}\n        ]\n      }`,
        `${internetDefault}\n        ],\n        "disableBgpRoutePropagation": true\n      }`,
      ),
      bicep: bicepVpnTable,
      // The property goes after `routes`, the last property of the table's `properties`.
      bicepOutput: bicepVpnTable.replace(
        "nextHopType: 'Internet' } }\n    ]\n  }",
        "nextHopType: 'Internet' } }\n    ]\n    disableBgpRoutePropagation: true\n  }",
      ),
    },
  ],
});
