// Extension tests inside a real extension host, in two sessions: the main suite, then the
// coexistence suite with a stand-in for the official Bicep extension loaded beside ours
// (test/editor/standin-bicep). Which editor runs them:
//   VSCODE_EXECUTABLE=/path/to/code  a desktop VS Code, through @vscode/test-electron;
//   otherwise code-server (installed by scripts/editor/install.sh) driven by Chromium;
//   otherwise a SKIP line and exit 0 (nothing is ever downloaded).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSuite, makeWorkspace } from './workspace.mjs';
import { installed, launchChromium, root, startCodeServer } from './codeServer.mjs';

const marker = '[ase-editor-test]';
const hangGuardMs = 180_000;

async function withVsCode(executable, suite, workspace, session) {
  const { runTests } = await import('@vscode/test-electron');
  // A desktop VS Code loads several development extensions; --disable-extensions would not disable those.
  return runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: [...session.extensions, ...(session.installed ?? [])],
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

async function withCodeServer(suite, workspace, session) {
  const server = await startCodeServer({ extensions: session.installed ?? [] });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.context.newPage();
    let exited;
    const exitCode = new Promise((resolve) => (exited = resolve));
    // The workbench calls this with the suite's result (needs enable-smoke-test-driver).
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    const payload = [
      ...session.extensions.map((dir) => ['extensionDevelopmentPath', `vscode-remote://remote${dir}`]),
      ['extensionTestsPath', `vscode-remote://remote${suite}`],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const hang = new Promise((resolve) => (timer = setTimeout(() => resolve('hang'), hangGuardMs)));
    const code = await Promise.race([exitCode, hang]);
    clearTimeout(timer);
    if (process.env.EDITOR_TEST_LOG) console.log(server.output());
    for (const line of server.output().split('\n')) if (line.includes(marker)) console.log(line.slice(line.indexOf(marker) + marker.length + 1));
    // A failure in CI is read from this output alone: the language server's own log says what it did meanwhile
    // (also after a test's note on something it saw and recovered from).
    if (code !== 0 || server.output().includes(`${marker} # note:`)) printServerLog(server.home);
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

/** The tail of each "ASE Network Lint" output log the workbench wrote under code-server's user data. */
function printServerLog(home) {
  const logs = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name === 'ASE Network Lint.log') logs.push(join(dir, e.name));
    }
  };
  walk(join(home, 'user-data', 'logs'));
  for (const log of logs) {
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    console.log(`# the language server's log (${lines.length > 200 ? 'last 200 lines' : 'all'}):`);
    for (const line of lines.slice(-200)) console.log(`#   ${line}`);
  }
}

// ONLY=<session> runs one session; EDITOR_TEST_LOG=1 prints code-server's log (which extensions it loaded, …).
const executable = process.env.VSCODE_EXECUTABLE;
if (!executable && !installed()) {
  console.log('SKIP extension tests: set VSCODE_EXECUTABLE to a VS Code, or run scripts/editor/install.sh for code-server');
  process.exit(0);
}
const sessions = [
  { name: 'suite', extensions: [root] },
  { name: 'coexistence', extensions: [root], installed: [join(root, 'test', 'editor', 'standin-bicep')] },
];
let code = 0;
for (const session of sessions.filter((s) => !process.env.ONLY || s.name === process.env.ONLY)) {
  const suite = await buildSuite(session.name);
  const workspace = makeWorkspace();
  let exit = 1;
  console.log(`# ${session.name}`);
  try {
    exit = executable ? await withVsCode(executable, suite, workspace, session) : await withCodeServer(suite, workspace, session);
  } catch (e) {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  if (exit !== 0) code = exit;
}
console.log(code === 0 ? 'extension tests passed' : `extension tests FAILED (exit ${code})`);
process.exit(code);
