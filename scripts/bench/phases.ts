import type { Host } from '../../server/src/core/host';
import type { Engine } from './engineBundle';
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
export function measurePhases(engine: Engine, uri: string, text: string, host: Host, runs: number, language: 'arm' | 'bicep' = 'arm'): Phases {
  const { runRules } = engine;
  if (language === 'bicep') {
    const { parseBicepDocument, buildBicepModel } = engine;
    const parse = timeSync(runs, 2, () => parseBicepDocument(uri, text));
    const document = parseBicepDocument(uri, text);
    const model = timeSync(runs, 2, () => buildBicepModel(document, host, {}));
    const built = buildBicepModel(document, host, {});
    const rules = timeSync(runs, 2, () => runRules(built, () => undefined));
    return { parse, model, rules };
  }
  const { parseArmDocument, buildArmModel } = engine;
  const parse = timeSync(runs, 2, () => parseArmDocument(uri, text));
  const document = parseArmDocument(uri, text);
  const model = timeSync(runs, 2, () => buildArmModel(document, host, {}));
  const built = buildArmModel(document, host, {});
  const rules = timeSync(runs, 2, () => runRules(built, () => undefined));
  return { parse, model, rules };
}
