// Started by the benchmark's LSP client in place of dist/server.js: runs the server with
// V8's CPU profiler on (node --cpu-prof: one profile per thread, the protocol thread and
// each engine worker, written when it exits) into BENCH_PROFILE_DIR. stdio is the
// client's own, so the JSON-RPC streams pass through untouched.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const server = spawn(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`, '--cpu-prof-interval=200', join(__dirname, '..', '..', 'dist', 'server.js'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
