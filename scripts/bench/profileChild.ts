// The child the profiles are taken of (see cpuProfile.ts), on the engine bundle run.ts
// built, so the profile is of the code that ships. After untimed analyses (whose median
// is kept: the profiler's own cost and the machine's load inflate sampled times, so the
// report scales the profile's shares to it):
// 1. V8's CPU profiler (the one behind node --cpu-prof) over `runs` analyses, with the
//    garbage collections they cause (a PerformanceObserver on 'gc');
// 2. each rule's check timed alone, on models built afresh, in the catalogue's order;
// 3. V8's sampling heap profiler over a few analyses, counting objects collected since:
//    what the analysis allocates, by function;
// 4. with `memory`, what an analysis keeps alive, part by part (needs --expose-gc);
// 5. call counts of every function over one analysis (precise coverage), last, since
//    counting calls changes what V8 optimises.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Host } from '../../server/src/core/host';
import type { Engine } from './engineBundle';

export interface ChildRequest {
  bundle: string;
  file: string;
  /** The workspace folder other files are read from (real templates); none for generated ones. */
  folder?: string;
  outDir: string;
  runs: number;
  memory: boolean;
}

export interface ChildResults {
  runs: number;
  /** Median milliseconds of an analysis without the profiler, to scale the sampled shares with. */
  medianMs: number;
  model: { ases: number; nsgs: number; rules: number; subnets: number; vnets: number; resources: number };
  gc: { count: number; ms: number; byKind: Record<string, { count: number; ms: number }> };
  /** Median milliseconds of each rule's check, in the catalogue's order. */
  ruleMs: { code: string; name: string; ms: number }[];
  /** Runs the heap profile covers. */
  heapRuns: number;
  /** Bytes an analysis keeps alive, by what holds them (after a full collection), when asked. */
  retained?: { text: number; analysis: number; model: number; document: number; rest: number };
  coverage: { url: string; functions: { functionName: string; ranges: { startOffset: number; endOffset: number; count: number }[] }[] }[];
}

const request = JSON.parse(process.argv[2]) as ChildRequest;
const engine = require(request.bundle) as Engine;
const text = readFileSync(request.file, 'utf8');
const uri = pathToFileURL(request.file).href;
const noFiles: Host = { readFile: () => undefined };
const folder = request.folder;
const host = (): Host => (folder ? engine.createDiskHost(undefined, { roots: [pathToFileURL(folder).href] }) : noFiles);
// Full analyses, each from nothing: what analyses keep for the next version is forgotten first.
const analyzeOnce = () => {
  engine.forgetReuse();
  return engine.analyze(uri, text, host());
};
const bicep = /\.bicep$/i.test(request.file);

const session = new Session();
session.connect();
const post = <T = unknown>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

const GC_KINDS: Record<number, string> = { 1: 'minor (scavenge)', 2: 'major (mark-sweep-compact)', 4: 'incremental marking', 8: 'weak callbacks' };

function modelCounts(): ChildResults['model'] {
  const m = analyzeOnce().model;
  return {
    ases: m?.ases.length ?? 0,
    nsgs: m?.nsgs.length ?? 0,
    rules: m?.nsgs.reduce((n, g) => n + (Array.isArray(g.securityRules) ? g.securityRules.length : 0), 0) ?? 0,
    subnets: m?.subnets.length ?? 0,
    vnets: m?.vnets.length ?? 0,
    resources: m?.resources.length ?? 0,
  };
}

async function main(): Promise<void> {
  // Counted on an analysis of its own, let go at once: the retained-memory figure starts from a heap without it.
  const model = modelCounts();
  const times: number[] = [];
  for (let i = 0; i < Math.max(3, Math.min(request.runs, 10)); i++) {
    const start = performance.now();
    analyzeOnce();
    times.push(performance.now() - start);
  }
  const medianMs = median(times);

  // 1. CPU profile and garbage collections.
  const gc: ChildResults['gc'] = { count: 0, ms: 0, byKind: {} };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = GC_KINDS[(e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
      gc.count++;
      gc.ms += e.duration;
      const k = (gc.byKind[kind] ??= { count: 0, ms: 0 });
      k.count++;
      k.ms += e.duration;
    }
  });
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  observer.observe({ entryTypes: ['gc'] });
  await post('Profiler.start');
  for (let i = 0; i < request.runs; i++) analyzeOnce();
  const { profile } = await post<{ profile: unknown }>('Profiler.stop');
  // Entries are delivered asynchronously: let the last ones arrive.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  writeFileSync(join(request.outDir, 'analysis.cpuprofile'), JSON.stringify(profile));

  // 2. Each rule alone, on fresh models (the evaluator's memos live per model object),
  // with nothing kept from the analyses before (verdicts by content): the first rule to
  // ask about an NSG pays for its verdicts, as in a full analysis.
  const ruleRuns = Math.max(3, Math.min(request.runs, 7));
  const samples = new Map<string, number[]>();
  for (let i = 0; i < ruleRuns; i++) {
    engine.forgetReuse();
    const document = bicep ? engine.parseBicepDocument(uri, text) : engine.parseArmDocument(uri, text);
    const built = bicep
      ? engine.buildBicepModel(document as ReturnType<Engine['parseBicepDocument']>, host(), {})
      : engine.buildArmModel(document as ReturnType<Engine['parseArmDocument']>, host(), {});
    for (const rule of engine.allRules) {
      const start = performance.now();
      try {
        rule.check(built, engine.allRules);
      } catch {
        // A failing rule is the analysis' business, reported there; its time still counts.
      }
      const list = samples.get(rule.code) ?? [];
      list.push(performance.now() - start);
      samples.set(rule.code, list);
    }
  }
  const ruleMs = engine.allRules.map((r) => ({ code: r.code, name: r.name, ms: median(samples.get(r.code) ?? [0]) }));

  // 3. Allocations, objects collected since included.
  const heapRuns = Math.max(1, Math.min(request.runs, 5));
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 0; i < heapRuns; i++) analyzeOnce();
  const { profile: heap } = await post<{ profile: unknown }>('HeapProfiler.stopSampling');
  await post('HeapProfiler.disable');
  writeFileSync(join(request.outDir, 'allocations.heapprofile'), JSON.stringify(heap));

  // 4. What an analysis keeps alive.
  let retained: ChildResults['retained'];
  const collect = (globalThis as { gc?: () => void }).gc;
  if (request.memory && collect) {
    const used = () => {
      collect();
      collect();
      return process.memoryUsage().heapUsed;
    };
    const base = used();
    let analysis: ReturnType<typeof analyzeOnce> | undefined = analyzeOnce();
    const all = used();
    (analysis as { model?: unknown }).model = undefined;
    const withoutModel = used();
    (analysis as { document?: unknown }).document = undefined;
    const withoutDocument = used();
    analysis = undefined;
    const none = used();
    retained = { text: text.length, analysis: all - base, model: all - withoutModel, document: withoutModel - withoutDocument, rest: withoutDocument - none };
  }

  // 5. Call counts over one analysis.
  await post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  await post('Profiler.takePreciseCoverage');
  analyzeOnce();
  const { result } = await post<{ result: ChildResults['coverage'] }>('Profiler.takePreciseCoverage');
  await post('Profiler.stopPreciseCoverage');
  const coverage = result.filter((s) => s.url.endsWith('engine.cjs')).map((s) => ({ url: s.url, functions: s.functions.filter((f) => f.ranges[0]?.count > 0) }));

  const results: ChildResults = { runs: request.runs, medianMs, model, gc, ruleMs, heapRuns, retained, coverage };
  writeFileSync(join(request.outDir, 'results.json'), JSON.stringify(results));
  session.disconnect();
}

void main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
