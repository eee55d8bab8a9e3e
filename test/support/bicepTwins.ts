/**
 * Helpers for the Bicep twins of rule-table cases: the Bicep text comes from twin.ts
 * (the same deployment as templates.ts writes in ARM); these put the caret annotation
 * under the offending text and state what a fix inserts, in Bicep's layout.
 */
import { caretsUnder } from './templates';

/** The text with a caret annotation under `target` on the first line that contains `line`. */
export function annotate(text: string, line: string, target: string, code: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(line));
  if (i < 0) throw new Error(`no line contains ${line}`);
  lines.splice(i + 1, 0, caretsUnder(lines[i], target, code));
  return lines.join('\n');
}

/**
 * The text with the priority of the security rule `name: '<rule>'` (as bicepTwin writes it:
 * the properties on the line after the name) replaced by the expression `expr`.
 */
export function withPriorityExpr(text: string, rule: string, expr: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === `name: '${rule}'`);
  const props = lines[i + 1];
  if (i < 0 || !/\bpriority: \d+,/.test(props ?? '')) throw new Error(`no rule named ${rule} with a literal priority`);
  lines[i + 1] = props.replace(/\bpriority: \d+,/, `priority: ${expr},`);
  return lines.join('\n');
}

/** The text with `insert` placed before the security rule object whose name line is `name: '<before>'`. */
export function insertRuleBefore(text: string, before: string, insert: string[]): string {
  const lines = text.split('\n');
  const nameLine = lines.findIndex((l) => l.trim() === `name: '${before}'`);
  if (nameLine < 1) throw new Error(`no rule named ${before}`);
  lines.splice(nameLine - 1, 0, ...insert);
  return lines.join('\n');
}

/** A security rule object as the Bicep renderer writes it, at the indentation of `securityRules` items. */
export function bicepRule(
  name: string,
  p: { protocol: string; ports: string[]; source: string; destination: string; priority: number; direction: 'Inbound' | 'Outbound' },
  indent = 6,
  order: 'neighbours' | 'own' = 'neighbours',
): string[] {
  const pad = ' '.repeat(indent);
  const ports =
    p.ports.length === 1
      ? [`destinationPortRange: '${p.ports[0]}'`]
      : ['destinationPortRanges: [', ...p.ports.map((x) => `  '${x}'`), ']'];
  // Among the twin's rules the fix copies their order; in an NSG without rules it writes its own.
  const properties =
    order === 'neighbours'
      ? [`priority: ${p.priority}`, `direction: '${p.direction}'`, "access: 'Allow'", `protocol: '${p.protocol}'`, `sourceAddressPrefix: '${p.source}'`, "sourcePortRange: '*'", `destinationAddressPrefix: '${p.destination}'`, ...ports]
      : [`protocol: '${p.protocol}'`, "sourcePortRange: '*'", ...ports, `sourceAddressPrefix: '${p.source}'`, `destinationAddressPrefix: '${p.destination}'`, "access: 'Allow'", `priority: ${p.priority}`, `direction: '${p.direction}'`];
  return ['{', `  name: '${name}'`, '  properties: {', ...properties.map((l) => `    ${l}`), '  }', '}'].map((l) => pad + l);
}
