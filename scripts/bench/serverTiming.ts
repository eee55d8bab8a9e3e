import { rangeEdit, TestClient } from '../../test/support/lspClient';
import { summarize, timeAsync, type Summary } from './stats';
import { Debouncer } from '../../server/src/lsp/debouncer';

/** The server's debounce after a change (lsp/startServer.ts): half the document's last analysis, within these bounds. */
const minChangeDelayMs = 10;
const maxChangeDelayMs = 150;

/** A figure waited on longer than this means the server stopped answering: fail, do not hang. */
const patienceMs = 60_000;

/** Spawn of `server.js --stdio` (dist/'s unless given) until its answer to `initialize`, each in a fresh process. */
export async function measureReady(runs: number, serverScript?: string): Promise<Summary> {
  const samples: number[] = [];
  // One untimed start first: the operating system's file cache is warm in an editor too.
  for (let i = -1; i < runs; i++) {
    // The clock starts before the spawn, which happens in the constructor.
    const start = performance.now();
    const client = new TestClient({}, [], {}, serverScript);
    try {
      await withPatience(client.initialize(), 'initialize');
      if (i >= 0) samples.push(performance.now() - start);
    } finally {
      await client.shutdown().catch(() => client.kill());
    }
  }
  return summarize(samples);
}

export interface KeystrokeTiming {
  /** didOpen until the first publishDiagnostics: analysed at once, no debounce. */
  open: Summary;
  /** didChange (one character, sent as its range: incremental sync) until publishDiagnostics of that version, debounce included. */
  keystroke: Summary;
  /**
   * Of each keystroke: the analysis on the engine worker (as the server logs it), the
   * wait before it (the debounce: half the document's previous analysis, 10-150 ms), and
   * the rest (the text's way to the worker, diagnostics back, JSON-RPC both ways).
   */
  parts: { analysis: Summary; debounce: Summary; rest: Summary };
  /** Anything the server wrote to stderr meanwhile (it should be nothing). */
  stderr: string;
}

/** Where the document is opened: a real file in its workspace folder, rather than a generated text under file:///bench/. */
export interface OpenAs {
  uri: string;
  workspaceFolders: string[];
}

/**
 * Opens the document, then types one character at a time, waiting for each version's
 * diagnostics before the next keystroke, so each sample is one isolated edit.
 */
export async function measureKeystrokes(
  text: string,
  edit: (round: number) => string,
  runs: number,
  opens: number,
  language: 'arm' | 'bicep' = 'arm',
  openAs?: OpenAs,
): Promise<KeystrokeTiming> {
  const client = new TestClient({}, openAs?.workspaceFolders ?? []);
  const extension = language === 'bicep' ? 'bicep' : 'json';
  try {
    await withPatience(client.initialize(), 'initialize');
    let n = 0;
    const open = await timeAsync(opens, 1, async () => {
      const uri = openAs?.uri ?? `file:///bench/open-${n++}.${extension}`;
      await withPatience(client.open(uri, text, extension), 'open');
      await withPatience(client.close(uri), 'close');
    });
    const uri = openAs?.uri ?? `file:///bench/typed.${extension}`;
    await withPatience(client.open(uri, text, extension), 'open');
    const analysed = () => client.logs.flatMap((l) => (/^analysed .* in ([\d.]+) ms/.exec(l) ? [Number(/ in ([\d.]+) ms/.exec(l)![1])] : []));
    const parts = { analysis: [] as number[], debounce: [] as number[], rest: [] as number[] };
    // The server's own rule for the wait, replayed on the same moments (an edit after a pause waits only the shortest time).
    const waits = new Debouncer(minChangeDelayMs, maxChangeDelayMs);
    // As an editor sends a keystroke: the changed range only (the server asks for incremental
    // sync). The ranges are found before any clock starts, in the order the runs come (two
    // warm-up runs, -1 and -2, then 0, 1, …): an editor knows them, finding them is the benchmark's cost.
    const changes = new Map<number, ReturnType<typeof rangeEdit>>();
    let current = text;
    for (const i of [-1, -2, ...Array.from({ length: runs }, (_, k) => k)]) {
      const next = edit(i + 2);
      changes.set(i, rangeEdit(current, next));
      current = next;
    }
    const keystroke = await timeAsync(runs, 2, async (i) => {
      const before = analysed();
      const lastRun = before[before.length - 1];
      if (lastRun !== undefined) waits.recordRun('doc', lastRun);
      const debounce = waits.schedule('doc', () => {}, { leading: true });
      waits.cancel('doc');
      const start = performance.now();
      await withPatience(client.changeRange(uri, changes.get(i)!), 'change');
      const total = performance.now() - start;
      const after = analysed();
      if (i < 0 || after.length !== before.length + 1) return;
      const analysis = after[after.length - 1];
      parts.analysis.push(analysis);
      parts.debounce.push(debounce);
      parts.rest.push(total - debounce - analysis);
    });
    const stderr = client.serverStderr;
    await client.shutdown();
    return { open, keystroke, parts: { analysis: summarize(parts.analysis), debounce: summarize(parts.debounce), rest: summarize(parts.rest) }, stderr };
  } catch (e) {
    client.kill();
    throw e;
  }
}

function withPatience<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server did not answer ${what} within ${patienceMs} ms`)), patienceMs);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
