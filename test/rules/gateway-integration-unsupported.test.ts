// ASE708 gateway-integration-unsupported: gateway-required VNet Integration is for Windows apps, in a VNet
// without an ExpressRoute gateway.
import { gatewayIntegrationUnsupported } from '../../server/src/rules/gateway-integration-unsupported';
import { dedent, ruleTester } from '../support/tester';
import { integrationTemplate, markFirst } from '../support/templates';
import { bicepIntegrationTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { bicepGateway, bicepGatewayCase, bicepP2s, gateway, gatewayCase, p2s } from '../support/gatewayIntegration';

const onConnection = (text: string, code: string) => markFirst(text, '"name": "orders/app-vnet"', '"orders/app-vnet"', code);
const vpn = gateway('vpn-gw', 'Vpn', [p2s('172.16.10.0/24')]);
const bicepOnConnection = (text: string, code: string) => annotate(text, "name: 'orders/app-vnet'", "'orders/app-vnet'", code);
const bicepVpn = bicepGateway('vpn-gw', 'Vpn', [bicepP2s("'172.16.10.0/24'")]);

ruleTester(gatewayIntegrationUnsupported, {
  valid: [
    {
      name: 'a Windows app, VPN gateway only',
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
      name: 'a Linux app with regional integration',
      arm: integrationTemplate({ plans: [{ name: 'app-plan', properties: ['        "reserved": true'] }] }),
      bicep: bicepIntegrationTwin({ plans: [{ name: 'app-plan', properties: ['    reserved: true'] }] }),
    },
  ],
  invalid: [
    {
      name: 'a Linux plan (reserved)',
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
              "properties": {
                "reserved": true
              }
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
              //      ^^^^^^^^^^^^^^^^^ ASE708
              "properties": { "vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]" }
            }
          ]
        }
      `,
      messages: [
        "Gateway-required VNet Integration 'orders/app-vnet' is set on Linux app 'orders': the feature exists for Windows apps only, so Azure does not connect it (use regional VNet Integration)",
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
          properties: {
            reserved: true
          }
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
            vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [ '172.16.10.0/24' ] } }
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
        resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {
          name: 'orders/app-vnet'
          //    ^^^^^^^^^^^^^^^^^ ASE708
          properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
        }
      `,
    },
    {
      name: 'an ExpressRoute gateway in the VNet, coexisting with the VPN gateway',
      arm: onConnection(gatewayCase([vpn, gateway('er-gw', 'ExpressRoute')]), 'ASE708'),
      messages: [
        "Gateway-required VNet Integration 'orders/app-vnet' of app 'orders' targets VNet 'app-vnet', which has ExpressRoute gateway 'er-gw': the integration does not work with an ExpressRoute gateway in the VNet (use regional VNet Integration)",
      ],
      output: null,
      bicep: bicepOnConnection(bicepGatewayCase([...bicepVpn, ...bicepGateway('er-gw', 'ExpressRoute')]), 'ASE708'),
    },
  ],
});
