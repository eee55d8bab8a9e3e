// Progress on stderr: only on a terminal, only once a run has been going for a while.
// The clock is a counter the test advances, so nothing here depends on real time.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import { createProgress } from '../../server/src/cli/progress';
import { root } from '../support/ensureBuilt';

const erase = '\r\x1b[2K';

function sink(isTTY: boolean, step: number) {
  let t = 0;
  const written: string[] = [];
  return {
    written,
    isTTY,
    columns: 40,
    now: () => (t += step),
    write: (text: string) => void written.push(text),
  };
}

test('nothing is drawn off a terminal, however long the run', () => {
  const s = sink(false, 10_000);
  const p = createProgress(s);
  for (let i = 0; i < 5; i++) p.update(i, 5, `f${i}.json`);
  p.clear();
  assert.deepEqual(s.written, []);
});

test('a short run draws nothing; a long one draws a fitted line and erases it', () => {
  const quick = sink(true, 1);
  const q = createProgress(quick);
  for (let i = 0; i < 50; i++) q.update(i, 50, 'x.json');
  q.clear();
  assert.deepEqual(quick.written, [], 'under a second: no flicker');

  const slow = sink(true, 1100);
  const p = createProgress(slow);
  p.update(0, 3, 'a.json');
  p.update(1, 3, `infra/${'very-long-directory-name/'.repeat(4)}b.json`);
  p.clear();
  p.clear();
  assert.equal(slow.written.length, 3, `${JSON.stringify(slow.written)}`);
  assert.equal(slow.written[0], `${erase}ase-lint: 0/3 a.json`);
  assert.ok(slow.written[1].startsWith(`${erase}ase-lint: 1/3 infra/`));
  assert.equal(slow.written[1].length - erase.length, 39, 'cut to the terminal width less one');
  assert.equal(slow.written[2], erase, 'erased once');
});

let work = '';

before(() => {
  work = mkdtempSync(join(tmpdir(), 'ase-lint-progress-'));
  mkdirSync(join(work, 'infra'));
  for (const name of ['a', 'b', 'c']) copyFileSync(join(root, 'examples', 'ase-v2-broken-nsg.json'), join(work, 'infra', `${name}.json`));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(stderrIsTTY: boolean) {
  let out = '';
  let err = '';
  let t = 0;
  const status = runCli(['infra', 'infra/missing.json'], {
    cwd: work,
    out: (x) => void (out += x),
    err: (x) => void (err += x),
    stderrIsTTY,
    stderrColumns: 100,
    now: () => (t += 700),
  });
  return { status, out, err };
}

test('the CLI draws progress on a terminal and keeps it out of messages and results', () => {
  const tty = run(true);
  const plain = run(false);
  assert.equal(tty.status, 2);
  assert.equal(tty.out, plain.out, 'stdout never carries progress');
  assert.doesNotMatch(plain.err, /\x1b/);
  assert.match(tty.err, /ase-lint: \d\/3 infra\/[abc]\.json/);
  // Erasing the progress line leaves exactly what a non-terminal run prints.
  assert.equal(tty.err.replace(/\r\x1b\[2K(ase-lint: \d\/3 [^\r\n]*)?/g, ''), plain.err);
  assert.match(plain.err, /^ase-lint: no files match|^ase-lint: cannot read 'infra\/missing.json'/);
});
