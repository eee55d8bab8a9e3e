// Frames that break the protocol's framing, sent to the real server over stdio after a
// proper initialize: each is logged (to the client and on stderr) and the server exits
// with an error status, so that the client starts it again, instead of running on deaf.
// A message whose body is not JSON keeps the framing: it is logged and the server keeps
// answering.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { StreamMessageReader, type Message, type MessageReader } from 'vscode-languageserver-protocol/node';
import { watchReader } from '../../../server/src/lsp/transport';
import { ensureBuilt, root } from '../../support/ensureBuilt';
import { fuzzSeed, prngFor } from '../../support/prng';
import { within } from './patience';

before(() => ensureBuilt());

const frame = (body: object | string) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
};
const initialize = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const hover = (id: number) => frame({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.json' }, position: { line: 0, character: 0 } } });

interface Server {
  child: ChildProcessWithoutNullStreams;
  messages: Message[];
  stderr: () => string;
  exited: Promise<number | null>;
  answered(id: number): Promise<void>;
}

function start(): Server {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { cwd: root });
  const messages: Message[] = [];
  const waiting = new Map<number, () => void>();
  new StreamMessageReader(child.stdout).listen((m) => {
    messages.push(m);
    const id = (m as { id?: unknown }).id;
    if (typeof id === 'number') waiting.get(id)?.();
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  // 'close', not 'exit': a process may exit before what it wrote to its pipes is read here.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    messages,
    stderr: () => stderr,
    exited,
    answered: (id) =>
      new Promise<void>((resolve) => {
        if (messages.some((m) => (m as { id?: unknown }).id === id)) resolve();
        else waiting.set(id, resolve);
      }),
  };
}

/** Frames a client must never send: each leaves the reader unable to find the next message. */
const broken = [
  'Content-Length: abc\r\n\r\n{}',
  'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}',
  '{"jsonrpc":"2.0","id":7,"method":"shutdown"}\r\n\r\n',
  'no colon in this header line\r\n\r\n',
  `Content-Length: 12\r\nX-Garbage\r\n\r\n${'x'.repeat(12)}`,
];

for (const [i, bad] of broken.entries()) {
  test(`a broken frame (${JSON.stringify(bad.slice(0, 40))}…) is logged and the server exits with an error`, { timeout: 60_000 }, async () => {
    const server = start();
    try {
      server.child.stdin.write(initialize);
      await within(server.answered(1), 30_000, 'initialize');
      // A well-formed message may come in the same chunk just before it (seeded).
      const prng = prngFor(`broken frame ${i}`);
      server.child.stdin.write((prng.chance(0.5) ? hover(2) : '') + bad + hover(3));
      const code = await within(server.exited, 30_000, `the exit after a broken frame (FUZZ_SEED=${fuzzSeed})`);
      assert.equal(code, 1, server.stderr());
      assert.match(server.stderr(), /^ase-lint: the connection to the client is broken \(.+\); the server exits so that the client can start it again$/m);
      const logged = server.messages.some((m) => {
        const n = m as { method?: string; params?: { message?: string } };
        return n.method === 'window/logMessage' && /connection to the client is broken/.test(n.params?.message ?? '');
      });
      assert.ok(logged, 'told to the client too');
    } finally {
      server.child.kill();
    }
  });
}

test('a Content-Length beyond the message swallows the frames after it, and the server exits', { timeout: 60_000 }, async () => {
  const server = start();
  try {
    server.child.stdin.write(initialize);
    await within(server.answered(1), 30_000, 'initialize');
    // The body runs into the next frame's header: what follows can no longer be framed.
    server.child.stdin.write(`Content-Length: 60\r\n\r\n{"jsonrpc":"2.0"}${hover(2)}${hover(3)}`);
    assert.equal(await within(server.exited, 30_000, 'the exit after an overlong Content-Length'), 1, server.stderr());
    assert.match(server.stderr(), /the connection to the client is broken/);
  } finally {
    server.child.kill();
  }
});

test('a message that stops short of its Content-Length, with nothing more coming, breaks the connection', () => {
  // The reader's own timer (10 s) reports it; what the server does with the report is this.
  const listeners: { error?: (e: unknown) => void; partial?: (i: { messageToken: number; waitingTime: number }) => void } = {};
  const reader = {
    onError: (l: (e: unknown) => void) => (listeners.error = l),
    onPartialMessage: (l: (i: { messageToken: number; waitingTime: number }) => void) => (listeners.partial = l),
    onClose: () => undefined,
  } as unknown as MessageReader;
  const broken: string[] = [];
  const unreadable: string[] = [];
  watchReader(reader, (why) => broken.push(why), (why) => unreadable.push(why), () => undefined);
  listeners.partial!({ messageToken: 1, waitingTime: 10_000 });
  assert.deepEqual(broken, ['a message stopped short of its Content-Length and nothing more came for 10 s']);
  listeners.error!(new SyntaxError('Unexpected token'));
  assert.deepEqual(unreadable, ['Unexpected token'], 'a body that is not JSON is only logged');
  listeners.error!(new Error('Header must provide a Content-Length property.\n{"x":"y"}'));
  assert.equal(broken.length, 2);
  assert.match(broken[1], /^Header must provide a Content-Length property\. \{"x":"y"\}$/);
});

test('a well-framed message that is not JSON is logged, and the server keeps answering', { timeout: 60_000 }, async () => {
  const server = start();
  try {
    server.child.stdin.write(initialize);
    await within(server.answered(1), 30_000, 'initialize');
    server.child.stdin.write(frame('{ this is not json') + hover(2));
    await within(server.answered(2), 30_000, 'a request after the bad message');
    assert.ok(server.messages.some((m) => /not JSON and was ignored/.test(JSON.stringify(m))), 'logged');
    assert.equal(server.child.exitCode, null, 'still running');
  } finally {
    server.child.kill();
  }
});
