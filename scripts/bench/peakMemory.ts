import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { summarize, type Summary } from './stats';

const preload = join(__dirname, 'peakRss.cjs');

/**
 * Where the command line runs on a generated template: a folder that holds only that
 * template, which is the current directory of the run. The command line indexes the
 * current directory as its workspace (to learn which file deploys which), and the
 * benchmark's output folder holds thousands of other generated templates (the workspace
 * units): run from the repository, a "10 MB" figure was also the time to read those.
 * The template is linked there (copied where links are refused).
 */
export function folderOfItsOwn(file: string, under: string): { cwd: string; file: string } {
  const cwd = join(under, `${basename(dirname(file))}-${basename(file).replace(/\.[^.]+$/, '')}`);
  rmSync(cwd, { recursive: true, force: true });
  mkdirSync(cwd, { recursive: true });
  const alone = join(cwd, basename(file));
  try {
    linkSync(file, alone);
  } catch {
    copyFileSync(file, alone);
  }
  return { cwd, file: alone };
}

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
export function measurePeakMemory(root: string, file: string, jsonFile = file, analysis?: number, cwd = root): PeakMemory {
  const read = "const t = require('fs').readFileSync(process.env.BENCH_FILE, 'utf8');";
  return {
    analysis: analysis ?? peakOf(cwd, [join(root, 'dist', 'cli.js'), '--format', 'json', file], file),
    readOnly: peakOf(cwd, ['-e', read], file),
    jsonParse: peakOf(cwd, ['-e', `${read} JSON.parse(t);`], jsonFile),
  };
}

export interface CliRun {
  /**
   * Spawn of `ase-lint --format json <file>` until it exits: node's start, reading, analysis
   * and output, with no compile cache (a first run on the machine, or a pipeline on a fresh
   * runner). The targets are on this figure.
   */
  wall: Summary;
  /** The same, with the compile cache a previous run left (see server/src/cli/launch.ts): each later run on the same machine. */
  cached: Summary;
  /** The highest peak RSS of those runs, in MB. */
  peak: number;
}

/**
 * `ase-lint` (the bundled CLI) on the file, `runs` times, each in a fresh process (as a
 * pipeline step runs it; the file was just written, so it is in the file cache), with
 * `cwd` as the current directory (see folderOfItsOwn): first each with an empty compile
 * cache folder of its own, then, after one untimed run that fills one, each with it.
 */
export function measureCli(root: string, file: string, runs: number, cwd = root): CliRun {
  const walls: number[] = [];
  const cachedWalls: number[] = [];
  let peak = 0;
  const folders = mkdtempSync(join(tmpdir(), 'ase-lint-bench-cache-'));
  try {
    const run = (cache: string, into: number[]) => {
      const start = performance.now();
      const rss = peakOf(cwd, [join(root, 'dist', 'cli.js'), '--format', 'json', file], file, cache);
      into.push(performance.now() - start);
      peak = Math.max(peak, rss);
    };
    for (let i = 0; i < runs; i++) run(join(folders, `empty-${i}`), walls);
    const kept = join(folders, 'kept');
    run(kept, []);
    for (let i = 0; i < runs; i++) run(kept, cachedWalls);
  } finally {
    rmSync(folders, { recursive: true, force: true });
  }
  return { wall: summarize(walls), cached: summarize(cachedWalls), peak };
}

function peakOf(cwd: string, args: string[], file: string, compileCache = 'off'): number {
  const r = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, BENCH_FILE: file, ASE_LINT_COMPILE_CACHE: compileCache },
    maxBuffer: 256 * 2 ** 20,
    timeout: 120_000,
  });
  const m = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  // The CLI exits 1 when it finds an error-level problem; only a missing figure is a failure.
  if (!m) throw new Error(`no peak RSS from ${args.join(' ')} (status ${r.status}): ${r.stderr}`);
  return (Number(m[1]) * 1024) / 1e6;
}
