// ASE302 expressroute-default-route: with an ExpressRoute (or BGP/forced-tunnelling VPN) gateway in the VNet,
// the ASEv1/v2 subnet's route table sends 0.0.0.0/0 to the internet.
import { expressrouteDefaultRoute } from '../../server/src/rules/expressroute-default-route';
import { dedent, ruleTester } from '../support/tester';
import { aseTemplate, inserted, insertAfterLine, markFirst, nsgRule, replaceLine, route, vnetGateway, withBgpPropagation, type AseTemplate } from '../support/templates';
import { bicepTwin, bicepVnetGateway, type RuleSpec, type TwinSpec } from '../support/twin';
import { annotate } from '../support/bicepTwins';

const er = vnetGateway('er-gw', 'ExpressRoute');
const defaultRouteJson = { name: 'DefaultToInternet', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } };
const tableId = "[resourceId('Microsoft.Network/routeTables', 'ase-subnet-routes')]";
const forceTunnel = "a 0.0.0.0/0 route advertised through it would force-tunnel the ASE's internet-bound traffic, and the ASE would be suspended";

/** The template after the fix that creates `ase-subnet-routes` (for a template without NSG and route table). */
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

const onSubnet = (text: string) => markFirst(text, '            "name": "ase-subnet",', '"ase-subnet"', 'ASE302');
const onTable = (text: string) => markFirst(text, '      "name": "ase-routes",', '"ase-routes"', 'ASE302');
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
/** The ASEv2's own inbound dependencies, allowed (the rest is left to the NSG's other rules). */
const aseRuleSpecs: RuleSpec[] = [
  { name: 'AllowMgmt', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'AppServiceManagement', ports: '454-455' },
  { name: 'AllowLB', priority: 110, direction: 'Inbound', access: 'Allow', source: 'AzureLoadBalancer' },
];
const denyBothSpecs: RuleSpec[] = [
  { name: 'DenyAllInbound', priority: 4000, direction: 'Inbound', access: 'Deny' },
  { name: 'DenyAllOutbound', priority: 4000, direction: 'Outbound', access: 'Deny' },
];
const asArmRule = (r: RuleSpec, last: boolean) =>
  nsgRule(r.name, { priority: r.priority as number, direction: r.direction as 'Inbound' | 'Outbound', access: r.access as 'Allow' | 'Deny', ...(r.protocol ? { protocol: r.protocol } : {}), ...(r.source ? { source: r.source } : {}), ...(r.ports ? { ports: r.ports } : {}) }, last);
const asesRules = (last: boolean) => aseRuleSpecs.map((r, i) => asArmRule(r, last && i === aseRuleSpecs.length - 1));
const denyBoth = denyBothSpecs.map((r, i) => asArmRule(r, i === denyBothSpecs.length - 1));
const erTemplate = (o: AseTemplate) => aseTemplate({ ...o, extraResources: [...(o.extraResources ?? []), er] });
// The Bicep twins.
const onBicepSubnet = (t: string) => annotate(t, "name: 'ase-subnet'", "'ase-subnet'", 'ASE302');
/** The fix in Bicep: the subnet names a new route table, the VNet waits for it, the table is declared last. */
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
const erTwin = (o: TwinSpec) => bicepTwin({ ...o, extraResources: [...(o.extraResources ?? []), ...bicepVnetGateway('er-gw', 'ExpressRoute')] });
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
const onBicepTable = (t: string) => annotate(t, "name: 'ase-routes'", "'ase-routes'", 'ASE302');
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

ruleTester(expressrouteDefaultRoute, {
  valid: [
    {
      name: 'ExpressRoute with a 0.0.0.0/0 route to Internet',
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
    { name: 'no gateway in the VNet', arm: aseTemplate(), bicep: bicepTwin({}) },
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
      arm: withBgpPropagation(erTemplate({ routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)] }), 'true'),
      bicep: erTwin({ bgpPropagationExpr: 'true', routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] }),
    },
    {
      name: 'gateway route propagation unresolved',
      arm: withBgpPropagation(erTemplate({ routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)] }), '"[parameters(\'bgp\')]"'),
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
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
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
                    //      ^^^^^^^^^^^^ ASE302
                    "properties": {
                      "addressPrefix": "10.0.1.0/24"
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
        "The subnet 'ase-subnet' of ASE 'my-ase' has no route table, and its VNet 'ase-vnet' has ExpressRoute gateway 'er-gw': a 0.0.0.0/0 route advertised through it would force-tunnel the ASE's internet-bound traffic, and the ASE would be suspended",
      ],
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
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
                    //      ^^^^^^^^^^^^ ASE302
                    "properties": {
                      "addressPrefix": "10.0.1.0/24",
                      "routeTable": {
                        "id": "[resourceId('Microsoft.Network/routeTables', 'ase-subnet-routes')]"
                      }
                    }
                  }
                ]
              },
              "dependsOn": [
                "[resourceId('Microsoft.Network/routeTables', 'ase-subnet-routes')]"
              ]
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
            },
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-04-01",
              "name": "ase-subnet-routes",
              "location": "westeurope",
              "properties": {
                "routes": [
                  {
                    "name": "DefaultToInternet",
                    "properties": {
                      "addressPrefix": "0.0.0.0/0",
                      "nextHopType": "Internet"
                    }
                  }
                ]
              }
            }
          ]
        }
      `,
      bicep: dedent`
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                //    ^^^^^^^^^^^^ ASE302
                properties: {
                  addressPrefix: '10.0.1.0/24'
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
        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [
              {
                name: 'ase-subnet'
                //    ^^^^^^^^^^^^ ASE302
                properties: {
                  addressPrefix: '10.0.1.0/24'
                  routeTable: {
                    id: resourceId('Microsoft.Network/routeTables', 'ase-subnet-routes')
                  }
                }
              }
            ]
          }
          dependsOn: [
            aseSubnetRoutes
          ]
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

        resource aseSubnetRoutes 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'ase-subnet-routes'
          location: 'westeurope'
          properties: {
            routes: [
              {
                name: 'DefaultToInternet'
                properties: {
                  addressPrefix: '0.0.0.0/0'
                  nextHopType: 'Internet'
                }
              }
            ]
          }
        }
      `,
    },
    {
      name: 'ExpressRoute and a route table without the default route: add it',
      arm: onTable(erTemplate({ routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)] })),
      messages: [`Route table 'ase-routes' on the subnet of ASE 'my-ase' has no 0.0.0.0/0 route to Internet, and its VNet 'ase-vnet' has ExpressRoute gateway 'er-gw': ${forceTunnel}`],
      output: onTable(
        erTemplate({
          routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway'), ...inserted(defaultRouteJson, 10, false)],
        }),
      ),
      bicep: onBicepTable(erTwin({ routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] })),
      bicepOutput: insertAfterLine(
        onBicepTable(erTwin({ routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] })),
        "      { name: 'onprem', properties: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' } }",
        bicepDefaultRoute,
      ),
    },
    {
      name: 'an NSG that leaves the rest to the default rules: the route would fold 0.0.0.0/0 into VirtualNetwork and AllowVnetInBound would admit the internet, so no fix',
      arm: onTable(erTemplate({ securityRules: [...asesRules(true)], routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)] })),
      messages: [`Route table 'ase-routes' on the subnet of ASE 'my-ase' has no 0.0.0.0/0 route to Internet, and its VNet 'ase-vnet' has ExpressRoute gateway 'er-gw': ${forceTunnel}`],
      output: null,
      bicep: onBicepTable(erTwin({ rules: aseRuleSpecs, routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] })),
    },
    {
      name: 'an NSG that denies everything else both ways before the default rules: the route widens nothing, the fix is offered',
      arm: onTable(erTemplate({ securityRules: [...asesRules(false), ...denyBoth], routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway', undefined, true)] })),
      messages: [`Route table 'ase-routes' on the subnet of ASE 'my-ase' has no 0.0.0.0/0 route to Internet, and its VNet 'ase-vnet' has ExpressRoute gateway 'er-gw': ${forceTunnel}`],
      output: onTable(
        erTemplate({
          securityRules: [...asesRules(false), ...denyBoth],
          routes: [route('onprem', '192.168.0.0/16', 'VirtualNetworkGateway'), ...inserted(defaultRouteJson, 10, false)],
        }),
      ),
      bicep: onBicepTable(erTwin({ rules: [...aseRuleSpecs, ...denyBothSpecs], routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] })),
      bicepOutput: insertAfterLine(
        onBicepTable(erTwin({ rules: [...aseRuleSpecs, ...denyBothSpecs], routes: [['onprem', '192.168.0.0/16', 'VirtualNetworkGateway']] })),
        "      { name: 'onprem', properties: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' } }",
        bicepDefaultRoute,
      ),
    },
    {
      name: 'a VPN gateway with BGP; a service-tag route does not cover the internet',
      arm: onTable(
        aseTemplate({
          routes: [route('mgmt', 'AppServiceManagement', 'Internet', undefined, true)],
          extraResources: [vnetGateway('vpn-gw', 'Vpn', ['        "enableBgp": true,'])],
        }),
      ),
      messages: [`Route table 'ase-routes' on the subnet of ASE 'my-ase' has no 0.0.0.0/0 route to Internet, and its VNet 'ase-vnet' has VPN gateway 'vpn-gw': ${forceTunnel}`],
      output: onTable(
        aseTemplate({
          routes: [route('mgmt', 'AppServiceManagement', 'Internet'), ...inserted(defaultRouteJson, 10, false)],
          extraResources: [vnetGateway('vpn-gw', 'Vpn', ['        "enableBgp": true,'])],
        }),
      ),
      bicep: onBicepTable(
        bicepTwin({ routes: [['mgmt', 'AppServiceManagement', 'Internet']], extraResources: bicepVnetGateway('vpn-gw', 'Vpn', ['    enableBgp: true']) }),
      ),
      bicepOutput: insertAfterLine(
        onBicepTable(
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
