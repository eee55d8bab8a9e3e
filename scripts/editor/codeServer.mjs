// Starts code-server (the real VS Code workbench) and Debian's Chromium for the editor
// tests, and stops every process they started. Facts: ../shared/recipes/real-editor-tests.md.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');
const cache = join(root, '.vscode-test');

/** The installed Node 24 and code-server, or undefined when scripts/editor/install.sh has not run. */
export function installed() {
  const node = readdirSync(cache, { withFileTypes: true }).find((e) => e.name.startsWith('node-') && existsSync(join(cache, e.name, 'bin', 'node')));
  const server = readdirSync(cache, { withFileTypes: true }).find((e) => e.name.startsWith('code-server-') && existsSync(join(cache, e.name, '.installed')));
  if (!node || !server || !existsSync('/usr/bin/chromium')) return undefined;
  return { node: join(cache, node.name, 'bin', 'node'), entry: join(cache, server.name, 'node_modules', 'code-server', 'out', 'node', 'entry.js') };
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Resolves once `url` answers, or rejects when the process exits first. */
async function waitForHttp(url, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${url} within ${deadlineMs} ms`);
}

/**
 * A code-server in its own process group, with its own config, user data, extensions
 * and temp folders, so it neither reads nor leaves anything in the user's home;
 * `extensions` are folders of unpacked extensions to install first. `stop`
 * ends the whole group (extension host and language server included) and removes them.
 */
export async function startCodeServer({ log = () => {}, settings = {}, extensions = [] } = {}) {
  const tools = installed();
  if (!tools) throw new Error('code-server is not installed: run scripts/editor/install.sh');
  const home = mkdtempSync(join(tmpdir(), 'ase-editor-'));
  // Extensions installed beside the one under development (the workbench takes one development
  // extension from a URL): copied into the extensions folder, which code-server scans at start.
  for (const dir of extensions) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    cpSync(dir, join(home, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  const port = await freePort();
  const config = join(home, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const userData = join(home, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'security.workspace.trust.enabled': false,
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      'telemetry.telemetryLevel': 'off',
      'editor.hover.delay': 300,
      'window.commandCenter': false,
      // The chat side bar would take a third of the screenshots.
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      ...settings,
    }),
  );
  mkdirSync(join(home, 'tmp'));
  const child = spawn(
    tools.node,
    [tools.entry, '--config', config, '--user-data-dir', userData, '--extensions-dir', join(home, 'extensions'), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--vscode-option', 'enable-smoke-test-driver'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: join(home, 'tmp'), XDG_CONFIG_HOME: join(home, 'xdg'), XDG_DATA_HOME: join(home, 'xdg-data') } },
  );
  let output = '';
  child.stdout.on('data', (d) => ((output += d), log(String(d))));
  child.stderr.on('data', (d) => ((output += d), log(String(d))));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/healthz`, child, 60_000);
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n${output.slice(-2000)}`);
  }
  return { url, home, output: () => output, stop };
}

/** SIGTERM to the process group this script created, then SIGKILL for whatever outlives it. */
async function stopGroup(child) {
  if (child.pid === undefined) return;
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 25 && alive(); i++) await new Promise((r) => setTimeout(r, 200));
  if (alive()) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** Debian's Chromium through playwright-core, headless, with a throw-away profile. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'ase-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg') },
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
