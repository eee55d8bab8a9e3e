// ASE301 forced-tunnel: an ASEv1/v2 subnet's internet-bound traffic must go to the internet, not to an appliance or a gateway.
import { forcedTunnel } from '../../server/src/rules/forced-tunnel';
import { BICEP_URI, TEMPLATE_URI, dedent, ruleTester } from '../support/tester';
import { aseTemplate, caretsUnder, replaceLine, route, SCHEMA } from '../support/templates';
import { bicepTwin } from '../support/twin';
import { annotate } from '../support/bicepTwins';

/** Carets under the nextHopType value of a line made by route(). */
function underHop(name: string, prefix: string, hop: string): string {
  const line = route(name, prefix, hop);
  const start = line.indexOf(`"${hop}"`);
  return `${' '.repeat(10)}//${' '.repeat(start - 12)}${'^'.repeat(hop.length + 2)} ASE301`;
}
const message = (name: string, prefix: string, hop: string, example: string) =>
  `Route '${name}' in route table 'ase-routes' sends ${prefix} to ${hop}, forcing internet-bound traffic of the ASE subnet (such as ${example}) ` +
  `away from the internet: replies to Azure's management traffic leave from the wrong address, and the ASE is suspended`;
// The Bicep twins: carets under the nextHopType value of the route named `name`.
const underBicepHop = (text: string, name: string, hop: string) => annotate(text, `name: '${name}'`, `'${hop}'`, 'ASE301');
const bicepHalves = underBicepHop(
  underBicepHop(
    bicepTwin({ routes: [['default', '0.0.0.0/0', 'Internet'], ['low', '0.0.0.0/1', 'VirtualNetworkGateway'], ['high', '128.0.0.0/1', 'VirtualNetworkGateway']] }),
    'low',
    'VirtualNetworkGateway',
  ),
  'high',
  'VirtualNetworkGateway',
);
const bicepFwSpaceUnresolved = underBicepHop(
  bicepTwin({ params: ['param space string'], vnetPrefix: '${space}', routes: [['fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']] }),
  'fw',
  'VirtualAppliance',
);
const bicepWide = underBicepHop(
  bicepTwin({ vnetPrefix: '20.0.0.0/16', subnetPrefix: '20.0.1.0/24', routes: [['wide', '20.0.0.0/8', 'VirtualAppliance', '20.0.0.4']] }),
  'wide',
  'VirtualAppliance',
);

// The firewall's address as a parameter used nowhere else: the fix removes it, with its
// value in the parameters file the analysis read (ARM and Bicep refuse a value for a
// parameter the template does not declare), and its title says both what it bypasses
// and that the parameter goes.
const ARM_PARAMS_URI = TEMPLATE_URI.replace(/\.json$/, '.parameters.json');
const BICEPPARAM_URI = BICEP_URI.replace(/\.bicep$/, '.bicepparam');
const fwRouteArm = `          { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "[parameters('firewallIp')]" } }`;
const firewallArm = (extra: { parameters?: string[]; outputs?: string[] } = {}) =>
  [
    '{',
    `  "$schema": "${SCHEMA}",`,
    '  "contentVersion": "1.0.0.0",',
    '  "parameters": {',
    ...(extra.parameters ?? ['    "firewallIp": { "type": "string" },']),
    '    "location": { "type": "string", "defaultValue": "westeurope" }',
    '  },',
    '  "resources": [',
    '    {',
    '      "type": "Microsoft.Network/routeTables",',
    '      "apiVersion": "2023-04-01",',
    '      "name": "ase-routes",',
    `      "location": "[parameters('location')]",`,
    '      "properties": {',
    '        "routes": [',
    fwRouteArm,
    caretsUnder(fwRouteArm, '"VirtualAppliance"', 'ASE301'),
    '        ]',
    '      }',
    '    },',
    '    {',
    '      "type": "Microsoft.Network/virtualNetworks",',
    '      "apiVersion": "2023-04-01",',
    '      "name": "ase-vnet",',
    `      "location": "[parameters('location')]",`,
    '      "properties": {',
    '        "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },',
    `        "subnets": [ { "name": "ase-subnet", "properties": { "addressPrefix": "10.0.1.0/24", "routeTable": { "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]" } } } ]`,
    '      }',
    '    },',
    '    {',
    '      "type": "Microsoft.Web/hostingEnvironments",',
    '      "apiVersion": "2022-03-01",',
    '      "name": "my-ase",',
    `      "location": "[parameters('location')]",`,
    '      "kind": "ASEV2",',
    '      "properties": {',
    '        "internalLoadBalancingMode": "Web, Publishing",',
    `        "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }`,
    '      }',
    '    }',
    `  ]${extra.outputs ? ',' : ''}`,
    ...(extra.outputs ?? []),
    '}',
  ].join('\n');
const armParameters = (firewall: boolean) =>
  [
    '{',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",',
    '  "contentVersion": "1.0.0.0",',
    '  "parameters": {',
    ...(firewall ? ['    "firewallIp": { "value": "10.0.0.4" },'] : []),
    '    "location": { "value": "westeurope" }',
    '  }',
    '}',
  ].join('\n');
const fwRouteBicep = "      { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: firewallIp } }";
const firewallBicep = (extra: { parameters?: string[]; outputs?: string[] } = {}) =>
  [
    ...(extra.parameters ?? ['param firewallIp string']),
    "param location string = 'westeurope'",
    '',
    "resource routes 'Microsoft.Network/routeTables@2023-04-01' = {",
    "  name: 'ase-routes'",
    '  location: location',
    '  properties: {',
    '    routes: [',
    fwRouteBicep,
    caretsUnder(fwRouteBicep, "'VirtualAppliance'", 'ASE301'),
    '    ]',
    '  }',
    '}',
    '',
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'ase-vnet'",
    '  location: location',
    '  properties: {',
    "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
    "    subnets: [ { name: 'ase-subnet', properties: { addressPrefix: '10.0.1.0/24', routeTable: { id: routes.id } } } ]",
    '  }',
    '}',
    '',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    '  location: location',
    "  kind: 'ASEV2'",
    '  properties: {',
    "    internalLoadBalancingMode: 'Web, Publishing'",
    "    virtualNetwork: { id: '${vnet.id}/subnets/ase-subnet' }",
    '  }',
    '}',
    ...(extra.outputs ?? []),
    '',
  ].join('\n');
const bicepParameters = (firewall: boolean) =>
  ["using 'template.bicep'", '', ...(firewall ? ["param firewallIp = '10.0.0.4'"] : []), "param location = 'westeurope'", ''].join('\n');
const firewallFiles = { [ARM_PARAMS_URI]: armParameters(true), [BICEPPARAM_URI]: bicepParameters(true) };
const toInternetArm = `          { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }`;
const toInternetBicep = "      { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }";
const firewallTitle = "Send route 'default' to Internet, bypassing the appliance at 10.0.0.4";
const outputArm = ['  "outputs": {', `    "firewall": { "type": "string", "value": "[parameters('firewallIp')]" }`, '  }'];
const outputBicep = ['', 'output firewall string = firewallIp'];

// The forced-tunnel setups the current documentation supports: the management addresses routed to the
// internet (a route for the service tag AppServiceManagement), the rest to a firewall, and service
// endpoints for Azure SQL and Storage on the ASE subnet (their traffic bypasses the route table).
const endpoints = ['Microsoft.Sql', 'Microsoft.Storage'];
const managementDirect: [string, string, string, string?][] = [
  ['management', 'AppServiceManagement', 'Internet'],
  ['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4'],
];
const documentedRoutes = (last = '') => [
  route('management', 'AppServiceManagement', 'Internet'),
  route('default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true),
  ...(last ? [last] : []),
];
const withoutEndpoints = (message('default', '0.0.0.0/0', 'VirtualAppliance', '1.0.0.0/8') +
  '; the documented forced-tunnel setup also needs the service endpoints Microsoft.Sql and Microsoft.Storage on the ASE subnet');
const bicepNoEndpoints = underBicepHop(bicepTwin({ routes: managementDirect }), 'default', 'VirtualAppliance');
const bicepStorageOnly = underBicepHop(bicepTwin({ routes: managementDirect, serviceEndpoints: ['Microsoft.Storage'] }), 'default', 'VirtualAppliance');
const bicepManagementToFirewall = underBicepHop(
  bicepTwin({ routes: [['management', 'AppServiceManagement', 'VirtualAppliance', '10.0.0.4']], serviceEndpoints: endpoints }),
  'management',
  'VirtualAppliance',
);

ruleTester(forcedTunnel, {
  valid: [
    {
      name: 'the documented forced-tunnel setup: management addresses to Internet, Sql and Storage service endpoints',
      arm: aseTemplate({ routes: documentedRoutes(), serviceEndpoints: endpoints }),
      bicep: bicepTwin({ routes: managementDirect, serviceEndpoints: endpoints }),
    },
    {
      name: 'the documented setup with egress addresses: userWhitelistedIpRanges and a Storage service endpoint',
      arm: aseTemplate({
        routes: [route('default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true)],
        serviceEndpoints: ['Microsoft.Storage'],
        aseProps: ['        "userWhitelistedIpRanges": [ "20.50.1.4/32" ],'],
      }),
      bicep: bicepTwin({
        routes: [['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']],
        serviceEndpoints: ['Microsoft.Storage'],
        aseProps: ["    userWhitelistedIpRanges: [ '20.50.1.4/32' ]"],
      }),
    },
    {
      // Routes written as addresses may or may not hold every management address: not known, so silent.
      name: 'management addresses routed as CIDR prefixes: whether they are all of them is not known',
      arm: aseTemplate({
        routes: [route('mgmt1', '13.66.140.0/26', 'Internet'), route('default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true)],
        serviceEndpoints: endpoints,
      }),
      bicep: bicepTwin({ routes: [['mgmt1', '13.66.140.0/26', 'Internet'], ['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']], serviceEndpoints: endpoints }),
    },
    {
      name: 'a narrower public route to the firewall may hold management addresses: not known, so silent',
      arm: aseTemplate({
        routes: [route('management', 'AppServiceManagement', 'Internet'), route('cloud', '13.64.0.0/11', 'VirtualAppliance', '10.0.0.4'), route('default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true)],
        serviceEndpoints: endpoints,
      }),
      bicep: bicepTwin({
        routes: [['management', 'AppServiceManagement', 'Internet'], ['cloud', '13.64.0.0/11', 'VirtualAppliance', '10.0.0.4'], ['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']],
        serviceEndpoints: endpoints,
      }),
    },
    {
      name: 'default route to Internet',
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
      `,
    },
    { name: 'no route table', arm: aseTemplate(), bicep: bicepTwin({}) },
    {
      name: 'private ranges to an appliance',
      arm: aseTemplate({ routes: [route('onprem', '192.168.0.0/16', 'VirtualAppliance', '10.0.0.4', true)] }),
      bicep: bicepTwin({ routes: [['onprem', '192.168.0.0/16', 'VirtualAppliance', '10.0.0.4']] }),
    },
    {
      name: 'ASEv3 may force-tunnel',
      arm: aseTemplate({ kind: 'ASEV3', routes: [route('fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true)] }),
      bicep: bicepTwin({ kind: 'ASEV3', routes: [['fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']] }),
    },
    {
      name: 'next hop unresolved',
      arm: aseTemplate({ routes: [route('fw', '0.0.0.0/0', "[parameters('hop')]", undefined, true)] }),
      bicep: replaceLine(
        bicepTwin({ params: ['param hop string'], routes: [['fw', '0.0.0.0/0', 'Internet']] }),
        "      { name: 'fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }",
        "      { name: 'fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: hop } }",
      ),
    },
    {
      // The VNet uses a public range: traffic to it stays in the VNet and is not internet-bound.
      name: "a route for the VNet's own public address space",
      arm: aseTemplate({ vnetPrefix: '20.0.0.0/16', subnetPrefix: '20.0.1.0/24', routes: [route('vnet-via-fw', '20.0.0.0/16', 'VirtualAppliance', '20.0.0.4', true)] }),
      bicep: bicepTwin({ vnetPrefix: '20.0.0.0/16', subnetPrefix: '20.0.1.0/24', routes: [['vnet-via-fw', '20.0.0.0/16', 'VirtualAppliance', '20.0.0.4']] }),
    },
    {
      name: "the VNet's address space unresolved: a public route that could be that space",
      arm: aseTemplate({ vnetPrefix: "[parameters('space')]", subnetPrefix: '20.0.1.0/24', routes: [route('vnet-via-fw', '20.0.0.0/16', 'VirtualAppliance', '20.0.0.4', true)] }),
      bicep: bicepTwin({
        params: ['param space string'],
        vnetPrefix: '${space}',
        subnetPrefix: '20.0.1.0/24',
        routes: [['vnet-via-fw', '20.0.0.0/16', 'VirtualAppliance', '20.0.0.4']],
      }),
    },
  ],
  invalid: [
    {
      name: 'the documented routes without the service endpoints',
      arm: aseTemplate({ routes: documentedRoutes(underHop('default', '0.0.0.0/0', 'VirtualAppliance')) }),
      messages: [withoutEndpoints],
      output: aseTemplate({
        routes: [
          route('management', 'AppServiceManagement', 'Internet'),
          '          { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }',
          underHop('default', '0.0.0.0/0', 'VirtualAppliance'),
        ],
      }),
      bicep: bicepNoEndpoints,
      bicepOutput: replaceLine(
        bicepNoEndpoints,
        "      { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }",
        "      { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }",
      ),
    },
    {
      name: 'the documented routes with a Storage service endpoint only: Azure SQL still goes through the firewall',
      arm: aseTemplate({ routes: documentedRoutes(underHop('default', '0.0.0.0/0', 'VirtualAppliance')), serviceEndpoints: ['Microsoft.Storage'] }),
      messages: [
        message('default', '0.0.0.0/0', 'VirtualAppliance', '1.0.0.0/8') + '; the documented forced-tunnel setup also needs the service endpoint Microsoft.Sql on the ASE subnet',
      ],
      output: aseTemplate({
        routes: [
          route('management', 'AppServiceManagement', 'Internet'),
          '          { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }',
          underHop('default', '0.0.0.0/0', 'VirtualAppliance'),
        ],
        serviceEndpoints: ['Microsoft.Storage'],
      }),
      bicep: bicepStorageOnly,
      bicepOutput: replaceLine(
        bicepStorageOnly,
        "      { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }",
        "      { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }",
      ),
    },
    {
      // A tag route is the tag's addresses: all public, so sending them to the firewall tunnels them.
      name: 'the management addresses sent to the firewall by a service-tag route, service endpoints or not',
      arm: aseTemplate({
        routes: [route('management', 'AppServiceManagement', 'VirtualAppliance', '10.0.0.4', true), underHop('management', 'AppServiceManagement', 'VirtualAppliance')],
        serviceEndpoints: endpoints,
      }),
      messages: [
        "Route 'management' in route table 'ase-routes' sends AppServiceManagement to VirtualAppliance, forcing internet-bound traffic of the ASE subnet " +
          "away from the internet: replies to Azure's management traffic leave from the wrong address, and the ASE is suspended",
      ],
      output: aseTemplate({
        routes: [
          '          { "name": "management", "properties": { "addressPrefix": "AppServiceManagement", "nextHopType": "Internet" } }',
          underHop('management', 'AppServiceManagement', 'VirtualAppliance'),
        ],
        serviceEndpoints: endpoints,
      }),
      bicep: bicepManagementToFirewall,
      bicepOutput: replaceLine(
        bicepManagementToFirewall,
        "      { name: 'management', properties: { addressPrefix: 'AppServiceManagement', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }",
        "      { name: 'management', properties: { addressPrefix: 'AppServiceManagement', nextHopType: 'Internet' } }",
      ),
    },
    {
      name: '0.0.0.0/0 to a firewall',
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
                  { "name": "fw", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.0.4" } }
                  //                                                                           ^^^^^^^^^^^^^^^^^^ ASE301
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
            }
          ]
        }
      `,
      messages: [
        "Route 'fw' in route table 'ase-routes' sends 0.0.0.0/0 to VirtualAppliance, forcing internet-bound traffic of the ASE subnet (such as 1.0.0.0/8) away from the internet: replies to Azure's management traffic leave from the wrong address, and the ASE is suspended",
      ],
      fixTitle: "Send route 'fw' to Internet, bypassing the appliance at 10.0.0.4",
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
                "routes": [
                  { "name": "fw", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }
                  //                                                                           ^^^^^^^^^^^^^^^^^^ ASE301
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
              { name: 'fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }
              //                                                                   ^^^^^^^^^^^^^^^^^^ ASE301
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
      `,
      bicepOutput: dedent`
        resource rt 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'ase-routes'
          location: 'westeurope'
          properties: {
            routes: [
              { name: 'fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }
              //                                                                   ^^^^^^^^^^^^^^^^^^ ASE301
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
      `,
    },
    {
      name: 'the appliance address is a parameter used nowhere else: it goes, with its value in the parameters file',
      files: {
        'file:///work/template.parameters.json': dedent`
          {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {
              "firewallIp": { "value": "10.0.0.4" },
              "location": { "value": "westeurope" }
            }
          }
        `,
        'file:///work/template.bicepparam': dedent`
          using 'template.bicep'

          param firewallIp = '10.0.0.4'
          param location = 'westeurope'

        `,
      },
      arm: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "firewallIp": { "type": "string" },
            "location": { "type": "string", "defaultValue": "westeurope" }
          },
          "resources": [
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-04-01",
              "name": "ase-routes",
              "location": "[parameters('location')]",
              "properties": {
                "routes": [
                  { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "[parameters('firewallIp')]" } }
                  //                                                                                ^^^^^^^^^^^^^^^^^^ ASE301
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "ase-vnet",
              "location": "[parameters('location')]",
              "properties": {
                "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },
                "subnets": [ { "name": "ase-subnet", "properties": { "addressPrefix": "10.0.1.0/24", "routeTable": { "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]" } } } ]
              }
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "my-ase",
              "location": "[parameters('location')]",
              "kind": "ASEV2",
              "properties": {
                "internalLoadBalancingMode": "Web, Publishing",
                "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }
              }
            }
          ]
        }
      `,
      messages: [
        "Route 'default' in route table 'ase-routes' sends 0.0.0.0/0 to VirtualAppliance, forcing internet-bound traffic of the ASE subnet (such as 1.0.0.0/8) away from the internet: replies to Azure's management traffic leave from the wrong address, and the ASE is suspended",
      ],
      fixTitle: "Send route 'default' to Internet, bypassing the appliance at 10.0.0.4, and remove parameter 'firewallIp'",
      output: dedent`
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "location": { "type": "string", "defaultValue": "westeurope" }
          },
          "resources": [
            {
              "type": "Microsoft.Network/routeTables",
              "apiVersion": "2023-04-01",
              "name": "ase-routes",
              "location": "[parameters('location')]",
              "properties": {
                "routes": [
                  { "name": "default", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }
                  //                                                                                ^^^^^^^^^^^^^^^^^^ ASE301
                ]
              }
            },
            {
              "type": "Microsoft.Network/virtualNetworks",
              "apiVersion": "2023-04-01",
              "name": "ase-vnet",
              "location": "[parameters('location')]",
              "properties": {
                "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },
                "subnets": [ { "name": "ase-subnet", "properties": { "addressPrefix": "10.0.1.0/24", "routeTable": { "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]" } } } ]
              }
            },
            {
              "type": "Microsoft.Web/hostingEnvironments",
              "apiVersion": "2022-03-01",
              "name": "my-ase",
              "location": "[parameters('location')]",
              "kind": "ASEV2",
              "properties": {
                "internalLoadBalancingMode": "Web, Publishing",
                "virtualNetwork": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]" }
              }
            }
          ]
        }
      `,
      outputFiles: {
        'file:///work/template.parameters.json': dedent`
          {
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {
              "location": { "value": "westeurope" }
            }
          }
        `,
      },
      bicep: dedent`
        param firewallIp string
        param location string = 'westeurope'

        resource routes 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'ase-routes'
          location: location
          properties: {
            routes: [
              { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: firewallIp } }
              //                                                                        ^^^^^^^^^^^^^^^^^^ ASE301
            ]
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: location
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [ { name: 'ase-subnet', properties: { addressPrefix: '10.0.1.0/24', routeTable: { id: routes.id } } } ]
          }
        }

        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: location
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'Web, Publishing'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }

      `,
      bicepOutput: dedent`
        param location string = 'westeurope'

        resource routes 'Microsoft.Network/routeTables@2023-04-01' = {
          name: 'ase-routes'
          location: location
          properties: {
            routes: [
              { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }
              //                                                                        ^^^^^^^^^^^^^^^^^^ ASE301
            ]
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
          name: 'ase-vnet'
          location: location
          properties: {
            addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
            subnets: [ { name: 'ase-subnet', properties: { addressPrefix: '10.0.1.0/24', routeTable: { id: routes.id } } } ]
          }
        }

        resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {
          name: 'my-ase'
          location: location
          kind: 'ASEV2'
          properties: {
            internalLoadBalancingMode: 'Web, Publishing'
            virtualNetwork: { id: '\${vnet.id}/subnets/ase-subnet' }
          }
        }

      `,
      bicepOutputFiles: {
        'file:///work/template.bicepparam': dedent`
          using 'template.bicep'

          param location = 'westeurope'

        `,
      },
    },
    {
      // No VNet may hold 127.0.0.0/8 or 224.0.0.0/4, so 0.0.0.0/0 cannot be its own space.
      name: "the VNet's address space unresolved: 0.0.0.0/0 still catches internet-bound traffic",
      arm: aseTemplate({ vnetPrefix: "[parameters('space')]", routes: [route('fw', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4', true), underHop('fw', '0.0.0.0/0', 'VirtualAppliance')] }),
      messages: [message('fw', '0.0.0.0/0', 'VirtualAppliance', '1.0.0.0/8')],
      output: aseTemplate({
        vnetPrefix: "[parameters('space')]",
        routes: [
          '          { "name": "fw", "properties": { "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet" } }',
          underHop('fw', '0.0.0.0/0', 'VirtualAppliance'),
        ],
      }),
      bicep: bicepFwSpaceUnresolved,
      bicepOutput: replaceLine(
        bicepFwSpaceUnresolved,
        "      { name: 'fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }",
        "      { name: 'fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }",
      ),
    },
    {
      name: 'a route wider than the public VNet is reported for the addresses outside the VNet',
      arm: aseTemplate({
        vnetPrefix: '20.0.0.0/16',
        subnetPrefix: '20.0.1.0/24',
        routes: [route('wide', '20.0.0.0/8', 'VirtualAppliance', '20.0.0.4', true), underHop('wide', '20.0.0.0/8', 'VirtualAppliance')],
      }),
      messages: [message('wide', '20.0.0.0/8', 'VirtualAppliance', '20.1.0.0/16')],
      output: aseTemplate({
        vnetPrefix: '20.0.0.0/16',
        subnetPrefix: '20.0.1.0/24',
        routes: [
          '          { "name": "wide", "properties": { "addressPrefix": "20.0.0.0/8", "nextHopType": "Internet" } }',
          underHop('wide', '20.0.0.0/8', 'VirtualAppliance'),
        ],
      }),
      bicep: bicepWide,
      bicepOutput: replaceLine(
        bicepWide,
        "      { name: 'wide', properties: { addressPrefix: '20.0.0.0/8', nextHopType: 'VirtualAppliance', nextHopIpAddress: '20.0.0.4' } }",
        "      { name: 'wide', properties: { addressPrefix: '20.0.0.0/8', nextHopType: 'Internet' } }",
      ),
    },
    {
      name: 'two halves to the gateway: the more specific routes catch the internet',
      arm: aseTemplate({
        routes: [
          route('default', '0.0.0.0/0', 'Internet'),
          route('low', '0.0.0.0/1', 'VirtualNetworkGateway'),
          underHop('low', '0.0.0.0/1', 'VirtualNetworkGateway'),
          route('high', '128.0.0.0/1', 'VirtualNetworkGateway', undefined, true),
          underHop('high', '128.0.0.0/1', 'VirtualNetworkGateway'),
        ],
      }),
      messages: [message('low', '0.0.0.0/1', 'VirtualNetworkGateway', '1.0.0.0/8'), message('high', '128.0.0.0/1', 'VirtualNetworkGateway', '128.0.0.0/3')],
      output: aseTemplate({
        routes: [
          route('default', '0.0.0.0/0', 'Internet'),
          '          { "name": "low", "properties": { "addressPrefix": "0.0.0.0/1", "nextHopType": "Internet" } },',
          underHop('low', '0.0.0.0/1', 'VirtualNetworkGateway'),
          route('high', '128.0.0.0/1', 'VirtualNetworkGateway', undefined, true),
          underHop('high', '128.0.0.0/1', 'VirtualNetworkGateway'),
        ],
      }),
      fixTitle: "Send route 'low' to Internet, bypassing the virtual network gateway",
      bicep: bicepHalves,
      bicepOutput: replaceLine(
        bicepHalves,
        "      { name: 'low', properties: { addressPrefix: '0.0.0.0/1', nextHopType: 'VirtualNetworkGateway' } }",
        "      { name: 'low', properties: { addressPrefix: '0.0.0.0/1', nextHopType: 'Internet' } }",
      ),
    },
    {
      name: 'the appliance address is a parameter used elsewhere: it stays',
      arm: firewallArm({ outputs: outputArm }),
      files: firewallFiles,
      messages: [message('default', '0.0.0.0/0', 'VirtualAppliance', '1.0.0.0/8')],
      fixTitle: firewallTitle,
      output: firewallArm({ outputs: outputArm }).replace(fwRouteArm, toInternetArm),
      bicep: firewallBicep({ outputs: outputBicep }),
      bicepOutput: firewallBicep({ outputs: outputBicep }).replace(fwRouteBicep, toInternetBicep),
    },
  ],
});
