// Test folders share code through test/support alone: a test file imports from its own
// folder, from test/support, and from outside test/ (the sources, the scripts), never
// from another test folder; test/support imports from no test folder. The test reads
// every relative import under test/ and names the file and the folder it reaches into.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const testDir = join(__dirname, '..');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures') sourceFiles(p, out);
    } else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The folder of test/ a path lies in (`rules`, `support`…), or undefined outside test/ or directly in it. */
function folderOf(path: string): string | undefined {
  const rel = relative(testDir, path).split(sep);
  return rel[0] === '..' || rel.length < 2 ? undefined : rel[0];
}

test('test folders import only their own files and test/support', () => {
  const crossings: string[] = [];
  for (const file of sourceFiles(testDir)) {
    const from = folderOf(file);
    const text = readFileSync(file, 'utf8');
    // Static imports and re-exports start a line; an import inside a string (a Bicep text) does not.
    for (const m of text.matchAll(/^(?:import|export)\b[^';]*?\bfrom\s*'(\.{1,2}\/[^']+)'|\bimport\s*\(\s*'(\.{1,2}\/[^']+)'/gm)) {
      const spec = m[1] ?? m[2];
      const to = folderOf(resolve(dirname(file), spec));
      if (to === undefined || to === from || (to === 'support' && from !== undefined)) continue;
      crossings.push(`${relative(testDir, file)} imports '${spec}' from test/${to}`);
    }
  }
  assert.deepEqual(crossings, []);
});
