import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (tests run from it, but do not rely on that). */
export const root = resolve(__dirname, '..', '..');

const outputs = ['dist/server.js', 'dist/cli.js', 'dist/client.js'].map((p) => join(root, p));
const inputs = ['server/src', 'client/src', 'package.json', 'scripts/build.mjs', 'scripts/bundle'].map((p) => join(root, p));

/**
 * Builds dist/ when it is missing or older than the sources, so the tests always drive
 * what the sources say. Test files run in parallel processes: a lock directory keeps
 * two of them from writing the bundles at once.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(tmpdir(), `ase-lint-build-${Buffer.from(root).toString('hex').slice(-32)}.lock`);
  acquire(lock);
  try {
    if (isFresh()) return;
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isFresh(): boolean {
  let oldestOutput = Infinity;
  for (const o of outputs) {
    try {
      oldestOutput = Math.min(oldestOutput, statSync(o).mtimeMs);
    } catch {
      return false;
    }
  }
  return inputs.every((i) => newest(i) <= oldestOutput);
}

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

function acquire(lock: string): void {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      // A lock left by a crashed run is stale after a minute; a build takes seconds.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}
