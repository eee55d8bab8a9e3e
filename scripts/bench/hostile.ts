// node --import tsx scripts/bench/hostile.ts: the figures of the hostile-repository
// guarantees (README, "Security"), each in a fresh server or CLI process:
// - the server's resident memory after 200 large documents were opened and closed again;
// - how long a hover waits while 200 documents are queued for analysis;
// - the command line on nested deployments with a copy loop at each level (time and peak memory).
// Generated files go to bench-out/hostile/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../../test/support/lspClient';
import { ensureBuilt, root } from '../../test/support/ensureBuilt';
import { generateArmTemplate } from './armTemplate';
import { describeMachine } from './machine';
import { percentile } from './stats';

const out = join(root, 'bench-out', 'hostile');
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** The server's resident memory now and at its peak (Linux only), in MiB. */
function memoryOf(client: TestClient): { rss: number; peak: number } {
  // The client keeps its child process private; only its pid is read here.
  const pid = (client as unknown as { process: { pid: number } }).process.pid;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Opens `count` copies of `text` (each its own URI), waits for all their diagnostics, closes them all, then idles. */
async function memoryAfterClosing(count: number, text: string): Promise<{ baseline: number; open: number; peak: number; after3s: number; after10s: number }> {
  const client = new TestClient();
  try {
    await client.initialize();
    const warm = 'file:///bench/hostile/warm.json';
    await client.open(warm, text);
    await client.close(warm);
    await sleep(1000);
    const baseline = memoryOf(client).rss;
    const uris = Array.from({ length: count }, (_, i) => `file:///bench/hostile/large-${i}.json`);
    await Promise.all(uris.map((u) => client.open(u, text)));
    const open = memoryOf(client).rss;
    await Promise.all(uris.map((u) => client.close(u)));
    // Idle, as an editor is once the files are closed: nothing is analysed meanwhile.
    await sleep(3000);
    const after3s = memoryOf(client).rss;
    await sleep(7000);
    const { rss: after10s, peak } = memoryOf(client);
    await client.shutdown();
    return { baseline, open, peak, after3s, after10s };
  } finally {
    client.kill();
  }
}

/**
 * Opens `count` documents without waiting for their diagnostics, makes sure the server
 * has read every open (a request on a document that is not open is answered in order,
 * at once), then hovers on the first document: the time until that hover is answered,
 * while the analyses are queued.
 */
async function hoverWhileQueued(count: number, text: string, trials: number): Promise<number[]> {
  const samples: number[] = [];
  for (let t = 0; t < trials; t++) {
    const client = new TestClient();
    try {
      await client.initialize();
      const uris = Array.from({ length: count }, (_, i) => `file:///bench/hostile/t${t}-queued-${i}.json`);
      const published = uris.map((u) => client.open(u, text));
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///bench/hostile/not-open.json' }, position: { line: 0, character: 0 } });
      // The first document's position of an ASE resource name: a hover with work to do.
      const offset = text.indexOf('Microsoft.Web/hostingEnvironments');
      const line = text.slice(0, offset).split('\n').length - 1;
      const start = performance.now();
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uris[0] }, position: { line, character: 20 } });
      samples.push(performance.now() - start);
      await Promise.all(published);
      await client.shutdown();
    } finally {
      client.kill();
    }
  }
  return samples;
}

/** Inline nested deployments `depth` deep with a copy loop of `count` at each level, and NSGs in a loop at the bottom. */
export function nestedDeploymentBomb(depth: number, count: number): string {
  const level = (d: number): unknown =>
    d === 0
      ? { $schema: SCHEMA, resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name: "[concat('n', copyIndex())]", copy: { name: 'n', count } }] }
      : {
          $schema: SCHEMA,
          resources: [
            {
              type: 'Microsoft.Resources/deployments',
              apiVersion: '2022-09-01',
              name: `[concat('d${d}', copyIndex())]`,
              copy: { name: `c${d}`, count },
              properties: { mode: 'Incremental', template: level(d - 1) },
            },
          ],
        };
  return JSON.stringify(level(depth));
}

/** The built CLI on `file`: wall time, peak RSS and exit status, or a kill after `timeoutMs`. */
function cliOn(file: string, timeoutMs: number): { seconds: number; peakMiB: number; status: number | null; signal: string | null } {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--require', join(__dirname, 'peakRss.cjs'), join(root, 'dist', 'cli.js'), '--format', 'json', file], {
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 2 ** 20,
  });
  const seconds = (performance.now() - start) / 1000;
  const kb = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { seconds, peakMiB: kb ? Number(kb[1]) / 1024 : NaN, status: r.status, signal: r.signal };
}

async function main(): Promise<void> {
  ensureBuilt();
  mkdirSync(out, { recursive: true });
  console.log(describeMachine());
  const results: Record<string, unknown> = {};

  for (const [depth, count] of [
    [4, 15],
    [4, 20],
  ]) {
    const file = join(out, `bomb-${depth}x${count}.json`);
    writeFileSync(file, nestedDeploymentBomb(depth, count));
    const r = cliOn(file, 120_000);
    const bytes = readFileSync(file).length;
    results[`bomb ${depth}x${count}`] = { bytes, ...r };
    console.log(
      `nested-deployment bomb ${depth} deep × copy ${count} (${bytes} bytes): ${r.signal ? `killed after ${r.seconds.toFixed(1)} s` : `${r.seconds.toFixed(2)} s, exit ${r.status}`}, peak RSS ${Math.round(r.peakMiB)} MiB`,
    );
  }

  const small = generateArmTemplate(100_000).text;
  const hover = await hoverWhileQueued(200, small, 5);
  results['hover with 200 queued (100 KB each)'] = hover;
  console.log(`hover with 200 documents of 100 KB queued: median ${Math.round(percentile(hover, 50))} ms, slowest ${Math.round(Math.max(...hover))} ms (${hover.length} trials)`);
  const large = generateArmTemplate(1_000_000).text;
  const hoverLarge = await hoverWhileQueued(200, large, 3);
  results['hover with 200 queued (1 MB each)'] = hoverLarge;
  console.log(`hover with 200 documents of 1 MB queued: median ${Math.round(percentile(hoverLarge, 50))} ms, slowest ${Math.round(Math.max(...hoverLarge))} ms (${hoverLarge.length} trials)`);

  const memory = await memoryAfterClosing(200, large);
  results['memory, 200 documents of 1 MB opened and closed (MiB)'] = memory;
  console.log(
    `server RSS, 200 documents of 1 MB: ${Math.round(memory.baseline)} MiB before, ${Math.round(memory.open)} MiB open, peak ${Math.round(memory.peak)} MiB; ${Math.round(memory.after3s)} MiB 3 s and ${Math.round(memory.after10s)} MiB 10 s after closing them`,
  );
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
