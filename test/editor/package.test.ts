// `npm run package`'s .vsix holds what the extension runs and shows, nothing else: the
// client and server bundles (the server's source map, for its stack traces), the
// grammar, the README and LICENSE, the rule pages, the icon. Sources, tests, fixtures,
// node_modules and the command line (the npm package's) must never ship.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { before, test } from 'node:test';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { allRules } from '../../server/src/rules/index';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** The entries of a zip archive, read from its central directory. */
function centralDirectory(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeader: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

function zipEntries(zip: Buffer): string[] {
  return centralDirectory(zip).map((e) => e.name);
}

/** The content of one entry (stored or deflated). */
function zipEntry(zip: Buffer, name: string): Buffer {
  const entry = centralDirectory(zip).find((e) => e.name === name);
  assert.ok(entry, `${name} is not in the archive`);
  assert.equal(zip.readUInt32LE(entry.localHeader), 0x04034b50, 'local file header');
  const start = entry.localHeader + 30 + zip.readUInt16LE(entry.localHeader + 26) + zip.readUInt16LE(entry.localHeader + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 8 ? inflateRawSync(data) : Buffer.from(data);
}

before(() => ensureBuilt());

test('the .vsix holds only the bundles, grammars and language configuration, docs, icon and license', { timeout: 120_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ase-vsix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'ase-network-lint.vsix');
  // Packs the build as it is, offline; `npm run package` runs the same after building.
  const vsce = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
  assert.equal(vsce.status, 0, vsce.stderr || vsce.stdout);
  const zip = readFileSync(out);
  const entries = zipEntries(zip).sort();
  // One page per rule, the base templates their examples name, and the configuration page:
  // the code links and "Show Rule Documentation" open them offline.
  const docs = entries.filter((e) => e.startsWith('extension/docs/'));
  const bases = readdirSync(join(root, 'docs', 'rules', 'bases')).map((f) => `extension/docs/rules/bases/${f}`);
  assert.ok(bases.length > 0);
  assert.deepEqual(docs, [...allRules.map((r) => `extension/docs/rules/${r.name}.md`), ...bases, 'extension/docs/configuration.md'].sort());
  assert.deepEqual(entries.filter((e) => !e.startsWith('extension/docs/')), [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/LICENSE.txt',
    'extension/dist/client.js',
    'extension/dist/server.js',
    'extension/dist/server.js.map',
    'extension/images/icon.png',
    'extension/package.json',
    'extension/readme.md',
    'extension/schemas/ase-lint.schema.json',
    'extension/syntaxes/bicep.tmLanguage.json',
    'extension/syntaxes/bicepparam.tmLanguage.json',
    'extension/syntaxes/language-configuration.json',
  ]);
  // The manifest inside is the repository's, less the npm allowlist that the staging copy drops.
  const { files, ...expected } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.ok(Array.isArray(files), 'package.json has the npm allowlist');
  assert.deepEqual(JSON.parse(zipEntry(zip, 'extension/package.json').toString('utf8')), expected);
});

test('the repository keeps both allowlists: files for npm, .vscodeignore for the .vsix', () => {
  assert.ok(existsSync(join(root, '.vscodeignore')));
  assert.ok(!existsSync(join(root, '.npmignore')), 'an .npmignore would be ignored beside files, and mislead');
});
