// ASE707-ASE709: gateway-required VNet Integration (point-to-site through the VNet's VPN gateway).
import { gatewayIntegrationUnsupported } from '../../server/src/rules/gateway-integration-unsupported';
import { p2sAddressSpace } from '../../server/src/rules/p2s-address-space';
import { peeringForGatewayIntegration } from '../../server/src/rules/peering-for-gateway-integration';
import { ruleTester } from './tester';
import { integrationTemplate, markFirst, type AppSpec, type PlanSpec } from './templates';
import { bicepIntegrationTwin, type BicepAppSpec, type BicepPlanSpec } from '../model/bicep/twin';
import { annotate } from './bicepTwins';

const gatewaySubnet = '          { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.0.255.0/27" } }';
/** A gateway in app-vnet; `extra` lines go inside `properties`, indented by 8, each ending with a comma. */
function gateway(name: string, type: 'Vpn' | 'ExpressRoute', extra: string[] = []): string {
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
const p2s = (prefix: string) => `        "vpnClientConfiguration": { "vpnClientAddressPool": { "addressPrefixes": [ "${prefix}" ] } },`;
const connection = (extra = '') =>
  [
    '    {',
    '      "type": "Microsoft.Web/sites/virtualNetworkConnections",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "orders/app-vnet",',
    `      "properties": { "vnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')]"${extra} }`,
    '    }',
  ].join('\n');
/** The app without regional integration, its gateway-required connection to app-vnet, and `more` resources. */
const gatewayCase = (more: string[], o: { plans?: PlanSpec[]; apps?: AppSpec[]; connection?: string } = {}) =>
  integrationTemplate({
    otherSubnets: [gatewaySubnet],
    plans: o.plans,
    apps: o.apps ?? [{ name: 'orders', subnet: null }],
    extraResources: [...more, o.connection ?? connection()],
  });
const routeBased = ['        "vpnType": "RouteBased",'];

// The Bicep twins (test/model/bicep/twin.ts bicepIntegrationTwin).
const bicepGatewaySubnet = "      { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } }";
/** The twin of gateway(): `extra` lines go inside `properties`, indented by 4. */
const bicepGateway = (name: string, type: 'Vpn' | 'ExpressRoute', extra: string[] = []) => [
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
const bicepP2s = (prefix: string) => `    vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [ ${prefix} ] } }`;
const bicepConnection = (extra = '') => [
  "resource ordersAppVnet 'Microsoft.Web/sites/virtualNetworkConnections@2022-03-01' = {",
  "  name: 'orders/app-vnet'",
  `  properties: { vnetResourceId: resourceId('Microsoft.Network/virtualNetworks', 'app-vnet')${extra} }`,
  '}',
];
const bicepGatewayCase = (more: string[], o: { plans?: BicepPlanSpec[]; apps?: BicepAppSpec[]; connection?: string[]; params?: string[] } = {}) =>
  bicepIntegrationTwin({
    params: o.params,
    otherSubnets: [bicepGatewaySubnet],
    plans: o.plans,
    apps: o.apps ?? [{ name: 'orders', subnet: null }],
    extraResources: [...more, ...(o.connection ?? bicepConnection())],
  });
const bicepRouteBased = ["    vpnType: 'RouteBased'"];
const bicepOnGateway = (text: string) => annotate(text, "name: 'vpn-gw'", "'vpn-gw'", 'ASE707');
const label = "VPN gateway 'vpn-gw', used by app 'orders' for gateway-required VNet Integration,";

ruleTester(p2sAddressSpace, {
  valid: [
    {
      name: 'route-based, pool in 172.16.0.0/12',
      arm: gatewayCase([gateway('vpn-gw', 'Vpn', [...routeBased, p2s('172.16.10.0/24')])]),
      bicep: bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', [...bicepRouteBased, bicepP2s("'172.16.10.0/24'")])),
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
      arm: markFirst(gatewayCase([gateway('vpn-gw', 'Vpn', [...routeBased, p2s('100.64.0.0/24')])]), p2s('100.64.0.0/24'), '"100.64.0.0/24"', 'ASE707'),
      messages: [
        "The point-to-site pool 100.64.0.0/24 of VPN gateway 'vpn-gw', used by app 'orders' for gateway-required VNet Integration is outside the private RFC 1918 ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): Azure does not integrate the app through it",
      ],
      output: null,
      bicep: annotate(
        bicepGatewayCase(bicepGateway('vpn-gw', 'Vpn', [...bicepRouteBased, bicepP2s("'100.64.0.0/24'")])),
        bicepP2s("'100.64.0.0/24'"),
        "'100.64.0.0/24'",
        'ASE707',
      ),
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

const onConnection = (text: string, code: string) => markFirst(text, '"name": "orders/app-vnet"', '"orders/app-vnet"', code);
const vpn = gateway('vpn-gw', 'Vpn', [p2s('172.16.10.0/24')]);
const bicepOnConnection = (text: string, code: string) => annotate(text, "name: 'orders/app-vnet'", "'orders/app-vnet'", code);
const bicepVpn = bicepGateway('vpn-gw', 'Vpn', [bicepP2s("'172.16.10.0/24'")]);

ruleTester(gatewayIntegrationUnsupported, {
  valid: [
    { name: 'a Windows app, VPN gateway only', arm: gatewayCase([vpn]), bicep: bicepGatewayCase(bicepVpn) },
    {
      name: 'a Linux app with regional integration',
      arm: integrationTemplate({ plans: [{ name: 'app-plan', properties: ['        "reserved": true'] }] }),
      bicep: bicepIntegrationTwin({ plans: [{ name: 'app-plan', properties: ['    reserved: true'] }] }),
    },
  ],
  invalid: [
    {
      name: 'a Linux plan (reserved)',
      arm: onConnection(gatewayCase([vpn], { plans: [{ name: 'app-plan', properties: ['        "reserved": true'] }] }), 'ASE708'),
      messages: [
        "Gateway-required VNet Integration 'orders/app-vnet' is set on Linux app 'orders': the feature exists for Windows apps only, so Azure does not connect it (use regional VNet Integration)",
      ],
      output: null,
      bicep: bicepOnConnection(bicepGatewayCase(bicepVpn, { plans: [{ name: 'app-plan', properties: ['    reserved: true'] }] }), 'ASE708'),
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

const hubVnet = [
  '    {',
  '      "type": "Microsoft.Network/virtualNetworks",',
  '      "apiVersion": "2023-04-01",',
  '      "name": "spoke-vnet",',
  '      "location": "westeurope",',
  '      "properties": { "addressSpace": { "addressPrefixes": [ "10.1.0.0/16" ] } }',
  '    }',
].join('\n');
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
const outFlags = ['"allowVirtualNetworkAccess": true', '"allowForwardedTraffic": true', '"allowGatewayTransit": true'];
const backFlags = ['"allowVirtualNetworkAccess": true', '"allowForwardedTraffic": true', '"useRemoteGateways": true'];
const peered = (out: string[], back: string[]) =>
  gatewayCase([vpn, hubVnet, peering('app-vnet/to-spoke', 'spoke-vnet', out), peering('spoke-vnet/to-app', 'app-vnet', back)]);
const onPeering = (text: string, name: string) => markFirst(text, `"name": "${name}"`, `"${name}"`, 'ASE709');
const gwIntegration = "whose gateway carries the gateway-required VNet Integration 'orders/app-vnet',";
const bicepHubVnet = [
  "resource spokeVnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
  "  name: 'spoke-vnet'",
  "  location: 'westeurope'",
  "  properties: { addressSpace: { addressPrefixes: [ '10.1.0.0/16' ] } }",
  '}',
];
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
const bicepOutFlags = ['allowVirtualNetworkAccess: true', 'allowForwardedTraffic: true', 'allowGatewayTransit: true'];
const bicepBackFlags = ['allowVirtualNetworkAccess: true', 'allowForwardedTraffic: true', 'useRemoteGateways: true'];
const bicepPeered = (out: string[], back: string[], params?: string[]) =>
  bicepGatewayCase([...bicepVpn, ...bicepHubVnet, ...bicepPeering('toSpoke', 'app-vnet/to-spoke', 'spoke-vnet', out), ...bicepPeering('toApp', 'spoke-vnet/to-app', 'app-vnet', back)], { params });
const bicepOnPeering = (text: string, name: string) => annotate(text, `name: '${name}'`, `'${name}'`, 'ASE709');

ruleTester(peeringForGatewayIntegration, {
  valid: [
    { name: 'both sides set', arm: peered(outFlags, backFlags), bicep: bicepPeered(bicepOutFlags, bicepBackFlags) },
    {
      name: 'a flag unresolved',
      arm: peered([...outFlags.slice(0, 2), `"allowGatewayTransit": "[parameters('transit')]"`], backFlags),
      bicep: bicepPeered([...bicepOutFlags.slice(0, 2), 'allowGatewayTransit: transit'], bicepBackFlags, ['param transit bool']),
    },
    {
      name: 'regional integration needs none of it',
      arm: integrationTemplate({ extraResources: [hubVnet, peering('app-vnet/to-spoke', 'spoke-vnet', []), peering('spoke-vnet/to-app', 'app-vnet', [])] }),
      bicep: bicepIntegrationTwin({
        extraResources: [...bicepHubVnet, ...bicepPeering('toSpoke', 'app-vnet/to-spoke', 'spoke-vnet', []), ...bicepPeering('toApp', 'spoke-vnet/to-app', 'app-vnet', [])],
      }),
    },
  ],
  invalid: [
    {
      name: 'the integration VNet does not share its gateway: the fix sets the flag',
      arm: onPeering(peered(outFlags.slice(0, 2), backFlags), 'app-vnet/to-spoke'),
      messages: [`Peering 'app-vnet/to-spoke' on VNet 'app-vnet', ${gwIntegration} does not set allowGatewayTransit: the app's traffic from the point-to-site pool does not cross the peering`],
      output: onPeering(peered([...outFlags.slice(0, 2), '"allowGatewayTransit": true'], backFlags), 'app-vnet/to-spoke'),
      bicep: bicepOnPeering(bicepPeered(bicepOutFlags.slice(0, 2), bicepBackFlags), 'app-vnet/to-spoke'),
      bicepOutput: bicepOnPeering(bicepPeered([...bicepOutFlags.slice(0, 2), 'allowGatewayTransit: true'], bicepBackFlags), 'app-vnet/to-spoke'),
    },
    {
      name: 'the remote side sets neither flag',
      arm: onPeering(peered(outFlags, ['"allowVirtualNetworkAccess": true']), 'spoke-vnet/to-app'),
      messages: [
        `Peering 'spoke-vnet/to-app' from VNet 'spoke-vnet' back to VNet 'app-vnet', ${gwIntegration} does not set allowForwardedTraffic and useRemoteGateways: the app's traffic from the point-to-site pool does not cross the peering`,
      ],
      output: onPeering(peered(outFlags, ['"allowVirtualNetworkAccess": true', '"allowForwardedTraffic": true', '"useRemoteGateways": true']), 'spoke-vnet/to-app'),
      bicep: bicepOnPeering(bicepPeered(bicepOutFlags, ['allowVirtualNetworkAccess: true']), 'spoke-vnet/to-app'),
      bicepOutput: bicepOnPeering(bicepPeered(bicepOutFlags, ['allowVirtualNetworkAccess: true', 'allowForwardedTraffic: true', 'useRemoteGateways: true']), 'spoke-vnet/to-app'),
    },
  ],
});
