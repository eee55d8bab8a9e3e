// The editor tests' workspace: a throw-away copy of the LSP fixtures, so edits the tests
// make (quick fixes) never touch the repository.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { root } from './codeServer.mjs';

export function makeWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'ase-workspace-'));
  cpSync(join(root, 'test', 'fixtures', 'lsp'), dir, { recursive: true });
  return dir;
}

/** Bundles an extension-host test suite (`test/editor/<name>/index.ts`; out/ is git-ignored); returns its path. */
export async function buildSuite(name = 'suite') {
  const outfile = join(root, 'out', 'editor', `${name}.js`);
  await build({
    entryPoints: [join(root, 'test', 'editor', name, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}
