// The command line's entry point (dist/cli.js): loads the command line itself
// (dist/cli-main.js, the bundle of cli.ts) through V8's code cache.
//
// Node compiles a script's functions to bytecode the first time each one runs, on every
// start: for the command line's megabyte of bundled code that was a tenth of the
// instructions of a run over a 1 MB template. V8 can write that bytecode out and take it
// back in the next process (a code cache); Node 22 does it for modules on request
// (module.enableCompileCache), Node 20, which the package supports, does not. So this
// file does it for the one script that matters:
//
// - The cache is one file per Node version and architecture in the user's cache folder
//   (ASE_LINT_COMPILE_CACHE names another folder, or `off` turns it off). It starts with
//   a SHA-256 of the bundle's path and text: V8 checks a cache against its source's
//   length only, so a bundle of another release with the same length would otherwise take
//   bytecode that is not its own; and the bytecode names the file it was compiled from,
//   which stack traces print. V8 checks the rest (its version, its flags, the payload's
//   length) and rejects what does not fit; the bundle is then compiled as without a
//   cache. Two installations run in turn rewrite the one file in turn: it stays one file.
// - Bytecode is run as it is read, so the cache is read only from a folder and a file that
//   the user owns and that no one else can write (POSIX), and written the same way: to a
//   file of this process's own, renamed into place, so that runs side by side never read a
//   file half written.
// - It is written when the process exits: after a run without an accepted cache, or after
//   a long run whose bytecode outgrew the cache (the functions a first `--version` never
//   ran). Writing costs about 10 ms, never a short run's.
// - Any failure to read or write it is silent: the command line runs as without it.
//
// NODE_DEBUG=ase-lint-cache says on standard error what happened to the cache.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileThroughCache } from './compileCache';

const bundle = join(__dirname, 'cli-main.js');

/** Compiles and runs the bundle as Node runs a CommonJS module, through the cache; its exports. */
function load(): unknown {
  // Under --enable-source-maps Node maps the bundle's frames itself, which it does only for
  // what its own loader compiled: the bundle is loaded as any module, without the cache.
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return require(bundle);
  const source = readFileSync(bundle, 'utf8');
  // The bundle starts with a `#!` line, which is no JavaScript inside a function: blanked, so lines keep their numbers.
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const script = compileThroughCache(source, `(function (exports, require, module, __filename, __dirname) {${body}\n})`, bundle);
  const mod = { exports: {} as unknown, filename: bundle, id: bundle, loaded: false };
  const req = createRequire(bundle);
  // As when it is required: the program is this file, which runs the bundle's main below.
  req.main = require.main;
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, req, mod, bundle, dirname(bundle));
  mod.loaded = true;
  return mod.exports;
}

const exported = load() as { main(): void };
module.exports = exported;
if (require.main === module) exported.main();
