// A repository that reaches for files outside itself: loadTextContent, loadJsonContent,
// loadYamlContent and loadFileAsBase64 of ../secret files and absolute paths (/proc),
// modules, imports and linked templates outside, a link in the workspace that leads out,
// a parameters file named outside in the settings. By default none is read: the secret
// appears in no diagnostic, hover, explanation, report or message, and ASE902 says once
// per file what was not read. Only the explicit setting (in a trusted workspace) or flag
// reads them. Over JSON-RPC and from the command line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { SCHEMA } from '../../support/templates';
import { canSymlink } from '../../support/references';
import { within } from './patience';

/** What the files outside hold: it must never come back. */
const SECRET = 'TOPSECRET-7f3a';
let dir = '';
let ws = '';

const rule = (name: string) => `{
        name: ${name}
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }`;

/** A Bicep template naming its NSG rules after what it loads: a read would put the text in every message about them. */
function loader(loads: string[]): string {
  return `${loads.map((l, i) => `var v${i} = ${l}`).join('\n')}
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg'
  location: 'westeurope'
  properties: {
    securityRules: [
${loads.map((_, i) => rule(`string(v${i})`)).join('\n')}
    ]
  }
}
resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [ { name: 'ase', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsg.id } } } ]
  }
}
resource ase 'Microsoft.Web/hostingEnvironments@2019-08-01' = {
  name: 'ase'
  location: 'westeurope'
  kind: 'ASEV2'
  properties: { virtualNetwork: { id: vnet.properties.subnets[0].id } }
}
`.replace(/\{ (\w+): /g, '{\n$1: ').replace(/, (\w+): /g, '\n$1: ').replace(/ \}/g, '\n}');
}

const outsideLoads = [
  "loadTextContent('../../secret/secret.txt')",
  "loadJsonContent('../../secret/secret.json')",
  "loadYamlContent('../../secret/secret.yaml')",
  "loadFileAsBase64('../../secret/secret.txt')",
  "loadTextContent('../infra/../../secret/secret.txt')",
  "loadTextContent('linked-out.txt')",
  "loadTextContent('/proc/self/status')",
];

before(() => {
  ensureBuilt();
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-confined-')));
  ws = join(dir, 'ws');
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  write('secret/secret.txt', `${SECRET} in a text file`);
  write('secret/secret.json', JSON.stringify({ value: `${SECRET} in JSON` }));
  write('secret/secret.yaml', `value: ${SECRET} in YAML\n`);
  write('secret/mod.bicep', `resource leaked 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {\n  name: '${SECRET}-module'\n  location: 'westeurope'\n}\n`);
  write('secret/types.bicep', `@export()\nvar leaked = '${SECRET}-import'\n`);
  write('secret/linked.json', JSON.stringify({ $schema: SCHEMA, resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name: `${SECRET}-linked` }] }));
  write('secret/params.json', JSON.stringify({ $schema: SCHEMA.replace('deploymentTemplate', 'deploymentParameters'), parameters: { access: { value: `${SECRET}-parameter` } } }));
  write('ws/infra/loads.bicep', loader(outsideLoads));
  write('ws/infra/modules.bicep', `import { leaked } from '../../secret/types.bicep'\nmodule m '../../secret/mod.bicep' = {\n  name: leaked\n}\n${loader(['leaked'])}`);
  write(
    'ws/infra/linked.json',
    JSON.stringify({
      $schema: SCHEMA,
      parameters: { access: { type: 'string', defaultValue: 'Deny' } },
      resources: [
        { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'out', properties: { mode: 'Incremental', templateLink: { relativePath: '../../secret/linked.json' } } },
        { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'abs', properties: { mode: 'Incremental', templateLink: { relativePath: '/proc/self/status' } } },
        { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name: "[concat('nsg-', parameters('access'))]" },
      ],
    }),
  );
  if (canSymlink()) symlinkSync(join(dir, 'secret', 'secret.txt'), join(ws, 'infra', 'linked-out.txt'));
  else writeFileSync(join(ws, 'infra', 'linked-out.txt'), 'no links here');
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const templates = () => readdirSync(join(ws, 'infra')).filter((f) => /\.(json|bicep)$/.test(f));

/** The ASE902 note must say, for each file outside, that it was not read. */
const expectedNotes = [
  /the file \.\.\/\.\.\/secret\/secret\.txt could not be read: it is outside/,
  /the file \.\.\/\.\.\/secret\/secret\.json could not be read: it is outside/,
  /the file \.\.\/\.\.\/secret\/secret\.yaml could not be read: it is outside/,
  /the file \/proc\/self\/status could not be read: it is outside/,
];

function lines(text: string): number {
  return text.split('\n').length;
}

async function everythingTheServerSays(client: TestClient): Promise<string> {
  let said = '';
  for (const file of templates()) {
    const path = join(ws, 'infra', file);
    const uri = pathToFileURL(path).href;
    const text = (await import('node:fs')).readFileSync(path, 'utf8');
    const published = await within(client.open(uri, text, file.endsWith('.bicep') ? 'bicep' : 'json'), 30_000, `the diagnostics of ${file}`);
    said += JSON.stringify(published);
    // ASE902's one line lists what it could not verify in its hover.
    for (const d of published.diagnostics.filter((x) => x.code === 'ASE902')) {
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start })) as Hover | null;
      if (hover) said += (hover.contents as MarkupContent).value;
    }
    for (let line = 0; line < lines(text); line++) {
      for (const character of [2, 8, 16]) {
        const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } })) as Hover | null;
        if (hover) said += (hover.contents as MarkupContent).value;
      }
    }
    said += JSON.stringify(await client.connection.sendRequest('aseLint/explain', { uri }));
    await client.close(uri);
  }
  return said + client.logs.join('\n') + client.serverStderr;
}

test('the server reads nothing outside the workspace folders, and says what it did not read', { timeout: 120_000 }, async (t) => {
  const folder = pathToFileURL(ws).href;
  // A parameters file outside, named in the settings, and the setting to read outside in an untrusted workspace: neither counts.
  const client = new TestClient({ parameterFiles: { 'infra/linked.json': join(dir, 'secret', 'params.json') }, readOutsideWorkspace: true }, [folder]);
  t.after(() => client.kill());
  await client.initialize({ workspaceTrusted: false });
  const said = await everythingTheServerSays(client);
  assert.ok(!said.includes(SECRET), `the secret came back: …${said.slice(Math.max(0, said.indexOf(SECRET) - 300), said.indexOf(SECRET) + 100)}…`);
  for (const note of expectedNotes) assert.match(said, note);
  assert.match(said, /the module \.\.\/\.\.\/secret\/mod\.bicep could not be read: it is outside the workspace folders/);
  assert.match(said, /the linked template \.\.\/\.\.\/secret\/linked\.json could not be read: it is outside/);
  assert.equal(await client.shutdown(), 0);
});

test('the server reads outside the workspace only when a trusted workspace sets aseLint.readOutsideWorkspace', { timeout: 120_000 }, async (t) => {
  const folder = pathToFileURL(ws).href;
  const client = new TestClient({ readOutsideWorkspace: true }, [folder]);
  t.after(() => client.kill());
  await client.initialize({ workspaceTrusted: true });
  const said = await everythingTheServerSays(client);
  assert.ok(said.includes(`${SECRET} in a text file`) || said.includes(SECRET), 'read when allowed');
  assert.doesNotMatch(said, /could not be read: it is outside/);
  assert.equal(await client.shutdown(), 0);
});

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: ws, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the command line reads nothing outside the current directory and the paths given, unless told to', { timeout: 60_000 }, () => {
  for (const format of ['text', 'json', 'sarif']) {
    const r = cli(['--format', format, 'infra']);
    const all = r.stdout + r.stderr;
    assert.ok(r.status === 0 || r.status === 1, `${format}: status ${r.status}: ${r.stderr.slice(0, 2000)}`);
    assert.ok(!all.includes(SECRET), `${format}: the secret came back: …${all.slice(Math.max(0, all.indexOf(SECRET) - 300), all.indexOf(SECRET) + 100)}…`);
    for (const note of expectedNotes) assert.match(r.stdout, note, format);
    assert.match(r.stderr, /not reading '.*secret\.txt': it is outside the current directory and the paths given \(--read-outside-workspace allows reading it\)/);
  }
  const allowed = cli(['--format', 'json', '--read-outside-workspace', 'infra']);
  assert.ok(allowed.stdout.includes(SECRET), 'read when the flag allows it');
  assert.doesNotMatch(allowed.stdout + allowed.stderr, /it is outside/);
  // A path given on the command line is one of the roots: the secret folder named explicitly is read.
  const named = cli(['--format', 'json', join(dir, 'secret', 'linked.json')]);
  assert.equal(named.status, 0, named.stderr);
});
