/**
 * `promise`, or a failure naming `what` once `ms` have passed: a server that stopped
 * answering fails its test with a reason instead of hanging to the test's own timeout.
 * Generous bounds, for hangs only, never for speed.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
