import { threadId, type MessagePort } from 'node:worker_threads';
import { describeError } from '../../engine/analyze';
import { EngineState } from './engineState';
import type { ToWorker } from './messages';
import { IdleCollection, youngCollector } from './idleCollection';

/**
 * Test hook, not a setting: when this environment variable is set, the worker exits (as a
 * crash or an out-of-memory would end it) before analysing a text that contains its
 * value. test/lsp/worker.test.ts uses it to prove the server restarts the worker and
 * does not analyse that document again until it changes.
 */
export const crashHookVariable = 'ASE_LINT_TEST_WORKER_EXIT_ON';

/** The worker thread's side: every message is one job, answered when done. */
export function runEngineWorker(port: MessagePort): void {
  const marker = process.env[crashHookVariable];
  const state = new EngineState(
    String(threadId),
    marker ? (text) => void (text.includes(marker) && process.exit(70)) : undefined,
  );
  // Between messages, the young generation an analysis filled is collected (see IdleCollection).
  const idle = new IdleCollection(youngCollector());
  port.on('message', (message: ToWorker) => {
    idle.arrived();
    const reply = state.handle(message);
    try {
      port.postMessage(reply);
    } catch (e) {
      // A result that cannot be cloned is a bug in a feature, not a reason to lose the worker.
      port.postMessage({ id: reply.id, ...(reply.ran ? { ran: reply.ran } : {}), error: describeError(e) });
    }
    idle.answered();
  });
}
