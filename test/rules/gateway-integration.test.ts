// ASE707-ASE709: gateway-required VNet Integration (point-to-site through the VNet's VPN gateway).
import { gatewayIntegrationUnsupported } from '../../server/src/rules/gateway-integration-unsupported';
import { p2sAddressSpace } from '../../server/src/rules/p2s-address-space';
import { peeringForGatewayIntegration } from '../../server/src/rules/peering-for-gateway-integration';
import assert from 'node:assert/strict';
import { BICEP_URI, findingsOf, ruleTester, tableTest as test } from '../support/tester';
import { integrationTemplate, markFirst, type AppSpec, type PlanSpec } from '../support/templates';
import { bicepIntegrationTwin, type BicepAppSpec, type BicepPlanSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

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
      arm: onPeering(peered(outFlags.slice(0, 2), backFlags), 'app-vnet/to-spoke'),
      messages: [`Peering 'app-vnet/to-spoke' on VNet 'app-vnet', ${gwIntegration} does not set allowGatewayTransit: the app's traffic from the point-to-site pool does not cross the peering`],
      output: onPeering(peered([...outFlags.slice(0, 2), '"allowGatewayTransit": true'], backFlags), 'app-vnet/to-spoke'),
      bicep: bicepOnPeering(bicepPeered(bicepOutFlags.slice(0, 2), bicepBackFlags), 'app-vnet/to-spoke'),
      bicepOutput: bicepOnPeering(bicepPeered([...bicepOutFlags.slice(0, 2), 'allowGatewayTransit: true'], bicepBackFlags), 'app-vnet/to-spoke'),
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
