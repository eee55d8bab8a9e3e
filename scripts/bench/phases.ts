import type { Host } from '../../server/src/core/host';
import type { Engine } from './engineBundle';
import { summarize, type Summary } from './stats';

export interface Phases {
  parse: Summary;
  model: Summary;
  rules: Summary;
}

/**
 * The three stages `analyze` runs, timed one after the other in each run, so whoever
 * optimises knows where the time goes before opening a profile. Each run starts from the
 * text: the evaluator keeps per-model memos (compiled rules, evaluation orders), and
 * rules run again on a model they have already seen would time those memos warm; and
 * what analyses keep for the next version (NSG verdicts by content) is forgotten first.
 */
export function measurePhases(engine: Engine, uri: string, text: string, host: Host, runs: number, language: 'arm' | 'bicep' = 'arm', warmup = 2): Phases {
  const { runRules } = engine;
  const parseDocument = language === 'bicep' ? () => engine.parseBicepDocument(uri, text) : () => engine.parseArmDocument(uri, text);
  const buildModel =
    language === 'bicep'
      ? (d: ReturnType<typeof parseDocument>) => engine.buildBicepModel(d as ReturnType<Engine['parseBicepDocument']>, host, {})
      : (d: ReturnType<typeof parseDocument>) => engine.buildArmModel(d as ReturnType<Engine['parseArmDocument']>, host, {});
  const samples = { parse: [] as number[], model: [] as number[], rules: [] as number[] };
  for (let i = -warmup; i < runs; i++) {
    engine.forgetReuse();
    const t0 = performance.now();
    const document = parseDocument();
    const t1 = performance.now();
    const model = buildModel(document);
    const t2 = performance.now();
    runRules(model, () => undefined);
    const t3 = performance.now();
    if (i < 0) continue;
    samples.parse.push(t1 - t0);
    samples.model.push(t2 - t1);
    samples.rules.push(t3 - t2);
  }
  return { parse: summarize(samples.parse), model: summarize(samples.model), rules: summarize(samples.rules) };
}
