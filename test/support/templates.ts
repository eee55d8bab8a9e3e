/**
 * Builds the ARM text of a small ASE deployment (NSG, VNet with the ASE subnet inline,
 * optional route table, the ASE) so rule tables state only what differs. The layout is
 * fixed (two-space indent) so annotations and fix outputs can be written exactly.
 */
export interface AseTemplate {
  kind?: string;
  apiVersion?: string;
  ilbMode?: string | number;
  vnetPrefix?: string;
  subnetPrefix?: string;
  /** Lines inside `securityRules: [...]`, already indented by 10 spaces; undefined → no NSG at all. */
  securityRules?: string[];
  /** Lines inside `routes: [...]`, indented by 10 spaces; undefined → no route table. */
  routes?: string[];
  /** Lines of the subnet's `delegations` array items, indented by 16 spaces; undefined → none. */
  delegations?: string[];
  /** The ASE subnet's service endpoints (`Microsoft.Sql`, `Microsoft.Storage`); undefined → none. */
  serviceEndpoints?: string[];
  /** More lines at the start of the ASE's `properties`, indented by 8 spaces, each ending with a comma. */
  aseProps?: string[];
  /** More subnets of the VNet (complete objects, indented by 10 spaces, each ending without comma). */
  otherSubnets?: string[];
  /** More top-level resources (complete objects, indented by 4 spaces). */
  extraResources?: string[];
}

export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export function aseTemplate(o: AseTemplate = {}): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push('{', `  "$schema": "${SCHEMA}",`, '  "contentVersion": "1.0.0.0",', '  "resources": [');
  const resources: string[][] = [];
  if (o.securityRules) {
    resources.push([
      '    {',
      '      "type": "Microsoft.Network/networkSecurityGroups",',
      '      "apiVersion": "2023-04-01",',
      '      "name": "ase-nsg",',
      '      "location": "westeurope",',
      '      "properties": {',
      '        "securityRules": [',
      ...o.securityRules,
      '        ]',
      '      }',
      '    }',
    ]);
  }
  if (o.routes) {
    resources.push([
      '    {',
      '      "type": "Microsoft.Network/routeTables",',
      '      "apiVersion": "2023-04-01",',
      '      "name": "ase-routes",',
      '      "location": "westeurope",',
      '      "properties": {',
      '        "routes": [',
      ...o.routes,
      '        ]',
      '      }',
      '    }',
    ]);
  }
  // Each subnet property as its group of lines; commas go between groups.
  const subnetProps: string[][] = [[`              "addressPrefix": "${o.subnetPrefix ?? '10.0.1.0/24'}"`]];
  if (o.securityRules) {
    subnetProps.push([
      `              "networkSecurityGroup": {`,
      `                "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'ase-nsg')]"`,
      `              }`,
    ]);
  }
  if (o.routes) {
    subnetProps.push([
      `              "routeTable": {`,
      `                "id": "[resourceId('Microsoft.Network/routeTables', 'ase-routes')]"`,
      `              }`,
    ]);
  }
  if (o.delegations) subnetProps.push(['              "delegations": [', ...o.delegations, '              ]']);
  if (o.serviceEndpoints) {
    subnetProps.push([`              "serviceEndpoints": [ ${o.serviceEndpoints.map((e) => `{ "service": "${e}" }`).join(', ')} ]`]);
  }
  resources.push([
    '    {',
    '      "type": "Microsoft.Network/virtualNetworks",',
    '      "apiVersion": "2023-04-01",',
    '      "name": "ase-vnet",',
    '      "location": "westeurope",',
    '      "properties": {',
    '        "addressSpace": {',
    `          "addressPrefixes": [ "${o.vnetPrefix ?? '10.0.0.0/16'}" ]`,
    '        },',
    '        "subnets": [',
    '          {',
    '            "name": "ase-subnet",',
    '            "properties": {',
    ...subnetProps.flatMap((group, i) => (i < subnetProps.length - 1 ? [...group.slice(0, -1), `${group.at(-1)},`] : group)),
    '            }',
    ...(o.otherSubnets?.length ? ['          },', ...joinObjects(o.otherSubnets)] : ['          }']),
    '        ]',
    '      }',
    '    }',
  ]);
  const ilb = o.ilbMode === undefined ? '"None"' : JSON.stringify(o.ilbMode);
  resources.push([
    '    {',
    '      "type": "Microsoft.Web/hostingEnvironments",',
    `      "apiVersion": "${o.apiVersion ?? '2022-03-01'}",`,
    '      "name": "my-ase",',
    '      "location": "westeurope",',
    `      "kind": "${o.kind ?? 'ASEV2'}",`,
    '      "properties": {',
    ...(o.aseProps ?? []),
    `        "internalLoadBalancingMode": ${ilb},`,
    '        "virtualNetwork": {',
    `          "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'ase-subnet')]"`,
    '        }',
    '      }',
    '    }',
  ]);
  for (const r of o.extraResources ?? []) resources.push([r]);
  resources.forEach((r, i) => {
    if (i < resources.length - 1) r[r.length - 1] += ',';
    push(...r);
  });
  push('  ]', '}');
  return lines.join('\n');
}

/** aseTemplate with custom DNS servers on the VNet (`dhcpOptions.dnsServers`), and optional lines after them (indented by 8). */
export function withDnsServers(o: AseTemplate, servers: string[], after: string[] = []): string {
  const text = aseTemplate(o);
  const block = `          "addressPrefixes": [ "${o.vnetPrefix ?? '10.0.0.0/16'}" ]\n        },`;
  if (!text.includes(block)) throw new Error('no address space');
  return text.replace(block, `${block}\n        "dhcpOptions": { "dnsServers": ${JSON.stringify(servers).replace(/,/g, ', ')} },${after.length ? `\n${after.join('\n')}` : ''}`);
}

function joinObjects(objects: string[]): string[] {
  return objects.map((o, i) => (i < objects.length - 1 ? `${o},` : o));
}

/** One security rule on one line, indented for `securityRules`. */
export function nsgRule(
  name: string,
  p: {
    priority: number | string;
    direction: 'Inbound' | 'Outbound';
    access: 'Allow' | 'Deny';
    protocol?: string;
    source?: string;
    destination?: string;
    ports?: string;
    portsList?: string[];
  },
  last = false,
): string {
  const ports = p.portsList ? `"destinationPortRanges": ${JSON.stringify(p.portsList)}` : `"destinationPortRange": "${p.ports ?? '*'}"`;
  const priority = typeof p.priority === 'number' ? p.priority : JSON.stringify(p.priority);
  return (
    `          { "name": "${name}", "properties": { "priority": ${priority}, "direction": "${p.direction}", "access": "${p.access}", ` +
    `"protocol": "${p.protocol ?? '*'}", "sourceAddressPrefix": "${p.source ?? '*'}", "sourcePortRange": "*", ` +
    `"destinationAddressPrefix": "${p.destination ?? '*'}", ${ports} } }${last ? '' : ','}`
  );
}

/** A caret annotation under the rule name of a line made by nsgRule: `{ "name": "X"` → carets under `"X"`. */
export function underName(name: string, code: string): string {
  // `          { "name": ` is 20 characters; the comment needs `//` before the carets.
  return `${' '.repeat(10)}//${' '.repeat(8)}${'^'.repeat(name.length + 2)} ${code}`;
}

export function route(name: string, prefix: string, hop: string, ip?: string, last = false): string {
  const ipPart = ip ? `, "nextHopIpAddress": "${ip}"` : '';
  return `          { "name": "${name}", "properties": { "addressPrefix": "${prefix}", "nextHopType": "${hop}"${ipPart} } }${last ? '' : ','}`;
}

/** What a fix inserts as an array item: the object pretty-printed at `indent` spaces, with a trailing comma when more items follow. */
export function inserted(value: unknown, indent: number, comma: boolean): string[] {
  const pad = ' '.repeat(indent);
  const lines = JSON.stringify(value, null, 2).split('\n').map((l) => pad + l);
  if (comma) lines[lines.length - 1] += ',';
  return lines;
}

/** The security rule object the NSG quick fixes write. */
export function allowRule(
  name: string,
  p: { protocol: string; ports: string[]; source: string; destination: string; priority: number; direction: 'Inbound' | 'Outbound' },
  order: 'neighbours' | 'own' = 'neighbours',
) {
  const ports = p.ports.length === 1 ? { destinationPortRange: p.ports[0] } : { destinationPortRanges: p.ports };
  // Among rules written by nsgRule the fix copies their order; in an NSG without rules it writes its own.
  const properties =
    order === 'neighbours'
      ? { priority: p.priority, direction: p.direction, access: 'Allow', protocol: p.protocol, sourceAddressPrefix: p.source, sourcePortRange: '*', destinationAddressPrefix: p.destination, ...ports }
      : { protocol: p.protocol, sourcePortRange: '*', ...ports, sourceAddressPrefix: p.source, destinationAddressPrefix: p.destination, access: 'Allow', priority: p.priority, direction: p.direction };
  return { name, properties };
}

/** An annotation line putting carets under `text` as it appears in `line` (the comment starts at column 0). */
export function caretsUnder(line: string, text: string, code: string): string {
  const start = line.indexOf(text);
  if (start < 2) throw new Error(`'${text}' must start after column 2 of the line to be annotated`);
  return `//${' '.repeat(start - 2)}${'^'.repeat(text.length)} ${code}`;
}

/**
 * A VNet gateway in `ase-vnet` (its ip configuration names the VNet's GatewaySubnet),
 * as a top-level resource for `extraResources`. `extra` lines go inside `properties`
 * after `gatewayType`, indented by 8 spaces, each ending with a comma.
 */
export function vnetGateway(name: string, gatewayType: 'ExpressRoute' | 'Vpn', extra: string[] = []): string {
  return [
    '    {',
    '      "type": "Microsoft.Network/virtualNetworkGateways",',
    '      "apiVersion": "2023-04-01",',
    `      "name": "${name}",`,
    '      "location": "westeurope",',
    '      "properties": {',
    `        "gatewayType": "${gatewayType}",`,
    ...extra,
    '        "ipConfigurations": [',
    `          { "name": "gw-ip", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'ase-vnet', 'GatewaySubnet')]" } } }`,
    '        ]',
    '      }',
    '    }',
  ].join('\n');
}

/** An App Service plan for integrationTemplate: `sku` is the inside of the sku object (`"name": "S1"`). */
export interface PlanSpec {
  name: string;
  sku?: string;
  location?: string;
  /** Lines inside `properties`, indented by 8, without a trailing comma on the last. */
  properties?: string[];
}

/** An app for integrationTemplate. */
export interface AppSpec {
  name: string;
  plan?: string;
  location?: string;
  /** The subnet it integrates with; null: no `virtualNetworkSubnetId`. */
  subnet?: string | null;
  /** More lines at the start of `properties`, indented by 8, each ending with a comma. */
  properties?: string[];
}

/**
 * A multi-tenant app with regional VNet Integration: a VNet `app-vnet` (10.0.0.0/16) with
 * the subnet `integration`, one plan `app-plan` (S1) and one app `orders` on it whose
 * `virtualNetworkSubnetId` names the subnet. Same fixed layout as aseTemplate.
 */
export interface IntegrationTemplate {
  subnetPrefix?: string;
  /** Lines of the subnet's `delegations` items, indented by 16; default: one delegation to Microsoft.Web/serverFarms; [] → no `delegations`. */
  delegations?: string[];
  vnetLocation?: string;
  /** More subnets of the VNet (complete objects, indented by 10, without trailing comma). */
  otherSubnets?: string[];
  plans?: PlanSpec[];
  apps?: AppSpec[];
  /** More top-level resources (complete objects, indented by 4). */
  extraResources?: string[];
}

export const SERVER_FARMS_DELEGATION = '                { "name": "delegation", "properties": { "serviceName": "Microsoft.Web/serverFarms" } }';

export function integrationTemplate(o: IntegrationTemplate = {}): string {
  const resources: string[][] = [];
  const delegations = o.delegations ?? [SERVER_FARMS_DELEGATION];
  const subnetProps = [`              "addressPrefix": "${o.subnetPrefix ?? '10.0.2.0/26'}"${delegations.length ? ',' : ''}`];
  if (delegations.length) subnetProps.push('              "delegations": [', ...delegations, '              ]');
  resources.push([
    '    {',
    '      "type": "Microsoft.Network/virtualNetworks",',
    '      "apiVersion": "2023-04-01",',
    '      "name": "app-vnet",',
    `      "location": "${o.vnetLocation ?? 'westeurope'}",`,
    '      "properties": {',
    '        "addressSpace": {',
    '          "addressPrefixes": [ "10.0.0.0/16" ]',
    '        },',
    '        "subnets": [',
    '          {',
    '            "name": "integration",',
    '            "properties": {',
    ...subnetProps,
    '            }',
    ...(o.otherSubnets?.length ? ['          },', ...joinObjects(o.otherSubnets)] : ['          }']),
    '        ]',
    '      }',
    '    }',
  ]);
  for (const p of o.plans ?? [{ name: 'app-plan' }]) {
    const props = p.properties ?? [];
    resources.push([
      '    {',
      '      "type": "Microsoft.Web/serverfarms",',
      '      "apiVersion": "2022-03-01",',
      `      "name": "${p.name}",`,
      `      "location": "${p.location ?? 'westeurope'}",`,
      `      "sku": { ${p.sku ?? '"name": "S1"'} },`,
      ...(props.length ? ['      "properties": {', ...props, '      }'] : ['      "properties": {}']),
      '    }',
    ]);
  }
  for (const a of o.apps ?? [{ name: 'orders' }]) {
    const subnet = a.subnet === undefined ? 'integration' : a.subnet;
    const lines = [...(a.properties ?? []), `        "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', '${a.plan ?? 'app-plan'}')]"`];
    if (subnet !== null) {
      lines[lines.length - 1] += ',';
      lines.push(`        "virtualNetworkSubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'app-vnet', '${subnet}')]"`);
    }
    resources.push([
      '    {',
      '      "type": "Microsoft.Web/sites",',
      '      "apiVersion": "2022-03-01",',
      `      "name": "${a.name}",`,
      `      "location": "${a.location ?? 'westeurope'}",`,
      '      "properties": {',
      ...lines,
      '      }',
      '    }',
    ]);
  }
  for (const r of o.extraResources ?? []) resources.push([r]);
  const lines = ['{', `  "$schema": "${SCHEMA}",`, '  "contentVersion": "1.0.0.0",', '  "resources": ['];
  resources.forEach((r, i) => {
    if (i < resources.length - 1) r[r.length - 1] += ',';
    lines.push(...r);
  });
  lines.push('  ]', '}');
  return lines.join('\n');
}

/** The route table of aseTemplate with `disableBgpRoutePropagation` written first (`value` is JSON: `true`, `"[parameters('bgp')]"`). */
export function withBgpPropagation(text: string, value: string): string {
  if (!text.includes('        "routes": [')) throw new Error('no route table');
  return text.replace('        "routes": [', `        "disableBgpRoutePropagation": ${value},\n        "routes": [`);
}

/** `text` with the one line equal to `from` replaced by `to`. */
export function replaceLine(text: string, from: string, to: string): string {
  const lines = text.split('\n');
  const i = lines.indexOf(from);
  if (i < 0 || lines.lastIndexOf(from) !== i) throw new Error(`not exactly one line ${from}`);
  lines[i] = to;
  return lines.join('\n');
}

/** `text` with `insert` placed after the one line equal to `after`. */
export function insertAfterLine(text: string, after: string, insert: string[]): string {
  const lines = text.split('\n');
  const i = lines.indexOf(after);
  if (i < 0 || lines.lastIndexOf(after) !== i) throw new Error(`not exactly one line ${after}`);
  lines.splice(i + 1, 0, ...insert);
  return lines.join('\n');
}

/** Inserts `annotation` after the first line of `text` that contains `marker`. */
export function annotateAfter(text: string, marker: string, annotation: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`no line with ${marker}`);
  lines.splice(i + 1, 0, annotation);
  return lines.join('\n');
}

/** Carets under `text` on the first line containing `marker` (the line is found in `template`). */
export function markFirst(template: string, marker: string, text: string, code: string): string {
  const line = template.split('\n').find((l) => l.includes(marker));
  if (!line) throw new Error(`no line with ${marker}`);
  return annotateAfter(template, marker, caretsUnder(line, text, code));
}
