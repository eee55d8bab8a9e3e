import { describeError } from '../engine/analyze';

/**
 * Wraps a request or notification handler so an exception becomes a log line and an
 * empty answer: one bad template or one bug must never stop the server answering.
 */
export function guard<P extends unknown[], R>(
  name: string,
  fallback: R,
  log: (message: string) => void,
  handler: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (e) {
      log(`ase-lint: ${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}
