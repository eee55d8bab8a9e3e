/**
 * Generates large, realistic ARM templates for the benchmark: hub-and-spoke style units,
 * each a VNet with several subnets, an NSG with hundreds of security rules, a route table
 * (literal routes plus a copy loop of child routes), an ASE, an App Service plan on it and a
 * copy loop of sites (with a property copy loop of app settings), all named through parameters and variables with expressions. The
 * text is deterministic, so two runs measure the same bytes.
 */
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/**
 * The fewest units of `render` (a template of so many hub-and-spoke units with so many
 * rules per NSG) reaching `targetBytes`, with as many rules per NSG as fit (at most
 * `maxRules`): a unit with all its rules is about 100 KB, so small targets get one unit
 * with fewer rules.
 */
export function sizeToTarget(render: (units: number, rules: number) => string, targetBytes: number, maxRules: number): { text: string; units: number; rules: number } {
  let rules = maxRules;
  while (rules > 20 && render(1, rules).length > targetBytes * 1.25) rules = Math.floor(rules * 0.8);
  let units = 1;
  let text = render(units, rules);
  while (text.length < targetBytes) {
    // Grow by the estimated shortfall at once: the 10 MB case would otherwise rebuild 80 times.
    units = Math.max(units + 1, Math.ceil((units * targetBytes) / text.length));
    text = render(units, rules);
  }
  return { text, units, rules };
}

export interface GeneratedTemplate {
  text: string;
  units: number;
  rulesPerNsg: number;
  /** Offset of one character inside a rule description near the middle: the spot the one-character edits change. */
  editOffset: number;
}

/** The smallest template of at least `targetBytes`, with as many rules per NSG as fit (at most `maxRules`). */
export function generateArmTemplate(targetBytes: number, maxRules = 240): GeneratedTemplate {
  const { text, units, rules } = sizeToTarget(armTemplate, targetBytes, maxRules);
  const marker = text.indexOf('"description": "Spoke ', Math.floor(text.length / 2));
  const editOffset = text.indexOf('Spoke ', marker) + 'Spoke '.length;
  return { text, units, rulesPerNsg: rules, editOffset };
}

/** The same text with the character at `offset` replaced by `round`'s letter, so every edit makes a new text. */
export function oneCharacterEdit(text: string, offset: number, round: number): string {
  const letter = String.fromCharCode(97 + (round % 26));
  return text.slice(0, offset) + letter + text.slice(offset + 1);
}

/** A word being typed at `offset`: its first `round + 1` letters (each round one character longer than the one before). */
export function typedWord(text: string, offset: number, round: number): string {
  let word = '';
  for (let j = 0; j <= round; j++) word += String.fromCharCode(97 + (j % 26));
  return text.slice(0, offset) + word + text.slice(offset);
}

/** A letter typed at `offset` (the text one character longer), a different one each round. */
export function oneCharacterInsert(text: string, offset: number, round: number): string {
  const letter = String.fromCharCode(97 + (round % 26));
  return text.slice(0, offset) + letter + text.slice(offset);
}

/**
 * A line break typed where the line holding `offset` starts (Enter at the start of a
 * line: a blank line above it). The commonest edit that moves every line after it, so
 * what is kept by line and character must be placed again.
 */
export function lineBreakInsert(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(0, lineStart) + '\n' + text.slice(lineStart);
}

export function armTemplate(units: number, rulesPerNsg: number): string {
  const variables: Record<string, unknown> = {
    location: "[parameters('location')]",
    copy: [{ name: 'onPremPrefixes', count: 12, input: "[format('192.168.{0}.0/24', copyIndex('onPremPrefixes'))]" }],
  };
  const resources: unknown[] = [];
  for (let u = 0; u < units; u++) {
    Object.assign(variables, unitVariables(u));
    resources.push(nsg(u, rulesPerNsg), routeTable(u), vnet(u), ase(u), plan(u), sites(u));
  }
  const template = {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    metadata: { description: `Benchmark: ${units} ASE spokes, ${rulesPerNsg} security rules per NSG.` },
    parameters: {
      location: { type: 'string', defaultValue: '[resourceGroup().location]' },
      namePrefix: { type: 'string', defaultValue: 'contoso', maxLength: 10 },
      sitesPerPlan: { type: 'int', defaultValue: 3, minValue: 0, maxValue: 20 },
      firewallIp: { type: 'string', defaultValue: '10.255.0.4' },
      internalLoadBalancingMode: { type: 'string', defaultValue: 'None', allowedValues: ['None', 'Web, Publishing'] },
    },
    variables,
    resources,
    outputs: { spokes: { type: 'int', value: units } },
  };
  return JSON.stringify(template, null, 2);
}

/** Second and third octets for unit `u`: unique for up to 256 × 16 units. */
function octets(u: number): { a: number; b: number } {
  return { a: 10 + (u % 240), b: Math.floor(u / 240) * 16 };
}

function unitVariables(u: number): Record<string, unknown> {
  const { a, b } = octets(u);
  return {
    [`vnet${u}Name`]: `[format('{0}-vnet-{1}', parameters('namePrefix'), ${u})]`,
    [`nsg${u}Name`]: `[concat(parameters('namePrefix'), '-ase-nsg-${u}')]`,
    [`rt${u}Name`]: `[concat(parameters('namePrefix'), '-ase-rt-${u}')]`,
    [`ase${u}Name`]: `[toLower(format('{0}-ase-{1}', parameters('namePrefix'), ${u}))]`,
    [`ase${u}SubnetName`]: 'ase-subnet',
    [`ase${u}SubnetPrefix`]: `10.${a}.${b}.0/24`,
    [`vnet${u}Prefix`]: `10.${a}.${b}.0/20`,
  };
}

function rule(name: string, priority: number, direction: 'Inbound' | 'Outbound', p: Record<string, unknown>): unknown {
  return {
    name,
    properties: {
      description: p.description,
      priority,
      direction,
      access: p.access ?? 'Allow',
      protocol: p.protocol ?? 'Tcp',
      sourceAddressPrefix: p.sourceAddressPrefix ?? (p.sourceAddressPrefixes ? undefined : '*'),
      sourceAddressPrefixes: p.sourceAddressPrefixes,
      sourcePortRange: '*',
      destinationAddressPrefix: p.destinationAddressPrefix ?? '*',
      destinationPortRange: p.destinationPortRange,
      destinationPortRanges: p.destinationPortRanges,
    },
  };
}

/** The documented ASEv2 rules, then hundreds of application rules, then deny-all; every fifth unit breaks one dependency. */
function nsg(u: number, count: number): unknown {
  const subnet = `[variables('ase${u}SubnetPrefix')]`;
  const broken = u % 5 === 4;
  const rules: unknown[] = [
    rule('AllowAppServiceManagement', 100, 'Inbound', { sourceAddressPrefix: 'AppServiceManagement', destinationPortRange: '454-455' }),
    rule('AllowLoadBalancer', 110, 'Inbound', { protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', destinationPortRange: '*' }),
    rule('AllowSubnetInbound', 120, 'Inbound', { protocol: '*', sourceAddressPrefix: subnet, destinationAddressPrefix: subnet, destinationPortRange: '*' }),
    rule('AllowStorage', 100, 'Outbound', { destinationAddressPrefix: 'Storage', destinationPortRanges: ['80', '443'] }),
    rule('AllowSql', broken ? 4000 : 110, 'Outbound', { destinationAddressPrefix: 'Sql', destinationPortRanges: ['1433', '11000-11999', '14000-14999'] }),
    rule('AllowHttps', 120, 'Outbound', { destinationAddressPrefix: 'Internet', destinationPortRange: '443' }),
    rule('AllowDns', 130, 'Outbound', { protocol: '*', destinationAddressPrefix: '*', destinationPortRange: '53' }),
    rule('AllowNtp', 140, 'Outbound', { protocol: 'Udp', destinationAddressPrefix: '*', destinationPortRange: '123' }),
    rule('AllowMonitoring', 150, 'Outbound', { destinationAddressPrefix: '*', destinationPortRange: '12000' }),
    rule('AllowSubnetOutbound', 160, 'Outbound', { protocol: '*', sourceAddressPrefix: subnet, destinationAddressPrefix: subnet, destinationPortRange: '*' }),
  ];
  for (let i = 0; i < count; i++) {
    const direction = i % 2 === 0 ? 'Inbound' : 'Outbound';
    const priority = 200 + Math.floor(i / 2) * 10;
    const port = 8000 + ((i * 7) % 1000);
    const spoke = `10.${(u + i) % 250}.${i % 250}.0/24`;
    const shape = i % 4;
    rules.push(
      rule(`App${direction}${i}`, priority, direction, {
        description: `Spoke ${u} application flow ${i}`,
        protocol: i % 3 === 0 ? '*' : 'Tcp',
        sourceAddressPrefix: shape === 1 ? undefined : direction === 'Inbound' ? spoke : subnet,
        sourceAddressPrefixes: shape === 1 ? [spoke, `172.16.${i % 250}.0/24`, 'VirtualNetwork'] : undefined,
        destinationAddressPrefix: direction === 'Inbound' ? subnet : spoke,
        destinationPortRange: shape === 2 ? undefined : `${port}`,
        destinationPortRanges: shape === 2 ? [`${port}`, `${port + 1}-${port + 9}`, '443'] : undefined,
        access: shape === 3 && i % 8 === 7 ? 'Deny' : 'Allow',
      }),
    );
  }
  if (broken) rules.push(rule('DenySqlEarly', 190, 'Outbound', { access: 'Deny', destinationAddressPrefix: 'Sql', destinationPortRange: '*' }));
  rules.push(rule('DenyAllInbound', 4096, 'Inbound', { access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationPortRange: '*' }));
  return {
    type: 'Microsoft.Network/networkSecurityGroups',
    apiVersion: '2023-04-01',
    name: `[variables('nsg${u}Name')]`,
    location: "[variables('location')]",
    properties: { securityRules: rules },
  };
}

/** Spoke routes written out, on-premises routes as child resources by a copy loop over a (copy-built) variable. */
function routeTable(u: number): unknown {
  const routes: unknown[] = Array.from({ length: 24 }, (_, i) => ({
    name: `spoke-${i}`,
    properties: { addressPrefix: `10.${200 + (i % 50)}.${i}.0/24`, nextHopType: 'VirtualAppliance', nextHopIpAddress: "[parameters('firewallIp')]" },
  }));
  routes.push({ name: 'internet', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } });
  return {
    type: 'Microsoft.Network/routeTables',
    apiVersion: '2023-04-01',
    name: `[variables('rt${u}Name')]`,
    location: "[variables('location')]",
    properties: {
      disableBgpRoutePropagation: false,
      routes,
    },
    resources: [
      {
        type: 'routes',
        apiVersion: '2023-04-01',
        name: "[concat('onprem-', copyIndex())]",
        dependsOn: [`[resourceId('Microsoft.Network/routeTables', variables('rt${u}Name'))]`],
        copy: { name: `onprem${u}`, count: "[length(variables('onPremPrefixes'))]" },
        properties: {
          addressPrefix: "[variables('onPremPrefixes')[copyIndex()]]",
          nextHopType: 'VirtualAppliance',
          nextHopIpAddress: "[parameters('firewallIp')]",
        },
      },
    ],
  };
}

function vnet(u: number): unknown {
  const { a, b } = octets(u);
  const nsgId = `[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsg${u}Name'))]`;
  const rtId = `[resourceId('Microsoft.Network/routeTables', variables('rt${u}Name'))]`;
  const appSubnets = Array.from({ length: 6 }, (_, i) => ({
    name: `app-${i}`,
    properties: {
      addressPrefix: `10.${a}.${b + 1 + i}.0/24`,
      serviceEndpoints: [{ service: 'Microsoft.Storage' }, { service: 'Microsoft.Sql' }],
    },
  }));
  return {
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: '2023-04-01',
    name: `[variables('vnet${u}Name')]`,
    location: "[variables('location')]",
    dependsOn: [nsgId, rtId],
    properties: {
      addressSpace: { addressPrefixes: [`[variables('vnet${u}Prefix')]`] },
      subnets: [
        {
          name: `[variables('ase${u}SubnetName')]`,
          properties: {
            addressPrefix: `[variables('ase${u}SubnetPrefix')]`,
            networkSecurityGroup: { id: nsgId },
            routeTable: { id: rtId },
          },
        },
        ...appSubnets,
      ],
    },
  };
}

function subnetId(u: number): string {
  return `[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnet${u}Name'), variables('ase${u}SubnetName'))]`;
}

function ase(u: number): unknown {
  return {
    type: 'Microsoft.Web/hostingEnvironments',
    apiVersion: '2019-08-01',
    name: `[variables('ase${u}Name')]`,
    kind: 'ASEV2',
    location: "[variables('location')]",
    dependsOn: [`[resourceId('Microsoft.Network/virtualNetworks', variables('vnet${u}Name'))]`],
    properties: {
      internalLoadBalancingMode: "[parameters('internalLoadBalancingMode')]",
      virtualNetwork: { id: subnetId(u) },
    },
  };
}

function plan(u: number): unknown {
  return {
    type: 'Microsoft.Web/serverfarms',
    apiVersion: '2022-09-01',
    name: `[format('{0}-plan-{1}', parameters('namePrefix'), ${u})]`,
    location: "[variables('location')]",
    dependsOn: [`[resourceId('Microsoft.Web/hostingEnvironments', variables('ase${u}Name'))]`],
    sku: { name: 'I1', tier: 'Isolated', capacity: 1 },
    properties: { hostingEnvironmentProfile: { id: `[resourceId('Microsoft.Web/hostingEnvironments', variables('ase${u}Name'))]` } },
  };
}

function sites(u: number): unknown {
  const planId = `[resourceId('Microsoft.Web/serverfarms', format('{0}-plan-{1}', parameters('namePrefix'), ${u}))]`;
  return {
    type: 'Microsoft.Web/sites',
    apiVersion: '2022-09-01',
    name: `[format('{0}-app-{1}-{2}', parameters('namePrefix'), ${u}, copyIndex())]`,
    location: "[variables('location')]",
    copy: { name: `sites${u}`, count: "[parameters('sitesPerPlan')]" },
    dependsOn: [planId],
    properties: {
      serverFarmId: planId,
      hostingEnvironmentProfile: { id: `[resourceId('Microsoft.Web/hostingEnvironments', variables('ase${u}Name'))]` },
      httpsOnly: true,
      siteConfig: {
        alwaysOn: true,
        minTlsVersion: '1.2',
        copy: [{ name: 'appSettings', count: 4, input: { name: "[format('SETTING_{0}', copyIndex('appSettings'))]", value: `${u}` } }],
      },
    },
  };
}
