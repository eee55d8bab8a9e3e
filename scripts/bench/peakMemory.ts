import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { summarize, type Summary } from './stats';

const preload = join(__dirname, 'peakRss.cjs');

export interface PeakMemory {
  /** Peak RSS of `ase-lint` (the bundled CLI) analysing the file, in MB. */
  analysis: number;
  /** Peak RSS of a bare node that only reads the text, in MB: the floor under the figure above. */
  readOnly: number;
  /** Peak RSS of a bare node that reads the text and JSON.parses it (for Bicep: the same template in ARM JSON), in MB. */
  jsonParse: number;
}

/**
 * Each figure comes from a fresh child process, so nothing the benchmark itself holds
 * (the other templates, the timing samples) is counted against the analysis.
 */
export function measurePeakMemory(root: string, file: string, jsonFile = file, analysis?: number): PeakMemory {
  const read = "const t = require('fs').readFileSync(process.env.BENCH_FILE, 'utf8');";
  return {
    analysis: analysis ?? peakOf(root, [join(root, 'dist', 'cli.js'), '--format', 'json', file], file),
    readOnly: peakOf(root, ['-e', read], file),
    jsonParse: peakOf(root, ['-e', `${read} JSON.parse(t);`], jsonFile),
  };
}

export interface CliRun {
  /** Spawn of `ase-lint --format json <file>` until it exits: node's start, reading, analysis and output. */
  wall: Summary;
  /** The highest peak RSS of those runs, in MB. */
  peak: number;
}

/**
 * `ase-lint` (the bundled CLI) on the file, `runs` times, each in a fresh process (as a
 * pipeline step runs it; the file was just written, so it is in the file cache).
 */
export function measureCli(root: string, file: string, runs: number): CliRun {
  const walls: number[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const rss = peakOf(root, [join(root, 'dist', 'cli.js'), '--format', 'json', file], file);
    walls.push(performance.now() - start);
    peak = Math.max(peak, rss);
  }
  return { wall: summarize(walls), peak };
}

function peakOf(root: string, args: string[], file: string): number {
  const r = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BENCH_FILE: file },
    maxBuffer: 256 * 2 ** 20,
    timeout: 120_000,
  });
  const m = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  // The CLI exits 1 when it finds an error-level problem; only a missing figure is a failure.
  if (!m) throw new Error(`no peak RSS from ${args.join(' ')} (status ${r.status}): ${r.stderr}`);
  return (Number(m[1]) * 1024) / 1e6;
}
