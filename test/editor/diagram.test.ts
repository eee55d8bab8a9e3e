// The explain panel's drawing and page, as text: one arrow per dependency, coloured by
// status, the deciding rule named, user text escaped, and a CSP that admits no remote
// content and only the scripts and styles of this render.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependencyDiagram, wrap } from '../../client/src/diagram';
import { explainHtml } from '../../client/src/explainHtml';
import type { ExplainAse, ExplainResult } from '../../server/src/query/protocol';

const at = { uri: 'file:///t.json', range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } } };
const ase: ExplainAse = {
  name: 'ase<one>',
  version: 'v2',
  mode: 'External',
  subnet: 'ase-subnet',
  prefixes: ['10.0.1.0/24'],
  location: at,
  dependencies: [
    { id: '0:ASE101:0', code: 'ASE101', what: 'TCP 454-455 from AppServiceManagement', direction: 'Inbound', kind: 'nsg', status: 'blocked', detail: "blocked by rule 'Deny', priority 100", decidedBy: 'Deny"All', decidedAt: at, rowIds: ['inbound-management'], fix: { title: 'Allow AppServiceManagement inbound on 454-455', code: 'ASE101', at } },
    { id: '0:ASE205:0', code: 'ASE205', what: 'port 53 (DNS) to Internet', direction: 'Outbound', kind: 'nsg', status: 'allowed', detail: 'allowed (no NSG on the subnet)', rowIds: ['outbound-dns'] },
    { id: '0:ASE301:0', code: 'ASE301', what: 'internet-bound traffic leaves directly', direction: 'Outbound', kind: 'route', status: 'unknown', detail: 'unknown: the route table is not declared', rowIds: [] },
  ],
};

test('one focusable arrow per dependency, classed by status, naming the deciding rule', () => {
  const svg = dependencyDiagram(ase, new Set(['0:ASE101:0']));
  const flows = [...svg.matchAll(/<g class="flow ([a-z ]+)" tabindex="0" role="button" data-dependency="([^"]+)"/g)];
  assert.deepEqual(flows.map((m) => [m[2], m[1]]), [
    ['0:ASE101:0', 'blocked focus'],
    ['0:ASE205:0', 'allowed'],
    ['0:ASE301:0', 'unknown'],
  ]);
  assert.match(svg, /ASE101 · blocked by Deny&quot;All/);
  assert.ok(!svg.includes('…'), 'nothing is cut short');
  assert.match(svg, /Inbound \(1\)/);
  assert.match(svg, /Outbound \(2\)/);
  assert.ok(!svg.includes('ase<one>'), 'names from the template are escaped');
  assert.match(svg, /ASEv2 ase&lt;one&gt;/);
});

test('the page: strict CSP with one nonce, cards with reveal and fix buttons, the port table', () => {
  const result: ExplainResult = {
    subject: 'port 454-455',
    rows: [{ id: 'inbound-management', table: 'inbound', title: 'Management', direction: 'Inbound', protocol: 'Tcp', source: 'AppServiceManagement', destination: 'subnet', ports: '454-455', versions: ['v1', 'v2'], purpose: 'Azure manages the ASE.', ifBlocked: 'The ASE is suspended.', rule: 'ASE101' }],
    markdown: '',
    ases: [ase],
    focus: ['0:ASE101:0'],
    focusKey: 'inbound-management',
    specific: true,
    choices: [],
  };
  const html = explainHtml(result, 'N0nce');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.equal(csp, "default-src 'none'; style-src 'nonce-N0nce'; script-src 'nonce-N0nce';");
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
  assert.deepEqual(scripts, [' nonce="N0nce"'], 'one script, carrying the nonce');
  assert.ok(!/\bstyle="/.test(html), 'no inline style attributes (the CSP would drop them)');
  assert.ok(!/(src|href)="https?:/.test(html), 'nothing remote');
  assert.match(html, /data-reveal="0:ASE101:0">Reveal Deny&quot;All</);
  assert.match(html, /data-fix="0:ASE101:0">Apply quick fix: Allow AppServiceManagement inbound on 454-455</);
  assert.ok(!html.includes('data-reveal="0:ASE205:0"'), 'no reveal link without a deciding rule');
  assert.match(html, /<td>The ASE is suspended\.<\/td>/);
  assert.match(html, /var\(--vscode-errorForeground\)/);
});

test('an ASEv3: the subnet\'s properties as nodes under the box, linked to it, texts wrapped in full', () => {
  const v3: ExplainAse = {
    ...ase,
    name: 'contoso-v3',
    version: 'v3',
    mode: 'ILB',
    dependencies: [
      { id: '0:ASE106:0', code: 'ASE106', what: 'TCP 80 from AzureLoadBalancer', direction: 'Inbound', kind: 'nsg', status: 'allowed', detail: 'allowed', decidedBy: 'AllowLoadBalancerHealthProbeOnPortEightyFromTheAzureLoadBalancer', rowIds: [] },
      { id: '0:ASE403:delegation', code: 'ASE403', what: 'subnet delegated to Microsoft.Web/hostingEnvironments', kind: 'delegation', status: 'blocked', detail: 'blocked: the subnet has no delegation', decidedBy: 'no delegation', rowIds: [] },
      { id: '0:ASE401:size', code: 'ASE401', what: 'subnet size (/24 recommended, /27 at least)', kind: 'size', status: 'allowed', detail: 'allowed: /24', decidedBy: 'prefix 10.0.1.0/24', rowIds: [] },
      { id: '0:ASE301:routeTable', code: 'ASE301', what: 'route table (forced tunnelling is allowed on ASEv3)', kind: 'routeTable', status: 'allowed', detail: 'allowed', decidedBy: 'route to-firewall', rowIds: [] },
      { id: '0:ASE504:dns', code: 'ASE504', what: "DNS records '*', '*.scm' and '@' for the ILB's domain", kind: 'dns', status: 'unknown', detail: 'unknown: no zone', rowIds: [] },
    ],
  };
  const svg = dependencyDiagram(v3, new Set(['0:ASE403:delegation']));
  const nodes = [...svg.matchAll(/<g class="flow node ([a-z ]+)" tabindex="0" role="button" data-dependency="([^"]+)" data-kind="([a-zA-Z]+)"/g)];
  assert.deepEqual(nodes.map((m) => [m[3], m[1]]), [
    ['delegation', 'blocked focus'],
    ['size', 'allowed'],
    ['routeTable', 'allowed'],
    ['dns', 'unknown'],
  ]);
  assert.match(svg, /Inbound \(1\)/);
  assert.match(svg, /Outbound \(0\)/, 'the nodes are no flows');
  assert.match(svg, /ASEv3 · ILB/);
  assert.match(svg, />✗ Delegation</);
  // The long names wrap over lines (tspans) and are all there.
  const text = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
  // A node says what decides it: the prefix, the route (and that ASEv3 may tunnel).
  assert.ok(text.includes('prefix 10.0.1.0/24'));
  assert.ok(text.includes('route to-firewall'));
  assert.ok(text.join(' ').includes('forced tunnelling allowed on ASEv3'));
  assert.equal(text.join('').replace(/\s/g, '').includes('AllowLoadBalancerHealthProbeOnPortEightyFromTheAzureLoadBalancer'), true, 'a long rule name is split, not cut');
  // Every node is joined to the subnet box.
  assert.equal([...svg.matchAll(/<path class="link" d="M370,/g)].length, 4);
});

test('wrap: at spaces, inside long names after / . or ,, never losing a character', () => {
  assert.deepEqual(wrap('subnet delegated to Microsoft.Web/hostingEnvironments', 27), ['subnet delegated to', 'Microsoft.Web/', 'hostingEnvironments']);
  assert.deepEqual(wrap('zone contoso-v3.appserviceenvironment.net', 27), ['zone contoso-v3.', 'appserviceenvironment.net']);
  assert.deepEqual(wrap('x'.repeat(25), 10), ['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  assert.deepEqual(wrap('short', 10), ['short']);
});
