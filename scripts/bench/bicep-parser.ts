// Bicep parser throughput and edit re-parse latency, on generated realistic templates.
// Run: node --import tsx scripts/bench/bicep-parser.ts [--runs N]
// Prints figures; asserts nothing (timing varies with the machine and its load).
import { parseBicep } from '../../server/src/parse/bicep';
import { generateBicep } from '../../test/parse/bicep/generateBicep';

const MIB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Timing {
  wall: number;
  cpu: number;
}

/**
 * Wall time, and the process's CPU time (all threads, so the garbage collector's
 * helpers count): on a machine shared with other work the CPU time is the steadier one.
 * Runs go back to back, as a server re-parsing on each edit would; the collections a
 * parse causes are part of its time. (Forcing a full collection before each run would
 * shrink the young generation and make every run pay to regrow it.)
 */
function timeParse(text: string): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  parseBicep(text);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

function summary(times: Timing[]): string {
  const wall = median(times.map((t) => t.wall));
  const cpu = median(times.map((t) => t.cpu));
  const min = Math.min(...times.map((t) => t.wall));
  return `median ${wall.toFixed(2)} ms wall (min ${min.toFixed(2)}), median ${cpu.toFixed(2)} ms CPU`;
}

/** A one-character edit somewhere in the middle third, as typing would make. */
function edited(text: string, i: number): string {
  const at = Math.floor(text.length / 3 + ((i * 7919) % Math.floor(text.length / 3)));
  return i % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
}

const runs = option('--runs', 21);
const large = generateBicep(MIB);
const small = generateBicep(100 * 1024);

const parsed = parseBicep(large);
console.log(
  `1 MB file: ${large.length} chars, ${parsed.declarations.length} declarations, ${parsed.diagnostics.length} syntax errors`,
);

for (let i = 0; i < 5; i++) parseBicep(large);
const largeTimes = Array.from({ length: runs }, () => timeParse(large));
const mibs = (ms: number) => (large.length / MIB / (ms / 1000)).toFixed(1);
console.log(`parse 1 MB: ${summary(largeTimes)}`);
console.log(
  `  = ${mibs(median(largeTimes.map((t) => t.wall)))} MiB/s wall, ${mibs(median(largeTimes.map((t) => t.cpu)))} MiB/s CPU`,
);

for (let i = 0; i < 20; i++) parseBicep(edited(small, i));
const editTimes = Array.from({ length: runs * 3 }, (_, i) => timeParse(edited(small, i)));
console.log(`re-parse 100 KB after a one-character edit (${editTimes.length} edits): ${summary(editTimes)}`);
