// Extension tests inside a real extension host. Which editor runs them:
//   VSCODE_EXECUTABLE=/path/to/code  a desktop VS Code, through @vscode/test-electron;
//   otherwise code-server (installed by scripts/editor/install.sh) driven by Chromium;
//   otherwise a SKIP line and exit 0 (nothing is ever downloaded).
import { rmSync } from 'node:fs';
import { buildSuite, makeWorkspace } from './workspace.mjs';
import { installed, launchChromium, root, startCodeServer } from './codeServer.mjs';

const marker = '[ase-editor-test]';
const hangGuardMs = 180_000;

async function withVsCode(executable, suite, workspace) {
  const { runTests } = await import('@vscode/test-electron');
  return runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

async function withCodeServer(suite, workspace) {
  const server = await startCodeServer();
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.context.newPage();
    let exited;
    const exitCode = new Promise((resolve) => (exited = resolve));
    // The workbench calls this with the suite's result (needs enable-smoke-test-driver).
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://remote${root}`],
      ['extensionTestsPath', `vscode-remote://remote${suite}`],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const hang = new Promise((resolve) => (timer = setTimeout(() => resolve('hang'), hangGuardMs)));
    const code = await Promise.race([exitCode, hang]);
    clearTimeout(timer);
    for (const line of server.output().split('\n')) if (line.includes(marker)) console.log(line.slice(line.indexOf(marker) + marker.length + 1));
    if (code === 'hang') {
      console.error(`the extension tests did not finish within ${hangGuardMs / 1000} s; code-server said:\n${server.output().slice(-3000)}`);
      return 1;
    }
    return code;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

const executable = process.env.VSCODE_EXECUTABLE;
if (!executable && !installed()) {
  console.log('SKIP extension tests: set VSCODE_EXECUTABLE to a VS Code, or run scripts/editor/install.sh for code-server');
  process.exit(0);
}
const suite = await buildSuite();
const workspace = makeWorkspace();
let code = 1;
try {
  code = executable ? await withVsCode(executable, suite, workspace) : await withCodeServer(suite, workspace);
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
console.log(code === 0 ? 'extension tests passed' : `extension tests FAILED (exit ${code})`);
process.exit(code);
