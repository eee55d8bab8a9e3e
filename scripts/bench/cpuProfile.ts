import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildRequest, ChildResults } from './profileChild';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export interface Share {
  name: string;
  /** Per analysis: milliseconds of self time, or bytes allocated. */
  amount: number;
  share: number;
}

export interface Profile {
  runs: number;
  model: ChildResults['model'];
  /** Median milliseconds of an analysis without the profiler: the self times below are shares of it. */
  msPerAnalysis: number;
  /** Sampled milliseconds per analysis under the profiler (idle and program time left out). */
  sampledMsPerAnalysis: number;
  functions: SelfTime[];
  layers: Share[];
  gc: ChildResults['gc'];
  rules: ChildResults['ruleMs'];
  /** Bytes allocated per analysis, and by layer and function. */
  allocated: number;
  allocationLayers: Share[];
  allocationFunctions: (Share & { where: string })[];
  /** Calls per analysis of the most called functions. */
  calls: { name: string; where: string; calls: number }[];
  /** Calls per analysis of the functions in `WATCHED`. */
  watched: { name: string; where: string; calls: number }[];
  retained?: ChildResults['retained'];
}

interface Bundle {
  file: string;
  map: SourceMap;
}

/**
 * Profiles `runs` analyses of `file` in a child (see profileChild.ts), with the engine
 * bundle `bundle` (see engineBundle.ts). A function is named by its name and, through
 * the bundle's source map, its source file and line; a layer is the folder of
 * server/src a function's source lies in, and a built-in (a sort, a Map's get) counts
 * for the layer of the function that called it.
 */
export function profileUnit(options: { root: string; bundle: string; file: string; folder?: string; runs: number; outDir: string; memory: boolean }): Profile {
  const { root, bundle: bundleFile, outDir } = options;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const request: ChildRequest = { bundle: bundleFile, file: options.file, folder: options.folder, outDir, runs: options.runs, memory: options.memory };
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'profileChild.ts'), JSON.stringify(request)], {
    cwd: root,
    encoding: 'utf8',
    timeout: 900_000,
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`profiling failed (status ${r.status}): ${r.stderr}`);
  const child = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as ChildResults;
  const cpu = JSON.parse(readFileSync(join(outDir, 'analysis.cpuprofile'), 'utf8')) as CpuProfile;
  const heap = JSON.parse(readFileSync(join(outDir, 'allocations.heapprofile'), 'utf8')) as { head: HeapNode };
  const locate = locator(root);
  const { functions, layers, total } = selfTimes(cpu, locate, 15);
  const allocations = allocationShares(heap.head, locate, child.heapRuns);
  const calls = callCounts(child.coverage, bundleFile, locate);
  // Sampled wall time runs slow under the profiler and on a loaded machine: shares are
  // exact, milliseconds are the shares of the median measured without the profiler.
  const scale = child.medianMs / (total / child.runs);
  return {
    runs: child.runs,
    model: child.model,
    msPerAnalysis: child.medianMs,
    sampledMsPerAnalysis: total / child.runs,
    functions: functions.map((f) => ({ ...f, ms: (f.ms / child.runs) * scale })),
    layers: layers.map((l) => ({ ...l, amount: (l.amount / child.runs) * scale })),
    gc: child.gc,
    rules: child.ruleMs,
    allocated: allocations.total,
    allocationLayers: allocations.layers,
    allocationFunctions: allocations.functions,
    calls: calls.slice(0, 25),
    watched: WATCHED.map((w) => calls.find((c) => c.name === w.name && c.where.startsWith(w.file)) ?? { name: w.name, where: w.file, calls: 0 }),
    retained: child.retained,
  };
}

/** Prints a profile: the figures a design note starts from. */
export function printProfile(p: Profile, root: string, dir: string): void {
  const m = p.model;
  const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
  const pct = (n: number) => `${(n * 100).toFixed(1).padStart(5)}%`;
  const kb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} KB`);
  console.log(`  model: ${m.ases} ASEs, ${m.nsgs} NSGs with ${m.rules} rules, ${m.subnets} subnets in ${m.vnets} VNets, ${m.resources} resources`);
  console.log(`  an analysis: ${ms(p.msPerAnalysis)} (median without the profiler; ${ms(p.sampledMsPerAnalysis)} sampled under it, the times below are shares of the first); garbage collection: ${(p.gc.count / p.runs).toFixed(1)} collections, ${ms(p.gc.ms / p.runs)} per analysis (${Object.entries(p.gc.byKind).map(([k, v]) => `${k} ${v.count}× ${ms(v.ms)}`).join(', ')} over ${p.runs} analyses)`);
  console.log("  self time by layer, per analysis (a built-in counts for its caller's layer):");
  for (const l of p.layers) console.log(`    ${ms(l.amount).padStart(10)} ${pct(l.share)}  ${l.name}`);
  console.log('  self time by function, per analysis:');
  for (const f of p.functions) console.log(`    ${ms(f.ms).padStart(10)} ${pct(f.share)}  ${f.name}  ${f.where}`);
  const ruleTotal = p.rules.reduce((n, r) => n + r.ms, 0);
  console.log(`  rules, each check alone on a fresh model (median), total ${ms(ruleTotal)}; the costliest:`);
  for (const r of [...p.rules].sort((a, b) => b.ms - a.ms).slice(0, 10)) console.log(`    ${ms(r.ms).padStart(10)} ${pct(ruleTotal ? r.ms / ruleTotal : 0)}  ${r.code} ${r.name}`);
  console.log(`  allocated per analysis: ${kb(p.allocated)}; by layer:`);
  for (const l of p.allocationLayers.slice(0, 10)) console.log(`    ${kb(l.amount).padStart(10)} ${pct(l.share)}  ${l.name}`);
  console.log('  by function:');
  for (const f of p.allocationFunctions.slice(0, 10)) console.log(`    ${kb(f.amount).padStart(10)} ${pct(f.share)}  ${f.name}  ${f.where}`);
  const per = (n: number, of: number) => (of > 0 ? ` (${(n / of).toFixed(1)} per ${of === m.ases ? 'ASE' : 'NSG'})` : '');
  const watched = p.watched.filter((w) => w.calls > 0);
  if (watched.length > 0) {
    console.log('  calls in one analysis of the functions that say what is repeated per ASE, per NSG, per rule:');
    console.log(`    ${watched.map((c) => `${c.name} ${c.calls}`).join(', ')}`);
  }
  console.log('  calls in one analysis, the most called functions:');
  for (const c of p.calls) console.log(`    ${String(c.calls).padStart(10)}  ${c.name}  ${c.where}${m.ases > 1 ? per(c.calls, m.ases) : per(c.calls, m.nsgs)}`);
  if (p.retained) {
    const r = p.retained;
    console.log(`  kept alive by one analysis (heap after a full collection): ${kb(r.analysis)} for a text of ${kb(r.text)} — model ${kb(r.model)}, document (tree, lines) ${kb(r.document)}, the rest (findings, options) ${kb(r.rest)}`);
  }
  console.log(`  (profiles in ${relative(root, dir)}: analysis.cpuprofile and allocations.heapprofile open in Chrome's DevTools or VS Code)`);
}

export type Locate = (frame: CallFrame) => string;

/**
 * `server/src/net/nsg.ts:84` for a frame of a bundle with a source map beside it (the
 * engine bundle, dist/server.js), else the file and line; '' for a built-in.
 */
export function locator(root: string): Locate {
  const cache = new Map<string, string>();
  const maps = new Map<string, Bundle | undefined>();
  const bundleOf = (path: string): Bundle | undefined => {
    if (!maps.has(path)) {
      const file = resolve(root, path);
      const mapFile = `${file}.map`;
      maps.set(path, existsSync(mapFile) ? { file, map: new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) } : undefined);
    }
    return maps.get(path);
  };
  return (frame) => {
    const { url, lineNumber, columnNumber } = frame;
    if (!url) return '';
    const key = `${url}:${lineNumber}:${columnNumber}`;
    let where = cache.get(key);
    if (where === undefined) {
      const path = shortUrl(url, root);
      const bundle = path.endsWith('.js') || path.endsWith('.cjs') ? bundleOf(path) : undefined;
      where = locate(path, lineNumber, columnNumber, root, bundle);
      cache.set(key, where);
    }
    return where;
  };
}

function locate(path: string, line: number, column: number, root: string, bundle: Bundle | undefined): string {
  if (bundle) {
    const entry = bundle.map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource) {
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(dirname(bundle.file), entry.originalSource);
      return `${relative(root, source)}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  return `${path}:${line + 1}`;
}

function shortUrl(url: string, root: string): string {
  try {
    return relative(root, url.startsWith('file:') ? fileURLToPath(url) : url);
  } catch {
    return url;
  }
}

/** The layer of a source location: the folder of server/src (two levels for the front ends), a library, or '' when unknown. */
export function layerOf(where: string): string {
  const src = /server\/src\/([^/:]+)(?:\/([^/:]+))?/.exec(where);
  if (src) {
    const [, top, sub] = src;
    const file = sub?.replace(/\.ts$/, '');
    if (top === 'engine' && file === 'suppress') return 'engine: suppression';
    if (top === 'engine' && file === 'config') return 'engine: levels';
    if (top === 'lower' && sub) return `lower/${sub.replace(/\.ts$/, '')}`;
    if (top === 'parse') return sub === 'bicep' ? 'parse/bicep' : 'parse (ARM)';
    if (top === 'rules') return sub === 'support' ? 'rules/support' : 'rules';
    return top.replace(/\.ts$/, '');
  }
  const lib = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (lib) return lib[1] === 'jsonc-parser' ? 'parse (ARM): jsonc-parser' : `library: ${lib[1]}`;
  return '';
}

export function selfTimes(profile: CpuProfile, locate: Locate, top: number): { functions: SelfTime[]; layers: Share[]; total: number } {
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const parent = new Map<number, ProfileNode>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n);
  }
  const layerCache = new Map<number, string>();
  const layerOfNode = (n: ProfileNode): string => {
    const cached = layerCache.get(n.id);
    if (cached !== undefined) return cached;
    const name = n.callFrame.functionName;
    let layer: string;
    if (name === '(garbage collector)') layer = 'garbage collection';
    else {
      const own = n.callFrame.url ? layerOf(locate(n.callFrame)) : '';
      if (own) layer = own;
      else {
        const up = parent.get(n.id);
        layer = up && up.callFrame.functionName !== '(root)' ? layerOfNode(up) : 'node internals';
      }
    }
    layerCache.set(n.id, layer);
    return layer;
  };
  const byFunction = new Map<string, SelfTime>();
  const byLayer = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName } = node.callFrame;
    if (hits === 0 || functionName === '(idle)' || functionName === '(program)') continue;
    const ms = hits * perSample;
    total += ms;
    const where = locate(node.callFrame);
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, ms: 0, share: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
    const layer = layerOfNode(byId.get(node.id)!);
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + ms);
  }
  const functions = [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
  for (const e of functions) e.share = total ? e.ms / total : 0;
  const layers = [...byLayer].map(([name, ms]) => ({ name, amount: ms, share: total ? ms / total : 0 })).sort((a, b) => b.amount - a.amount);
  return { functions, layers, total };
}

function allocationShares(head: HeapNode, locate: Locate, runs: number): { total: number; layers: Share[]; functions: (Share & { where: string })[] } {
  const byLayer = new Map<string, number>();
  const byFunction = new Map<string, { name: string; where: string; bytes: number }>();
  let total = 0;
  const visit = (n: HeapNode, inherited: string) => {
    const where = n.callFrame.url ? locate(n.callFrame) : '';
    const own = where ? layerOf(where) : '';
    const layer = own || inherited;
    if (n.selfSize > 0) {
      total += n.selfSize;
      byLayer.set(layer, (byLayer.get(layer) ?? 0) + n.selfSize);
      const key = `${n.callFrame.functionName}@${where}`;
      const e = byFunction.get(key) ?? { name: n.callFrame.functionName || '(anonymous)', where: where || '(built-in)', bytes: 0 };
      e.bytes += n.selfSize;
      byFunction.set(key, e);
    }
    for (const c of n.children) visit(c, layer);
  };
  visit(head, 'node internals');
  const share = (b: number) => (total ? b / total : 0);
  return {
    total: total / runs,
    layers: [...byLayer].map(([name, b]) => ({ name, amount: b / runs, share: share(b) })).sort((a, b) => b.amount - a.amount),
    functions: [...byFunction.values()].map((f) => ({ name: f.name, where: f.where, amount: f.bytes / runs, share: share(f.bytes) })).sort((a, b) => b.amount - a.amount),
  };
}

/** The most called functions of the bundle over one analysis, placed through the source map. */
function callCounts(coverage: ChildResults['coverage'], bundleFile: string, locate: Locate): Profile['calls'] {
  const text = readFileSync(bundleFile, 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { lineNumber: lo, columnNumber: offset - lineStarts[lo] };
  };
  const out: Profile['calls'] = [];
  for (const script of coverage) {
    for (const f of script.functions) {
      const range = f.ranges[0];
      if (!range || range.startOffset === 0) continue;
      const where = locate({ functionName: f.functionName, url: script.url, ...position(range.startOffset) });
      out.push({ name: f.functionName || '(anonymous)', where, calls: range.count });
    }
  }
  return out.sort((a, b) => b.calls - a.calls);
}

/**
 * Functions whose call counts, set against the model's ASEs, NSGs and rules, show what
 * is done again per ASE, per NSG or per rule: the site of each ASE, a flow through an
 * NSG, a rule's compiled form, an address or prefix parsed again.
 */
const WATCHED: { name: string; file: string }[] = [
  { name: 'aseSites', file: 'server/src/rules/support/aseSite.ts' },
  { name: 'nsgContextOf', file: 'server/src/rules/support/aseSite.ts' },
  { name: 'evaluateFlow', file: 'server/src/net/nsg.ts' },
  { name: 'evaluationOrder', file: 'server/src/net/nsg.ts' },
  { name: 'orderings', file: 'server/src/net/nsg.ts' },
  { name: 'prepareContext', file: 'server/src/net/serviceTags.ts' },
  { name: 'ruleRegion', file: 'server/src/net/ruleMatch.ts' },
  { name: 'compile', file: 'server/src/net/ruleMatch.ts' },
  { name: 'matchEntries', file: 'server/src/net/serviceTags.ts' },
  { name: 'classifyAddress', file: 'server/src/net/serviceTags.ts' },
  { name: 'parseCidr', file: 'server/src/ip/cidr.ts' },
  { name: 'lookupRoute', file: 'server/src/net/routes.ts' },
  { name: 'findForcedTunnel', file: 'server/src/net/routes.ts' },
  { name: 'ipBasedSslApps', file: 'server/src/rules/support/apps.ts' },
  { name: 'appsIn', file: 'server/src/rules/support/apps.ts' },
  { name: 'servesAppsPublicly', file: 'server/src/rules/support/apps.ts' },
  { name: 'vnetGateways', file: 'server/src/rules/support/aseSite.ts' },
  { name: 'integrations', file: 'server/src/rules/support/aseSite.ts' },
];
