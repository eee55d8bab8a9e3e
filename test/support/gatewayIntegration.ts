/**
 * Gateway-required VNet Integration (an app connected as a point-to-site client of the
 * VNet's VPN gateway), in ARM and Bicep: integrationTemplate's app without regional
 * integration, a GatewaySubnet, the gateways and the app's connection to app-vnet.
 */
import { integrationTemplate, type AppSpec, type PlanSpec } from './templates';
import { bicepIntegrationTwin, type BicepAppSpec, type BicepPlanSpec } from './twin';

export const gatewaySubnet = '          { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.0.255.0/27" } }';

/** A gateway in app-vnet; `extra` lines go inside `properties`, indented by 8, each ending with a comma. */
export function gateway(name: string, type: 'Vpn' | 'ExpressRoute', extra: string[] = []): string {
  return [
    '    {',
    '      "type": "Microsoft.Network/virtualNetworkGateways",',
    '      "apiVersion": "2023-04-01",',
    `      "name": "${name}",`,
    '      "location": "westeurope",',
    '      "properties": {',
    `        "gatewayType": "${type}",`,
    ...extra,
    '        "ipConfigurations": [',
    `          { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet')]" } } }`,
    '        ]',
    '      }',
    '    }',
  ].join('\n');
}

/** The point-to-site address pool of a gateway, as an `extra` line of gateway(). */
export const p2s = (prefix: string) => `        "vpnClientConfiguration": { "vpnClientAddressPool": { "addressPrefixes": [ "${prefix}" ] } },`;

/** The app 'orders' connected to app-vnet through the gateway; `extra` goes at the end of its properties (`, "isSwift": true`). */
export const connection = (extra = '') =>
  [
    '    {',
    '      "type": "Microsoft.Web/sites/virtualNetworkConnections",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "orders/app-vnet",',
    `      "properties": { "vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]"${extra} }`,
    '    }',
  ].join('\n');

/** The app without regional integration, its gateway-required connection to app-vnet, and `more` resources. */
export const gatewayCase = (more: string[], o: { plans?: PlanSpec[]; apps?: AppSpec[]; connection?: string } = {}) =>
  integrationTemplate({
    otherSubnets: [gatewaySubnet],
    plans: o.plans,
    apps: o.apps ?? [{ name: 'orders', subnet: null }],
    extraResources: [...more, o.connection ?? connection()],
  });

export const routeBased = ['        "vpnType": "RouteBased",'];

// The Bicep twins (bicepIntegrationTwin).
export const bicepGatewaySubnet = "      { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } }";

/** The twin of gateway(): `extra` lines go inside `properties`, indented by 4. */
export const bicepGateway = (name: string, type: 'Vpn' | 'ExpressRoute', extra: string[] = []) => [
  `resource ${name === 'vpn-gw' ? 'vpnGw' : 'erGw'} 'Microsoft.Network/virtualNetworkGateways@2023-04-01' = {`,
  `  name: '${name}'`,
  "  location: 'westeurope'",
  '  properties: {',
  `    gatewayType: '${type}'`,
  ...extra,
  '    ipConfigurations: [',
  "      { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', 'GatewaySubnet') } } }",
  '    ]',
  '  }',
  '}',
];

/** The twin of p2s(): `prefix` is a Bicep expression (`'10.10.0.0/24'`, `pool`). */
export const bicepP2s = (prefix: string) => `    vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [ ${prefix} ] } }`;

export const bicepConnection = (extra = '') => [
  "resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {",
  "  name: 'orders/app-vnet'",
  `  properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')${extra} }`,
  '}',
];

export const bicepGatewayCase = (more: string[], o: { plans?: BicepPlanSpec[]; apps?: BicepAppSpec[]; connection?: string[]; params?: string[] } = {}) =>
  bicepIntegrationTwin({
    params: o.params,
    otherSubnets: [bicepGatewaySubnet],
    plans: o.plans,
    apps: o.apps ?? [{ name: 'orders', subnet: null }],
    extraResources: [...more, ...(o.connection ?? bicepConnection())],
  });

export const bicepRouteBased = ["    vpnType: 'RouteBased'"];
