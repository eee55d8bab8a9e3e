import type { ReportedFinding } from '../core/findings';
import type { FixOffers } from '../engine/safeFixes';
import type { CliFix } from '../query/cliFinding';

/**
 * A finding's fix as the engine offers it (rendered with the same renderer as the
 * editor's quick fix and verified against the fixed text), within the run's bound.
 */
export function renderCliFix(offers: FixOffers, finding: ReportedFinding): CliFix | undefined {
  const fix = offers.offer(finding);
  return fix ? { title: fix.title, files: [...fix.files].map(([uri, edits]) => ({ uri, edits })) } : undefined;
}
