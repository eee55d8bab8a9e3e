/**
 * The examples of the rule pages (docs/rules/<name>.md): fenced blocks whose info string
 * is `json incorrect`, `bicep correct` and so on. test/meta/docs.test.ts runs them, and
 * test/meta/reads.test.ts runs the rules over them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const docsDir = join(root, 'docs', 'rules');

export interface DocExample {
  language: 'json' | 'bicep';
  kind: 'incorrect' | 'correct';
  text: string;
  /** One-based line of the opening fence, for messages. */
  line: number;
}

/** Fenced blocks whose info string is `json incorrect`, `bicep correct` and so on. */
export function examplesOf(markdown: string): DocExample[] {
  const out: DocExample[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(json|bicep)\s+(incorrect|correct)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    assert.ok(end > i, `unclosed example at line ${i + 1}`);
    out.push({ language: open[1] as 'json' | 'bicep', kind: open[2] as 'incorrect' | 'correct', text: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return out;
}

/** The page of the rule named `name`. */
export function pageOf(name: string): string {
  return readFileSync(join(docsDir, `${name}.md`), 'utf8');
}

/** The examples of the rule named `name`, as templates ready to analyse. */
export function docExamples(name: string): DocExample[] {
  return examplesOf(pageOf(name));
}
