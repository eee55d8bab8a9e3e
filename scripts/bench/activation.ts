import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { summarize, type Summary } from './stats';

export interface Activation {
  /** `require` of dist/client.js. */
  load: Summary;
  /** `activate` until the language client has started: the server forked and its `initialize` answered. */
  activate: Summary;
  /** Both, per run: what VS Code reports as the extension's activation, less its own bookkeeping. */
  total: Summary;
}

/**
 * Extension activation as far as it can be measured without VS Code: each run is a
 * fresh node process (see activationChild.cjs) that loads the client bundle of
 * `extensionDir` against a stand-in `vscode` module and activates it. What VS Code adds
 * (reading the manifest, its own extension host start) is not in the figure; the
 * extension host's node is Electron's, not this one.
 */
export function measureActivation(extensionDir: string, runs: number): Activation {
  const load: number[] = [];
  const activate: number[] = [];
  const total: number[] = [];
  // One untimed activation first: the operating system's file cache is warm in an editor too.
  for (let i = -1; i < runs; i++) {
    const r = spawnSync(process.execPath, [join(__dirname, 'activationChild.cjs'), extensionDir], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`activation failed (${r.status ?? r.signal}): ${r.stderr}`);
    const m = JSON.parse(r.stdout) as { loadMs: number; activateMs: number; failures: { message: string }[] };
    if (m.failures.length > 0) throw new Error(`the extension reported: ${m.failures.map((f) => f.message).join('; ')}`);
    if (i < 0) continue;
    load.push(m.loadMs);
    activate.push(m.activateMs);
    total.push(m.loadMs + m.activateMs);
  }
  return { load: summarize(load), activate: summarize(activate), total: summarize(total) };
}
