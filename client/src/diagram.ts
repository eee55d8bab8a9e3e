import type { ExplainAse, ExplainDependency } from '../../server/src/protocol';
import { escapeHtml } from './escape';

/** Geometry of the drawing, in SVG user units. */
// Sized to read at the width of a panel beside the editor; full texts are in each arrow's tooltip and card.
const width = 740;
const boxLeft = 300;
const boxRight = 440;
const top = 56;
const rowHeight = 58;
const labelLimit = 46;

const statusGlyph = { allowed: '✓', blocked: '✗', unknown: '?' } as const;

/**
 * The ASE subnet as a box with one arrow per dependency: inbound flows enter from the
 * left, outbound flows (and the route check) leave to the right. Each arrow carries the
 * status class the page colours from the theme, a glyph so colour is not the only cue,
 * and the deciding NSG rule or route under it. Arrows are focusable buttons whose
 * `data-dependency` the page script uses to show that dependency's details.
 */
export function dependencyDiagram(ase: ExplainAse, focus: ReadonlySet<string>): string {
  const inbound = ase.dependencies.filter((d) => d.direction === 'Inbound');
  const outbound = ase.dependencies.filter((d) => d.direction === 'Outbound');
  const rows = Math.max(inbound.length, outbound.length, 1);
  const height = top + rows * rowHeight + 24;
  const prefixes = ase.prefixes.length > 0 ? ase.prefixes.join(', ') : 'prefix unknown';
  const parts = [
    `<svg class="diagram" viewBox="0 0 ${width} ${height}" role="group" aria-label="${escapeHtml(`Dependencies of ASE${ase.version} ${ase.name}: ${summary(ase.dependencies)}`)}" xmlns="http://www.w3.org/2000/svg">`,
    '<defs>',
    ...(['allowed', 'blocked', 'unknown'] as const).map(
      (s) => `<marker id="head-${s}" class="head ${s}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
    ),
    '</defs>',
    `<text class="column" x="20" y="24">Inbound (${inbound.length})</text>`,
    `<text class="column" x="${width - 20}" y="24" text-anchor="end">Outbound (${outbound.length})</text>`,
    `<rect class="subnet" x="${boxLeft}" y="${top - 16}" width="${boxRight - boxLeft}" height="${rows * rowHeight + 8}" rx="6"/>`,
    `<text class="subnet-title" x="${(boxLeft + boxRight) / 2}" y="${top + 8}" text-anchor="middle">Subnet ${escapeHtml(ase.subnet)}</text>`,
    `<text class="subnet-detail" x="${(boxLeft + boxRight) / 2}" y="${top + 26}" text-anchor="middle">${escapeHtml(prefixes)}</text>`,
    `<text class="subnet-detail" x="${(boxLeft + boxRight) / 2}" y="${top + 44}" text-anchor="middle">ASE${ase.version} ${escapeHtml(ase.name)}</text>`,
    ...inbound.map((d, i) => arrow(d, i, 20, boxLeft, focus)),
    ...outbound.map((d, i) => arrow(d, i, boxRight, width - 20, focus)),
    '</svg>',
  ];
  return parts.join('\n');
}

function arrow(d: ExplainDependency, index: number, from: number, to: number, focus: ReadonlySet<string>): string {
  const y = top + index * rowHeight + 22;
  const left = from < boxLeft;
  const textX = left ? from : to;
  const anchor = left ? 'start' : 'end';
  const label = `${statusGlyph[d.status]} ${d.what}`;
  const decided = `${d.code} · ${d.decidedBy ? `${d.status === 'allowed' ? 'allowed by' : d.status === 'blocked' ? 'blocked by' : 'decided by'} ${d.decidedBy}` : d.detail}`;
  const classes = ['flow', d.status, ...(focus.has(d.id) ? ['focus'] : [])].join(' ');
  const aria = `${d.code} ${d.what}: ${d.detail}`;
  return [
    `<g class="${classes}" tabindex="0" role="button" data-dependency="${escapeHtml(d.id)}" aria-label="${escapeHtml(aria)}">`,
    `<title>${escapeHtml(aria)}</title>`,
    // A wide transparent band makes the thin line easy to hit with a pointer.
    `<rect class="hit" x="${from}" y="${y - 18}" width="${to - from}" height="${rowHeight - 6}"/>`,
    `<line x1="${from}" y1="${y}" x2="${to - 2}" y2="${y}" marker-end="url(#head-${d.status})"/>`,
    `<text class="label" x="${textX}" y="${y - 6}" text-anchor="${anchor}">${escapeHtml(shorten(label))}</text>`,
    `<text class="decided" x="${textX}" y="${y + 16}" text-anchor="${anchor}">${escapeHtml(shorten(decided))}</text>`,
    '</g>',
  ].join('');
}

function shorten(text: string): string {
  return text.length <= labelLimit ? text : `${text.slice(0, labelLimit - 1)}…`;
}

function summary(deps: readonly ExplainDependency[]): string {
  const count = (s: ExplainDependency['status']) => deps.filter((d) => d.status === s).length;
  return `${count('allowed')} allowed, ${count('blocked')} blocked, ${count('unknown')} unknown`;
}
