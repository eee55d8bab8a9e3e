// What the disk host reads from Bicep's module cache: a root of its own, outside the
// workspace, where only module files of the cache's layout are read.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createDiskHost } from '../../server/src/engine/diskHost';
import { canSymlink } from '../support/references';

let dir = '';
const links = canSymlink();
const module = ['br', 'example.azurecr.io', 'bicep$nsg', '1.0.0$', 'main.json'];

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-cache-')));
  mkdirSync(join(dir, 'ws'));
  mkdirSync(join(dir, 'cache', ...module.slice(0, -1)), { recursive: true });
  writeFileSync(join(dir, 'cache', ...module), '{"module": true}');
  writeFileSync(join(dir, 'cache', 'br', 'secret.json'), 'secret');
  writeFileSync(join(dir, 'outside.json'), 'outside');
  if (links) {
    mkdirSync(join(dir, 'cache', 'br', 'example.azurecr.io', 'bicep$link', '1.0.0$'), { recursive: true });
    symlinkSync(join(dir, 'outside.json'), join(dir, 'cache', 'br', 'example.azurecr.io', 'bicep$link', '1.0.0$', 'main.json'));
  }
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a module file of the cache is read from outside the workspace; readFile, confined to the workspace, still refuses it', () => {
  const refused: string[] = [];
  const host = createDiskHost(undefined, { roots: [join(dir, 'ws')], onRefused: (_u, why) => refused.push(why) });
  const uri = pathToFileURL(join(dir, 'cache', ...module)).href;
  assert.equal(host.readCacheFile!(join(dir, 'cache'), uri), '{"module": true}');
  assert.equal(host.readFile(uri), undefined);
  assert.match(host.whyNot(uri) ?? '', /outside/);
  assert.ok(host.reads.has(uri));
});

test('anything else under the cache root, or a link in the cache that leads out of it, is refused with the reason', { skip: links ? false : 'symbolic links are not available' }, () => {
  const host = createDiskHost(undefined, { roots: [join(dir, 'ws')] });
  const root = join(dir, 'cache');
  const secret = pathToFileURL(join(root, 'br', 'secret.json')).href;
  assert.equal(host.readCacheFile!(root, secret), undefined);
  assert.equal(host.whyNot(secret), `it is not a module file of Bicep's cache ${root}`);
  const escaping = pathToFileURL(join(root, 'br', 'example.azurecr.io', 'bicep$link', '1.0.0$', 'main.json')).href;
  assert.equal(host.readCacheFile!(root, escaping), undefined);
  assert.match(host.whyNot(escaping) ?? '', /symbolic link/);
  const traversal = `${pathToFileURL(root).href}/br/x/y/z/../../../../outside.json`;
  assert.equal(host.readCacheFile!(root, traversal), undefined);
  const missing = pathToFileURL(join(root, 'br', 'example.azurecr.io', 'bicep$nsg', '2.0.0$', 'main.json')).href;
  assert.equal(host.readCacheFile!(root, missing), undefined);
  assert.equal(host.whyNot(missing), undefined, 'a module that is not in the cache is simply absent');
});
