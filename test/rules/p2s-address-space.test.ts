// ASE707 p2s-address-space: gateway-required VNet Integration needs a route-based VPN gateway with a
// point-to-site pool in the private RFC 1918 ranges.
import assert from 'node:assert/strict';
import { p2sAddressSpace } from '../../server/src/rules/p2s-address-space';
import { BICEP_URI, dedent, findingsOf, ruleTester, tableTest as test } from '../support/tester';
import { integrationTemplate, markFirst } from '../support/templates';
import { bicepIntegrationTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import {
  bicepConnection,
  bicepGateway,
  bicepGatewayCase,
  bicepGatewaySubnet,
  bicepP2s,
  bicepRouteBased,
  connection,
  gateway,
  gatewayCase,
  gatewaySubnet,
  p2s,
  routeBased,
} from '../support/gatewayIntegration';

const bicepOnGateway = (text: string) => annotate(text, "name: 'vpn-gw'", "'vpn-gw'", 'ASE707');
const label = "VPN gateway 'vpn-gw', used by app 'orders' for gateway-required VNet Integration,";

// A second app, 'billing', integrated through the same gateway: the pool is reported once.
const billingConnection = connection().replace('"orders/app-vnet"', '"billing/app-vnet"');
const twoApps = { apps: [{ name: 'orders', subnet: null }, { name: 'billing', subnet: null }], connection: `${connection()},\n${billingConnection}` };
const bicepBillingConnection = bicepConnection().map((l) => l.replace('ordersAppVnet', 'billingAppVnet').replace("'orders/app-vnet'", "'billing/app-vnet'"));
const bicepTwoApps = { apps: [{ name: 'orders', subnet: null }, { name: 'billing', subnet: null }], connection: [...bicepConnection(), ...bicepBillingConnection] };
const badPool = [...routeBased, p2s('100.64.0.0/24')];
const bicepBadPool = [...bicepRouteBased, bicepP2s("'100.64.0.0/24'")];

ruleTester(p2sAddressSpace, {
  valid: [
    {
      name: 'route-based, pool in 172.16.0.0/12',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  },
                  { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.0.255.0/27" } }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworkGateways",
              "apiVersion": "2023-04-01",
              "name": "vpn-gw",
              "location": "westeurope",
              "properties": {
                "gatewayType": "Vpn",
                "vpnType": "RouteBased",
                "vpnClientConfiguration": { "vpnClientAddressPool": { "addressPrefixes": [ "172.16.10.0/24" ] } },
                "ipConfigurations": [
                  { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet')]" } } }
                ]
              }
            },
            {
              "type": "Microsoft.Web/sites/virtualNetworkConnections",
              "apiVersion": "2022-03-01",
              "name": "orders/app-vnet",
              "properties": { "vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]" }
            }
          ]
        }
      `,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  delegations: [
                    { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } }
                  ]
                }
              }
              { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } }
            ]
          }
        }
        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'S1' }
          properties: {}
        }
        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            serverFarmId: appPlan.id
          }
        }
        resource vpnGw 'Microsoft.Network/virtualNetworkGateways@2023-04-01' = {
          name: 'vpn-gw'
          location: 'westeurope'
          properties: {
            gatewayType: 'Vpn'
            vpnType: 'RouteBased'
            vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [ '172.16.10.0/24' ] } }
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
        resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {
          name: 'orders/app-vnet'
          properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
        }
      `,
    },
    {
      name: 'vpnType absent (route-based by default)',
      arm: gatewayCase([gateway('vpn-gw', 'Vpn', [p2s('192.168.10.0/24')])]),
      bicep: bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', [bicepP2s("'192.168.10.0/24'")])),
    },
    {
      name: 'a regional connection (isSwift)',
      arm: gatewayCase([gateway('vpn-gw', 'Vpn', [p2s('100.64.0.0/24')])], { connection: connection(', "isSwift": true') }),
      bicep: bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', [bicepP2s("'100.64.0.0/24'")]), { connection: bicepConnection(', isSwift: true') }),
    },
    {
      name: 'pool unresolved',
      arm: gatewayCase([gateway('vpn-gw', 'Vpn', [p2s("[parameters('pool')]")])]),
      bicep: bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', [bicepP2s('pool')]), { params: ['param pool string'] }),
    },
    {
      name: 'no connection to the VNet',
      arm: integrationTemplate({ otherSubnets: [gatewaySubnet], extraResources: [gateway('vpn-gw', 'Vpn', [p2s('100.64.0.0/24')])] }),
      bicep: bicepIntegrationTwin({ otherSubnets: [bicepGatewaySubnet], extraResources: bicepGateway('vpn-gw', 'Vpn', [bicepP2s("'100.64.0.0/24'")]) }),
    },
  ],
  invalid: [
    {
      name: 'a pool outside RFC 1918',
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "app-vnet",
              "location": "westeurope",
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [ "10.0.0.0/16" ]
                },
                "subnets": [
                  {
                    "name": "integration",
                    "properties": {
                      "addressPrefix": "10.0.2.0/26",
                      "delegations": [
                        { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }
                      ]
                    }
                  },
                  { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.0.255.0/27" } }
                ]
              }
            },
            {
              "type": "Microsoft.Web/serverfarms",
              "apiVersion": "2022-03-01",
              "name": "app-plan",
              "location": "westeurope",
              "sku": { "name": "S1" },
              "properties": {}
            },
            {
              "type": "Microsoft.Web/sites",
              "apiVersion": "2022-03-01",
              "name": "orders",
              "location": "westeurope",
              "properties": {
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]"
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworkGateways",
              "apiVersion": "2023-04-01",
              "name": "vpn-gw",
              "location": "westeurope",
              "properties": {
                "gatewayType": "Vpn",
                "vpnType": "RouteBased",
                "vpnClientConfiguration": { "vpnClientAddressPool": { "addressPrefixes": [ "100.64.0.0/24" ] } },
                //                                                                         ^^^^^^^^^^^^^^^ ASE707
                "ipConfigurations": [
                  { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet')]" } } }
                ]
              }
            },
            {
              "type": "Microsoft.Web/sites/virtualNetworkConnections",
              "apiVersion": "2022-03-01",
              "name": "orders/app-vnet",
              "properties": { "vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]" }
            }
          ]
        }
      `,
      messages: [
        "The point-to-site pool 100.64.0.0/24 of VPN gateway 'vpn-gw', used by app 'orders' for gateway-required VNet Integration is outside the private RFC 1918 ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): Azure does not integrate the app through it",
      ],
      output: null,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'app-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'integration'
                properties: {
                  addressPrefix: '10.0.2.0/26'
                  delegations: [
                    { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } }
                  ]
                }
              }
              { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } }
            ]
          }
        }
        resource appPlan 'Microsoft.Web/serverfarms@2022-03-01' = {
          name: 'app-plan'
          location: 'westeurope'
          sku: { name: 'S1' }
          properties: {}
        }
        resource orders 'Microsoft.Web/sites@2022-03-01' = {
          name: 'orders'
          location: 'westeurope'
          properties: {
            serverFarmId: appPlan.id
          }
        }
        resource vpnGw 'Microsoft.Network/virtualNetworkGateways@2023-04-01' = {
          name: 'vpn-gw'
          location: 'westeurope'
          properties: {
            gatewayType: 'Vpn'
            vpnType: 'RouteBased'
            vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [ '100.64.0.0/24' ] } }
            //                                                                   ^^^^^^^^^^^^^^^ ASE707
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
        resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {
          name: 'orders/app-vnet'
          properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
        }
      `,
    },
    {
      name: 'one pool shared by two apps is reported once, naming both',
      arm: markFirst(gatewayCase([gateway('vpn-gw', 'Vpn', badPool)], twoApps), p2s('100.64.0.0/24'), '"100.64.0.0/24"', 'ASE707'),
      messages: [
        "The point-to-site pool 100.64.0.0/24 of VPN gateway 'vpn-gw', used by apps 'orders' and 'billing' for gateway-required VNet Integration is outside the private RFC 1918 ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): Azure does not integrate the apps through it",
      ],
      output: null,
      bicep: annotate(bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', bicepBadPool), bicepTwoApps), bicepP2s("'100.64.0.0/24'"), "'100.64.0.0/24'", 'ASE707'),
    },
    {
      name: 'a policy-based gateway shared by two apps is reported once',
      arm: markFirst(gatewayCase([gateway('vpn-gw', 'Vpn', ['        "vpnType": "PolicyBased",', p2s('10.10.0.0/24')])], twoApps), '"name": "vpn-gw"', '"vpn-gw"', 'ASE707'),
      messages: [
        "VPN gateway 'vpn-gw', used by apps 'orders' and 'billing' for gateway-required VNet Integration, is PolicyBased: VNet Integration needs a route-based gateway, and Azure does not connect the apps",
      ],
      output: null,
      bicep: bicepOnGateway(bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', ["    vpnType: 'PolicyBased'", bicepP2s("'10.10.0.0/24'")]), bicepTwoApps)),
    },
    {
      name: 'policy-based',
      arm: markFirst(gatewayCase([gateway('vpn-gw', 'Vpn', ['        "vpnType": "PolicyBased",', p2s('10.10.0.0/24')])]), '"name": "vpn-gw"', '"vpn-gw"', 'ASE707'),
      messages: [`${label} is PolicyBased: VNet Integration needs a route-based gateway, and Azure does not connect the app`],
      output: null,
      bicep: bicepOnGateway(bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', ["    vpnType: 'PolicyBased'", bicepP2s("'10.10.0.0/24'")]))),
    },
    {
      name: 'no point-to-site configuration',
      arm: markFirst(gatewayCase([gateway('vpn-gw', 'Vpn', routeBased)]), '"name": "vpn-gw"', '"vpn-gw"', 'ASE707'),
      messages: [`${label} has no point-to-site address pool: VNet Integration connects the app as a point-to-site client, so Azure does not connect it`],
      output: null,
      bicep: bicepOnGateway(bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', bicepRouteBased))),
    },
  ],
});

test('ASE707 p2s-address-space: the one finding on a shared pool points at every app that uses it', () => {
  const expected = [
    "The gateway-required VNet Integration 'orders/app-vnet'",
    "VNet 'app-vnet'",
    "App 'orders', which integrates through the gateway",
    "The gateway-required VNet Integration 'billing/app-vnet'",
    "App 'billing', which integrates through the gateway",
    "VPN gateway 'vpn-gw'",
  ];
  for (const [text, uri] of [
    [gatewayCase([gateway('vpn-gw', 'Vpn', badPool)], twoApps), undefined],
    [bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', bicepBadPool), bicepTwoApps), BICEP_URI],
  ] as const) {
    const found = findingsOf(p2sAddressSpace, text, undefined, uri);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].related?.map((r) => r.message), expected);
  }
});
