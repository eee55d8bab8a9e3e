// The shipped bundles are minified, and what the command line and the server print on an
// internal failure still names the original files and lines: each Node bundle maps its
// own stack frames through the source map beside it (scripts/bundle/stackTraces.ts).
// The failures are provoked in the bundles as they run: the CLI's entry point with an
// output that throws, and the engine worker thread of the server with a job it cannot
// handle, whose reply carries the stack the server would log.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ensureBuilt, root } from '../support/ensureBuilt';

before(() => ensureBuilt());

const dist = join(root, 'dist');

/** Runs `script` in a fresh node (with `args` before it, such as --enable-source-maps); its stdout. */
function node(script: string, args: string[] = []): string {
  const r = spawnSync(process.execPath, [...args, '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** The stack of an exception thrown inside runCli (by the output it writes to). */
function cliStack(bundle: string, args: string[] = []): string {
  return node(
    `const { runCli } = require(${JSON.stringify(bundle)});
     try {
       runCli([${JSON.stringify(join(root, 'examples', 'ase-v3.json'))}], { cwd: process.cwd(), out: () => { throw new Error('rigged output failure'); }, err: () => {} });
     } catch (e) { process.stdout.write(e.stack); }`,
    args,
  );
}

/** The `error` of the engine worker's reply to a job without a document: what the server logs. */
function workerStack(args: string[] = []): string {
  return node(
    `const { Worker } = require('node:worker_threads');
     const worker = new Worker(${JSON.stringify(join(dist, 'server.js'))}, { workerData: { role: 'ase-lint-engine' } });
     worker.on('message', (reply) => { process.stdout.write(String(reply.error)); worker.terminate(); });
     worker.postMessage({ id: 1, sync: { set: [], remove: [] }, job: { kind: 'hover', doc: null, position: { line: 0, character: 0 } } });`,
    args,
  );
}

/** The frames of a stack: name (if any), file, one-based line and column. */
function frames(stack: string): { name?: string; file: string; line: number; column: number }[] {
  return [...stack.matchAll(/^ {4}at (?:(.+) \()?(.+?):(\d+):(\d+)\)?$/gm)].map((m) => ({ name: m[1], file: m[2], line: Number(m[3]), column: Number(m[4]) }));
}

function sourceLine(file: string, line: number): string {
  return readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
}

test('the bundles are minified and each has a source map of positions, without copies of the sources', () => {
  for (const name of ['client.js', 'server.js', 'cli.js', 'cli-main.js']) {
    const text = readFileSync(join(dist, name), 'utf8');
    assert.ok(text.trimEnd().endsWith(`//# sourceMappingURL=${name}.map`), name);
    // Whitespace is minified: few lines for the size (unminified, a line holds some 40 characters).
    assert.ok(text.split('\n').length < text.length / 500, `${name}: ${text.split('\n').length} lines for ${text.length} characters`);
    const map = JSON.parse(readFileSync(join(dist, `${name}.map`), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    assert.equal(map.sourcesContent, undefined, name);
    assert.ok(map.sources.some((s) => /^\.\.\/(server|client)\/src\/.+\.ts$/.test(s)), name);
  }
  // The client shares the extension host with other extensions: it must not touch global error formatting.
  assert.doesNotMatch(readFileSync(join(dist, 'client.js'), 'utf8'), /prepareStackTrace/);
});

test('an exception inside the bundled CLI is printed with the original file, line and function', () => {
  const stack = cliStack(join(dist, 'cli.js'));
  assert.match(stack, /^Error: rigged output failure\n/);
  const frame = frames(stack).find((f) => f.name === 'runCli');
  assert.ok(frame, stack);
  assert.equal(frame.file, join(root, 'server', 'src', 'cli', 'cli.ts'));
  assert.match(sourceLine(frame.file, frame.line), /io\.out\(/, `cli.ts:${frame.line} is where runCli writes its output`);
  assert.ok(!stack.includes(join(dist, 'cli.js')), stack);
});

test('an exception in the server bundle, in the engine worker thread, is reported with the original files and lines', () => {
  const stack = workerStack();
  const property = /reading '(\w+)'/.exec(stack)?.[1];
  assert.ok(property, stack);
  const [top] = frames(stack);
  assert.ok(top.file.startsWith(join(root, 'server', 'src')) && top.file.endsWith('.ts') && existsSync(top.file), stack);
  // The line the map points at reads the property the message names.
  assert.ok(sourceLine(top.file, top.line).includes(`.${property}`), `${top.file}:${top.line}: ${sourceLine(top.file, top.line)}`);
  // Identifiers keep their names in the bundles: the frame names the class and method.
  assert.match(top.name ?? '', /^[A-Z]\w+\.\w+$/);
  assert.ok(!stack.includes(join(dist, 'server.js')), stack);
});

test('under node --enable-source-maps the frames are mapped by node itself, the same way', () => {
  const stack = cliStack(join(dist, 'cli.js'), ['--enable-source-maps']);
  const frame = frames(stack).find((f) => f.name === 'runCli');
  assert.ok(frame && frame.file === join(root, 'server', 'src', 'cli', 'cli.ts'), stack);
  assert.match(sourceLine(frame.file, frame.line), /io\.out\(/);
});

test('without its source map beside it, a bundle still prints its stack, with the bundle positions', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ase-bundle-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(join(dist, 'cli.js'), join(dir, 'cli.js'));
  copyFileSync(join(dist, 'cli-main.js'), join(dir, 'cli-main.js'));
  const stack = cliStack(join(dir, 'cli.js'));
  const frame = frames(stack).find((f) => f.name === 'runCli');
  assert.ok(frame && frame.file === join(dir, 'cli-main.js'), stack);
});
