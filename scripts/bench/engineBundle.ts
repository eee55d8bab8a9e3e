import { buildSync, type BuildOptions } from 'esbuild';
import { join } from 'node:path';

export type Engine = typeof import('./engineEntry');

/** scripts/bundle/bundles.mjs: the shipped bundles' options, and their build (the benchmark also builds them unminified). */
export const bundles = require(join(__dirname, '..', 'bundle', 'bundles.mjs')) as {
  commonOptions(options?: { minify?: boolean; renameIdentifiers?: boolean }): BuildOptions;
  buildBundles(outDir: string, options?: { minify?: boolean; renameIdentifiers?: boolean }): Promise<void>;
};

/**
 * The engine as it ships: bundled by esbuild with the options of the server and CLI
 * bundles, then loaded. Timing the sources through tsx instead would time tsx's output,
 * which keeps function names by wrapping every closure in a `__name(...)` call at
 * creation: a cost the bundles do not have (a tenth of a Bicep analysis).
 */
export function bundleEngine(outDir: string): { file: string; engine: Engine } {
  const file = join(outDir, 'engine.cjs');
  buildSync({ ...bundles.commonOptions(), entryPoints: [join(__dirname, 'engineEntry.ts')], outfile: file });
  return { file, engine: require(file) as Engine };
}
