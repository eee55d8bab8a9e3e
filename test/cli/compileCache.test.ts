// The command line's compile cache (server/src/cli/launch.ts, compileCache.ts): written
// after a first run, taken by the next, refused when it is stale, cut short or in a folder
// others can write, and never a difference in what the command line reports.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cacheFolder } from '../../server/src/cli/compileCache';
import { ensureBuilt, root } from '../support/ensureBuilt';

let work = '';

interface Run {
  status: number | null;
  stdout: string;
  /** What NODE_DEBUG=ase-lint-cache said, one event per line without the process prefix. */
  cache: string[];
}

function cli(cache: string, args = ['--format', 'json', 'broken.json']): Run {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ASE_LINT_COMPILE_CACHE: cache, NODE_DEBUG: 'ase-lint-cache' },
  });
  const events = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('ASE-LINT-CACHE'))
    .map((l) => l.replace(/^ASE-LINT-CACHE \d+: /, '').replace(cache, '<cache>'));
  return { status: r.status, stdout: r.stdout, cache: events };
}

const file = (folder: string) => join(folder, `cli-${process.version}-${process.arch}.cache`);

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-compile-cache-'));
  copyFileSync(join(root, 'examples', 'ase-v2-broken-nsg.json'), join(work, 'broken.json'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a first run writes the cache in a folder of its own, the next takes it, and both report the same', () => {
  const folder = join(work, 'cache-a');
  const plain = cli('off');
  assert.deepEqual(plain.cache, [], 'off: nothing read or written');
  assert.equal(existsSync(folder), false);

  const first = cli(folder);
  assert.deepEqual(first.cache, [`none yet: ${file('<cache>')}`, `written: ${file('<cache>')} (${statSync(file(folder)).size - 32} bytes)`]);
  const second = cli(folder);
  assert.equal(second.cache[0], `accepted: ${file('<cache>')}`);
  for (const run of [first, second]) {
    assert.equal(run.status, plain.status);
    assert.equal(run.stdout, plain.stdout);
  }
  assert.ok(JSON.parse(plain.stdout).findings.length > 0, 'a run with findings');
  if (process.platform !== 'win32') {
    assert.equal(statSync(folder).mode & 0o777, 0o700, 'the folder is the user’s alone');
    assert.equal(statSync(file(folder)).mode & 0o777, 0o600, 'the file too');
  }
  assert.deepEqual(readdirSync(folder), [`cli-${process.version}-${process.arch}.cache`], 'no temporary file left');
});

test('a cache made from another bundle, or cut short, is not taken, and is written again', () => {
  const folder = join(work, 'cache-b');
  const plain = cli('off');
  cli(folder);
  const made = readFileSync(file(folder));

  // Another release's bundle (same length or not, V8 would not notice): its hash differs.
  const other = Buffer.from(made);
  other[0] ^= 0xff;
  writeFileSync(file(folder), other, { mode: 0o600 });
  const stale = cli(folder);
  assert.equal(stale.cache.length, 2);
  assert.equal(stale.cache[0], `stale: ${file('<cache>')} was made from another bundle, or the same one elsewhere`);
  assert.match(stale.cache[1], /^written: .* \(\d+ bytes\)$/);
  assert.equal(stale.stdout, plain.stdout);
  assert.deepEqual(readFileSync(file(folder)).subarray(0, 32), made.subarray(0, 32), 'written again, for this bundle');

  // A file cut short (a disk that filled up): V8 refuses its payload.
  writeFileSync(file(folder), made.subarray(0, 32 + Math.floor((made.length - 32) / 2)), { mode: 0o600 });
  const cut = cli(folder);
  assert.equal(cut.cache[0], `rejected by V8: ${file('<cache>')}`);
  assert.equal(cut.stdout, plain.stdout);
  assert.equal(cut.status, plain.status);
});

test('a cache made by the same bundle in another folder is not taken: stack traces name the file that runs', () => {
  const folder = join(work, 'cache-d');
  const copy = join(work, 'copy');
  mkdirSync(copy);
  for (const name of ['cli.js', 'cli-main.js', 'cli-main.js.map']) copyFileSync(join(root, 'dist', name), join(copy, name));
  cli(folder);
  const stackOf = (launcher: string) => {
    const r = spawnSync(
      process.execPath,
      ['-e', `const { runCli } = require(${JSON.stringify(launcher)}); try { runCli([${JSON.stringify(join(work, 'broken.json'))}], { cwd: process.cwd(), out: () => { throw new Error('rigged'); }, err: () => {} }); } catch (e) { process.stdout.write(e.stack); }`],
      { cwd: work, encoding: 'utf8', env: { ...process.env, ASE_LINT_COMPILE_CACHE: folder, NODE_DEBUG: 'ase-lint-cache' } },
    );
    return { stack: r.stdout, debug: r.stderr };
  };
  const there = stackOf(join(copy, 'cli.js'));
  assert.match(there.debug, /stale: .* was made from another bundle, or the same one elsewhere/);
  // Mapped through the copy's own source map: the frame of runCli names cli.ts.
  assert.match(there.stack, /at runCli \(.*server[\\/]src[\\/]cli[\\/]cli\.ts:\d+:\d+\)/);
  const here = stackOf(join(root, 'dist', 'cli.js'));
  assert.match(here.debug, /stale: /, 'the copy wrote its own: the bundle in dist/ finds it stale in turn');
  assert.match(here.stack, /at runCli \(.*server[\\/]src[\\/]cli[\\/]cli\.ts:\d+:\d+\)/);
});

test('a folder or a file that others can write is neither read nor written', { skip: process.platform === 'win32' }, () => {
  const plain = cli('off');
  const shared = join(work, 'cache-shared');
  mkdirSync(shared, { mode: 0o700 });
  chmodSync(shared, 0o777);
  const inShared = cli(shared);
  assert.deepEqual(inShared.cache, [`not used: <cache> is not a folder only its owner can write`]);
  assert.deepEqual(readdirSync(shared), []);
  assert.equal(inShared.stdout, plain.stdout);

  const folder = join(work, 'cache-c');
  cli(folder);
  chmodSync(file(folder), 0o666);
  const writable = cli(folder);
  assert.equal(writable.cache[0], `not used: ${file('<cache>')} is not a file only its owner can write`);
  assert.equal(writable.stdout, plain.stdout);
});

test('run under --enable-source-maps (its bundle loaded as a module, without the cache), the command line reports the same', () => {
  const plain = cli('off');
  const r = spawnSync(process.execPath, ['--enable-source-maps', join(root, 'dist', 'cli.js'), '--format', 'json', 'broken.json'], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ASE_LINT_COMPILE_CACHE: join(work, 'cache-maps'), NODE_DEBUG: 'ase-lint-cache' },
  });
  assert.equal(r.stdout, plain.stdout);
  assert.equal(r.status, plain.status);
  assert.doesNotMatch(r.stderr, /ASE-LINT-CACHE/, 'no cache read or written');
});

test('the cache folder: the one named, else the platform’s cache folder for the user', () => {
  const home = () => '/home/u';
  assert.equal(cacheFolder({ ASE_LINT_COMPILE_CACHE: 'off' }, 'linux', home), undefined);
  assert.equal(cacheFolder({ ASE_LINT_COMPILE_CACHE: '0' }, 'linux', home), undefined);
  assert.equal(cacheFolder({ ASE_LINT_COMPILE_CACHE: '' }, 'linux', home), undefined);
  assert.equal(cacheFolder({ ASE_LINT_COMPILE_CACHE: '/ci/cache' }, 'linux', home), '/ci/cache');
  assert.equal(cacheFolder({}, 'linux', home), '/home/u/.cache/ase-lint');
  assert.equal(cacheFolder({ XDG_CACHE_HOME: '/xdg' }, 'linux', home), '/xdg/ase-lint');
  assert.equal(cacheFolder({ XDG_CACHE_HOME: 'relative' }, 'linux', home), '/home/u/.cache/ase-lint', 'a relative XDG_CACHE_HOME is ignored, as the specification says');
  assert.equal(cacheFolder({}, 'darwin', home), '/home/u/Library/Caches/ase-lint');
  assert.equal(cacheFolder({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', home), join('C:\\Users\\u\\AppData\\Local', 'ase-lint', 'Cache'));
  assert.equal(cacheFolder({}, 'win32', home), undefined);
  assert.equal(
    cacheFolder({}, 'linux', () => {
      throw new Error('no home');
    }),
    undefined,
  );
});

test('required as a module, the command line gives its functions and runs nothing', () => {
  const r = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(join(root, 'dist', 'cli.js'))}); console.log(typeof m.runCli)`], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ASE_LINT_COMPILE_CACHE: 'off' },
  });
  assert.equal(r.stdout, 'function\n');
  assert.equal(r.status, 0);
});
