// The published package: `npm pack`, installed into an empty project with no registry
// (the bundles carry every dependency, so the tarball needs nothing else), then run
// through `npx` the way a pipeline would. The packs here skip the prepack build: the
// bundles are already built (ensureBuilt), and rebuilding dist/ would pull it from under
// the other test files running meanwhile; test/cli/precommit.test.ts packs a copy of the
// repository with its prepack build.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, root } from '../support/ensureBuilt';
import { allRules } from '../../server/src/rules/index';

let work = '';
let project = '';
let tarball = '';

/**
 * npm run as a user would: without the variables an enclosing `npm test` exports
 * (npm_config_*, npm_lifecycle_*), which would otherwise steer the inner npm, and with
 * a cache of its own so the install cannot be served from, or write to, the user's.
 */
function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  env.npm_config_cache = join(work, 'npm-cache');
  env.npm_config_update_notifier = 'false';
  const command = args[0] === 'npx' ? 'npx' : 'npm';
  const rest = args[0] === 'npx' ? args.slice(1) : args;
  return spawnSync(process.platform === 'win32' ? `${command}.cmd` : command, rest, {
    cwd,
    env,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
}

function ok(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  assert.equal(r.status, 0, `${what} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}\n${r.error ?? ''}`);
  return r;
}

before(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'ase-lint-pack-'));
  const packed = ok(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root), 'npm pack');
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info.filename);
  project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  ok(npm(['install', '--offline', '--no-audit', '--no-fund', tarball], project), 'npm install --offline');
  mkdirSync(join(project, 'infra'));
  copyFileSync(join(root, 'examples', 'ase-v2-broken-nsg.json'), join(project, 'infra', 'broken.json'));
  copyFileSync(join(root, 'examples', 'ase-v3.json'), join(project, 'infra', 'v3.json'));
}, { timeout: 180_000 });

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the CLI and server bundles with their source maps, the docs, the schema, README and LICENSE; nothing else', () => {
  const r = ok(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], root), 'npm pack --dry-run');
  const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
  assert.deepEqual(
    files,
    [
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/cli.js.map',
      'dist/cli-main.js',
      'dist/cli-main.js.map',
      'dist/server.js',
      'dist/server.js.map',
      'docs/configuration.md',
      ...allRules.map((rule) => `docs/rules/${rule.name}.md`),
      // The base templates the rule pages' examples are fragments of.
      ...readdirSync(join(root, 'docs', 'rules', 'bases')).map((f) => `docs/rules/bases/${f}`),
      'package.json',
      // For "$schema" in ase-lint.json.
      'schemas/ase-lint.schema.json',
    ].sort(),
  );
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { private?: boolean; dependencies?: Record<string, string>; files?: string[]; bin?: Record<string, string> };
  assert.equal(manifest.private, undefined, 'publishable');
  assert.deepEqual(manifest.bin, { 'ase-lint': './dist/cli.js' });
  assert.deepEqual(Object.keys(manifest.dependencies ?? {}), [], 'everything the package runs is bundled');
});

test('installed offline, it brings no dependencies along', () => {
  const installed = join(project, 'node_modules');
  assert.ok(existsSync(join(installed, 'ase-network-lint', 'dist', 'cli.js')));
  assert.deepEqual(readdirSync(installed).filter((d) => !d.startsWith('.')), ['ase-network-lint']);
});

test('npx ase-lint runs from the installed package', () => {
  const version = ok(npm(['npx', '--no-install', 'ase-lint', '--version'], project), 'npx ase-lint --version');
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);

  const clean = ok(npm(['npx', '--no-install', 'ase-lint', 'infra/v3.json'], project), 'npx ase-lint on a correct template');
  assert.equal(clean.stderr.trim().split('\n').pop(), '0 errors, 0 warnings in 1 template');

  const broken = npm(['npx', '--no-install', 'ase-lint', '--format', 'json', 'infra/*.json'], project);
  assert.equal(broken.status, 1, broken.stderr);
  const findings = (JSON.parse(broken.stdout) as { findings: { code: string; file: string }[] }).findings;
  assert.ok(findings.some((f) => f.code === 'ASE101' && f.file === join('infra', 'broken.json')), broken.stdout);

  const sarif = npm(['npx', '--no-install', 'ase-lint', '--format', 'sarif', 'infra'], project);
  assert.equal(sarif.status, 1, sarif.stderr);
  const log = JSON.parse(sarif.stdout) as { version: string; runs: { tool: { driver: { rules: { name: string; help?: { markdown: string } }[] } } }[] };
  assert.equal(log.version, '2.1.0');
  // The help comes from the rule pages the package ships beside dist/.
  const rules = log.runs[0].tool.driver.rules;
  assert.equal(rules.length, allRules.length);
  for (const r of rules) assert.match(r.help?.markdown ?? '', /^## What it checks$/m, `${r.name}: help from its page`);
});

test('npx on the package itself runs ase-lint, its one command (as `npx ase-network-lint@VERSION` does from the registry)', () => {
  // A relative path, which npx reads as a package (an absolute one it would run as a command).
  const r = ok(npm(['npx', '--yes', '--offline', relative(project, tarball), '--fail-on', 'warning', 'infra/v3.json'], project), 'npx <tarball>');
  assert.equal(r.stderr.trim().split('\n').pop(), '0 errors, 0 warnings in 1 template');
});
