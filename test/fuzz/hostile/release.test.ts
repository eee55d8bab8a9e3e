// Large documents opened and closed again: what they held in the workers is released
// (the workers drop the texts and analyses at once, and one that has analysed no open
// document for a few seconds is ended), so the server's resident memory returns near where it
// started instead of staying at its peak; a document opened afterwards is analysed as
// before. Linux only (resident memory from /proc). Generous bounds, polled: a hang guard,
// not a speed test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateArmTemplate } from '../../../scripts/bench/armTemplate';
import { AnalysisCache } from '../../../server/src/lsp/analysisCache';
import { ensureBuilt } from '../../support/ensureBuilt';
import { TestClient } from '../../support/lspClient';
import { within } from './patience';

function residentMb(client: TestClient): number {
  // The client keeps its child process private; only its pid is read here.
  const pid = (client as unknown as { process: { pid: number } }).process.pid;
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

test('closing large documents releases what they held', { timeout: 120_000, skip: process.platform !== 'linux' && 'resident memory is read from /proc' }, async (t) => {
  ensureBuilt();
  const text = generateArmTemplate(1_000_000).text;
  const client = new TestClient();
  t.after(() => client.kill());
  await client.initialize();
  await within(client.open('file:///release/warm.json', text), 30_000, 'a first document');
  await client.close('file:///release/warm.json');
  await sleep(500);
  const baseline = residentMb(client);
  const uris = Array.from({ length: 30 }, (_, i) => `file:///release/large-${i}.json`);
  await within(Promise.all(uris.map((u) => client.open(u, text))), 90_000, 'the diagnostics of every document');
  const open = residentMb(client);
  assert.ok(open > baseline + 300, `open: ${Math.round(open)} MB, from ${Math.round(baseline)} MB (the documents must weigh for the test to mean anything)`);
  await Promise.all(uris.map((u) => client.close(u)));
  // Nothing else happens now, as in an editor whose files were closed: no job would carry the release.
  let now = residentMb(client);
  let waited = 0;
  for (; waited < 20_000 && now > baseline + 150; waited += 250) {
    await sleep(250);
    now = residentMb(client);
  }
  t.diagnostic(`resident: ${Math.round(baseline)} MB before, ${Math.round(open)} MB open, ${Math.round(now)} MB ${waited} ms after closing`);
  assert.ok(now <= baseline + 150, `${Math.round(now)} MB resident after closing (${Math.round(baseline)} MB before opening, ${Math.round(open)} MB open)`);
  const again = await within(client.open('file:///release/again.json', text), 30_000, 'a document opened afterwards');
  assert.ok(again.diagnostics.some((d) => d.code === 'ASE901'), 'analysed by a new worker');
  assert.deepEqual(client.logs.filter((l) => /stopped|failed/.test(l)), [], 'ending an idle worker is no crash');
  assert.equal(await client.shutdown(), 0);
});

test('a worker keeps analyses of at most so much text, the least recently used going first', () => {
  const cache = new AnalysisCache(100);
  const entry = (size: number) => ({ version: 1, generation: 0, analysis: undefined, reads: new Set<string>(), size });
  cache.set('a', entry(40));
  cache.set('b', entry(40));
  assert.ok(cache.get('a', 1, 0), 'a used again: b is now the oldest');
  cache.set('c', entry(40));
  assert.equal(cache.get('b', 1, 0), undefined, 'b went first');
  assert.ok(cache.get('a', 1, 0) && cache.get('c', 1, 0));
  cache.set('huge', entry(1000));
  assert.ok(cache.get('huge', 1, 0), 'the latest stays, whatever its size');
  assert.equal(cache.get('a', 1, 0), undefined);
});
