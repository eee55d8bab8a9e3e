import { aseTemplate, nsgRule, route } from '../../rules/templates';

/** One security rule, stated once for both languages. */
export interface RuleSpec {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol?: string;
  source?: string;
  destination?: string;
  ports?: string;
  portsList?: string[];
}

/** A small ASE deployment, stated once and written in ARM (by test/rules/templates.ts) and in Bicep. */
export interface TwinSpec {
  kind?: string;
  ilbMode?: string;
  vnetPrefix?: string;
  subnetPrefix?: string;
  rules?: RuleSpec[];
  routes?: [name: string, prefix: string, hop: string][];
  delegation?: string;
}

export function armTwin(o: TwinSpec): string {
  return aseTemplate({
    kind: o.kind,
    ilbMode: o.ilbMode,
    vnetPrefix: o.vnetPrefix,
    subnetPrefix: o.subnetPrefix,
    securityRules: o.rules?.map((r, i) => nsgRule(r.name, r, i === o.rules!.length - 1)),
    routes: o.routes?.map(([n, p, h], i) => route(n, p, h, undefined, i === o.routes!.length - 1)),
    delegations: o.delegation
      ? [`                { "name": "d", "properties": { "serviceName": "${o.delegation}" } }`]
      : undefined,
  });
}

export function bicepTwin(o: TwinSpec): string {
  const out: string[] = [];
  if (o.rules) {
    out.push(
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
      "  name: 'ase-nsg'",
      "  location: 'westeurope'",
      '  properties: {',
      '    securityRules: [',
    );
    for (const r of o.rules) {
      const ports = r.portsList ? `destinationPortRanges: [${r.portsList.map((p) => `'${p}'`).join(', ')}]` : `destinationPortRange: '${r.ports ?? '*'}'`;
      out.push(
        '      {',
        `        name: '${r.name}'`,
        `        properties: { priority: ${r.priority}, direction: '${r.direction}', access: '${r.access}', protocol: '${r.protocol ?? '*'}', sourceAddressPrefix: '${r.source ?? '*'}', sourcePortRange: '*', destinationAddressPrefix: '${r.destination ?? '*'}', ${ports} }`,
        '      }',
      );
    }
    out.push('    ]', '  }', '}');
  }
  if (o.routes) {
    out.push(
      "resource rt 'Microsoft.Network/routeTables@2023-04-01' = {",
      "  name: 'ase-routes'",
      "  location: 'westeurope'",
      '  properties: {',
      '    routes: [',
      ...o.routes.map(([n, p, h]) => `      { name: '${n}', properties: { addressPrefix: '${p}', nextHopType: '${h}' } }`),
      '    ]',
      '  }',
      '}',
    );
  }
  const subnetProps = [`          addressPrefix: '${o.subnetPrefix ?? '10.0.1.0/24'}'`];
  if (o.rules) subnetProps.push('          networkSecurityGroup: { id: nsg.id }');
  if (o.routes) subnetProps.push("          routeTable: { id: resourceId('Microsoft.Network/routeTables', 'ase-routes') }");
  if (o.delegation) subnetProps.push(`          delegations: [ { name: 'd', properties: { serviceName: '${o.delegation}' } } ]`);
  out.push(
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'ase-vnet'",
    "  location: 'westeurope'",
    '  properties: {',
    `    addressSpace: { addressPrefixes: [ '${o.vnetPrefix ?? '10.0.0.0/16'}' ] }`,
    '    subnets: [',
    '      {',
    "        name: 'ase-subnet'",
    '        properties: {',
    ...subnetProps,
    '        }',
    '      }',
    '    ]',
    '  }',
    '}',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    `  kind: '${o.kind ?? 'ASEV2'}'`,
    '  properties: {',
    `    internalLoadBalancingMode: '${o.ilbMode ?? 'None'}'`,
    "    virtualNetwork: { id: '${vnet.id}/subnets/ase-subnet' }",
    '  }',
    '}',
  );
  return out.join('\n');
}
