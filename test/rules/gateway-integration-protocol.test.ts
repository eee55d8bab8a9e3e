// ASE711 gateway-integration-protocol: gateway-required VNet Integration with a point-to-site configuration without SSTP, or for a Windows container app.
import { gatewayIntegrationProtocol } from '../../server/src/rules/gateway-integration-protocol';
import { dedent, ruleTester } from '../support/tester';

const ARM = dedent`
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
                "vpnClientConfiguration": { "vpnClientAddressPool": { "addressPrefixes": [ "172.16.0.0/24" ] }, "vpnClientProtocols": [ "IkeV2", "OpenVPN" ] },
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
      `;
const BICEP = dedent`
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
            vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [ '172.16.0.0/24' ] }, vpnClientProtocols: [ 'IkeV2', 'OpenVPN' ] }
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
        resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {
          name: 'orders/app-vnet'
          properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
        }
      `;
const armProtocols = (list: string) => ARM.replace('[ "IkeV2", "OpenVPN" ]', list);
const bicepProtocols = (list: string) => BICEP.replace("[ 'IkeV2', 'OpenVPN' ]", list);

ruleTester(gatewayIntegrationProtocol, {
  valid: [
    { name: 'SSTP among the protocols', arm: armProtocols('[ "IkeV2", "SSTP" ]'), bicep: bicepProtocols("[ 'IkeV2', 'SSTP' ]") },
    {
      name: "no protocols written: the SKU's default applies",
      arm: ARM.replace(', "vpnClientProtocols": [ "IkeV2", "OpenVPN" ]', ''),
      bicep: BICEP.replace(", vpnClientProtocols: [ 'IkeV2', 'OpenVPN' ]", ''),
    },
    {
      name: 'the protocols from a parameter without a value: silent',
      arm: armProtocols(`"[parameters('protocols')]"`).replace('"contentVersion": "1.0.0.0",', '"contentVersion": "1.0.0.0",\n  "parameters": { "protocols": { "type": "array" } },'),
      bicep: `param protocols array\n${bicepProtocols('protocols')}`,
    },
    {
      name: 'regional VNet Integration (isSwift) is not gateway-required',
      arm: ARM.replace(`"vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]" }`, `"vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]", "isSwift": true }`),
      bicep: BICEP.replace(`vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }`, `vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet'), isSwift: true }`),
    },
  ],
  invalid: [
    {
      name: "the VPN gateway's point-to-site protocols leave out SSTP",
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
                "vpnClientConfiguration": { "vpnClientAddressPool": { "addressPrefixes": [ "172.16.0.0/24" ] }, "vpnClientProtocols": [ "IkeV2", "OpenVPN" ] },
                "ipConfigurations": [
                  { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet')]" } } }
                ]
              }
            },
            {
              "type": "Microsoft.Web/sites/virtualNetworkConnections",
              "apiVersion": "2022-03-01",
              "name": "orders/app-vnet",
                    //^^^^^^^^^^^^^^^^^ ASE711
              "properties": { "vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]" }
            }
          ]
        }
      `,
      messages: [
        "Gateway-required VNet Integration 'orders/app-vnet' of app 'orders' connects through VPN gateway 'vpn-gw', whose point-to-site protocols (IkeV2, OpenVPN) do not include SSTP: the app's tunnel uses SSTP, so it never connects",
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
            vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [ '172.16.0.0/24' ] }, vpnClientProtocols: [ 'IkeV2', 'OpenVPN' ] }
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
        resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {
          name: 'orders/app-vnet'
              //^^^^^^^^^^^^^^^^^ ASE711
          properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
        }
      `,
      bicepOutput: null,
    },
    {
      name: "a Windows container app",
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
                "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', 'app-plan')]",
                "siteConfig": {
                  "windowsFxVersion": "DOCKER|contoso.azurecr.io/orders:1.0"
                }
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
                "vpnClientConfiguration": { "vpnClientAddressPool": { "addressPrefixes": [ "172.16.0.0/24" ] }, "vpnClientProtocols": [ "IkeV2", "SSTP" ] },
                "ipConfigurations": [
                  { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet')]" } } }
                ]
              }
            },
            {
              "type": "Microsoft.Web/sites/virtualNetworkConnections",
              "apiVersion": "2022-03-01",
              "name": "orders/app-vnet",
                    //^^^^^^^^^^^^^^^^^ ASE711
              "properties": { "vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]" }
            }
          ]
        }
      `,
      messages: [
        "Gateway-required VNet Integration 'orders/app-vnet' is set on app 'orders', a Windows container app: the feature does not support Windows containers (use regional VNet Integration)",
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
            siteConfig: {
              windowsFxVersion: 'DOCKER|contoso.azurecr.io/orders:1.0'
            }
          }
        }
        resource vpnGw 'Microsoft.Network/virtualNetworkGateways@2023-04-01' = {
          name: 'vpn-gw'
          location: 'westeurope'
          properties: {
            gatewayType: 'Vpn'
            vpnType: 'RouteBased'
            vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [ '172.16.0.0/24' ] }, vpnClientProtocols: [ 'IkeV2', 'SSTP' ] }
            ipConfigurations: [
              { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet') } } }
            ]
          }
        }
        resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {
          name: 'orders/app-vnet'
              //^^^^^^^^^^^^^^^^^ ASE711
          properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
        }
      `,
      bicepOutput: null,
    },
  ],
});
