import { buildSync } from 'esbuild';
import { join } from 'node:path';

export type Engine = typeof import('./engineEntry');

/**
 * The engine as it ships: bundled by esbuild with the options of scripts/build.mjs, then
 * loaded. Timing the sources through tsx instead would time tsx's output, which keeps
 * function names by wrapping every closure in a `__name(...)` call at creation: a cost
 * the bundles do not have (a tenth of a Bicep analysis).
 */
export function bundleEngine(outDir: string): { file: string; engine: Engine } {
  const file = join(outDir, 'engine.cjs');
  buildSync({
    entryPoints: [join(__dirname, 'engineEntry.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    sourcemap: true,
    logLevel: 'warning',
  });
  return { file, engine: require(file) as Engine };
}
