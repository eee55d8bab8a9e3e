export interface ProgressSink {
  /** Only a terminal gets progress: in a log file the redrawn line would be noise. */
  isTTY: boolean;
  /** Width of the terminal, to keep the line from wrapping (a wrapped line cannot be redrawn). */
  columns?: number;
  now(): number;
  write(text: string): void;
}

export interface Progress {
  /** `done` files of `total` are finished; `current` is being analysed. */
  update(done: number, total: number, current: string): void;
  /** Erases the line, before other output and at the end. */
  clear(): void;
}

/** A short run finishes before progress would help; drawing it would only flicker. */
const showAfterMs = 1000;
/** Redrawing for every small file costs more than it tells. */
const redrawEveryMs = 100;

/** A one-line progress display on stderr, shown only on a terminal and only for long runs. */
export function createProgress(sink: ProgressSink): Progress {
  if (!sink.isTTY) return { update() {}, clear() {} };
  const started = sink.now();
  let lastDrawn = -Infinity;
  let visible = false;
  return {
    update(done, total, current) {
      const t = sink.now();
      if (t - started < showAfterMs || t - lastDrawn < redrawEveryMs) return;
      lastDrawn = t;
      const width = Math.max(20, (sink.columns ?? 80) - 1);
      sink.write(`\r\x1b[2K${truncate(`ase-lint: ${done}/${total} ${current}`, width)}`);
      visible = true;
    },
    clear() {
      if (!visible) return;
      sink.write('\r\x1b[2K');
      visible = false;
    },
  };
}

function truncate(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}
