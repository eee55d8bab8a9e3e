// UI tests as a person uses the extension, in the real VS Code workbench (code-server)
// seen through Chromium: open a template, see the squiggles, open the quick-fix menu and
// apply "Allow AzureLoadBalancer inbound", see the Problems count drop, run "Explain ASE
// Dependency" from the palette and see the diagram. Screenshots go to artefacts/editor/.
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
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: waitMs });
  await page.keyboard.type(template);
  // Clicking the result row is reliable; Enter sometimes fires before the list is filled.
  await page.locator(`.quick-input-list .monaco-list-row:has-text("${template}")`).first().click({ timeout: waitMs });
  await page.locator(`.tab.active:has-text("${template}")`).waitFor({ timeout: waitMs });

  step('see the squiggles and the findings in the status bar');
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: waitMs });
  const status = page.locator('.statusbar-item:has-text("ASE:")').first();
  await until('the ASE status bar item to count findings', async () => /ASE: \d+ finding/.test((await status.textContent()) ?? ''));
  await page.keyboard.press('Control+Shift+M'); // the Problems panel
  const before = await until('a Problems count', () => problemsCount(page));
  console.log(`  Problems: ${before}; status bar: ${(await status.textContent())?.trim()}`);
  await shot(page, '1-squiggles');

  step('click the status bar item: the Problems view opens');
  await page.keyboard.press('Control+J'); // hide the panel, so the click is what shows it
  await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: waitMs });
  await status.click();
  // Only the view is checked: where the focus lands after it opens varies (see client/src/statusBar.ts).
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: waitMs });
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click();

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

  step('apply "Allow AzureLoadBalancer inbound" and see the Problems count drop');
  await fix.click();
  await page.locator('.monaco-editor .view-lines:has-text("AllowAzureLoadBalancerInbound")').first().waitFor({ timeout: waitMs });
  const after = await until('the Problems count to drop', async () => {
    const n = await problemsCount(page);
    return n < before ? n : 0;
  });
  console.log(`  Problems: ${before} → ${after}`);
  assert.equal(after, before - 1, 'exactly one finding (ASE102) goes');
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
  const before2 = (await status.textContent())?.trim();
  await view.locator('button:has-text("Allow AppServiceManagement inbound on 454-455")').first().click({ timeout: waitMs });
  await view.locator('svg.diagram .flow.allowed:has-text("AllowAppServiceManagementInbound")').waitFor({ timeout: waitMs });
  await page.locator('.monaco-editor .view-lines:has-text("AllowAppServiceManagementInbound")').first().waitFor({ timeout: waitMs });
  const after2 = await until('the status bar to count one finding less', async () => {
    const text = (await status.textContent())?.trim();
    return /findings?$/.test(text ?? '') && text !== before2 ? text : undefined;
  });
  console.log(`  ASE101 now allowed by the rule the button wrote; status bar: ${before2} → ${after2}`);
  await shot(page, '5-after-panel-fix');
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
