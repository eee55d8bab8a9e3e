import { format } from 'node:util';
import {
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { excerpt } from '../core/excerpt';

export interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** stdout carries the protocol: nothing else may be written there. */
  stdio: boolean;
}

/**
 * The transport the command line names, read as vscode-languageserver reads it
 * (`--node-ipc`, `--stdio`, `--socket=N` or `--socket N`, `--pipe=NAME` or `--pipe NAME`).
 * The server builds it itself, rather than letting the library do so, to hold the
 * reader: the library drops the reader's errors, and a client that breaks the framing
 * would leave the server running but deaf.
 */
export function transportFromArgs(argv: readonly string[]): Transport | undefined {
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[i + 1];
    switch (name) {
      case '--node-ipc':
        return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
      case '--stdio':
        return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
      case '--socket': {
        const port = Number.parseInt(value() ?? '', 10);
        if (!Number.isNaN(port)) {
          const [reader, writer] = createServerSocketTransport(port);
          return { reader, writer, stdio: false };
        }
        return undefined;
      }
      case '--pipe': {
        const pipe = value();
        if (!pipe) return undefined;
        const [reader, writer] = createServerPipeTransport(pipe);
        return { reader, writer, stdio: false };
      }
    }
  }
  return undefined;
}

export interface BrokenConnection {
  /** Says it where the user can see it (the client's log, stderr) and ends the process with an error status. */
  (why: string): void;
}

/**
 * Watches the reader for a connection that can no longer be read. The framing broke (a
 * header without Content-Length, a length that is not a number, a header line without
 * a colon, a message that stops short of its length): nothing after it can be read
 * reliably, so the server says so and exits with an error status, which makes the client
 * start it again. A message whose body is not JSON leaves the framing intact: it is
 * logged (a few times at most) and the server reads on. The connection closing ends the
 * process, with status 0 after a shutdown request, as the library does for streams.
 */
export function watchReader(reader: MessageReader, broken: BrokenConnection, unreadable: (why: string) => void, closed: () => void): void {
  let unreadableLogged = 0;
  reader.onError((e) => {
    const why = excerpt((e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim(), 200);
    if (e instanceof SyntaxError) {
      if (unreadableLogged++ < 5) unreadable(why);
      return;
    }
    broken(why);
  });
  reader.onPartialMessage((info) => broken(`a message stopped short of its Content-Length and nothing more came for ${Math.round(info.waitingTime / 1000)} s`));
  reader.onClose(closed);
}

/**
 * With the protocol on stdout, console output would corrupt it: it goes to the client's
 * log instead, as vscode-languageserver arranges when it sets up stdio itself.
 */
export function consoleToLog(log: { log(message: string): void; info(message: string): void; warn(message: string): void; error(message: string): void }): void {
  console.log = (...args: unknown[]) => log.log(format(...args));
  console.info = (...args: unknown[]) => log.info(format(...args));
  console.debug = (...args: unknown[]) => log.log(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
  console.trace = (...args: unknown[]) => log.log(format(...args));
  console.dir = (arg: unknown) => log.log(format(arg));
}
