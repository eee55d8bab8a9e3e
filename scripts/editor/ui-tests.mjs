// UI tests as a person uses the extension, in the real VS Code workbench (code-server)
// seen through Chromium: open a template, see the squiggles and the language status item
// with its menu, open the quick-fix menu and apply "Allow AzureLoadBalancer inbound", see
// the Problems count drop, run "Explain ASE Dependency" from the palette and see the
// diagram, apply its fixes from its buttons in the ARM template and in its Bicep twin (which
// must get Bicep); then an ASEv3 in Bicep: its outline, the code lens above the ASE, and the panel
// it opens with the subnet's delegation node. Screenshots go to artefacts/editor/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installed, launchChromium, root, startCodeServer } from './codeServer.mjs';
import { makeWorkspace } from './workspace.mjs';

const artefacts = join(root, 'artefacts', 'editor');
const template = 'deny-all-first.json';
/** Hang guard for each wait: a slow machine waits longer, a broken one still ends. */
const waitMs = 45_000;

if (!installed()) {
  console.log('SKIP UI tests: run scripts/editor/install.sh for code-server');
  process.exit(0);
}

const steps = [];
function step(name) {
  steps.push(name);
  console.log(`- ${name}`);
}

async function shot(page, name) {
  const path = join(artefacts, `${name}.png`);
  await page.screenshot({ path });
  console.log(`  screenshot ${path}`);
}

/** The number on the Problems panel's tab (0 when it shows none). */
async function problemsCount(page) {
  const badge = page.locator('.panel .composite-bar .action-item:has-text("Problems") .badge-content').first();
  if (!(await badge.isVisible())) return 0;
  return Number((await badge.textContent())?.trim() || 0);
}

/** Opens a workspace file from Quick Open (clicking the result row: Enter was flaky). */
async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: waitMs });
  await page.keyboard.type(name);
  await page.locator(`.quick-input-list .monaco-list-row:has-text("${name.split('/').pop()}")`).first().click({ timeout: waitMs });
  await page.locator(`.tab.active:has-text("${name.split('/').pop()}")`).waitFor({ timeout: waitMs });
}

/** The text of the language status hover (the `{}` entry of the status bar), shown by hovering it. */
async function languageStatusHover(page) {
  const entry = page.locator('#status\\.languageStatus');
  await entry.waitFor({ timeout: waitMs });
  await entry.hover();
  await page.locator('.hover-language-status').first().waitFor({ timeout: waitMs });
  // One element per item (other extensions' items too, such as the JSON schema's).
  return (await page.locator('.hover-language-status').allTextContents()).join('\n');
}

/**
 * Our findings in the active template, as the language status item counts them. The
 * Problems badge and the status bar also count other extensions' problems, such as the
 * JSON schema download warning that comes and goes on an offline machine.
 */
async function aseFindings(page) {
  const text = await languageStatusHover(page);
  await page.mouse.move(0, 0);
  const m = /ASE: (\d+) findings?/.exec(text);
  return m ? Number(m[1]) : undefined;
}

async function until(what, check) {
  const until = Date.now() + waitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function run(page, url, workspace) {
  const payload = [['extensionDevelopmentPath', `vscode-remote://remote${root}`]];
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: waitMs });
  await page.locator('.statusbar').waitFor({ timeout: waitMs });

  step('open the template from Quick Open');
  await openFile(page, template);

  step('see the squiggles, and the findings by severity in the language status item');
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: waitMs });
  await page.keyboard.press('Control+Shift+M'); // the Problems panel
  const before = await until('a Problems count', () => problemsCount(page));
  await shot(page, '1-squiggles');
  const statusText = await until('the language status item to count findings', async () => {
    const text = await languageStatusHover(page);
    return /ASE: \d+ findings/.test(text) ? text : undefined;
  });
  console.log(`  Problems: ${before}; language status: ${statusText.replace(/\s+/g, ' ').trim()}`);
  assert.match(statusText, /ASE: \d+ findings/);
  assert.match(statusText, /\d+ errors?, \d+ warnings?, \d+ information, \d+ hints?/, 'counts by severity');
  assert.match(statusText, /Menu/);
  await shot(page, 'language-status');

  step("the language status item's menu: Show Problems opens the Problems view");
  await page.keyboard.press('Control+J'); // hide the panel, so the menu is what shows it
  await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: waitMs });
  await languageStatusHover(page);
  await page.locator('.hover-language-status a:has-text("Menu")').first().click({ timeout: waitMs });
  const entries = page.locator('.quick-input-list .monaco-list-row');
  await entries.first().waitFor({ timeout: waitMs });
  const menu = (await entries.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  console.log(`  menu: ${menu.join(' | ')}`);
  const expected = ['Show Problems', 'Show Output', 'Restart Server', 'Rule Documentation'];
  assert.equal(menu.length, expected.length, `four entries: ${menu.join(' | ')}`);
  expected.forEach((label, i) => assert.ok(menu[i].startsWith(label), `entry ${i + 1} is ${label}: ${menu[i]}`));
  await shot(page, 'language-status-menu');
  await entries.first().click();
  // Only the view is checked: where the focus lands after it opens varies (see client/src/problems.ts).
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: waitMs });
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click(); // out of the Problems filter

  step('a JSON file that is no template: no ASE entry in the language status');
  await openFile(page, 'not-a-template.json');
  await page.waitForTimeout(1500); // the server has answered for it: its status would be there by now
  const otherStatus = await page.locator('#status\\.languageStatus').isVisible() ? await languageStatusHover(page).catch(() => '') : '';
  assert.ok(!/ASE:/.test(otherStatus), `no ASE item for a JSON file that is no template, got '${otherStatus}'`);
  await page.keyboard.press('Escape');
  await openFile(page, template);
  await page.locator('.monaco-editor .view-lines').first().click();

  const findingsBefore = await until('a count of findings', () => aseFindings(page));
  step('open the quick-fix menu on the deny rule');
  const line = readFileSync(join(workspace, template), 'utf8').split('\n').findIndex((l) => l.includes('"DenyAllInbound"')) + 1;
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${line}:22`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row:has-text("Allow AzureLoadBalancer inbound")').first();
  await fix.waitFor({ timeout: waitMs });
  await shot(page, '2-quick-fix-menu');

  step('apply "Allow AzureLoadBalancer inbound" and see the findings drop');
  await fix.click();
  await page.locator('.monaco-editor .view-lines:has-text("AllowAzureLoadBalancerInbound")').first().waitFor({ timeout: waitMs });
  const after = await until('the findings to drop', async () => {
    const n = await aseFindings(page);
    return n !== undefined && n < findingsBefore ? String(n) : undefined;
  });
  console.log(`  ASE findings: ${findingsBefore} → ${after}`);
  assert.equal(Number(after), findingsBefore - 1, 'exactly one finding (ASE102) goes');
  await shot(page, '3-after-fix');

  step('run "ASE: Explain ASE Dependency" from the palette and see the diagram');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: waitMs });
  await page.keyboard.type('ASE: Explain ASE Dependency');
  await page.locator('.quick-input-list .monaco-list-row:has-text("Explain ASE Dependency")').first().click({ timeout: waitMs });
  // A webview is an iframe holding the page's own iframe.
  const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('svg.diagram').waitFor({ timeout: waitMs });
  const arrows = await view.locator('svg.diagram .flow').count();
  const blocked = await view.locator('svg.diagram .flow.blocked').count();
  const allowedByFix = await view.locator('svg.diagram .flow.allowed:has-text("AllowAzureLoadBalancerInbound")').count();
  console.log(`  diagram: ${arrows} arrows, ${blocked} blocked, ASE102 allowed by the new rule: ${allowedByFix > 0}`);
  assert.ok(arrows >= 10, 'one arrow per dependency');
  assert.ok(blocked >= 2, 'the deny rule still blocks ASE101 and ASE103');
  assert.equal(allowedByFix, 1, 'the diagram names the rule the quick fix wrote');
  // Room for the panel, as a person would make it: no side bar, no bottom panel.
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+J');
  // Keyboard: an arrow takes focus, Enter shows its card.
  await view.locator('svg.diagram .flow.blocked').first().focus();
  await page.keyboard.press('Enter');
  await shot(page, '4-explain-diagram');

  step("apply a quick fix from the panel's button and see the diagram follow");
  // The language status follows the active editor: count in the template's, then use the panel.
  const templateEditor = page.locator('.monaco-editor .view-lines').first();
  await templateEditor.click();
  const before2 = await until('a count of findings', () => aseFindings(page));
  await view.locator('button:has-text("Allow AppServiceManagement inbound on 454-455")').first().click({ timeout: waitMs });
  await view.locator('svg.diagram .flow.allowed:has-text("AllowAppServiceManagementInbound")').waitFor({ timeout: waitMs });
  await page.locator('.monaco-editor .view-lines:has-text("AllowAppServiceManagementInbound")').first().waitFor({ timeout: waitMs });
  await templateEditor.click();
  const after2 = await until('the findings to drop', async () => {
    const n = await aseFindings(page);
    return n !== undefined && n < before2 ? String(n) : undefined;
  });
  console.log(`  ASE101 now allowed by the rule the button wrote; findings: ${before2} → ${after2}`);
  await shot(page, '5-after-panel-fix');

  step("on the Bicep twin, the panel's button writes Bicep: the rule as Bicep writes objects, the finding gone");
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+W'); // close the ARM template and its panel
  await page.locator('.tab').first().waitFor({ state: 'detached', timeout: waitMs });
  const bicepTemplate = 'deny-all-first.bicep';
  await openFile(page, bicepTemplate);
  const bicepEditor = page.locator('.monaco-editor .view-lines').first();
  await bicepEditor.click();
  const before3 = await until('a count of findings', () => aseFindings(page));
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: waitMs });
  await page.keyboard.type('ASE: Explain ASE Dependency');
  await page.locator('.quick-input-list .monaco-list-row:has-text("Explain ASE Dependency")').first().click({ timeout: waitMs });
  const bicepView = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  await bicepView.locator('svg.diagram .flow.blocked').first().waitFor({ timeout: waitMs });
  await bicepView.locator('button:has-text("Allow AzureLoadBalancer inbound")').first().click({ timeout: waitMs });
  await bicepView.locator('svg.diagram .flow.allowed:has-text("AllowAzureLoadBalancerInbound")').waitFor({ timeout: waitMs });
  await page.locator(`.monaco-editor .view-lines:has-text("'AllowAzureLoadBalancerInbound'")`).first().waitFor({ timeout: waitMs });
  await bicepEditor.click();
  const after3 = await until('the findings to drop', async () => {
    const n = await aseFindings(page);
    return n !== undefined && n < before3 ? String(n) : undefined;
  });
  assert.equal(Number(after3), before3 - 1, 'exactly one finding (ASE102) goes');
  await page.keyboard.press('Control+S');
  const saved = await until('the fixed file on disk', async () => {
    const text = readFileSync(join(workspace, bicepTemplate), 'utf8');
    return text.includes('AllowAzureLoadBalancerInbound') ? text : undefined;
  });
  // Its properties in the order of the NSG's other rules (priority, direction, access first).
  assert.match(saved, /\n {6}\{\n {8}name: 'AllowAzureLoadBalancerInbound'\n {8}properties: \{\n {10}priority: /, 'the new rule is written in Bicep, like its neighbours');
  assert.doesNotMatch(saved, /"name"|"properties"/, 'no JSON in the Bicep file');
  console.log(`  Bicep: ASE102 allowed by the rule the button wrote, in Bicep; findings: ${before3} → ${after3}`);
  await shot(page, '6-bicep-after-panel-fix');

  step('an ASEv3 in Bicep: its outline, the code lens above the ASE');
  await page.keyboard.press('Control+B'); // the side bar again, for the outline
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+W'); // close every editor and the panel: one editor, one lens
  await page.locator('.tab').first().waitFor({ state: 'detached', timeout: waitMs });
  await openFile(page, 'v3/ase-v3.bicep');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type('108');
  await page.keyboard.press('Enter');
  const lens = page.locator('.codelens-decoration a:has-text("dependencies")').first();
  await lens.waitFor({ timeout: waitMs });
  const lensText = ((await page.locator('.codelens-decoration:has-text("dependencies")').first().textContent()) ?? '').trim();
  console.log(`  code lens: ${lensText}`);
  assert.equal(lensText, '5 dependencies: 4 allowed, 1 blocked · Explain');
  // The Outline view, from the language server's document symbols: the folders pane folds away to give it room.
  const folders = page.locator('.pane-header:has-text("ase-workspace")').first();
  if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
  const outline = page.locator('.pane-header:has-text("Outline")').first();
  if ((await outline.getAttribute('aria-expanded')) !== 'true') await outline.click();
  const outlineRows = page.locator('.split-view-view:has(.pane-header:has-text("Outline")) .monaco-list-row');
  await outlineRows.filter({ hasText: 'dns' }).first().waitFor({ timeout: waitMs });
  const names = (await outlineRows.allTextContents()).map((t) => t.trim());
  console.log(`  outline: ${names.join(' | ')}`);
  for (const name of ['nsg', 'routes', 'vnet', 'ase', 'dns']) assert.ok(names.some((n) => n.startsWith(name)), `${name} in the outline`);
  await shot(page, 'code-lens');

  step('the code lens opens the panel: the ASEv3 with its delegation node');
  await lens.click();
  await page.locator('.tab.active:has-text("ASE: ASEv3")').waitFor({ timeout: waitMs });
  const v3 = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  const delegation = v3.locator('svg.diagram .node[data-kind="delegation"]');
  await delegation.waitFor({ timeout: waitMs });
  const nodeClasses = await v3.locator('svg.diagram .node').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('class')}`));
  console.log(`  nodes: ${nodeClasses.join(', ')}`);
  assert.match(await delegation.getAttribute('class'), /\ballowed\b/);
  assert.match(await v3.locator('svg.diagram .node[data-kind="dns"]').getAttribute('class'), /\bblocked\b/);
  assert.match((await v3.locator('svg.diagram .node[data-kind="routeTable"]').textContent()) ?? '', /forced tunnelling is allowed on ASEv3/);
  await page.keyboard.press('Control+B');
  await shot(page, 'explain-v3');
  // Keyboard: the blocked node takes focus, Enter shows its card.
  await v3.locator('svg.diagram .node[data-kind="dns"]').focus();
  await page.keyboard.press('Enter');
  await v3.locator('#dep-0\\:ASE504\\:dns:focus').waitFor({ timeout: waitMs });
  await shot(page, 'explain-v3-card');

  step('a rule page from the palette: titled with its code and name, its Bicep example highlighted');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: waitMs });
  await page.keyboard.type('ASE: Show Rule Documentation');
  await page.locator('.quick-input-list .monaco-list-row:has-text("Show Rule Documentation")').first().click({ timeout: waitMs });
  await page.locator('.quick-input-widget input[placeholder="Rule to show the documentation of"]').waitFor({ timeout: waitMs });
  await page.keyboard.type('ASE403');
  await page.locator('.quick-input-list .monaco-list-row:has-text("subnet-delegation")').first().click({ timeout: waitMs });
  await page.locator('.tab.active:has-text("Preview ASE403 subnet-delegation.md")').waitFor({ timeout: waitMs });
  const preview = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  const keyword = preview.locator('code.language-bicep span.hljs-keyword').first();
  await keyword.waitFor({ timeout: waitMs });
  const keywords = await preview.locator('code.language-bicep span.hljs-keyword').count();
  console.log(`  rule page: Preview ASE403 subnet-delegation.md, ${keywords} Bicep keywords highlighted`);
  await keyword.scrollIntoViewIfNeeded();
  await shot(page, 'rule-page');
}

rmSync(artefacts, { recursive: true, force: true });
mkdirSync(artefacts, { recursive: true });
const workspace = makeWorkspace();
const server = await startCodeServer();
let browser;
let code = 1;
let page;
try {
  browser = await launchChromium();
  page = await browser.context.newPage();
  await run(page, server.url, workspace);
  code = 0;
} catch (e) {
  console.error(`UI test failed at "${steps.at(-1)}": ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  if (page) await shot(page, 'failure').catch(() => {});
} finally {
  await browser?.close();
  await server.stop();
  rmSync(workspace, { recursive: true, force: true });
}
console.log(code === 0 ? 'UI tests passed' : 'UI tests FAILED');
process.exit(code);
