// ASE709 peering-for-gateway-integration: the peerings between the integration VNet and a VNet the plan routes to
// let the point-to-site traffic through (gateway transit on one side, forwarded traffic and remote gateways on the other).
import assert from 'node:assert/strict';
import { peeringForGatewayIntegration } from '../../server/src/rules/peering-for-gateway-integration';
import { BICEP_URI, dedent, findingsOf, ruleTester, tableTest as test } from '../support/tester';
import { integrationTemplate, markFirst } from '../support/templates';
import { bicepIntegrationTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';
import { bicepGateway, bicepGatewayCase, bicepP2s, gateway, gatewayCase, p2s } from '../support/gatewayIntegration';

const vpn = gateway('vpn-gw', 'Vpn', [p2s('172.16.10.0/24')]);
const bicepVpn = bicepGateway('vpn-gw', 'Vpn', [bicepP2s("'172.16.10.0/24'")]);
/** A VNet peered with app-vnet; `subnets` are complete subnet objects (indented by 10). */
function spokeVnet(name = 'spoke-vnet', prefix = '10.1.0.0/16', subnets: string[] = []): string {
  const space = `"addressSpace": { "addressPrefixes": [ "${prefix}" ] }`;
  return [
    '    {',
    '      "type": "Microsoft.Network/virtualNetworks",',
    '      "apiVersion": "2023-04-01",',
    `      "name": "${name}",`,
    '      "location": "westeurope",',
    ...(subnets.length
      ? ['      "properties": {', `        ${space},`, '        "subnets": [', ...subnets.map((l, i) => (i < subnets.length - 1 ? `${l},` : l)), '        ]', '      }']
      : [`      "properties": { ${space} }`]),
    '    }',
  ].join('\n');
}
const hubVnet = spokeVnet();
const spokeGatewaySubnet = '          { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.1.255.0/27" } }';
/** A VPN gateway of its own in spoke-vnet. */
const spokeGateway = gateway('spoke-gw', 'Vpn').replace("'app-vnet', 'GatewaySubnet'", "'spoke-vnet', 'GatewaySubnet'");
/** A peering resource; `flags` is the inside of its properties after remoteVirtualNetwork. */
function peering(name: string, remote: string, flags: string[]): string {
  return [
    '    {',
    '      "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",',
    '      "apiVersion": "2023-04-01",',
    `      "name": "${name}",`,
    '      "properties": {',
    `        "remoteVirtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks', '${remote}')]" }${flags.length ? ',' : ''}`,
    ...flags.map((f, i) => `        ${f}${i < flags.length - 1 ? ',' : ''}`),
    '      }',
    '    }',
  ].join('\n');
}
/** A route of the plan's connection to app-vnet (`<plan>/app-vnet/<name>`); `props` is the inside of its properties. */
function planRoute(name: string, props: string, plan = 'app-plan'): string {
  return [
    '    {',
    '      "type": "Microsoft.Web/serverfarms/virtualNetworkConnections/routes",',
    '      "apiVersion": "2022-03-01",',
    `      "name": "${plan}/app-vnet/${name}",`,
    `      "properties": { ${props} }`,
    '    }',
  ].join('\n');
}
const routeToSpoke = planRoute('to-spoke', '"startAddress": "10.1.0.0/16", "routeType": "STATIC"');
const outFlags = ['"allowVirtualNetworkAccess": true', '"allowForwardedTraffic": true', '"allowGatewayTransit": true'];
const backFlags = ['"allowVirtualNetworkAccess": true', '"allowForwardedTraffic": true', '"useRemoteGateways": true'];
/** app-vnet peered with spoke-vnet both ways; by default the plan routes spoke-vnet's range (10.1.0.0/16) into the integration. */
const peered = (out: string[], back: string[], o: { routes?: string[]; spoke?: string; more?: string[] } = {}) =>
  gatewayCase([vpn, o.spoke ?? hubVnet, ...(o.routes ?? [routeToSpoke]), ...(o.more ?? []), peering('app-vnet/to-spoke', 'spoke-vnet', out), peering('spoke-vnet/to-app', 'app-vnet', back)]);
/** The ARM template with string parameters without a value. */
const withStringParams = (text: string, ...names: string[]) =>
  text.replace('  "contentVersion": "1.0.0.0",\n', `  "contentVersion": "1.0.0.0",\n  "parameters": { ${names.map((n) => `"${n}": { "type": "string" }`).join(', ')} },\n`);
const onPeering = (text: string, name: string) => markFirst(text, `"name": "${name}"`, `"${name}"`, 'ASE709');
const gwIntegration = "whose gateway carries the gateway-required VNet Integration 'orders/app-vnet',";

/** The twin of spokeVnet(): `subnets` are complete subnet objects (indented by 6). */
const bicepSpokeVnet = (symbol = 'spokeVnet', name = 'spoke-vnet', prefix = '10.1.0.0/16', subnets: string[] = []) => [
  `resource ${symbol} 'Microsoft.Network/virtualNetworks@2023-04-01' = {`,
  `  name: '${name}'`,
  "  location: 'westeurope'",
  ...(subnets.length
    ? ['  properties: {', `    addressSpace: { addressPrefixes: [ '${prefix}' ] }`, '    subnets: [', ...subnets, '    ]', '  }']
    : [`  properties: { addressSpace: { addressPrefixes: [ '${prefix}' ] } }`]),
  '}',
];
const bicepHubVnet = bicepSpokeVnet();
const bicepSpokeGatewaySubnet = "      { name: 'GatewaySubnet', properties: { addressPrefix: '10.1.255.0/27' } }";
const bicepSpokeGateway = bicepGateway('spoke-gw', 'Vpn').map((l) =>
  l.replace("resource erGw '", "resource spokeGw '").replace("'app-vnet', 'GatewaySubnet'", "'spoke-vnet', 'GatewaySubnet'"),
);
/** The twin of peering(): `flags` are Bicep properties (`allowGatewayTransit: true`), one a line. */
const bicepPeering = (symbol: string, name: string, remote: string, flags: string[]) => [
  `resource ${symbol} 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-04-01' = {`,
  `  name: '${name}'`,
  '  properties: {',
  `    remoteVirtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', '${remote}') }`,
  ...flags.map((f) => `    ${f}`),
  '  }',
  '}',
];
/** The twin of planRoute(): `props` is the inside of its properties, in Bicep. */
const bicepPlanRoute = (symbol: string, name: string, props: string, plan = 'app-plan') => [
  `resource ${symbol} 'Microsoft.Web/serverfarms/virtualNetworkConnections/routes@2022-03-01' = {`,
  `  name: '${plan}/app-vnet/${name}'`,
  `  properties: { ${props} }`,
  '}',
];
const bicepRouteToSpoke = bicepPlanRoute('toSpokeRoute', 'to-spoke', "startAddress: '10.1.0.0/16', routeType: 'STATIC'");
const bicepOutFlags = ['allowVirtualNetworkAccess: true', 'allowForwardedTraffic: true', 'allowGatewayTransit: true'];
const bicepBackFlags = ['allowVirtualNetworkAccess: true', 'allowForwardedTraffic: true', 'useRemoteGateways: true'];
const bicepPeered = (out: string[], back: string[], o: { params?: string[]; routes?: string[]; spoke?: string[]; more?: string[] } = {}) =>
  bicepGatewayCase(
    [
      ...bicepVpn,
      ...(o.spoke ?? bicepHubVnet),
      ...(o.routes ?? bicepRouteToSpoke),
      ...(o.more ?? []),
      ...bicepPeering('toSpoke', 'app-vnet/to-spoke', 'spoke-vnet', out),
      ...bicepPeering('toApp', 'spoke-vnet/to-app', 'app-vnet', back),
    ],
    { params: o.params },
  );
const bicepOnPeering = (text: string, name: string) => annotate(text, `name: '${name}'`, `'${name}'`, 'ASE709');

// A second peered VNet the plan does not route to.
const otherVnet = spokeVnet('other-vnet', '10.2.0.0/16');
const bicepOtherVnet = bicepSpokeVnet('otherVnet', 'other-vnet', '10.2.0.0/16');
const withSpokeGateway = { spoke: spokeVnet('spoke-vnet', '10.1.0.0/16', [spokeGatewaySubnet]), more: [spokeGateway] };
const bicepWithSpokeGateway = { spoke: bicepSpokeVnet('spokeVnet', 'spoke-vnet', '10.1.0.0/16', [bicepSpokeGatewaySubnet]), more: bicepSpokeGateway };
const noRemoteGateways = ['"allowVirtualNetworkAccess": true', '"allowForwardedTraffic": true'];
const bicepNoRemoteGateways = ['allowVirtualNetworkAccess: true', 'allowForwardedTraffic: true'];

ruleTester(peeringForGatewayIntegration, {
  valid: [
    { name: 'both sides set', arm: peered(outFlags, backFlags), bicep: bicepPeered(bicepOutFlags, bicepBackFlags) },
    {
      name: 'a flag unresolved',
      arm: peered([...outFlags.slice(0, 2), `"allowGatewayTransit": "[parameters('transit')]"`], backFlags),
      bicep: bicepPeered([...bicepOutFlags.slice(0, 2), 'allowGatewayTransit: transit'], bicepBackFlags, { params: ['param transit bool'] }),
    },
    {
      name: 'regional integration needs none of it',
      arm: integrationTemplate({ extraResources: [hubVnet, routeToSpoke, peering('app-vnet/to-spoke', 'spoke-vnet', []), peering('spoke-vnet/to-app', 'app-vnet', [])] }),
      bicep: bicepIntegrationTwin({
        extraResources: [...bicepHubVnet, ...bicepRouteToSpoke, ...bicepPeering('toSpoke', 'app-vnet/to-spoke', 'spoke-vnet', []), ...bicepPeering('toApp', 'spoke-vnet/to-app', 'app-vnet', [])],
      }),
    },
    {
      name: 'no route of the plan reaches the peered VNet: whether the app talks to it is not known',
      arm: peered([], [], { routes: [] }),
      bicep: bicepPeered([], [], { routes: [] }),
    },
    {
      name: "the plan's route covers another range",
      arm: peered([], [], { routes: [planRoute('elsewhere', '"startAddress": "10.9.0.0/16", "routeType": "STATIC"')] }),
      bicep: bicepPeered([], [], { routes: bicepPlanRoute('elsewhere', 'elsewhere', "startAddress: '10.9.0.0/16', routeType: 'STATIC'") }),
    },
    {
      name: 'a route of another plan',
      arm: peered([], [], { routes: [planRoute('to-spoke', '"startAddress": "10.1.0.0/16", "routeType": "STATIC"', 'other-plan')] }),
      bicep: bicepPeered([], [], { routes: bicepPlanRoute('toSpokeRoute', 'to-spoke', "startAddress: '10.1.0.0/16', routeType: 'STATIC'", 'other-plan') }),
    },
    {
      name: "the route's range unresolved",
      arm: withStringParams(peered([], [], { routes: [planRoute('to-spoke', `"startAddress": "[parameters('range')]", "routeType": "STATIC"`)] }), 'range'),
      bicep: bicepPeered([], [], { params: ['param range string'], routes: bicepPlanRoute('toSpokeRoute', 'to-spoke', "startAddress: range, routeType: 'STATIC'") }),
    },
    {
      name: 'the peered VNet has a gateway of its own: useRemoteGateways is not asked for (Azure refuses it there)',
      arm: peered(outFlags, noRemoteGateways, withSpokeGateway),
      bicep: bicepPeered(bicepOutFlags, bicepNoRemoteGateways, bicepWithSpokeGateway),
    },
    {
      name: 'the peered VNet has a GatewaySubnet: a gateway may be deployed there from elsewhere',
      arm: peered(outFlags, noRemoteGateways, { spoke: spokeVnet('spoke-vnet', '10.1.0.0/16', [spokeGatewaySubnet]) }),
      bicep: bicepPeered(bicepOutFlags, bicepNoRemoteGateways, { spoke: bicepSpokeVnet('spokeVnet', 'spoke-vnet', '10.1.0.0/16', [bicepSpokeGatewaySubnet]) }),
    },
  ],
  invalid: [
    {
      name: 'the integration VNet does not share its gateway: the fix sets the flag',
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
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "spoke-vnet",
              "location": "westeurope",
              "properties": { "addressSpace": { "addressPrefixes": [ "10.1.0.0/16" ] } }
            },
            {
              "type": "Microsoft.Web/serverfarms/virtualNetworkConnections/routes",
              "apiVersion": "2022-03-01",
              "name": "app-plan/app-vnet/to-spoke",
              "properties": { "startAddress": "10.1.0.0/16", "routeType": "STATIC" }
            },
            {
              "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
              "apiVersion": "2023-04-01",
              "name": "app-vnet/to-spoke",
              //      ^^^^^^^^^^^^^^^^^^^ ASE709
              "properties": {
                "remoteVirtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks', 'spoke-vnet')]" },
                "allowVirtualNetworkAccess": true,
                "allowForwardedTraffic": true
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
              "apiVersion": "2023-04-01",
              "name": "spoke-vnet/to-app",
              "properties": {
                "remoteVirtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]" },
                "allowVirtualNetworkAccess": true,
                "allowForwardedTraffic": true,
                "useRemoteGateways": true
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
        "Peering 'app-vnet/to-spoke' on VNet 'app-vnet', whose gateway carries the gateway-required VNet Integration 'orders/app-vnet', does not set allowGatewayTransit: the app's traffic from the point-to-site pool does not cross the peering",
      ],
      output: dedent`
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
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "spoke-vnet",
              "location": "westeurope",
              "properties": { "addressSpace": { "addressPrefixes": [ "10.1.0.0/16" ] } }
            },
            {
              "type": "Microsoft.Web/serverfarms/virtualNetworkConnections/routes",
              "apiVersion": "2022-03-01",
              "name": "app-plan/app-vnet/to-spoke",
              "properties": { "startAddress": "10.1.0.0/16", "routeType": "STATIC" }
            },
            {
              "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
              "apiVersion": "2023-04-01",
              "name": "app-vnet/to-spoke",
              //      ^^^^^^^^^^^^^^^^^^^ ASE709
              "properties": {
                "remoteVirtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks', 'spoke-vnet')]" },
                "allowVirtualNetworkAccess": true,
                "allowForwardedTraffic": true,
                "allowGatewayTransit": true
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
              "apiVersion": "2023-04-01",
              "name": "spoke-vnet/to-app",
              "properties": {
                "remoteVirtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]" },
                "allowVirtualNetworkAccess": true,
                "allowForwardedTraffic": true,
                "useRemoteGateways": true
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
        resource spokeVnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'spoke-vnet'
          location: 'westeurope'
          properties: { addressSpace: { addressPrefixes: [ '10.1.0.0/16' ] } }
        }
        resource toSpokeRoute 'Microsoft.Web/serverfarms/virtualNetworkConnections/routes@2022-03-01' = {
          name: 'app-plan/app-vnet/to-spoke'
          properties: { startAddress: '10.1.0.0/16', routeType: 'STATIC' }
        }
        resource toSpoke 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-04-01' = {
          name: 'app-vnet/to-spoke'
          //    ^^^^^^^^^^^^^^^^^^^ ASE709
          properties: {
            remoteVirtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', 'spoke-vnet') }
            allowVirtualNetworkAccess: true
            allowForwardedTraffic: true
          }
        }
        resource toApp 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-04-01' = {
          name: 'spoke-vnet/to-app'
          properties: {
            remoteVirtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
            allowVirtualNetworkAccess: true
            allowForwardedTraffic: true
            useRemoteGateways: true
          }
        }
        resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {
          name: 'orders/app-vnet'
          properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
        }
      `,
      bicepOutput: dedent`
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
        resource spokeVnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'spoke-vnet'
          location: 'westeurope'
          properties: { addressSpace: { addressPrefixes: [ '10.1.0.0/16' ] } }
        }
        resource toSpokeRoute 'Microsoft.Web/serverfarms/virtualNetworkConnections/routes@2022-03-01' = {
          name: 'app-plan/app-vnet/to-spoke'
          properties: { startAddress: '10.1.0.0/16', routeType: 'STATIC' }
        }
        resource toSpoke 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-04-01' = {
          name: 'app-vnet/to-spoke'
          //    ^^^^^^^^^^^^^^^^^^^ ASE709
          properties: {
            remoteVirtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', 'spoke-vnet') }
            allowVirtualNetworkAccess: true
            allowForwardedTraffic: true
            allowGatewayTransit: true
          }
        }
        resource toApp 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2023-04-01' = {
          name: 'spoke-vnet/to-app'
          properties: {
            remoteVirtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
            allowVirtualNetworkAccess: true
            allowForwardedTraffic: true
            useRemoteGateways: true
          }
        }
        resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {
          name: 'orders/app-vnet'
          properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet') }
        }
      `,
    },
    {
      name: 'the remote side sets neither flag (the route given as a start and an end address)',
      arm: onPeering(peered(outFlags, ['"allowVirtualNetworkAccess": true'], { routes: [planRoute('to-spoke', '"startAddress": "10.1.4.0", "endAddress": "10.1.4.255", "routeType": "STATIC"')] }), 'spoke-vnet/to-app'),
      messages: [
        `Peering 'spoke-vnet/to-app' from VNet 'spoke-vnet' back to VNet 'app-vnet', ${gwIntegration} does not set allowForwardedTraffic and useRemoteGateways: the app's traffic from the point-to-site pool does not cross the peering`,
      ],
      output: onPeering(
        peered(outFlags, ['"allowVirtualNetworkAccess": true', '"allowForwardedTraffic": true', '"useRemoteGateways": true'], {
          routes: [planRoute('to-spoke', '"startAddress": "10.1.4.0", "endAddress": "10.1.4.255", "routeType": "STATIC"')],
        }),
        'spoke-vnet/to-app',
      ),
      bicep: bicepOnPeering(
        bicepPeered(bicepOutFlags, ['allowVirtualNetworkAccess: true'], { routes: bicepPlanRoute('toSpokeRoute', 'to-spoke', "startAddress: '10.1.4.0', endAddress: '10.1.4.255', routeType: 'STATIC'") }),
        'spoke-vnet/to-app',
      ),
      bicepOutput: bicepOnPeering(
        bicepPeered(bicepOutFlags, ['allowVirtualNetworkAccess: true', 'allowForwardedTraffic: true', 'useRemoteGateways: true'], {
          routes: bicepPlanRoute('toSpokeRoute', 'to-spoke', "startAddress: '10.1.4.0', endAddress: '10.1.4.255', routeType: 'STATIC'"),
        }),
        'spoke-vnet/to-app',
      ),
    },
    {
      name: 'the peered VNet has a gateway of its own: only allowForwardedTraffic is asked for',
      arm: onPeering(peered(outFlags, ['"allowVirtualNetworkAccess": true'], withSpokeGateway), 'spoke-vnet/to-app'),
      messages: [
        `Peering 'spoke-vnet/to-app' from VNet 'spoke-vnet' back to VNet 'app-vnet', ${gwIntegration} does not set allowForwardedTraffic: the app's traffic from the point-to-site pool does not cross the peering`,
      ],
      output: onPeering(peered(outFlags, noRemoteGateways, withSpokeGateway), 'spoke-vnet/to-app'),
      bicep: bicepOnPeering(bicepPeered(bicepOutFlags, ['allowVirtualNetworkAccess: true'], bicepWithSpokeGateway), 'spoke-vnet/to-app'),
      bicepOutput: bicepOnPeering(bicepPeered(bicepOutFlags, bicepNoRemoteGateways, bicepWithSpokeGateway), 'spoke-vnet/to-app'),
    },
    {
      name: 'only the peering to the VNet the plan routes to is reported',
      arm: onPeering(peered(outFlags.slice(0, 2), backFlags, { more: [otherVnet, peering('app-vnet/to-other', 'other-vnet', [])] }), 'app-vnet/to-spoke'),
      messages: [`Peering 'app-vnet/to-spoke' on VNet 'app-vnet', ${gwIntegration} does not set allowGatewayTransit: the app's traffic from the point-to-site pool does not cross the peering`],
      output: onPeering(peered([...outFlags.slice(0, 2), '"allowGatewayTransit": true'], backFlags, { more: [otherVnet, peering('app-vnet/to-other', 'other-vnet', [])] }), 'app-vnet/to-spoke'),
      bicep: bicepOnPeering(bicepPeered(bicepOutFlags.slice(0, 2), bicepBackFlags, { more: [...bicepOtherVnet, ...bicepPeering('toOther', 'app-vnet/to-other', 'other-vnet', [])] }), 'app-vnet/to-spoke'),
      bicepOutput: bicepOnPeering(
        bicepPeered([...bicepOutFlags.slice(0, 2), 'allowGatewayTransit: true'], bicepBackFlags, { more: [...bicepOtherVnet, ...bicepPeering('toOther', 'app-vnet/to-other', 'other-vnet', [])] }),
        'app-vnet/to-spoke',
      ),
    },
  ],
});

test('ASE709 peering-for-gateway-integration: the finding points at the route that makes the peering matter', () => {
  for (const [text, uri] of [
    [peered(outFlags.slice(0, 2), backFlags), undefined],
    [bicepPeered(bicepOutFlags.slice(0, 2), bicepBackFlags), BICEP_URI],
  ] as const) {
    const found = findingsOf(peeringForGatewayIntegration, text, undefined, uri);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].related?.map((r) => r.message), [
      "The gateway-required VNet Integration 'orders/app-vnet'",
      "VNet 'app-vnet'",
      "Route 'app-plan/app-vnet/to-spoke' of the app's App Service plan, which sends the range of VNet 'spoke-vnet' into the integration",
      "Peering 'app-vnet/to-spoke'",
    ]);
  }
});
