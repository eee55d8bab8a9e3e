// The disk host's rules for what it reads: open documents first, regular files only, a
// size cap, and no symbolic link out of the roots (see the decision in diskHost.ts).
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createDiskHost, MAX_FILE_BYTES } from '../../server/src/engine/diskHost';
import { canSymlink, devicesHere } from '../support/references';

let dir = '';
const links = canSymlink();
const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-diskhost-')));
  for (const d of ['ws', 'outside', 'real-ws']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'ws', 'main.bicep'), 'main');
  writeFileSync(join(dir, 'ws', 'other.bicep'), 'other');
  writeFileSync(join(dir, 'outside', 'shared.bicep'), 'shared');
  writeFileSync(join(dir, 'real-ws', 'inner.bicep'), 'inner');
  mkdirSync(join(dir, 'ws', 'folder.bicep'));
  if (links) {
    symlinkSync(join(dir, 'ws', 'other.bicep'), join(dir, 'ws', 'alias.bicep'));
    symlinkSync(join(dir, 'outside', 'shared.bicep'), join(dir, 'ws', 'out.bicep'));
    symlinkSync(join(dir, 'outside', 'shared.bicep'), join(dir, 'outside', 'link.bicep'));
    symlinkSync(join(dir, 'nowhere.bicep'), join(dir, 'ws', 'dangling.bicep'));
    symlinkSync(join(dir, 'real-ws'), join(dir, 'linked-ws'), 'dir');
  }
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const confined = (onRefused?: (uri: string, why: string) => void) =>
  createDiskHost(undefined, { roots: [pathToFileURL(join(dir, 'ws')).href], ...(onRefused ? { onRefused } : {}) });

test('an open document answers first, even where the disk holds a directory', () => {
  const host = createDiskHost((u) => (u === uri('ws/folder.bicep') ? 'unsaved' : undefined), { roots: [join(dir, 'ws')] });
  assert.equal(host.readFile(uri('ws/folder.bicep')), 'unsaved');
  assert.equal(host.whyNot(uri('ws/folder.bicep')), undefined);
  assert.ok(host.reads.has(uri('ws/folder.bicep')));
});

test('regular files inside the roots are read; a missing file is absent without a reason or a report', () => {
  const refused: string[] = [];
  const host = confined((u) => refused.push(u));
  assert.equal(host.readFile(uri('ws/main.bicep')), 'main');
  assert.equal(host.readFile(uri('ws/missing.bicep')), undefined);
  assert.equal(host.whyNot(uri('ws/missing.bicep')), undefined);
  assert.equal(host.readFile('untitled:Untitled-1'), undefined);
  assert.deepEqual(refused, []);
});

test('a directory is refused with a reason, reported once however often it is asked for', () => {
  const refused: [string, string][] = [];
  const host = confined((u, why) => refused.push([u, why]));
  for (let i = 0; i < 3; i++) assert.equal(host.readFile(uri('ws/folder.bicep')), undefined);
  assert.equal(host.whyNot(uri('ws/folder.bicep')), 'it is a directory, not a regular file');
  assert.deepEqual(refused, [[uri('ws/folder.bicep'), 'it is a directory, not a regular file']]);
});

test('a file past the size cap is refused before it is read', () => {
  const fd = openSync(join(dir, 'ws', 'sparse.bicep'), 'w');
  ftruncateSync(fd, MAX_FILE_BYTES + 1);
  closeSync(fd);
  const host = confined();
  assert.equal(host.readFile(uri('ws/sparse.bicep')), undefined);
  assert.match(host.whyNot(uri('ws/sparse.bicep')) ?? '', /^it is 65 MB, more than the 64 MB the analyser reads$/);
});

test('a path outside the roots, even written as such, is refused, saying how to allow it; without roots it is read', () => {
  const host = confined();
  assert.equal(host.readFile(uri('outside/shared.bicep')), undefined);
  assert.equal(host.whyNot(uri('outside/shared.bicep')), "it is outside the workspace folders and the template's folder (aseLint.readOutsideWorkspace allows reading it)");
  assert.equal(createDiskHost().readFile(uri('outside/shared.bicep')), 'shared');
});

test('symbolic links: inside to inside is read; inside to outside, outside to outside and dangling are refused', { skip: !links && 'no symbolic links here' }, () => {
  const host = confined();
  assert.equal(host.readFile(uri('ws/alias.bicep')), 'other');
  assert.equal(host.readFile(uri('ws/out.bicep')), undefined);
  assert.match(host.whyNot(uri('ws/out.bicep')) ?? '', /^it leads through a symbolic link to .*shared\.bicep, outside the workspace folders and the template's folder \(aseLint\.readOutsideWorkspace allows reading it\)$/);
  assert.equal(host.readFile(uri('outside/link.bicep')), undefined);
  assert.match(host.whyNot(uri('outside/link.bicep')) ?? '', /^it is a symbolic link to .*shared\.bicep, and both are outside/);
  assert.equal(host.readFile(uri('ws/dangling.bicep')), undefined);
  assert.equal(host.whyNot(uri('ws/dangling.bicep')), 'it is a symbolic link that leads to no file');
});

test('a workspace folder that is itself a link still holds its files', { skip: !links && 'no symbolic links here' }, () => {
  const host = createDiskHost(undefined, { roots: [pathToFileURL(join(dir, 'linked-ws')).href] });
  assert.equal(host.readFile(uri('linked-ws/inner.bicep')), 'inner');
});

test('the folder of the analysed document is a root: a file given as a root stands for its folder', { skip: !links && 'no symbolic links here' }, () => {
  const host = createDiskHost(undefined, { roots: [uri('outside/shared.bicep')] });
  // Inside that folder now, so a link from the workspace into it is fine, and one out of ws is not an escape from it.
  assert.equal(host.readFile(uri('outside/link.bicep')), 'shared');
});

test('without roots reads are not confined, but only regular files are read', { skip: !links && 'no symbolic links here' }, () => {
  const host = createDiskHost();
  assert.equal(host.readFile(uri('ws/out.bicep')), 'shared');
  assert.equal(host.readFile(uri('ws/folder.bicep')), undefined);
  if (devicesHere) {
    assert.equal(host.readFile('file:///dev/zero'), undefined);
    assert.equal(host.whyNot('file:///dev/zero'), 'it is a character device, not a regular file');
  }
});
