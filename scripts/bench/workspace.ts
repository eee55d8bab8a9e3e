// Workspaces for the benchmark (issue 10): 20 Bicep files built on 8 registry modules
// from the shared Bicep cache, and 2,000 templates where one module is opened.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../../test/support/lspClient';
import { summarize, type Summary } from './stats';

/** The registry modules the generated workspace uses (versions in ../shared/bicep-cache). */
const MODULES = {
  nsg: 'br/public:avm/res/network/network-security-group:0.5.2',
  vnet: 'br/public:avm/res/network/virtual-network:0.7.2',
  routes: 'br/public:avm/res/network/route-table:0.5.0',
  dns: 'br/public:avm/res/network/private-dns-zone:0.8.1',
  ase: 'br/public:avm/res/web/hosting-environment:0.5.0',
  plan: 'br/public:avm/res/web/serverfarm:0.5.0',
  site: 'br/public:avm/res/web/site:0.22.0',
  identity: 'br/public:avm/res/managed-identity/user-assigned-identity:0.5.0',
};

export interface GeneratedWorkspace {
  folder: string;
  entry: string;
  /** A module file two levels down (network.bicep): what the module keystrokes are typed in. */
  module: string;
  files: number;
}

const rule = (name: string, priority: number, access: string, source: string, ports: string) =>
  `      { name: '${name}', properties: { priority: ${priority}, direction: 'Inbound', access: '${access}', protocol: 'Tcp', sourceAddressPrefix: '${source}', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '${ports}' } }`;

/**
 * main.bicep and 19 local modules; the network, ASE, DNS, plans, apps and identities go
 * through the 8 registry modules. `cache` is the Bicep cache root the bicepconfig.json names.
 */
export function generateAvmWorkspace(folder: string, cache: string): GeneratedWorkspace {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'modules'), { recursive: true });
  const files: Record<string, string> = {};
  files['bicepconfig.json'] = JSON.stringify({ cacheRootDirectory: cache }, null, 2);
  files['modules/nsg-ase.bicep'] = [
    'param name string',
    `module nsg '${MODULES.nsg}' = {`,
    "  name: 'nsg-ase'",
    '  params: {',
    '    name: name',
    '    securityRules: [',
    rule('AllowManagement', 100, 'Allow', 'AppServiceManagement', '454-455'),
    rule('AllowLoadBalancer', 110, 'Allow', 'AzureLoadBalancer', '*'),
    rule('AllowHttps', 120, 'Allow', 'Internet', '443'),
    rule('DenyRdp', 4000, 'Deny', '*', '3389'),
    '    ]',
    '  }',
    '}',
    'output id string = nsg.outputs.resourceId',
  ].join('\n');
  files['modules/nsg-apps.bicep'] = files['modules/nsg-ase.bicep'].replace("'nsg-ase'", "'nsg-apps'");
  files['modules/routes.bicep'] = [
    'param name string',
    'param firewallIp string',
    `module rt '${MODULES.routes}' = {`,
    "  name: 'routes'",
    "  params: { name: name, routes: [ { name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: firewallIp } } ] }",
    '}',
    'output id string = rt.outputs.resourceId',
  ].join('\n');
  files['modules/network.bicep'] = [
    '// The spoke: subnets for the ASE and for integrated apps.',
    'param prefix string',
    "module nsgAse './nsg-ase.bicep' = { name: 'nsg-ase', params: { name: '${prefix}-nsg-ase' } }",
    "module nsgApps './nsg-apps.bicep' = { name: 'nsg-apps', params: { name: '${prefix}-nsg-apps' } }",
    "module routes './routes.bicep' = { name: 'routes', params: { name: '${prefix}-routes', firewallIp: '10.0.0.4' } }",
    `module vnet '${MODULES.vnet}' = {`,
    "  name: 'vnet'",
    '  params: {',
    "    name: '${prefix}-vnet'",
    "    addressPrefixes: ['10.0.0.0/16']",
    '    subnets: [',
    "      { name: 'ase', addressPrefix: '10.0.1.0/24', networkSecurityGroupResourceId: nsgAse.outputs.id, routeTableResourceId: routes.outputs.id, delegation: 'Microsoft.Web/hostingEnvironments' }",
    "      { name: 'apps', addressPrefix: '10.0.2.0/26', networkSecurityGroupResourceId: nsgApps.outputs.id, delegation: 'Microsoft.Web/serverFarms' }",
    '    ]',
    '  }',
    '}',
    'output aseSubnetId string = vnet.outputs.subnetResourceIds[0]',
    'output appsSubnetId string = vnet.outputs.subnetResourceIds[1]',
  ].join('\n');
  files['modules/ase.bicep'] = [
    'param name string',
    'param subnetId string',
    `module ase '${MODULES.ase}' = { name: 'ase', params: { name: name, subnetResourceId: subnetId, internalLoadBalancingMode: 'Web, Publishing' } }`,
    'output id string = ase.outputs.resourceId',
  ].join('\n');
  files['modules/dns.bicep'] = [
    'param aseName string',
    `module zone '${MODULES.dns}' = {`,
    "  name: 'dns'",
    "  params: { name: '${aseName}.appserviceenvironment.net', a: [ { name: '*', aRecords: [ { ipv4Address: '10.0.1.11' } ] }, { name: '*.scm', aRecords: [ { ipv4Address: '10.0.1.11' } ] }, { name: '@', aRecords: [ { ipv4Address: '10.0.1.11' } ] } ] }",
    '}',
  ].join('\n');
  files['modules/identity.bicep'] = ['param name string', `module id '${MODULES.identity}' = { name: 'identity', params: { name: name } }`, 'output principalId string = id.outputs.principalId'].join('\n');
  files['modules/plan-ase.bicep'] = ['param name string', 'param aseId string', `module plan '${MODULES.plan}' = { name: name, params: { name: name, skuName: 'I1v2', skuCapacity: 1, appServiceEnvironmentResourceId: aseId } }`, 'output id string = plan.outputs.resourceId'].join('\n');
  files['modules/plan-apps.bicep'] = ['param name string', `module plan '${MODULES.plan}' = { name: name, params: { name: name, skuName: 'P1v3', skuCapacity: 2 } }`, 'output id string = plan.outputs.resourceId'].join('\n');
  files['modules/site-ase.bicep'] = ['param name string', 'param planId string', 'param aseId string', `module site '${MODULES.site}' = { name: name, params: { name: name, kind: 'app', serverFarmResourceId: planId, appServiceEnvironmentResourceId: aseId } }`].join('\n');
  files['modules/site-integrated.bicep'] = ['param name string', 'param planId string', 'param subnetId string', `module site '${MODULES.site}' = { name: name, params: { name: name, kind: 'app', serverFarmResourceId: planId, virtualNetworkSubnetResourceId: subnetId } }`].join('\n');
  // Small wrappers as teams write them: naming, tags, one per workload.
  for (const w of ['orders', 'billing', 'catalog', 'search', 'reports', 'notify', 'audit', 'admin']) {
    files[`modules/workload-${w}.bicep`] = [
      'param prefix string',
      'param planId string',
      'param aseId string',
      `module site './site-ase.bicep' = { name: '${w}', params: { name: '\${prefix}-${w}', planId: planId, aseId: aseId } }`,
    ].join('\n');
  }
  files['main.bicep'] = [
    '// Entry point: the App Service Environment landing zone.',
    "param prefix string = 'contoso'",
    "module network './modules/network.bicep' = { name: 'network', params: { prefix: prefix } }",
    "module ase './modules/ase.bicep' = { name: 'ase', params: { name: '${prefix}-ase', subnetId: network.outputs.aseSubnetId } }",
    "module dns './modules/dns.bicep' = { name: 'dns', params: { aseName: '${prefix}-ase' } }",
    "module identity './modules/identity.bicep' = { name: 'identity', params: { name: '${prefix}-id' } }",
    "module planAse './modules/plan-ase.bicep' = { name: 'plan-ase', params: { name: '${prefix}-plan-ase', aseId: ase.outputs.id } }",
    "module planApps './modules/plan-apps.bicep' = { name: 'plan-apps', params: { name: '${prefix}-plan-apps' } }",
    "module integrated './modules/site-integrated.bicep' = { name: 'integrated', params: { name: '${prefix}-web', planId: planApps.outputs.id, subnetId: network.outputs.appsSubnetId } }",
    ...['orders', 'billing', 'catalog', 'search', 'reports', 'notify', 'audit', 'admin'].map(
      (w) => `module ${w} './modules/workload-${w}.bicep' = { name: '${w}', params: { prefix: prefix, planId: planAse.outputs.id, aseId: ase.outputs.id } }`,
    ),
    '// typed here: ',
  ].join('\n');
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(folder, rel), `${text}\n`);
  const bicepFiles = Object.keys(files).filter((f) => f.endsWith('.bicep')).length;
  return { folder, entry: 'main.bicep', module: 'modules/network.bicep', files: bicepFiles };
}

/**
 * 2,000 templates: 100 deployments, each an entry point with 19 module files of its own
 * (NSGs of 10 to 42 rules, 2 KB to 9 KB each); the even ones in Bicep (local modules),
 * the odd ones in ARM JSON (linked templates by relativePath).
 */
export function generateLargeWorkspace(folder: string): GeneratedWorkspace {
  rmSync(folder, { recursive: true, force: true });
  let files = 0;
  for (let d = 0; d < 100; d++) {
    const dir = join(folder, `deployment-${String(d).padStart(3, '0')}`);
    mkdirSync(join(dir, 'modules'), { recursive: true });
    if (d % 2 === 1) {
      files += writeArmDeployment(dir, d);
      continue;
    }
    const lines: string[] = [`param prefix string = 'd${d}'`];
    for (let m = 0; m < 19; m++) {
      const rules = Array.from({ length: 10 + (m % 5) * 8 }, (_, i) => rule(`rule-${i}`, 200 + i * 10, i % 3 === 0 ? 'Deny' : 'Allow', `10.${m}.${i}.0/24`, String(1000 + i)));
      const text = [
        'param name string',
        "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-11-01' = {",
        '  name: name',
        "  location: 'westeurope'",
        '  properties: {',
        '    securityRules: [',
        ...rules,
        '    ]',
        '  }',
        '}',
        'output id string = nsg.id',
      ].join('\n');
      writeFileSync(join(dir, 'modules', `nsg-${m}.bicep`), `${text}\n`);
      lines.push(`module nsg${m} './modules/nsg-${m}.bicep' = { name: 'nsg-${m}', params: { name: '\${prefix}-nsg-${m}' } }`);
      files++;
    }
    writeFileSync(join(dir, 'main.bicep'), `${lines.join('\n')}\n`);
    files++;
  }
  return { folder, entry: 'deployment-042/main.bicep', module: 'deployment-042/modules/nsg-7.bicep', files };
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function writeArmDeployment(dir: string, d: number): number {
  const resources = [];
  for (let m = 0; m < 19; m++) {
    const securityRules = Array.from({ length: 10 + (m % 5) * 8 }, (_, i) => ({
      name: `rule-${i}`,
      properties: { priority: 200 + i * 10, direction: 'Inbound', access: i % 3 === 0 ? 'Deny' : 'Allow', protocol: 'Tcp', sourceAddressPrefix: `10.${m}.${i}.0/24`, sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: String(1000 + i) },
    }));
    const nsg = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { name: { type: 'string' } },
      resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-11-01', name: "[parameters('name')]", location: 'westeurope', properties: { securityRules } }],
    };
    writeFileSync(join(dir, 'modules', `nsg-${m}.json`), `${JSON.stringify(nsg, null, 2)}\n`);
    resources.push({
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: `nsg-${m}`,
      properties: { mode: 'Incremental', templateLink: { relativePath: `modules/nsg-${m}.json` }, parameters: { name: { value: `d${d}-nsg-${m}` } } },
    });
  }
  writeFileSync(join(dir, 'azuredeploy.json'), `${JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2)}\n`);
  return 20;
}

export interface WorkspaceKeystrokes {
  /** didOpen → the first diagnostics of the file (for a module: analysed through its entry point). */
  open: number;
  /** One character typed (in a comment) → diagnostics of that version, with the adaptive debounce. */
  keystroke: Summary;
  stderr: string;
}

/**
 * Opens `rel` in a server whose workspace is `folder` and types `runs` characters at the
 * end of its first comment. `through`: the file is a module, and the keystrokes are timed
 * once it is analysed through its entry point (the server's log says so).
 */
export async function measureWorkspaceKeystrokes(ws: GeneratedWorkspace, rel: string, text: string, runs: number, through: boolean): Promise<WorkspaceKeystrokes> {
  const client = new TestClient({}, [pathToFileURL(ws.folder).href]);
  try {
    await client.initialize();
    const uri = pathToFileURL(join(ws.folder, rel)).href;
    const started = performance.now();
    await client.open(uri, text, 'bicep');
    if (through) {
      const name = rel.split('/').pop()!;
      while (!client.logs.some((l) => l.startsWith('analysed ') && l.includes(name) && l.includes('; through '))) {
        if (performance.now() - started > 60_000) throw new Error(`${rel} was not analysed through its entry point within a minute`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const open = performance.now() - started;
    const comment = text.indexOf('\n');
    const samples: number[] = [];
    let typed = '';
    let current = text;
    for (let i = -3; i < runs; i++) {
      typed += 'x';
      const next = text.slice(0, comment) + typed + text.slice(comment);
      const t = performance.now();
      await client.edit(uri, current, next);
      current = next;
      if (i >= 0) samples.push(performance.now() - t);
    }
    const stderr = client.serverStderr;
    await client.shutdown();
    return { open, keystroke: summarize(samples), stderr };
  } catch (e) {
    client.kill();
    throw e;
  }
}

export interface LargeWorkspaceOpen {
  /** didOpen of the module → its first diagnostics (alone, or already through its caller). */
  firstDiagnostics: number;
  /** didOpen → diagnostics through its entry point (the index read and the module analysed again). */
  inContext: number;
  /** What the index took, as the server logs it. */
  indexMs: number | undefined;
  /** Hovers sent every 10 ms from the first diagnostics until the index is read: each one's answer time. */
  hoversWhileIndexing: Summary & { max: number };
  /** The same from then until the module is analysed through its entry point (a hover waits for the analysis in progress). */
  hoversAfter: Summary & { max: number };
}

/** Opens one module of the 2,000-template workspace at once (the index still being read) and hovers over it meanwhile. */
export async function measureLargeWorkspace(ws: GeneratedWorkspace, text: string, hoverAt: { line: number; character: number }): Promise<LargeWorkspaceOpen> {
  const client = new TestClient({}, [pathToFileURL(ws.folder).href]);
  try {
    await client.initialize();
    const uri = pathToFileURL(join(ws.folder, ws.module)).href;
    const name = ws.module.split('/').pop()!;
    const started = performance.now();
    // The hovers start once the module's first analysis is in: from then on a hover reads it, and only the index works meanwhile.
    const first = await client.open(uri, text, 'bicep').then(() => performance.now() - started);
    let contextMs = 0;
    const whileIndexing: number[] = [];
    const after: number[] = [];
    for (;;) {
      // Analysed through its entry point: the server's log says so.
      if (client.logs.some((l) => l.startsWith('analysed ') && l.includes(name) && l.includes('; through '))) {
        contextMs = performance.now() - started;
        break;
      }
      if (performance.now() - started > 120_000) throw new Error(`${ws.module} was not analysed through its entry point within two minutes`);
      const indexed = client.logs.some((l) => l.startsWith('workspace index:'));
      const t = performance.now();
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverAt });
      // A hover counts as sent while indexing only when the index was still unread when it was answered.
      const stillIndexing = !indexed && !client.logs.some((l) => l.startsWith('workspace index:'));
      (stillIndexing ? whileIndexing : after).push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
    const result = { firstDiagnostics: first, inContext: contextMs };
    const indexLine = client.logs.find((l) => l.startsWith('workspace index:'));
    const indexMs = indexLine ? Number(/in (\d+) ms/.exec(indexLine)?.[1]) : undefined;
    await client.shutdown();
    const stats = (xs: number[]) => (xs.length > 0 ? { ...summarize(xs), max: Math.max(...xs) } : { runs: 0, median: 0, p95: 0, max: 0 });
    return { ...result, indexMs, hoversWhileIndexing: stats(whileIndexing), hoversAfter: stats(after) };
  } catch (e) {
    client.kill();
    throw e;
  }
}
