/**
 * The examples of the rule pages (docs/rules/<name>.md), as templates to analyse.
 *
 * An example is a fenced block whose info string says its language and kind:
 *
 *     ```json incorrect base=v2-external fragment=securityRules
 *
 * Without `base`, the block is a whole template. With it, the block is a fragment of
 * the base template docs/rules/bases/<base>.md, which holds the whole template in ARM
 * (```json base) and in Bicep (```bicep base); the example is that template with the
 * fragment merged in:
 *
 * - `fragment=resources`: resources, each taking the place of the base's resource of the
 *   same `type` and `name` (in Bicep, the declaration of the same symbol), the others
 *   added. In ARM the block is an array of resources, or an object with `parameters`,
 *   `variables` and `resources` merged into the base's; in Bicep, declarations.
 * - `fragment=<property>`: the items of the one array property of that name in the base
 *   (`securityRules`, `subnets`, `routes`…), each taking the place of the base's item of
 *   the same `name`, the others added. The block is an array.
 *
 * A block that names a fragment and no base adds that fragment to the example just before
 * it (same language and kind): an example that changes two places shows both.
 * test/meta/docs.test.ts runs every example; test/meta/reads.test.ts runs the rules over
 * them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export const root = join(__dirname, '..', '..');
export const docsDir = join(root, 'docs', 'rules');
export const basesDir = join(docsDir, 'bases');

export type Language = 'json' | 'bicep';

/** One fenced block of a page, as written. */
export interface DocBlock {
  language: Language;
  kind: 'incorrect' | 'correct';
  /** The base template the block is a fragment of, when it names one. */
  base?: string;
  /** Which part of the base the fragment replaces (`resources`, or an array property such as `securityRules`). */
  fragment?: string;
  text: string;
  /** One-based line of the opening fence, for messages. */
  line: number;
}

/** An example ready to analyse: the whole template, with the blocks it was made of. */
export interface DocExample {
  language: Language;
  kind: 'incorrect' | 'correct';
  /** The template: the block itself, or the base with the fragments merged in. */
  text: string;
  base?: string;
  blocks: DocBlock[];
  /** One-based line of the first block's opening fence. */
  line: number;
}

const fence = /^```(json|bicep)\s+(incorrect|correct)((?:\s+[a-z]+=[A-Za-z0-9.-]+)*)\s*$/;

/** The example blocks of a page, as written. */
export function blocksOf(markdown: string): DocBlock[] {
  const out: DocBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    assert.ok(end > i, `unclosed example at line ${i + 1}`);
    const attributes = Object.fromEntries([...open[3].matchAll(/([a-z]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    for (const key of Object.keys(attributes)) assert.ok(key === 'base' || key === 'fragment', `line ${i + 1}: unknown attribute '${key}' (base=, fragment=)`);
    const block: DocBlock = { language: open[1] as Language, kind: open[2] as 'incorrect' | 'correct', text: lines.slice(i + 1, end).join('\n'), line: i + 1 };
    if (attributes.base) block.base = attributes.base;
    if (attributes.fragment) block.fragment = attributes.fragment;
    assert.ok(!block.base || block.fragment, `line ${i + 1}: an example with a base says which fragment it shows (fragment=)`);
    out.push(block);
    i = end;
  }
  return out;
}

/** The examples of a page: whole templates, and bases with their fragments merged in. */
export function examplesOf(markdown: string): DocExample[] {
  const out: DocExample[] = [];
  for (const block of blocksOf(markdown)) {
    if (block.fragment && !block.base) {
      const previous = out[out.length - 1];
      assert.ok(
        previous?.base && previous.language === block.language && previous.kind === block.kind,
        `line ${block.line}: a fragment without a base continues the ${block.language} ${block.kind} example before it, and there is none`,
      );
      previous.blocks.push(block);
      continue;
    }
    out.push({ language: block.language, kind: block.kind, text: block.text, blocks: [block], line: block.line, ...(block.base ? { base: block.base } : {}) });
  }
  for (const e of out) {
    if (!e.base) continue;
    let text = baseTemplate(e.base, e.language);
    for (const b of e.blocks) {
      const where: string = `line ${b.line} (${e.language}, fragment=${b.fragment}, base=${e.base})`;
      try {
        text = e.language === 'json' ? mergeArm(text, b.fragment!, b.text) : mergeBicep(text, b.fragment!, b.text);
      } catch (err) {
        assert.fail(`${where}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    e.text = text;
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

/** The names of the base templates (docs/rules/bases/<name>.md). */
export function baseNames(): string[] {
  return existsSync(basesDir) ? readdirSync(basesDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort() : [];
}

/** The base template `name` in `language`: the one ```json base or ```bicep base block of its page. */
export function baseTemplate(name: string, language: Language): string {
  const path = join(basesDir, `${name}.md`);
  assert.ok(/^[a-z0-9-]+$/.test(name) && existsSync(path), `no base template docs/rules/bases/${name}.md`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const starts = lines.flatMap((l, i) => (l.trim() === `\`\`\`${language} base` ? [i] : []));
  assert.equal(starts.length, 1, `docs/rules/bases/${name}.md holds one \`\`\`${language} base block`);
  const end = lines.findIndex((l, j) => j > starts[0] && /^```\s*$/.test(l));
  return lines.slice(starts[0] + 1, end).join('\n');
}

// ARM: merged as JSON values, written out again (positions in the merged text do not
// matter: the docs test asks which rules report, not where).

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function parseJson(text: string, what: string): Json {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false }) as Json;
  if (errors.length > 0) throw new Error(`${what} is not valid JSON: ${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`);
  return value;
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const lower = (v: Json | undefined) => (typeof v === 'string' ? v.toLowerCase() : undefined);

/** Items replace the item of `list` that `same` matches, in place; the others are appended. */
function mergeItems(list: Json[], items: Json[], same: (a: Json, b: Json) => boolean): void {
  for (const item of items) {
    const i = list.findIndex((x) => same(x, item));
    if (i >= 0) list[i] = item;
    else list.push(item);
  }
}

const sameName = (a: Json, b: Json) => isObject(a) && isObject(b) && typeof a.name === 'string' && a.name === b.name;
const sameResource = (a: Json, b: Json) => isObject(a) && isObject(b) && lower(a.type) === lower(b.type) && lower(a.name) === lower(b.name);

export function mergeArm(base: string, fragment: string, text: string): string {
  const template = parseJson(base, 'the base');
  assert.ok(isObject(template) && Array.isArray(template.resources), 'the base is a template with a resources array');
  const value = parseJson(text, 'the fragment');
  if (fragment === 'resources') {
    const partial = Array.isArray(value) ? { resources: value } : value;
    if (!isObject(partial)) throw new Error('a resources fragment is an array of resources, or an object with parameters, variables and resources');
    for (const key of Object.keys(partial)) {
      if (key === 'resources') continue;
      if (key !== 'parameters' && key !== 'variables') throw new Error(`a resources fragment holds parameters, variables and resources, not '${key}'`);
      const into = isObject(template[key]) ? template[key] : (template[key] = {});
      if (!isObject(partial[key])) throw new Error(`'${key}' is an object`);
      Object.assign(into, partial[key]);
    }
    const resources = partial.resources ?? [];
    if (!Array.isArray(resources) || !resources.every((r) => isObject(r) && typeof r.type === 'string' && typeof r.name === 'string')) {
      throw new Error('each resource of the fragment has a type and a name');
    }
    mergeItems(template.resources as Json[], resources, sameResource);
  } else {
    if (!Array.isArray(value) || !value.every((x) => isObject(x) && typeof x.name === 'string')) throw new Error(`a ${fragment} fragment is an array of items with a name`);
    const found: Json[][] = [];
    const walk = (v: Json) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isObject(v)) for (const [k, x] of Object.entries(v)) (k === fragment && Array.isArray(x) ? found.push(x) : undefined, walk(x));
    };
    walk(template);
    if (found.length !== 1) throw new Error(`the base has ${found.length} arrays named '${fragment}'; a fragment names one`);
    mergeItems(found[0], value, sameName);
  }
  return `${JSON.stringify(template, null, 2)}\n`;
}

// Bicep: merged as text. Bases and fragments are written the usual way: one declaration
// after another at the start of the line, two spaces of indentation, and in an array one
// object per item, its braces on lines of their own (`{` … `}`).

interface Declaration {
  symbol: string | undefined;
  text: string;
}

const declarationStart = /^(?:@|#disable|\/\/|(?:param|var|resource|module|output|type|func|import|metadata|targetScope)\b)/;

/** A Bicep file's top-level declarations, each with the decorators and comments above it. */
export function bicepDeclarations(text: string): Declaration[] {
  const out: { symbol: string | undefined; lines: string[] }[] = [];
  let pending: string[] = [];
  let current: { symbol: string | undefined; lines: string[] } | undefined;
  for (const line of text.replace(/\s+$/, '').split('\n')) {
    if (line.trim() === '') {
      if (current) current.lines.push(line);
      continue;
    }
    if (declarationStart.test(line)) {
      const m = /^(?:param|var|resource|module|output|type|func)\s+([A-Za-z_]\w*)/.exec(line);
      if (!m) {
        // A decorator, pragma or comment: it belongs to the declaration that follows.
        if (current) {
          out.push(current);
          current = undefined;
        }
        pending.push(line);
        continue;
      }
      if (current) out.push(current);
      current = { symbol: m[1], lines: [...pending, line] };
      pending = [];
      continue;
    }
    if (!current) throw new Error(`line '${line.trim()}' is outside any declaration`);
    current.lines.push(line);
  }
  if (current) out.push(current);
  if (pending.length > 0) out.push({ symbol: undefined, lines: pending });
  return out.map((d) => ({ symbol: d.symbol, text: d.lines.join('\n').replace(/\s+$/, '') }));
}

export function mergeBicep(base: string, fragment: string, text: string): string {
  if (fragment === 'resources') {
    const declarations = bicepDeclarations(base);
    for (const d of bicepDeclarations(text)) {
      if (!d.symbol) throw new Error(`'${d.text.split('\n')[0]}' declares nothing`);
      const i = declarations.findIndex((x) => x.symbol === d.symbol);
      if (i >= 0) declarations[i] = d;
      else declarations.push(d);
    }
    return `${declarations.map((d) => d.text).join('\n\n')}\n`;
  }
  const lines = base.replace(/\s+$/, '').split('\n');
  const opens = lines.flatMap((l, i) => (new RegExp(`^(\\s*)${fragment}: \\[\\s*\\]?\\s*$`).test(l) ? [i] : []));
  if (opens.length !== 1) throw new Error(`the base has ${opens.length} arrays named '${fragment}'; a fragment names one`);
  const open = opens[0];
  const indent = /^(\s*)/.exec(lines[open])![1];
  let close: number;
  if (lines[open].trimEnd().endsWith('[]')) {
    lines.splice(open, 1, `${indent}${fragment}: [`, `${indent}]`);
    close = open + 1;
  } else {
    close = lines.findIndex((l, i) => i > open && l === `${indent}]`);
    if (close < 0) throw new Error(`the base's '${fragment}' array has no closing bracket at its own indentation`);
  }
  const baseItems = itemsOf(lines.slice(open + 1, close), indent);
  const fragmentLines = text.replace(/\s+$/, '').split('\n');
  if (fragmentLines[0].trim() !== '[' || fragmentLines[fragmentLines.length - 1].trim() !== ']') throw new Error(`a ${fragment} fragment is an array: '[', its items, ']'`);
  const items = itemsOf(fragmentLines.slice(1, -1), '').map((item) => ({ ...item, lines: item.lines.map((l) => (l === '' ? l : indent + l)) }));
  const merged = [...baseItems];
  for (const item of items) {
    const i = merged.findIndex((x) => x.name === item.name);
    if (i >= 0) merged[i] = item;
    else merged.push(item);
  }
  lines.splice(open + 1, close - open - 1, ...merged.flatMap((x) => x.lines));
  return `${lines.join('\n')}\n`;
}

/** The objects of an array's body whose brackets sit at `indent` plus two spaces, by their `name`. */
function itemsOf(body: string[], indent: string): { name: string; lines: string[] }[] {
  const out: { name: string; lines: string[] }[] = [];
  const at = `${indent}  `;
  for (let i = 0; i < body.length; i++) {
    if (body[i].trim() === '') continue;
    if (body[i] !== `${at}{`) throw new Error(`expected an item's '{' alone on its line, two spaces in: '${body[i].trim()}'`);
    const end = body.findIndex((l, j) => j > i && l === `${at}}`);
    if (end < 0) throw new Error(`an item has no closing '}' at its own indentation`);
    const lines = body.slice(i, end + 1);
    const name = lines.map((l) => new RegExp(`^${at}  name: '([^']*)'\\s*$`).exec(l)).find((m) => m)?.[1];
    if (name === undefined) throw new Error(`an item has no name: '${lines.slice(0, 3).join(' ').trim()}…'`);
    out.push({ name, lines });
    i = end;
  }
  return out;
}
