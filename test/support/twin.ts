import { aseTemplate, nsgRule, route } from './templates';

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

/** A small ASE deployment, stated once and written in ARM (by templates.ts) and in Bicep. */
export interface TwinSpec {
  kind?: string;
  /** A number is written as a number (ARM `3`, Bicep `3`). */
  ilbMode?: string | number;
  vnetPrefix?: string;
  subnetPrefix?: string;
  rules?: RuleSpec[];
  routes?: [name: string, prefix: string, hop: string, ip?: string][];
  delegation?: string;
  /** The ASE subnet's service endpoints. */
  serviceEndpoints?: string[];
  /** Bicep only: lines written first (`param mode string`). */
  params?: string[];
  /** Bicep only: expressions written unquoted in place of the literal value. */
  ilbModeExpr?: string;
  subnetPrefixExpr?: string;
  /** Bicep only: more subnet objects of the VNet (complete, indented by 6 spaces). */
  otherSubnets?: string[];
  /** Bicep only: more top-level declarations, written after the ASE. */
  extraResources?: string[];
  /** Bicep only: more lines of the VNet's `properties` after `addressSpace` (indented by 4). */
  vnetProps?: string[];
  /** Bicep only: lines before the ASE's `properties` (indented by 2), e.g. `dependsOn`. */
  aseLines?: string[];
  /** Bicep only: the expression of the ASE's subnet id; default `'${vnet.id}/subnets/ase-subnet'` (which makes the ASE depend on the VNet). */
  aseSubnetIdExpr?: string;
  /** Bicep only: more lines at the start of the ASE's `properties` (indented by 4). */
  aseProps?: string[];
  /** Bicep only: `disableBgpRoutePropagation: <this>` written first in the route table's properties. */
  bgpPropagationExpr?: string;
}

export function armTwin(o: TwinSpec): string {
  return aseTemplate({
    kind: o.kind,
    ilbMode: o.ilbMode,
    vnetPrefix: o.vnetPrefix,
    subnetPrefix: o.subnetPrefix,
    securityRules: o.rules?.map((r, i) => nsgRule(r.name, r, i === o.rules!.length - 1)),
    routes: o.routes?.map(([n, p, h, ip], i) => route(n, p, h, ip, i === o.routes!.length - 1)),
    delegations: o.delegation
      ? [`                { "name": "d", "properties": { "serviceName": "${o.delegation}" } }`]
      : undefined,
    serviceEndpoints: o.serviceEndpoints,
  });
}

/** One security rule as bicepTwin writes it, at the indentation of `securityRules` items. */
export function bicepRuleLines(r: RuleSpec): string[] {
  const ports = r.portsList ? `destinationPortRanges: [${r.portsList.map((p) => `'${p}'`).join(', ')}]` : `destinationPortRange: '${r.ports ?? '*'}'`;
  return [
    '      {',
    `        name: '${r.name}'`,
    `        properties: { priority: ${r.priority}, direction: '${r.direction}', access: '${r.access}', protocol: '${r.protocol ?? '*'}', sourceAddressPrefix: '${r.source ?? '*'}', sourcePortRange: '*', destinationAddressPrefix: '${r.destination ?? '*'}', ${ports} }`,
    '      }',
  ];
}

/** Another NSG, as bicepTwin writes `ase-nsg`, for `extraResources`. */
export function bicepNsg(symbol: string, name: string, rules: RuleSpec[]): string[] {
  return [
    `resource ${symbol} 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {`,
    `  name: '${name}'`,
    "  location: 'westeurope'",
    '  properties: {',
    '    securityRules: [',
    ...rules.flatMap(bicepRuleLines),
    '    ]',
    '  }',
    '}',
  ];
}

export function bicepTwin(o: TwinSpec): string {
  const out: string[] = [...(o.params ?? [])];
  if (o.rules) {
    out.push(
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {",
      "  name: 'ase-nsg'",
      "  location: 'westeurope'",
      '  properties: {',
      '    securityRules: [',
    );
    for (const r of o.rules) out.push(...bicepRuleLines(r));
    out.push('    ]', '  }', '}');
  }
  if (o.routes) {
    out.push(
      "resource rt 'Microsoft.Network/routeTables@2023-04-01' = {",
      "  name: 'ase-routes'",
      "  location: 'westeurope'",
      '  properties: {',
      ...(o.bgpPropagationExpr === undefined ? [] : [`    disableBgpRoutePropagation: ${o.bgpPropagationExpr}`]),
      '    routes: [',
      ...o.routes.map(
        ([n, p, h, ip]) => `      { name: '${n}', properties: { addressPrefix: '${p}', nextHopType: '${h}'${ip ? `, nextHopIpAddress: '${ip}'` : ''} } }`,
      ),
      '    ]',
      '  }',
      '}',
    );
  }
  const subnetProps = [`          addressPrefix: ${o.subnetPrefixExpr ?? `'${o.subnetPrefix ?? '10.0.1.0/24'}'`}`];
  if (o.rules) subnetProps.push('          networkSecurityGroup: { id: nsg.id }');
  if (o.routes) subnetProps.push("          routeTable: { id: resourceId('Microsoft.Network/routeTables', 'ase-routes') }");
  if (o.delegation) subnetProps.push(`          delegations: [ { name: 'd', properties: { serviceName: '${o.delegation}' } } ]`);
  if (o.serviceEndpoints) subnetProps.push(`          serviceEndpoints: [ ${o.serviceEndpoints.map((e) => `{ service: '${e}' }`).join(', ')} ]`);
  out.push(
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'ase-vnet'",
    "  location: 'westeurope'",
    '  properties: {',
    `    addressSpace: { addressPrefixes: [ '${o.vnetPrefix ?? '10.0.0.0/16'}' ] }`,
    ...(o.vnetProps ?? []),
    '    subnets: [',
    '      {',
    "        name: 'ase-subnet'",
    '        properties: {',
    ...subnetProps,
    '        }',
    '      }',
    ...(o.otherSubnets ?? []),
    '    ]',
    '  }',
    '}',
    "resource ase 'Microsoft.Web/hostingEnvironments@2022-03-01' = {",
    "  name: 'my-ase'",
    "  location: 'westeurope'",
    `  kind: '${o.kind ?? 'ASEV2'}'`,
    ...(o.aseLines ?? []),
    '  properties: {',
    ...(o.aseProps ?? []),
    `    internalLoadBalancingMode: ${o.ilbModeExpr ?? (typeof o.ilbMode === 'number' ? o.ilbMode : `'${o.ilbMode ?? 'None'}'`)}`,
    `    virtualNetwork: { id: ${o.aseSubnetIdExpr ?? "'${vnet.id}/subnets/ase-subnet'"} }`,
    '  }',
    '}',
    ...(o.extraResources ?? []),
  );
  return out.join('\n');
}

/** The twin of templates.ts `withDnsServers`: `servers` are Bicep expressions (`'10.0.0.4'`, `dns`). */
export function bicepWithDnsServers(o: TwinSpec, servers: string[]): string {
  return bicepTwin({ ...o, vnetProps: [`    dhcpOptions: { dnsServers: [ ${servers.join(', ')} ] }`, ...(o.vnetProps ?? [])] });
}

/**
 * A VNet gateway in `ase-vnet` (its ip configuration names the VNet's GatewaySubnet), the
 * twin of templates.ts `vnetGateway`, as lines for `extraResources`. `extra`
 * lines go inside `properties` after `gatewayType`, indented by 4 spaces.
 */
export function bicepVnetGateway(name: string, gatewayType: 'ExpressRoute' | 'Vpn' | { expr: string }, extra: string[] = [], symbol = 'gw'): string[] {
  return [
    `resource ${symbol} 'Microsoft.Network/virtualNetworkGateways@2023-04-01' = {`,
    `  name: '${name}'`,
    "  location: 'westeurope'",
    '  properties: {',
    `    gatewayType: ${typeof gatewayType === 'string' ? `'${gatewayType}'` : gatewayType.expr}`,
    ...extra,
    '    ipConfigurations: [',
    "      { name: 'gw-ip', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'GatewaySubnet') } } }",
    '    ]',
    '  }',
    '}',
  ];
}

/** A plan of bicepIntegrationTwin: `sku` is the inside of the sku object (`name: 'S1'`). */
export interface BicepPlanSpec {
  name: string;
  sku?: string;
  /** A Bicep expression; default `'westeurope'`. */
  location?: string;
  /** Lines inside `properties`, indented by 4. */
  properties?: string[];
}

/** An app of bicepIntegrationTwin. */
export interface BicepAppSpec {
  name: string;
  plan?: string;
  /** A Bicep expression; default `'westeurope'`. */
  location?: string;
  /** The subnet it integrates with; null: no `virtualNetworkSubnetId`. */
  subnet?: string | null;
  /** More lines at the start of `properties`, indented by 4. */
  properties?: string[];
}

/** The Bicep twin of templates.ts `integrationTemplate`: the same deployment, each option in Bicep. */
export interface BicepIntegrationSpec {
  params?: string[];
  subnetPrefix?: string;
  /** A Bicep expression in place of the literal prefix. */
  subnetPrefixExpr?: string;
  /** Lines of the subnet's `delegations` items, indented by 12; default: one delegation to Microsoft.Web/serverFarms; [] → no `delegations`. */
  delegations?: string[];
  /** A Bicep expression; default `'westeurope'`. */
  vnetLocation?: string;
  /** More subnet objects of the VNet (complete, indented by 6). */
  otherSubnets?: string[];
  plans?: BicepPlanSpec[];
  apps?: BicepAppSpec[];
  /** More top-level declarations, written last. */
  extraResources?: string[];
}

export const BICEP_SERVER_FARMS_DELEGATION = "            { name: 'delegation', properties: { serviceName: 'Microsoft.Web/serverFarms' } }";

/** A resource's symbol: its name camelCased (`app-plan` → `appPlan`). */
export function symbolOf(name: string): string {
  return name.replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function bicepIntegrationTwin(o: BicepIntegrationSpec = {}): string {
  const out: string[] = [...(o.params ?? [])];
  const delegations = o.delegations ?? [BICEP_SERVER_FARMS_DELEGATION];
  out.push(
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
    "  name: 'app-vnet'",
    `  location: ${o.vnetLocation ?? "'westeurope'"}`,
    '  properties: {',
    "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
    '    subnets: [',
    '      {',
    "        name: 'integration'",
    '        properties: {',
    `          addressPrefix: ${o.subnetPrefixExpr ?? `'${o.subnetPrefix ?? '10.0.2.0/26'}'`}`,
    ...(delegations.length ? ['          delegations: [', ...delegations, '          ]'] : []),
    '        }',
    '      }',
    ...(o.otherSubnets ?? []),
    '    ]',
    '  }',
    '}',
  );
  for (const p of o.plans ?? [{ name: 'app-plan' }]) {
    const props = p.properties ?? [];
    out.push(
      `resource ${symbolOf(p.name)} 'Microsoft.Web/serverfarms@2022-03-01' = {`,
      `  name: '${p.name}'`,
      `  location: ${p.location ?? "'westeurope'"}`,
      `  sku: { ${p.sku ?? "name: 'S1'"} }`,
      ...(props.length ? ['  properties: {', ...props, '  }'] : ['  properties: {}']),
      '}',
    );
  }
  for (const a of o.apps ?? [{ name: 'orders' }]) {
    const subnet = a.subnet === undefined ? 'integration' : a.subnet;
    out.push(
      `resource ${symbolOf(a.name)} 'Microsoft.Web/sites@2022-03-01' = {`,
      `  name: '${a.name}'`,
      `  location: ${a.location ?? "'westeurope'"}`,
      '  properties: {',
      ...(a.properties ?? []),
      `    serverFarmId: ${symbolOf(a.plan ?? 'app-plan')}.id`,
      ...(subnet === null ? [] : [`    virtualNetworkSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', '${subnet}')`]),
      '  }',
      '}',
    );
  }
  out.push(...(o.extraResources ?? []));
  return out.join('\n');
}
