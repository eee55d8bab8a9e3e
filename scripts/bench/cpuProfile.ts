import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
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
 * Profiles `runs` analyses of `file` in a child, with the engine bundle `bundle` (see
 * engineBundle.ts), and returns the functions with the most self time. A function is
 * named by its name and, through the bundle's source map, its source file and line.
 */
export function profileAnalysis(root: string, bundle: string, file: string, runs: number, outDir: string, top = 10): SelfTime[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const output = join(outDir, 'analysis.cpuprofile');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'profileChild.ts'), bundle, file, output, String(runs)], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`profiling failed (status ${r.status}): ${r.stderr}`);
  const mapFile = `${bundle}.map`;
  const map = existsSync(mapFile) ? { file: bundle, map: new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) } : undefined;
  return topSelfTime(JSON.parse(readFileSync(output, 'utf8')) as CpuProfile, root, top, map);
}

/** Self time by function (name and location), biggest first; idle and program time left out. */
export function topSelfTime(profile: CpuProfile, root: string, top: number, bundle?: { file: string; map: SourceMap }): SelfTime[] {
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byFunction = new Map<string, SelfTime>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)' || functionName === '(program)') continue;
    total += hits * perSample;
    const where = url ? locate(url, lineNumber, columnNumber, root, bundle) : '';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, ms: 0, share: 0 };
    entry.ms += hits * perSample;
    byFunction.set(key, entry);
  }
  const sorted = [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
  for (const e of sorted) e.share = total ? e.ms / total : 0;
  return sorted;
}

/** `server/src/lower/arm/convert.ts:84` for a function of the bundle (its definition, through the source map), else the file and line. */
function locate(url: string, line: number, column: number, root: string, bundle: { file: string; map: SourceMap } | undefined): string {
  const path = shortUrl(url, root);
  if (bundle && path === relative(root, bundle.file)) {
    const entry = bundle.map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource) {
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(dirname(bundle.file), entry.originalSource);
      return `${relative(root, source)}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  return path + (url.endsWith('.ts') ? '' : `:${line + 1}`);
}

function shortUrl(url: string, root: string): string {
  try {
    return relative(root, url.startsWith('file:') ? fileURLToPath(url) : url);
  } catch {
    return url;
  }
}
