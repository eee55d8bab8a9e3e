// npm run bench [-- --profile]: generates 100 KB, 1 MB and 10 MB ARM templates and 100 KB
// and 1 MB Bicep files of the same units, and measures the engine, the extension's
// activation, the language server over stdio and peak memory, each timing of a template
// next to JSON.parse of the same text (for Bicep: of the same template written in ARM
// JSON), then checks the figures against the targets of issues 6 and 3; then the
// workspaces of issue 10 (see workspace.ts; `-- --workspace` measures only those).
// Generated files, results.json and the CPU profiles go to bench-out/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Host } from '../../server/src/core/host';
import { ensureBuilt, root } from '../../test/lsp/ensureBuilt';
import { measureActivation, type Activation } from './activation';
import { generateArmTemplate, oneCharacterEdit } from './armTemplate';
import { generateBicepTemplate } from './bicepTemplate';
import { profileAnalysis } from './cpuProfile';
import { bundleEngine, bundles, type Engine } from './engineBundle';
import { describeMachine } from './machine';
import { measurePeakMemory, type PeakMemory } from './peakMemory';
import { measurePhases, type Phases } from './phases';
import { measureKeystrokes, measureReady } from './serverTiming';
import { timeSync, type Summary } from './stats';
import { formatTarget, met, type TargetCheck } from './targets';
import { generateAvmWorkspace, generateLargeWorkspace, measureLargeWorkspace, measureWorkspaceKeystrokes } from './workspace';

type Language = 'arm' | 'bicep';

interface Size {
  language: Language;
  label: string;
  bytes: number;
  /** Timed analyses; the counts keep the whole run to about a minute and a half on the 2-core reference machine. */
  runs: number;
  /** Timed keystrokes through the server; 0: not measured there. */
  keystrokes: number;
  /** Peak memory of `ase-lint` on the file is measured. */
  memory: boolean;
}

const sizes: Size[] = [
  { language: 'arm', label: '100 KB', bytes: 100_000, runs: 30, keystrokes: 30, memory: false },
  { language: 'arm', label: '1 MB', bytes: 1_000_000, runs: 20, keystrokes: 20, memory: true },
  { language: 'arm', label: '10 MB', bytes: 10_000_000, runs: 5, keystrokes: 0, memory: true },
  { language: 'bicep', label: '100 KB', bytes: 100_000, runs: 30, keystrokes: 30, memory: false },
  { language: 'bicep', label: '1 MB', bytes: 1_000_000, runs: 15, keystrokes: 15, memory: true },
];

/** `ARM 1 MB`, `Bicep 100 KB`: how sizes are named in the output and in results.json. */
function nameOf(size: Pick<Size, 'language' | 'label'>): string {
  return `${size.language === 'arm' ? 'ARM' : 'Bicep'} ${size.label}`;
}

const noFiles: Host = { readFile: () => undefined };
const out = join(root, 'bench-out');

interface Row {
  figure: string;
  size: string;
  time: Summary;
  jsonParse: Summary;
}

/** A generated file of one size: its text and where the one-character edits go. */
interface Generated {
  text: string;
  editOffset: number;
  /** What JSON.parse is timed on: the text itself (ARM), or the same template in ARM JSON (Bicep). */
  jsonText: string;
  description: string;
}

interface Measured {
  template: Generated;
  file: string;
  /** The file JSON.parse reads: `file` itself for ARM, the ARM twin for Bicep. */
  jsonFile: string;
  jsonParse: Summary;
  full: Summary;
  edit: Summary;
  phases: Phases;
}

async function main(): Promise<void> {
  const started = performance.now();
  ensureBuilt();
  mkdirSync(out, { recursive: true });
  console.log(`Machine: ${describeMachine()}`);
  console.log(`Date: ${new Date().toISOString().slice(0, 10)}`);
  if (process.argv.includes('--workspace')) {
    // Only the workspace figures (issue 10), for working on them.
    const targets = await measureWorkspaces();
    console.log('\nTargets (issue 10):');
    for (const t of targets) console.log(`  ${formatTarget(t)}`);
    return;
  }

  // The engine measured in process is bundled as the server and the CLI are (see engineBundle.ts).
  const bundle = bundleEngine(out);
  const rows: Row[] = [];
  const measured = new Map<string, Measured>();
  for (const size of sizes) measured.set(nameOf(size), measureEngine(bundle.engine, size, rows));

  console.log('\nStart-up, in fresh processes: the bundles as shipped (dist/), and the same sources bundled unminified and fully minified:');
  const startUp = await measureStartUp();
  const ready = startUp[0].ready;

  console.log('\nLanguage server (dist/server.js --stdio, full text sync):');
  const keystroke = new Map<string, Summary>();
  for (const size of sizes.filter((s) => s.keystrokes > 0)) keystroke.set(nameOf(size), await measureServer(size, measured.get(nameOf(size))!, rows));

  console.log('\nPeak RSS (fresh child processes; the analysis runs the bundled CLI, dist/cli.js):');
  const memory = new Map<string, PeakMemory>();
  for (const size of sizes.filter((s) => s.memory)) {
    const { file, jsonFile } = measured.get(nameOf(size))!;
    const m = measurePeakMemory(root, file, jsonFile);
    memory.set(nameOf(size), m);
    console.log(`  ${nameOf(size)}: ase-lint ${mb(m.analysis)}; node reading the text ${mb(m.readOnly)}; reading + JSON.parse ${mb(m.jsonParse)}${size.language === 'bicep' ? ' (of the ARM twin)' : ''}`);
  }

  const workspaceTargets = await measureWorkspaces();
  const targets = [...checkTargets(measured, keystroke, memory, ready), ...workspaceTargets];
  console.log('\nTargets (issues 6, 3 and 10):');
  for (const t of targets) console.log(`  ${formatTarget(t)}`);

  const phases = Object.fromEntries([...measured].map(([label, m]) => [label, m.phases]));
  const results = { machine: describeMachine(), date: new Date().toISOString(), rows, phases, startUp, memory: Object.fromEntries(memory), targets: targets.map((t) => ({ ...t, met: met(t) })) };
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  if (process.argv.includes('--profile')) {
    for (const name of ['ARM 1 MB', 'Bicep 1 MB']) {
      const dir = join(out, `cpu-profile-${name.split(' ')[0].toLowerCase()}`);
      console.log(`\nCPU profile of 30 full analyses (after 3 untimed) of the ${name} file, top 10 by self time:`);
      const top = profileAnalysis(root, bundle.file, measured.get(name)!.file, 30, dir);
      for (const e of top) console.log(`  ${ms(e.ms).padStart(9)} ${(e.share * 100).toFixed(1).padStart(5)}%  ${e.name}  ${e.where}`);
      console.log(`  (profile in ${relative(root, dir)})`);
    }
  }
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s; figures in bench-out/results.json.`);
}

/** The generated file of a size: ARM, or Bicep with the same template in ARM JSON to compare with. */
function generate(size: Size): Generated {
  if (size.language === 'arm') {
    const t = generateArmTemplate(size.bytes);
    const description = `${(t.text.length / 1e6).toFixed(2)} MB, ${t.units} ASEs, ${t.rulesPerNsg} application rules per NSG`;
    return { text: t.text, editOffset: t.editOffset, jsonText: t.text, description };
  }
  const t = generateBicepTemplate(size.bytes);
  const description =
    `${(t.text.length / 1e6).toFixed(2)} MB, ${t.units} ASEs, ${t.rulesPerNsg} application rules per NSG; ` +
    `JSON.parse is timed on the same template in ARM JSON (${(t.armText.length / 1e6).toFixed(2)} MB)`;
  return { text: t.text, editOffset: t.editOffset, jsonText: t.armText, description };
}

/** `analyze` on the generated file, in this process, full and after one-character edits. */
function measureEngine(engine: Engine, size: Size, rows: Row[]): Measured {
  const { analyze } = engine;
  const template = generate(size);
  const name = nameOf(size);
  const file = join(out, `${size.language}-${size.label.replace(' ', '').toLowerCase()}.${size.language === 'arm' ? 'json' : 'bicep'}`);
  writeFileSync(file, template.text);
  const jsonFile = size.language === 'arm' ? file : file.replace(/\.bicep$/, '.arm.json');
  if (jsonFile !== file) writeFileSync(jsonFile, template.jsonText);
  const { text } = template;
  console.log(`\n${name}: ${template.description}`);
  const uri = `file:///bench/${size.language}-${size.label.replace(' ', '')}.${size.language === 'arm' ? 'json' : 'bicep'}`;
  const jsonText = template.jsonText;
  const jsonParse = timeSync(Math.max(size.runs, 20), 2, () => JSON.parse(jsonText));
  const full = timeSync(size.runs, 2, () => analyze(uri, text, noFiles));
  // Each run analyses a text one character away from the previous one, as when typing.
  const edited = Array.from({ length: size.runs + 2 }, (_, i) => oneCharacterEdit(text, template.editOffset, i));
  const edit = timeSync(size.runs, 2, (i) => analyze(uri, edited[i < 0 ? -1 - i : i + 2], noFiles));
  const own = [
    { figure: 'analyze, full', size: name, time: full, jsonParse },
    { figure: 'analyze, after a 1-char edit', size: name, time: edit, jsonParse },
  ];
  const verify = measureVerification(engine, size, uri, text);
  if (verify) own.push({ figure: 'verify a quick fix (what a code action pays)', size: name, time: verify, jsonParse });
  own.forEach(printRow);
  rows.push(...own);
  const phases = measurePhases(engine, uri, text, noFiles, size.runs, size.language);
  console.log(`  of which (medians): parse ${ms(phases.parse.median)}, model ${ms(phases.model.median)}, rules ${ms(phases.rules.median)}`);
  return { template, file, jsonFile, jsonParse, full, edit, phases };
}

/**
 * The safety net's check of one quick fix (it analyses the fixed text), as a code-action
 * request pays it for a diagnostic with a fix: each run on an analysis of its own, since
 * verdicts are kept per analysis. Up to 1 MB; undefined when no finding has a fix.
 */
function measureVerification(engine: Engine, size: Size, uri: string, text: string): Summary | undefined {
  if (size.bytes > 1_000_000) return undefined;
  const runs = Math.min(size.runs, 10);
  const analyses = Array.from({ length: runs + 1 }, () => engine.analyze(uri, text, noFiles));
  const fixable = (i: number) => analyses[i].findings.find((f) => f.fix);
  if (!fixable(0)) return undefined;
  return timeSync(runs, 1, (i) => {
    const a = i < 0 ? 0 : i + 1;
    engine.fixVerdict(analyses[a], fixable(a)!, noFiles);
  });
}

/** Open and one-character changes through the real server; returns the raw keystroke figure. */
async function measureServer(size: Size, m: Measured, rows: Row[]): Promise<Summary> {
  const { text, editOffset } = m.template;
  const timing = await measureKeystrokes(text, (i) => oneCharacterEdit(text, editOffset, i), size.keystrokes, 5, size.language);
  const own = [
    { figure: 'didOpen → publishDiagnostics (no debounce)', size: nameOf(size), time: timing.open, jsonParse: m.jsonParse },
    { figure: 'didChange → publishDiagnostics (with the adaptive debounce)', size: nameOf(size), time: timing.keystroke, jsonParse: m.jsonParse },
  ];
  own.forEach(printRow);
  rows.push(...own);
  if (timing.stderr) console.log(`  the server wrote to stderr: ${timing.stderr.slice(0, 500)}`);
  return timing.keystroke;
}

/**
 * Issue 10's figures: a workspace of 20 Bicep files on 8 registry modules (keystrokes in
 * the entry file and in a module file, through the server), and a module opened in a
 * workspace of 2,000 templates while the index is read (first diagnostics, the
 * diagnostics through its entry point, hovers meanwhile).
 */
async function measureWorkspaces(): Promise<TargetCheck[]> {
  const cache = join(root, '..', 'shared', 'bicep-cache');
  const targets: TargetCheck[] = [];
  if (!existsSync(join(cache, 'br'))) {
    console.log(`\nWorkspaces: no Bicep cache at ${cache}; the registry workspace is not measured.`);
  } else {
    const ws = generateAvmWorkspace(join(out, 'workspace-avm'), cache);
    console.log(`\nWorkspace of ${ws.files} Bicep files on 8 registry modules (${relative(root, ws.folder)}), through the server:`);
    const entryText = readFileSync(join(ws.folder, ws.entry), 'utf8');
    const entry = await measureWorkspaceKeystrokes(ws, ws.entry, entryText, 20, false);
    console.log(`  ${ws.entry}: open → diagnostics ${ms(entry.open)}; keystroke → diagnostics median ${ms(entry.keystroke.median)}, p95 ${ms(entry.keystroke.p95)} (${entry.keystroke.runs} runs)`);
    const moduleText = readFileSync(join(ws.folder, ws.module), 'utf8');
    const module = await measureWorkspaceKeystrokes(ws, ws.module, moduleText, 20, true);
    console.log(`  ${ws.module} (analysed through ${ws.entry}): open → diagnostics ${ms(module.open)}; keystroke → diagnostics median ${ms(module.keystroke.median)}, p95 ${ms(module.keystroke.p95)} (${module.keystroke.runs} runs)`);
    for (const s of [entry.stderr, module.stderr]) if (s) console.log(`  the server wrote to stderr: ${s.slice(0, 500)}`);
    targets.push(
      { what: 'Keystroke to diagnostics, entry file of a 20-file workspace on 8 registry modules, median', value: entry.keystroke.median, limit: 50, unit: 'ms' },
      { what: 'Keystroke to diagnostics, module file of that workspace (through its entry point), median', value: module.keystroke.median, limit: 80, unit: 'ms' },
    );
  }
  const large = generateLargeWorkspace(join(out, 'workspace-2000'));
  const text = readFileSync(join(large.folder, large.module), 'utf8');
  const port = text.indexOf("destinationPortRange: '1000'") + "destinationPortRange: '".length + 1;
  const before = text.slice(0, port);
  const position = { line: before.split('\n').length - 1, character: port - before.lastIndexOf('\n') - 1 };
  console.log(`\nWorkspace of ${large.files} templates (${relative(root, large.folder)}), one module opened as the server starts:`);
  const opened = await measureLargeWorkspace(large, text, position);
  console.log(
    `  open → first diagnostics ${ms(opened.firstDiagnostics)}; → diagnostics through its entry point ${ms(opened.inContext)} (index read in ${opened.indexMs ?? '?'} ms, in its own worker)`,
  );
  const h = opened.hoversWhileIndexing;
  const a = opened.hoversAfter;
  console.log(`  hovers while the index is read: median ${ms(h.median)}, p95 ${ms(h.p95)}, slowest ${ms(h.max)} (${h.runs} hovers)`);
  console.log(`  hovers from then until the module is analysed through its entry point: median ${ms(a.median)}, slowest ${ms(a.max)} (${a.runs} hovers; a hover waits for the analysis in progress)`);
  targets.push(
    { what: 'Opening a module in a workspace of 2,000 templates: first diagnostics', value: opened.firstDiagnostics, limit: 1000, unit: 'ms' },
    {
      what: 'Hovers while the index of 2,000 templates is read, slowest',
      value: h.max,
      limit: 50,
      unit: 'ms',
      note: h.runs === 0 ? 'the index was read before the first hover' : 'the index is read in a worker of its own',
    },
  );
  return targets;
}

function checkTargets(measured: Map<string, Measured>, keystroke: Map<string, Summary>, memory: Map<string, PeakMemory>, ready: Summary): TargetCheck[] {
  const oneMb = measured.get('ARM 1 MB')!;
  // The server's wait after a keystroke follows the document's analysis cost, so the
  // figure a user sees is the one judged. Bicep is held to the keystroke targets too.
  return [
    { what: 'Full analysis, ARM 1 MB, median / JSON.parse median', value: oneMb.full.median / oneMb.jsonParse.median, limit: 25, unit: '×' },
    { what: 'Keystroke to diagnostics, ARM 100 KB, median', value: keystroke.get('ARM 100 KB')!.median, limit: 50, unit: 'ms' },
    { what: 'Keystroke to diagnostics, ARM 1 MB, median', value: keystroke.get('ARM 1 MB')!.median, limit: 150, unit: 'ms' },
    { what: 'Keystroke to diagnostics, Bicep 100 KB, median', value: keystroke.get('Bicep 100 KB')!.median, limit: 50, unit: 'ms' },
    { what: 'Keystroke to diagnostics, Bicep 1 MB, median', value: keystroke.get('Bicep 1 MB')!.median, limit: 150, unit: 'ms' },
    {
      what: 'Re-analysis of Bicep 100 KB after a one-character edit, median (issue 3)',
      value: measured.get('Bicep 100 KB')!.edit.median,
      limit: 20,
      unit: 'ms',
    },
    { what: 'Full analysis, ARM 10 MB, median', value: measured.get('ARM 10 MB')!.full.median, limit: 2000, unit: 'ms' },
    { what: 'Peak RSS, ARM 10 MB (ase-lint process)', value: memory.get('ARM 10 MB')!.analysis, limit: 400, unit: 'MB' },
    { what: 'Server ready (spawn → initialize answered), median', value: ready.median, limit: 200, unit: 'ms' },
  ];
}

interface StartUp {
  build: string;
  /** Bytes of each bundle and source map. */
  sizes: Record<string, number>;
  activation: Activation;
  /** Spawn of server.js --stdio until its `initialize` answer. */
  ready: Summary;
  /** Spawn of `cli.js --version` until it exits: what each pre-commit batch or pipeline step pays before any analysis. */
  cli: Summary;
}

/**
 * What minifying changes at start-up: the bundles as shipped (whitespace and syntax
 * minified, names kept), then built unminified and with renamed identifiers too (into
 * bench-out/<variant>/dist, beside which the client finds its server as it does in dist/).
 */
async function measureStartUp(): Promise<StartUp[]> {
  const unminified = join(out, 'unminified');
  const renamed = join(out, 'renamed-identifiers');
  await bundles.buildBundles(join(unminified, 'dist'), { minify: false });
  await bundles.buildBundles(join(renamed, 'dist'), { renameIdentifiers: true });
  const results: StartUp[] = [];
  for (const [build, dir] of [
    ['as shipped (dist/: whitespace and syntax minified)', root],
    ['unminified', unminified],
    ['fully minified (identifiers renamed too)', renamed],
  ] as const) {
    const dist = join(dir, 'dist');
    const sizes = Object.fromEntries(
      readdirSync(dist)
        .filter((f) => /\.js(\.map)?$/.test(f))
        .sort()
        .map((f) => [f, statSync(join(dist, f)).size]),
    );
    const activation = measureActivation(dir, 10);
    const ready = await measureReady(10, join(dist, 'server.js'));
    const cli = measureCliStart(join(dist, 'cli.js'), 10);
    results.push({ build, sizes, activation, ready, cli });
    console.log(`  ${build}:`);
    console.log(`    sizes: ${Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(0)} KiB`).join(', ')}`);
    console.log(`    extension activation: load of client.js ${ms(activation.load.median)} + activate until the server answered initialize ${ms(activation.activate.median)} = ${ms(activation.total.median)} (p95 ${ms(activation.total.p95)})`);
    console.log(`    server: spawn → initialize answered ${ms(ready.median)} (p95 ${ms(ready.p95)})`);
    console.log(`    CLI: spawn of cli.js --version → exit ${ms(cli.median)} (p95 ${ms(cli.p95)}); medians of ${ready.runs} runs`);
  }
  return results;
}

function measureCliStart(cli: string, runs: number): Summary {
  return timeSync(runs, 1, () => {
    const r = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cli} --version failed: ${r.stderr}`);
  });
}

function printRow(r: Row): void {
  const ratio = (r.time.median / r.jsonParse.median).toFixed(1);
  console.log(
    `  ${r.figure.padEnd(58)} ${r.size.padStart(12)}: median ${ms(r.time.median).padStart(9)}, p95 ${ms(r.time.p95).padStart(9)} ` +
      `(${r.time.runs} runs) | JSON.parse median ${ms(r.jsonParse.median)} → ${ratio}×`,
  );
}

function ms(n: number): string {
  return `${n < 10 ? n.toFixed(2) : n.toFixed(0)} ms`;
}

function mb(n: number): string {
  return `${n.toFixed(0)} MB`;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
