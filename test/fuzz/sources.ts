import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from '../support/ensureBuilt';

export interface Source {
  /** Path relative to the repository root (or to shared/ for the corpus): names the case in messages. */
  name: string;
  text: string;
}

/** The real-world templates beside the project; absent on a checkout without shared/. */
const corpus = join(root, '..', 'shared', 'corpus', 'arm');

/** Every template the fuzzers start from: examples, test fixtures (the fuzz ones included) and the corpus when present. */
export function seedTemplates(): Source[] {
  const files = [
    ...jsonFiles(join(root, 'examples')),
    ...jsonFiles(join(root, 'test', 'fixtures')),
    ...(existsSync(corpus) ? jsonFiles(corpus) : []),
  ];
  return files.map((f) => ({ name: f.startsWith(root) ? relative(root, f) : relative(join(root, '..'), f), text: readFileSync(f, 'utf8') }));
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []))
    .sort();
}
