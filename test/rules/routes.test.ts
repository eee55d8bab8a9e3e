// ASE302-ASE304: routes learned from ExpressRoute and VPN gateways on the ASE subnet.
import { bgpPropagation } from '../../server/src/rules/bgp-propagation';
import { broadDefaultRoute } from '../../server/src/rules/broad-default-route';
import { expressrouteDefaultRoute } from '../../server/src/rules/expressroute-default-route';
import { ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder, inserted, route, vnetGateway, type AseTemplate } from '../support/templates';
import { bicepTwin, bicepVnetGateway, type TwinSpec } from '../support/twin';
import { annotate as annotateBicep } from '../support/bicepTwins';

/** Inserts `annotation` after the first line that contains `marker`. */
function annotate(text: string, marker: string, annotation: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no line with ${marker}`);
  lines.splice(i + 1, 0, annotation);
  return lines.join('\n');
}
const underLine = (line: string, text: string, code: string) => (t: string) => annotate(t, line, caretsUnder(line, text, code));

const er = vnetGateway('er-gw', 'ExpressRoute');
const internetDefault = route('default', '0.0.0.0/0', 'Internet', undefined, true);
const defaultRouteJson = { name: 'DefaultToInternet', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } };
const tableId = "[resourceId('Microsoft.Network/routeTables', 'ase-subnet-routes')]";
const forceTunnel = "a 0.0.0.0/0 route advertised through it would force-tunnel the ASE's internet-bound traffic, and the ASE would be suspended";

/** The template after ASE302's fix that creates `ase-subnet-routes` (for a template without NSG and route table). */
function withCreatedTable(text: string): string {
  const attached = text.replace(
    ['              "addressPrefix": "10.0.1.0/24"', '            }', '          }', '        ]', '      }', '    },'].join('\n'),
    [
      '              "addressPrefix": "10.0.1.0/24",',
      '              "routeTable": {',
      `                "id": "${tableId}"`,
      '              }',
      '            }',
      '          }',
      '        ]',
      '      },',
      '      "dependsOn": [',
      `        "${tableId}"`,
      '      ]',
      '    },',
    ].join('\n'),
  );
  const table = {
    type: 'Microsoft.Network/routeTables',
    apiVersion: '2023-04-01',
    name: 'ase-subnet-routes',
    location: 'westeurope',
    properties: { routes: [defaultRouteJson] },
  };
  const end = '    }\n  ]\n}';
  if (!attached.endsWith(end) || attached === text) throw new Error('unexpected template layout');
  return `${attached.slice(0, -end.length)}    },\n${inserted(table, 4, false).join('\n')}\n  ]\n}`;
}

const onSubnet = underLine('            "name": "ase-subnet",', '"ase-subnet"', 'ASE302');
const onTable = (code: string) => underLine('      "name": "ase-routes",', '"ase-routes"', code);
/** A gateway whose type is unresolved, with an ExpressRoute connection on it. */
const erConnection = () =>
  aseTemplate({
    extraResources: [
      vnetGateway('gw', "[parameters('type')]" as 'Vpn'),
      `    {
      "type": "Microsoft.Network/connections",
      "apiVersion": "2023-04-01",
      "name": "er-conn",
      "location": "westeurope",
      "properties": {
        "connectionType": "ExpressRoute",
        "virtualNetworkGateway1": { "id": "[resourceId('Microsoft.Network/virtualNetworkGateways', 'gw')]" }
      }
    }`,
    ],
  });
const erTemplate = (o: AseTemplate) => aseTemplate({ ...o, extraResources: [...(o.extraResources ?? []), er] });
// The Bicep twins.
const onBicepSubnet = (t: string) => annotateBicep(t, "name: 'ase-subnet'", "'ase-subnet'", 'ASE302');
/** ASE302's fix in Bicep: the subnet names a new route table, the VNet waits for it, the table is declared last. */
function withBicepCreatedTable(t: string): string {
  const attached = t.replace(
    "          addressPrefix: '10.0.1.0/24'\n",
    [
      "          addressPrefix: '10.0.1.0/24'",
      '          routeTable: {',
      "            id: resourceId('Microsoft.Network/routeTables', 'ase-subnet-routes')",
      '          }',
      '',
    ].join('\n'),
  );
  const waits = attached.replace('    ]\n  }\n}\nresource ase ', '    ]\n  }\n  dependsOn: [\n    aseSubnetRoutes\n  ]\n}\nresource ase ');
  return [
    waits,
    '',
    "resource aseSubnetRoutes 'Microsoft.Network/routeTables@2023-04-01' = {",
    "  name: 'ase-subnet-routes'",
    "  location: 'westeurope'",
    '  properties: {',
    '    routes: [',
    '      {',
    "        name: 'DefaultToInternet'",
    '        properties: {',
    "          addressPrefix: '0.0.0.0/0'",
    "          nextHopType: 'Internet'",
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
  ].join('\n');
}
const erBicep = bicepVnetGateway('er-gw', 'ExpressRoute');
const erTwin = (o: TwinSpec) => bicepTwin({ ...o, extraResources: [...(o.extraResources ?? []), ...erBicep] });
/** The twin of erConnection: the gateway's type is a parameter without a value, the connection names the gateway by its symbol. */
const erConnectionTwin = () =>
  bicepTwin({
    params: ['param type string'],
    extraResources: [
      ...bicepVnetGateway('gw', { expr: 'type' }),
      "resource erConn 'Microsoft.Network/connections@2023-04-01' = {",
      "  name: 'er-conn'",
      "  location: 'westeurope'",
      '  properties: {',
      "    connectionType: 'ExpressRoute'",
      '    virtualNetworkGateway1: { id: gw.id }',
      '  }',
      '}',
    ],
  });
/** A VPN gateway whose default site (a local network gateway) force-tunnels the VNet. */
const vpnDefaultSiteTwin = () =>
  bicepTwin({
    extraResources: bicepVnetGateway('vpn-gw', 'Vpn', ["    gatewayDefaultSite: { id: resourceId('Microsoft.Network/localNetworkGateways', 'onprem') }"]),
  });
const onBicepTable = (code: string) => (t: string) => annotateBicep(t, "name: 'ase-routes'", "'ase-routes'", code);
/** The route DefaultToInternet as the Bicep renderer writes it into `routes`. */
const bicepDefaultRoute = [
  '      {',
  "        name: 'DefaultToInternet'",
  '        properties: {',
  "          addressPrefix: '0.0.0.0/0'",
  "          nextHopType: 'Internet'",
  '        }',
  '      }',
];
/** `text` with `insert` placed after the one line equal to `after`. */
function insertAfterLine(text: string, after: string, insert: string[]): string {
  const lines = text.split('\n');
  const i = lines.indexOf(after);
  if (i < 0 || lines.lastIndexOf(after) !== i) throw new Error(`not exactly one line ${after}`);
  lines.splice(i + 1, 0, ...insert);
  return lines.join('\n');
}
/** `text` with the one line equal to `from` replaced by `to`. */
const replaceLine = (text: string, from: string, to: string) => {
  const lines = text.split('\n');
  const i = lines.indexOf(from);
  if (i < 0 || lines.lastIndexOf(from) !== i) throw new Error(`not exactly one line ${from}`);
  lines[i] = to;
  return lines.join('\n');
};

/** Writes `disableBgpRoutePropagation` into the template's route table. */
const withPropagation = (text: string, value: string) =>
  text.replace('        "routes": [', `        "disableBgpRoutePropagation": ${value},\n        "routes": [`);

ruleTester(expressrouteDefaultRoute, {
  valid: [
    { name: 'no gateway in the VNet', arm: aseTemplate(), bicep: bicepTwin({}) },
    { name: 'ExpressRoute with a 0.0.0.0/0 route to Internet', arm: erTemplate({ routes: [internetDefault] }), bicep: erTwin({ routes: [['default', '0.0.0.0/0', 'Internet']] }) },
    {
      name: 'ExpressRoute with the two halves sent to Internet',
      arm: erTemplate({ routes: [route('low', '0.0.0.0/1', 'Internet'), route('high', '128.0.0.0/1', 'Internet', undefined, true)] }),
      bicep: erTwin({ routes: [['low', '0.0.0.0/1', 'Internet'], ['high', '128.0.0.0/1', 'Internet']] }),
    },
    {
      name: 'the default route goes to a firewall: that is ASE301',
      arm: erTemplate({ routes: [route('fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true)] }),
      bicep: erTwin({ routes: [['fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']] }),
    },
    {
      name: 'a route whose prefix is unresolved may be the default route',
      arm: erTemplate({ routes: [route('x', "[parameters('prefix')]", 'Internet', undefined, true)] }),
      bicep: replaceLine(
        erTwin({ params: ['param prefix string'], routes: [['x', '10.9.0.0/16', 'Internet']] }),
        "      { name: 'x', properties: { addressPrefix: '10.9.0.0/16', nextHopType: 'Internet' } }",
        "      { name: 'x', properties: { addressPrefix: prefix, nextHopType: 'Internet' } }",
      ),
    },
    {
      name: 'a VPN gateway without forced tunnelling or BGP',
      arm: aseTemplate({ extraResources: [vnetGateway('vpn-gw', 'Vpn', ['        "vpnType": "RouteBased",'])] }),
      bicep: bicepTwin({ extraResources: bicepVnetGateway('vpn-gw', 'Vpn', ["    vpnType: 'RouteBased'"]) }),
    },
    { name: 'ASEv3 may be force-tunnelled', arm: erTemplate({ kind: 'ASEV3' }), bicep: erTwin({ kind: 'ASEV3' }) },
    {
      // No learned route reaches the subnet: an advertised 0.0.0.0/0 cannot force-tunnel it.
      name: 'gateway route propagation is off, no 0.0.0.0/0 route',
      arm: withPropagation(erTemplate({ routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)] }), 'true'),
      bicep: erTwin({ bgpPropagationExpr: 'true', routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] }),
    },
    {
      name: 'gateway route propagation unresolved',
      arm: withPropagation(erTemplate({ routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)] }), '"[parameters(\'bgp\')]"'),
      bicep: erTwin({ params: ['param bgp bool'], bgpPropagationExpr: 'bgp', routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] }),
    },
    {
      name: 'the gateway type is unresolved',
      arm: aseTemplate({ extraResources: [vnetGateway('gw', "[parameters('type')]" as 'Vpn')] }),
      bicep: bicepTwin({ params: ['param type string'], extraResources: bicepVnetGateway('gw', { expr: 'type' }) }),
    },
  ],
  invalid: [
    {
      name: 'ExpressRoute and no route table: create one and attach it',
      arm: onSubnet(erTemplate({})),
      messages: [`The subnet 'ase-subnet' of ASE 'my-ase' has no route table, and its VNet 'ase-vnet' has ExpressRoute gateway 'er-gw': ${forceTunnel}`],
      output: withCreatedTable(onSubnet(erTemplate({}))),
      bicep: onBicepSubnet(erTwin({})),
      bicepOutput: withBicepCreatedTable(onBicepSubnet(erTwin({}))),
    },
    {
      name: 'ExpressRoute and a route table without the default route: add it',
      arm: onTable('ASE302')(erTemplate({ routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)] })),
      messages: [`Route table 'ase-routes' on the subnet of ASE 'my-ase' has no 0.0.0.0/0 route to Internet, and its VNet 'ase-vnet' has ExpressRoute gateway 'er-gw': ${forceTunnel}`],
      output: onTable('ASE302')(
        erTemplate({
          routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway'), ...inserted(defaultRouteJson, 10, false)],
        }),
      ),
      bicep: onBicepTable('ASE302')(erTwin({ routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] })),
      bicepOutput: insertAfterLine(
        onBicepTable('ASE302')(erTwin({ routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] })),
        "      { name: 'onprem', properties: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' } }",
        bicepDefaultRoute,
      ),
    },
    {
      name: 'a VPN gateway with BGP; a service-tag route does not cover the internet',
      arm: onTable('ASE302')(
        aseTemplate({
          routes: [route('mgmt', 'AppServiceManagement', 'Internet', undefined, true)],
          extraResources: [vnetGateway('vpn-gw', 'Vpn', ['        "enableBgp": true,'])],
        }),
      ),
      messages: [`Route table 'ase-routes' on the subnet of ASE 'my-ase' has no 0.0.0.0/0 route to Internet, and its VNet 'ase-vnet' has VPN gateway 'vpn-gw': ${forceTunnel}`],
      output: onTable('ASE302')(
        aseTemplate({
          routes: [route('mgmt', 'AppServiceManagement', 'Internet'), ...inserted(defaultRouteJson, 10, false)],
          extraResources: [vnetGateway('vpn-gw', 'Vpn', ['        "enableBgp": true,'])],
        }),
      ),
      bicep: onBicepTable('ASE302')(
        bicepTwin({ routes: [['mgmt', 'AppServiceManagement', 'Internet']], extraResources: bicepVnetGateway('vpn-gw', 'Vpn', ['    enableBgp: true']) }),
      ),
      bicepOutput: insertAfterLine(
        onBicepTable('ASE302')(
          bicepTwin({ routes: [['mgmt', 'AppServiceManagement', 'Internet']], extraResources: bicepVnetGateway('vpn-gw', 'Vpn', ['    enableBgp: true']) }),
        ),
        "      { name: 'mgmt', properties: { addressPrefix: 'AppServiceManagement', nextHopType: 'Internet' } }",
        bicepDefaultRoute,
      ),
    },
    {
      name: 'a VPN gateway with a default site (forced tunnelling), no route table',
      arm: onSubnet(
        aseTemplate({
          extraResources: [
            vnetGateway('vpn-gw', 'Vpn', [`        "gatewayDefaultSite": { "id": "[resourceId('Microsoft.Network/localNetworkGateways', 'onprem')]" },`]),
          ],
        }),
      ),
      messages: [`The subnet 'ase-subnet' of ASE 'my-ase' has no route table, and its VNet 'ase-vnet' has VPN gateway 'vpn-gw': ${forceTunnel}`],
      output: withCreatedTable(
        onSubnet(
          aseTemplate({
            extraResources: [
              vnetGateway('vpn-gw', 'Vpn', [`        "gatewayDefaultSite": { "id": "[resourceId('Microsoft.Network/localNetworkGateways', 'onprem')]" },`]),
            ],
          }),
        ),
      ),
      bicep: onBicepSubnet(vpnDefaultSiteTwin()),
      bicepOutput: withBicepCreatedTable(onBicepSubnet(vpnDefaultSiteTwin())),
    },
    {
      name: 'an ExpressRoute connection on a gateway whose type is unresolved',
      arm: onSubnet(erConnection()),
      messages: [`The subnet 'ase-subnet' of ASE 'my-ase' has no route table, and its VNet 'ase-vnet' has ExpressRoute connection 'er-conn': ${forceTunnel}`],
      output: withCreatedTable(onSubnet(erConnection())),
      bicep: onBicepSubnet(erConnectionTwin()),
      bicepOutput: withBicepCreatedTable(onBicepSubnet(erConnectionTwin())),
    },
  ],
});

const guard = (name: string) =>
  `Route '${name}' in route table 'ase-routes' is the ASE subnet's only guard against forced tunnelling: ` +
  'a prefix more specific than 0.0.0.0/0 learned from ExpressRoute or a VPN still wins over it and takes that traffic away from the internet';
const onRoute = (line: string, name: string) => underLine(line, `"${name}"`, 'ASE303');
const onBicepRoute = (name: string) => (t: string) => annotateBicep(t, `{ name: '${name}'`, `'${name}'`, 'ASE303');

ruleTester(broadDefaultRoute, {
  valid: [
    { name: 'no route table', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      name: 'gateway route propagation is off',
      arm: withPropagation(aseTemplate({ routes: [internetDefault] }), 'true'),
      bicep: bicepTwin({ bgpPropagationExpr: 'true', routes: [['default', '0.0.0.0/0', 'Internet']] }),
    },
    {
      name: 'propagation setting unresolved',
      arm: withPropagation(aseTemplate({ routes: [internetDefault] }), '"[parameters(\'bgp\')]"'),
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
      arm: onRoute(internetDefault, 'default')(aseTemplate({ routes: [internetDefault] })),
      messages: [guard('default')],
      output: null,
      bicep: onBicepRoute('default')(bicepTwin({ routes: [['default', '0.0.0.0/0', 'Internet']] })),
    },
    {
      name: 'propagation written as false; more specific Internet routes do not help',
      arm: onRoute(route('default', '0.0.0.0/0', 'Internet'), 'default')(
        withPropagation(aseTemplate({ routes: [route('default', '0.0.0.0/0', 'Internet'), route('half', '0.0.0.0/1', 'Internet', undefined, true)] }), 'false'),
      ),
      messages: [guard('default')],
      output: null,
      bicep: onBicepRoute('default')(
        bicepTwin({ bgpPropagationExpr: 'false', routes: [['default', '0.0.0.0/0', 'Internet'], ['half', '0.0.0.0/1', 'Internet']] }),
      ),
    },
  ],
});

const passesOn = (label: string) =>
  `Route table 'ase-routes' on the subnet of ASE 'my-ase' passes on the routes learned by ${label}: ` +
  "what on-premises advertises decides where the ASE's traffic goes, and a default or broad route there force-tunnels the ASE";
const propagationLine = '        "disableBgpRoutePropagation": false,';
const bicepPropagationFalse = annotateBicep(
  erTwin({ bgpPropagationExpr: 'false', routes: [['default', '0.0.0.0/0', 'Internet']] }),
  'disableBgpRoutePropagation: false',
  'false',
  'ASE304',
);
const bicepVpnTable = onBicepTable('ASE304')(bicepTwin({ routes: [['default', '0.0.0.0/0', 'Internet']], extraResources: bicepVnetGateway('vpn-gw', 'Vpn') }));

ruleTester(bgpPropagation, {
  valid: [
    { name: 'no gateway in the VNet', arm: aseTemplate({ routes: [internetDefault] }), bicep: bicepTwin({ routes: [['default', '0.0.0.0/0', 'Internet']] }) },
    {
      name: 'propagation off',
      arm: withPropagation(erTemplate({ routes: [internetDefault] }), 'true'),
      bicep: erTwin({ bgpPropagationExpr: 'true', routes: [['default', '0.0.0.0/0', 'Internet']] }),
    },
    {
      name: 'propagation unresolved',
      arm: withPropagation(erTemplate({ routes: [internetDefault] }), '"[parameters(\'bgp\')]"'),
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
      arm: underLine(propagationLine, 'false', 'ASE304')(withPropagation(erTemplate({ routes: [internetDefault] }), 'false')),
      messages: [passesOn("ExpressRoute gateway 'er-gw'")],
      // The fix changes the value only; the annotation line stays as it was.
      output: underLine(propagationLine, 'false', 'ASE304')(withPropagation(erTemplate({ routes: [internetDefault] }), 'false')).replace(
        propagationLine,
        '        "disableBgpRoutePropagation": true,',
      ),
      bicep: bicepPropagationFalse,
      bicepOutput: replaceLine(bicepPropagationFalse, '    disableBgpRoutePropagation: false', '    disableBgpRoutePropagation: true'),
    },
    {
      name: 'propagation not written, on the table name; a plain VPN gateway counts',
      arm: onTable('ASE304')(aseTemplate({ routes: [internetDefault], extraResources: [vnetGateway('vpn-gw', 'Vpn')] })),
      messages: [passesOn("VPN gateway 'vpn-gw'")],
      output: onTable('ASE304')(aseTemplate({ routes: [internetDefault], extraResources: [vnetGateway('vpn-gw', 'Vpn')] })).replace(
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
