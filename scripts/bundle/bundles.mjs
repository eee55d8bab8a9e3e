// The esbuild bundles: the extension client, the language server (also runnable on its
// own with --stdio) and the command line. scripts/build.mjs writes them to dist/; the
// benchmark builds them elsewhere too (unminified, to compare) and bundles its engine
// entry with the same options.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Options shared by every bundle, with a source map beside each file; the maps carry
 * positions only (no copy of the sources), which is what a stack trace or a profile
 * needs, so the packages stay small.
 *
 * `minify` (the default, as shipped): whitespace and syntax are minified, identifiers
 * keep their names. Renaming them too (`renameIdentifiers`) makes the files a third
 * smaller again, but the client bundle loads no faster (a few milliseconds slower in
 * `npm run bench`, which builds all three variants and times their start-up), and
 * function and class names would be lost from stack traces and profiles.
 */
export function commonOptions({ minify = true, renameIdentifiers = false } = {}) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minifyWhitespace: minify,
    minifySyntax: minify,
    minifyIdentifiers: minify && renameIdentifiers,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    // ip-num and jsonc-parser ship UMD/ESM builds; prefer the ESM entry points for tree shaking.
    mainFields: ['module', 'main'],
    absWorkingDir: root,
  };
}

/**
 * Injected into the bundles that run in their own Node process (server, CLI): their
 * stack traces name the original files and lines (see stackTraces.ts). Never into the
 * client, which shares the extension host with other extensions.
 */
export const stackTraces = join(root, 'scripts', 'bundle', 'stackTraces.ts');

/** Builds client.js, server.js, cli.js and cli-main.js (with their maps) into `outDir`. */
export async function buildBundles(outDir, { minify = true, renameIdentifiers = false } = {}) {
  const common = commonOptions({ minify, renameIdentifiers });
  const out = resolve(root, outDir);
  await Promise.all([
    build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: join(out, 'client.js'), external: ['vscode'] }),
    build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: join(out, 'server.js'), inject: [stackTraces] }),
    // The command line: cli.js, the program, loads cli-main.js through V8's code cache (see server/src/cli/launch.ts).
    build({ ...common, entryPoints: ['server/src/cli/cli.ts'], outfile: join(out, 'cli-main.js'), inject: [stackTraces] }),
    build({ ...common, entryPoints: ['server/src/cli/launch.ts'], outfile: join(out, 'cli.js'), banner: { js: '#!/usr/bin/env node' } }),
  ]);
  chmodSync(join(out, 'cli.js'), 0o755);
}
