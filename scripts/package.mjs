// npm run package: the .vsix, from the build in dist/ (npm run package builds it first).
//
// The repository has two allowlists: package.json's `files` for the npm package (the
// command line and the server for other editors) and .vscodeignore for the extension.
// vsce refuses to package a folder that has both (it cannot tell which one applies),
// so the .vsix is made from a staging copy: vsce itself lists what .vscodeignore lets
// in, those files are copied (package.json without `files`, the one difference), and
// vsce packages the copy, where only .vscodeignore remains.
// Usage: node scripts/package.mjs [--out FILE]   (default: ase-network-lint.vsix)
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { createVSIX, listFiles, PackageManager } = require('@vscode/vsce');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1] : join(root, 'ase-network-lint.vsix'));

const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
const stage = mkdtempSync(join(tmpdir(), 'ase-network-lint-vsix-'));
try {
  for (const file of [...files, '.vscodeignore']) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await createVSIX({ cwd: stage, packagePath: out, dependencies: false });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
