/**
 * Variations of a rule table's literal texts. A table writes its canonical case out as a
 * whole template (ARM and Bicep, with carets and the text after the fix); the cases that
 * differ from it by a resource or a value are that text with one edit, stated here so that
 * a case reads as what differs. Each edit fails when its anchor is not where it expects
 * it, so a change to the literal text cannot silently leave a variation unchanged.
 */

/** `text` with the one occurrence of `from` replaced by `to` (literally: `$` in `to` is not special). */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`not exactly one occurrence of ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** `text` with each `[from, to]` pair applied by replaceOnce, in order. */
export function replacing(text: string, ...pairs: [from: string, to: string][]): string {
  return pairs.reduce((t, [from, to]) => replaceOnce(t, from, to), text);
}

/** `text` without its caret annotations (the lines `// ^^^ ASE123` that tester.ts reads). */
export function withoutCarets(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*\/\/\s*\^+\s+ASE\d{3}\s*$/.test(l))
    .join('\n');
}

/** An ARM template with `"parameters": { <declarations> },` after its `contentVersion` line. */
export function armWithParameters(text: string, declarations: string): string {
  const line = '  "contentVersion": "1.0.0.0",';
  return replaceOnce(text, `${line}\n`, `${line}\n  "parameters": { ${declarations} },\n`);
}

/** An ARM template (as the tables write it: `resources` last, two-space indent) with `resources` (objects indented by 4) appended to its resources. */
export function armWithResources(text: string, ...resources: string[]): string {
  const end = '\n  ]\n}';
  if (!text.endsWith(end)) throw new Error('the template does not end with its resources array');
  return `${text.slice(0, -end.length)},\n${resources.join(',\n')}${end}`;
}

/** An ARM template with `resource` (an object indented by 4) as its first resource. */
export function armWithFirstResource(text: string, resource: string): string {
  const start = '  "resources": [\n';
  return replaceOnce(text, start, `${start}${resource},\n`);
}
