// .pre-commit-hooks.yaml, installed and run the way pre-commit's node language does it,
// without the network: pre-commit clones the repository, runs `npm install` in it (here
// the clone borrows this checkout's node_modules instead of the registry), runs
// `npm pack` there and reads the tarball's name from its output, installs the tarball
// globally into the hook's environment, then runs the entry with the staged files that
// pass the hook's filters appended. scripts/precommit.sh try-repo runs pre-commit itself
// (in CI, where the npm registry is at hand).
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { root } from '../support/ensureBuilt';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  description?: string;
  files?: string;
  exclude?: string;
  types?: string[];
  types_or?: string[];
  exclude_types?: string[];
  args?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

/** The keys pre-commit's manifest schema knows (clientlib.MANIFEST_HOOK_DICT); it warns about others. */
const manifestKeys = [
  'id', 'name', 'entry', 'language', 'alias', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'always_run',
  'fail_fast', 'pass_filenames', 'description', 'language_version', 'log_file', 'minimum_pre_commit_version', 'require_serial', 'stages', 'verbose',
];

const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

let work = '';
let clone = '';
let hookEnv = '';
let packOutput: SpawnSyncReturns<string>;

/** npm as pre-commit runs it: none of an enclosing `npm test`'s npm_* variables, offline, a cache of its own. */
function npm(args: string[], cwd: string, extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...env, npm_config_cache: join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false', ...extra },
    timeout: 180_000,
  });
}

/** The hook's environment as pre-commit's node language patches it: its prefix for npm, its bin first on PATH. */
function inHookEnv(): Record<string, string> {
  return { npm_config_prefix: hookEnv, NODE_VIRTUAL_ENV: hookEnv, PATH: `${join(hookEnv, 'bin')}${delimiter}${process.env.PATH}` };
}

/** pre-commit's file selection for a hook: `files` and `exclude` searched in the path, every file tagged `file`. */
function selected(hook: Hook, paths: string[]): string[] {
  const include = new RegExp(hook.files ?? '');
  const exclude = new RegExp(hook.exclude ?? '^$');
  assert.deepEqual([...(hook.types ?? ['file']), ...(hook.types_or ?? [])].filter((t) => t !== 'file'), [], 'types beyond `file` would need identify');
  return paths.filter((p) => include.test(p) && !exclude.test(p));
}

/** The entry as pre-commit runs it: split like a shell would, args, then the files (pass_filenames). */
function runHook(hook: Hook, files: string[], cwd: string): SpawnSyncReturns<string> {
  const [command, ...entryArgs] = hook.entry.split(/\s+/);
  const args = [...entryArgs, ...(hook.args ?? []), ...(hook.pass_filenames === false ? [] : files)];
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...inHookEnv() }, timeout: 60_000 });
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'ase-lint-precommit-'));
  // pre-commit's clone: the files git has (committed or about to be), nothing built.
  clone = join(work, 'repo');
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(root, file), join(clone, file));
  }
  assert.ok(!existsSync(join(clone, 'dist')), 'the clone starts without a build');
  // What pre-commit's `npm install --include=dev` would fetch from the registry.
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  hookEnv = join(work, 'node_env');
  mkdirSync(hookEnv);
  packOutput = npm(['pack'], clone, inHookEnv());
  assert.equal(packOutput.status, 0, packOutput.stderr);
  const tarball = join(clone, packOutput.stdout.trim());
  const installed = npm(['install', '-g', tarball], clone, inHookEnv());
  assert.equal(installed.status, 0, installed.stderr);
}, { timeout: 300_000 });

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the manifest: one node hook whose entry is the package bin, with keys pre-commit knows', () => {
  assert.equal(hooks.length, 1);
  const [hook] = hooks;
  assert.deepEqual(Object.keys(hook).filter((k) => !manifestKeys.includes(k)), []);
  assert.equal(hook.id, 'ase-lint');
  assert.equal(hook.language, 'node');
  assert.ok(hook.name && hook.description);
  assert.ok(hook.entry.split(/\s+/)[0] in manifest.bin, `${hook.entry} is a command the package installs`);
  assert.notEqual(hook.pass_filenames, false, 'the staged files are what ase-lint checks');
  // pre-commit's own check of the manifest, when it is installed (scripts/precommit.sh install, as CI does).
  const validate = spawnSync('pre-commit', ['validate-manifest', join(root, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
  if (validate.error) return;
  assert.equal(validate.status, 0, validate.stdout + validate.stderr);
});

test('npm pack, as pre-commit runs it, builds the bundles and prints nothing but the tarball name', () => {
  // pre-commit takes the whole of stdout as the file name: a build's output or npm's script banner there breaks the install (.npmrc).
  assert.equal(packOutput.stdout, `${manifest.name}-${manifest.version}.tgz\n`);
  assert.ok(existsSync(join(clone, 'dist', 'cli.js')), 'the prepack build ran in the clone');
  assert.ok(existsSync(join(hookEnv, 'bin', 'ase-lint')));
  const version = runHook({ ...hooks[0], pass_filenames: false, args: ['--version'] }, [], clone);
  assert.equal(version.stdout.trim(), manifest.version, version.stderr);
});

test('the hook gets the staged templates, and fails on a broken one with its findings', () => {
  const sample = join(work, 'sample');
  const put = (to: string, from: string) => {
    mkdirSync(dirname(join(sample, to)), { recursive: true });
    copyFileSync(join(root, from), join(sample, to));
  };
  put('infra/broken.json', 'examples/ase-v2-broken-nsg.json');
  put('infra/v3.json', 'examples/ase-v3.json');
  put('infra/v3-broken.bicep', 'examples/ase-v3-broken.bicep');
  put('infra/main.bicepparam', 'test/samples/clean-v3-external.bicepparam');
  writeFileSync(join(sample, 'package.json'), '{ "name": "app" }\n');
  writeFileSync(join(sample, 'README.md'), '# app\n');
  const staged = ['README.md', 'infra/broken.json', 'infra/main.bicepparam', 'infra/v3-broken.bicep', 'infra/v3.json', 'package.json'];
  const [hook] = hooks;
  assert.deepEqual(selected(hook, staged), ['infra/broken.json', 'infra/v3-broken.bicep', 'infra/v3.json', 'package.json']);

  const all = runHook(hook, selected(hook, staged), sample);
  assert.equal(all.status, 1, all.stderr);
  assert.match(all.stdout, /^infra\/broken\.json:27:21 error ASE101 /m);
  assert.match(all.stdout, /^infra\/v3-broken\.bicep:\d+:\d+ error ASE106 /m);
  assert.doesNotMatch(all.stdout, /^infra\/v3\.json:/m);
  // package.json is read and skipped: not a deployment template.
  assert.match(all.stderr, / in 3 templates\n$/);

  const clean = runHook(hook, selected(hook, ['infra/v3.json', 'package.json']), sample);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.equal(clean.stdout, '');
  // A commit without templates passes the hook (pre-commit does not even run it with no file left).
  assert.equal(runHook(hook, ['package.json'], sample).status, 0);
});

test('arguments in a user config come before the files: --fail-on warning fails on a warning', () => {
  const sample = join(work, 'warn');
  mkdirSync(sample);
  copyFileSync(join(root, 'test', 'fixtures', 'cli', 'v3-small-subnet.json'), join(sample, 'small.json'));
  const [hook] = hooks;
  assert.equal(runHook(hook, ['small.json'], sample).status, 0);
  const strict = runHook({ ...hook, args: ['--fail-on', 'warning'] }, ['small.json'], sample);
  assert.equal(strict.status, 1);
  assert.match(strict.stdout, /^small\.json:\d+:\d+ warning ASE401 /m);
});
