// Bundles the extension client, the language server and the command line into dist/
// (see scripts/bundle/bundles.mjs): minified, each with its source map.
import { buildBundles } from './bundle/bundles.mjs';

if (process.argv.includes('--watch')) console.log('watch mode is not supported; run npm run build again');
await buildBundles('dist');
