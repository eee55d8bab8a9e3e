import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TestClient } from '../../test/support/lspClient';
import { locator, selfTimes, type CpuProfile, type SelfTime, type Share } from './cpuProfile';

export interface ThreadProfile {
  /** `protocol thread`, or `engine worker` (the thread that analysed). */
  thread: string;
  /** Sampled milliseconds of the thread per keystroke, idle left out. */
  msPerKeystroke: number;
  layers: Share[];
  functions: SelfTime[];
}

/**
 * The real server (dist/server.js, through profiledServer.cjs) with the CPU profiler on
 * in every thread, while the document is opened once and then typed into `keystrokes`
 * times, each waiting for its diagnostics: where a keystroke's time goes beyond the
 * analysis (JSON-RPC, the text's way to the worker, diagnostics). The profile covers the
 * server's whole life; the keystrokes are most of it.
 */
export async function profileServer(options: {
  root: string;
  outDir: string;
  text: string;
  edit: (round: number) => string;
  keystrokes: number;
  language: 'arm' | 'bicep';
  uri?: string;
  workspaceFolders?: string[];
}): Promise<ThreadProfile[]> {
  const dir = join(options.outDir, 'server');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const extension = options.language === 'bicep' ? 'bicep' : 'json';
  const client = new TestClient({}, options.workspaceFolders ?? [], { BENCH_PROFILE_DIR: dir }, join(__dirname, 'profiledServer.cjs'));
  try {
    await client.initialize();
    const uri = options.uri ?? `file:///bench/typed.${extension}`;
    await client.open(uri, options.text, extension);
    let current = options.text;
    for (let i = 0; i < options.keystrokes; i++) {
      const next = options.edit(i);
      await client.edit(uri, current, next);
      current = next;
    }
    await client.shutdown();
  } catch (e) {
    client.kill();
    throw e;
  }
  const locate = locator(options.root);
  const threads: ThreadProfile[] = [];
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the protocol thread.
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile')).sort()) {
    const profile = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
    const { functions, layers, total } = selfTimes(profile, locate, 12);
    if (total < 1) continue;
    const thread = /\.0\.\d+\.cpuprofile$/.test(f) ? 'protocol thread' : `engine worker (${f})`;
    const per = options.keystrokes + 1;
    threads.push({
      thread,
      msPerKeystroke: total / per,
      layers: layers.map((l) => ({ ...l, amount: l.amount / per })),
      functions: functions.map((fn) => ({ ...fn, ms: fn.ms / per })),
    });
  }
  console.log(`  the server, profiled over 1 open and ${options.keystrokes} keystrokes (per analysis: the total over ${options.keystrokes + 1}; profiles in ${relative(options.root, dir)}):`);
  const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
  for (const t of threads) {
    console.log(`    ${t.thread}: ${ms(t.msPerKeystroke)} of CPU per analysis; by layer: ${t.layers.slice(0, 8).map((l) => `${l.name} ${ms(l.amount)}`).join(', ')}`);
    for (const f of t.functions.slice(0, 6)) console.log(`      ${ms(f.ms).padStart(10)} ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}  ${f.where}`);
  }
  return threads;
}
