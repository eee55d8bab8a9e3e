// `npm run package`'s .vsix holds what the extension runs and shows, nothing else: the
// bundles, the grammar, the README and LICENSE (the docs), the icon. Sources, tests,
// fixtures and node_modules must never ship.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ensureBuilt, root } from '../lsp/ensureBuilt';
import { allRules } from '../../server/src/rules/index';

/** File names in a zip archive, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

before(() => ensureBuilt());

test('the .vsix holds only the bundles, grammars, docs, icon and license', { timeout: 120_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ase-vsix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'ase-network-lint.vsix');
  // Packs the build as it is, offline; `npm run package` runs the same after building.
  const vsce = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(vsce.status, 0, vsce.stderr || vsce.stdout);
  const zip = readFileSync(out);
  const entries = zipEntries(zip).sort();
  // One page per rule and the configuration page: the code links and "Show Rule Documentation" open them offline.
  const docs = entries.filter((e) => e.startsWith('extension/docs/'));
  assert.deepEqual(docs, [...allRules.map((r) => `extension/docs/rules/${r.name}.md`), 'extension/docs/configuration.md'].sort());
  assert.deepEqual(entries.filter((e) => !e.startsWith('extension/docs/')), [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/LICENSE.txt',
    'extension/dist/cli.js',
    'extension/dist/client.js',
    'extension/dist/server.js',
    'extension/images/icon.png',
    'extension/package.json',
    'extension/readme.md',
    'extension/schemas/ase-lint.schema.json',
    'extension/syntaxes/bicep.tmLanguage.json',
  ]);
});
