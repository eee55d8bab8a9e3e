// Neovim as a second client: the diagnostics it receives over stdio for a template are
// those the engine reports for that file (the CLI's JSON: codes, ranges, messages).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './codeServer.mjs';

if (!existsSync('/usr/bin/nvim')) {
  console.log('SKIP Neovim test: no /usr/bin/nvim (scripts/editor/install.sh installs it)');
  process.exit(0);
}
const file = join(root, 'test', 'fixtures', 'lsp', 'deny-all-first.json');
const nvim = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(root, 'scripts', 'editor', 'nvim-client.lua')}`], {
  cwd: root,
  encoding: 'utf8',
  timeout: 60_000,
  env: { ...process.env, ASE_SERVER: join(root, 'dist', 'server.js'), ASE_FILE: file },
});
const line = nvim.stdout.split('\n').find((l) => l.startsWith('[') || l === 'TIMEOUT');
assert.ok(line && line !== 'TIMEOUT', `Neovim received no diagnostics (exit ${nvim.status}):\n${nvim.stdout}\n${nvim.stderr}`);
const got = JSON.parse(line).map((d) => ({ code: d.code, range: d.range, message: d.message, source: d.source }));

const cli = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', file], { encoding: 'utf8' });
const expected = JSON.parse(cli.stdout).findings.map((f) => ({ code: f.code, range: f.range, message: f.message, source: 'ase-lint' }));
const key = (d) => `${d.code}:${d.range.start.line}:${d.range.start.character}:${d.message}`;
assert.ok(expected.length > 0, 'the CLI reports findings for the fixture');
assert.deepEqual(got.sort((a, b) => key(a).localeCompare(key(b))), expected.sort((a, b) => key(a).localeCompare(key(b))));
console.log(`Neovim ${spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]} received the same ${got.length} diagnostics as the CLI: ${got.map((d) => d.code).join(', ')}`);
