import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The samples' templates, and the corpus of real-world templates beside the repository. */
export const samplesDir = join(__dirname, '..', 'samples');
export const corpusDir = join(__dirname, '..', '..', '..', 'shared', 'corpus');

/** Every `.json` file under `dir`, sorted; none when it does not exist. */
export function jsonIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonIn(path);
      return name.endsWith('.json') ? [path] : [];
    })
    .sort();
}
