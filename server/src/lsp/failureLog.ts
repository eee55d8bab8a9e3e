/** Beyond this many distinct failures the log stops growing: the server must not leak memory over a long session. */
const maxRemembered = 500;

/**
 * Logs each distinct internal failure once: a failing rule fails again on every
 * keystroke, and repeating it would bury everything else in the output channel.
 */
export function createFailureLog(log: (message: string) => void): (uri: string, failures: readonly string[]) => void {
  const seen = new Set<string>();
  return (uri, failures) => {
    for (const failure of failures) {
      if (seen.has(failure)) continue;
      if (seen.size < maxRemembered) seen.add(failure);
      log(`ase-lint: internal failure while analysing ${uri}: ${failure}`);
    }
  };
}
