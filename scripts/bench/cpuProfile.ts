import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

/**
 * Profiles `runs` analyses of `file` in a child and returns the functions with the most
 * self time. The sources run through tsx, whose transpiled lines are not the .ts lines,
 * so a function is named by its name and file only.
 */
export function profileAnalysis(root: string, file: string, runs: number, outDir: string, top = 10): SelfTime[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const output = join(outDir, 'analysis.cpuprofile');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'profileChild.ts'), file, output, String(runs)], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`profiling failed (status ${r.status}): ${r.stderr}`);
  return topSelfTime(JSON.parse(readFileSync(output, 'utf8')) as CpuProfile, root, top);
}

/** Self time by function (name and location), biggest first; idle and program time left out. */
export function topSelfTime(profile: CpuProfile, root: string, top: number): SelfTime[] {
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byFunction = new Map<string, SelfTime>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)' || functionName === '(program)') continue;
    total += hits * perSample;
    const where = url ? shortUrl(url, root) + (url.endsWith('.ts') ? '' : `:${lineNumber + 1}`) : '';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, ms: 0, share: 0 };
    entry.ms += hits * perSample;
    byFunction.set(key, entry);
  }
  const sorted = [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
  for (const e of sorted) e.share = total ? e.ms / total : 0;
  return sorted;
}

function shortUrl(url: string, root: string): string {
  try {
    return relative(root, url.startsWith('file:') ? fileURLToPath(url) : url);
  } catch {
    return url;
  }
}
