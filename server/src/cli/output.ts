/**
 * Text for a terminal or a CI log: control characters from names, paths and messages are
 * shown as escapes. Raw, ESC and BEL would retitle the window, clear the screen or forge
 * a hyperlink (OSC 8), C1 controls do the same on terminals that honour them, and the
 * bidirectional controls reorder what the reader sees. `\n` is kept (lines are ours).
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** What `guardOutput` and `exitWhenWritten` need of a stream: `process.stdout` and `process.stderr` in the program. */
export interface OutputStream {
  on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
  write(text: string, done?: (e?: Error | null) => void): unknown;
}

export interface GuardedOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Writes the report and the messages, and decides what a failed write means. The reader
 * of a pipe that went away (`ase-lint … | head`) wanted no more: the run ends quietly,
 * with the status it has (EPIPE on stdout; on stderr, messages just stop). Any other
 * failure (a full disk, a broken device) loses the report: one line says so on stderr
 * and the exit status is 2, never the stack of an unhandled error. Node reports these
 * failures as 'error' events, after the write returned.
 */
export function guardOutput(stdout: OutputStream, stderr: OutputStream, exit: (status: number) => void, status: () => number | undefined): GuardedOutput {
  let outFailed = false;
  let errFailed = false;
  const writeErr = (text: string) => {
    if (!errFailed) stderr.write(text);
  };
  stdout.on('error', (e) => {
    if (outFailed) return;
    outFailed = true;
    if (e.code === 'EPIPE') return exit(status() ?? 0);
    writeErr(`ase-lint: cannot write the report: ${describeWriteError(e)}\n`);
    exit(2);
  });
  stderr.on('error', (e) => {
    if (errFailed) return;
    errFailed = true;
    // Messages can no longer be shown; a report on stdout may still be complete, unless the disk is full.
    if (e.code !== 'EPIPE') exit(2);
  });
  return {
    out: (text) => {
      if (!outFailed) stdout.write(text);
    },
    err: writeErr,
  };
}

/**
 * Ends the run as soon as everything written to the streams has reached them. A process
 * left to end by itself tears down its heap first, which after a large template costs
 * tens of milliseconds for nothing; `exit` (process.exit) skips that. Waiting for the
 * writes matters where they are asynchronous (pipes on macOS, Windows): exiting earlier
 * would cut the report. A write that fails is left to `guardOutput`, and the process
 * then ends by itself.
 */
export function exitWhenWritten(streams: readonly OutputStream[], exit: () => void): void {
  let waiting = streams.length;
  for (const stream of streams) {
    // An empty write is called back once the writes before it are done.
    stream.write('', (e) => {
      if (!e && --waiting === 0) exit();
    });
  }
}

function describeWriteError(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOSPC') return 'no space left on device';
  if (e.code === 'EIO') return 'input/output error';
  if (e.code === 'EBADF') return 'the output is closed';
  const message = e.message.split('\n')[0];
  return e.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}
