/**
 * The templates test/meta/reads.test.ts runs every rule over: each case of the rule
 * tables (ARM and its Bicep twin), the sample deployments with the files they read from
 * disk, and the examples of the rule pages, each analysed into its network model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/engine/analyze';
import { createDiskHost } from '../../server/src/engine/diskHost';
import type { NetworkModel } from '../../server/src/model/types';
import { allRules } from '../../server/src/rules/index';
import { BICEP_URI, hostOf, loadRuleTables, TEMPLATE_URI } from '../support/tester';
import { docExamples } from './docExamples';
import { root } from './docExamples';

export interface CorpusModel {
  /** Where the template comes from, for messages. */
  source: string;
  model: NetworkModel;
}

export function readsCorpus(): CorpusModel[] {
  const out: CorpusModel[] = [];
  const add = (source: string, uri: string, text: string, files?: Record<string, string>) => {
    const analysis = analyze(uri, text, hostOf(files));
    if (analysis.model) out.push({ source, model: analysis.model });
  };

  const dir = join(root, 'test', 'rules');
  const tables = loadRuleTables(
    readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => join(dir, f)),
  );
  for (const t of tables) {
    for (const c of [...t.valid, ...t.invalid]) {
      add(`${t.rule.code} case '${c.name}'`, TEMPLATE_URI, c.arm, c.files);
      if (c.bicep !== undefined) add(`${t.rule.code} case '${c.name}' (Bicep)`, BICEP_URI, c.bicep, c.files);
    }
  }

  const samples = join(root, 'test', 'samples');
  const host = createDiskHost();
  for (const name of readdirSync(samples).filter((f) => /\.(json|bicep)$/.test(f) && !f.endsWith('.parameters.json')).sort()) {
    const path = join(samples, name);
    const analysis = analyze(pathToFileURL(path).href, readFileSync(path, 'utf8'), host);
    if (analysis.model) out.push({ source: `sample ${name}`, model: analysis.model });
  }

  for (const rule of allRules) {
    for (const e of docExamples(rule.name)) {
      add(`docs/rules/${rule.name}.md line ${e.line}`, `file:///docs/rules/${rule.name}/line${e.line}.${e.language}`, e.text);
    }
  }
  return out;
}
