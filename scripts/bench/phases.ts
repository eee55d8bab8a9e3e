import type { Host } from '../../server/src/engine';
import { buildArmModel } from '../../server/src/model/build';
import { parseArmDocument } from '../../server/src/parse/arm';
import { runRules } from '../../server/src/rules/run';
import { timeSync, type Summary } from './stats';

export interface Phases {
  parse: Summary;
  model: Summary;
  rules: Summary;
}

/**
 * The three stages `analyze` runs, timed one by one on the same text, so whoever
 * optimises knows where the time goes before opening a profile.
 */
export function measurePhases(uri: string, text: string, host: Host, runs: number): Phases {
  const parse = timeSync(runs, 2, () => parseArmDocument(uri, text));
  const document = parseArmDocument(uri, text);
  const model = timeSync(runs, 2, () => buildArmModel(document, host, {}));
  const built = buildArmModel(document, host, {});
  const rules = timeSync(runs, 2, () => runRules(built, () => undefined));
  return { parse, model, rules };
}
