// What the benchmark measures in process, bundled by engineBundle.ts the way
// scripts/bundle/bundles.mjs bundles the server and the CLI.
export { analyze, forgetReuse } from '../../server/src/engine/analyze';
export { parseArmDocument } from '../../server/src/parse/arm';
export { buildArmModel } from '../../server/src/lower/arm/build';
export { parseBicepDocument } from '../../server/src/parse/bicep/document';
export { buildBicepModel } from '../../server/src/lower/bicep/build';
export { runRules } from '../../server/src/rules/run';
export { fixVerdict } from '../../server/src/engine/safeFixes';
export { allRules } from '../../server/src/rules/index';
export { createDiskHost } from '../../server/src/engine/diskHost';
