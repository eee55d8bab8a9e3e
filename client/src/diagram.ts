import type { ExplainAse, ExplainDependency } from '../../server/src/query/protocol';
import { escapeHtml } from './escape';

/** Geometry of the drawing, in SVG user units. */
// Sized to read at the width of a panel beside the editor; texts wrap rather than being cut.
const width = 740;
const boxLeft = 300;
const boxRight = 440;
const top = 56;
/** Height of one line of 11px text. */
const lineHeight = 13;
/** Characters of 11px text that fit on an arrow (280 units). */
const arrowChars = 44;
const nodeGap = 12;
const nodeMaxWidth = 230;
/** Width of one character of 11px text, on average, for wrapping inside nodes. */
const charWidth = 6.2;

const statusGlyph = { allowed: '✓', blocked: '✗', unknown: '?' } as const;
const nodeTitles: Record<string, string> = { delegation: 'Delegation', size: 'Subnet size', routeTable: 'Route table', dns: 'DNS records' };
/** What a node says under its title when the check itself is the news: ASEv3 may tunnel. */
const nodeNotes: Record<string, string> = { routeTable: 'forced tunnelling allowed on ASEv3' };

/**
 * The ASE subnet as a box with one arrow per flow: inbound flows enter from the left,
 * outbound flows (and the ASEv1/v2 route check) leave to the right. Below the box, one
 * node per property of the subnet and its surroundings (delegation, size, the ASEv3 route
 * table, an ILB's DNS records). Each arrow and node carries the status class the page
 * colours from the theme, a glyph so colour is not the only cue, and what decides it;
 * texts wrap, so nothing is cut. Arrows and nodes are focusable buttons whose
 * `data-dependency` the page script uses to show that dependency's details.
 */
export function dependencyDiagram(ase: ExplainAse, focus: ReadonlySet<string>): string {
  const flows = ase.dependencies.filter((d) => d.direction !== undefined);
  const inbound = flows.filter((d) => d.direction === 'Inbound');
  const outbound = flows.filter((d) => d.direction === 'Outbound');
  const nodes = ase.dependencies.filter((d) => d.direction === undefined);
  const inArrows = layoutArrows(inbound);
  const outArrows = layoutArrows(outbound);
  const columns = Math.max(inArrows.height, outArrows.height, 3 * 18 + 12);
  const boxTop = top - 16;
  const boxBottom = top + columns;
  const nodesTop = boxBottom + 36;
  const nodeLayout = layoutNodes(nodes);
  const height = nodesTop + (nodes.length > 0 ? nodeLayout.height + 16 : -16) + 8;
  const prefixes = ase.prefixes.length > 0 ? ase.prefixes.join(', ') : 'prefix unknown';
  const centre = (boxLeft + boxRight) / 2;
  const mode = ase.mode === 'unknown' ? '' : ` · ${ase.mode}`;
  const parts = [
    `<svg class="diagram" viewBox="0 0 ${width} ${height}" role="group" aria-label="${escapeHtml(`Dependencies of ASE${ase.version} ${ase.name}: ${summary(ase.dependencies)}`)}" xmlns="http://www.w3.org/2000/svg">`,
    '<defs>',
    ...(['allowed', 'blocked', 'unknown'] as const).map(
      (s) => `<marker id="head-${s}" class="head ${s}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
    ),
    '</defs>',
    `<text class="column" x="20" y="24">Inbound (${inbound.length})</text>`,
    `<text class="column" x="${width - 20}" y="24" text-anchor="end">Outbound (${outbound.length})</text>`,
    `<rect class="subnet" x="${boxLeft}" y="${boxTop}" width="${boxRight - boxLeft}" height="${boxBottom - boxTop}" rx="6"/>`,
    `<text class="subnet-title" x="${centre}" y="${top + 8}" text-anchor="middle">Subnet ${escapeHtml(ase.subnet)}</text>`,
    `<text class="subnet-detail" x="${centre}" y="${top + 26}" text-anchor="middle">${escapeHtml(prefixes)}</text>`,
    `<text class="subnet-detail" x="${centre}" y="${top + 44}" text-anchor="middle">${escapeHtml(`ASE${ase.version}${mode}`)}</text>`,
    `<text class="subnet-detail" x="${centre}" y="${top + 58}" text-anchor="middle">${escapeHtml(ase.name)}</text>`,
    ...inArrows.rows.map((r) => arrow(r.dep, top + r.y, 20, boxLeft, r, focus)),
    ...outArrows.rows.map((r) => arrow(r.dep, top + r.y, boxRight, width - 20, r, focus)),
    ...nodeLayout.nodes.map((n) => node(n, nodesTop, centre, boxBottom, focus)),
    '</svg>',
  ];
  return parts.join('\n');
}

interface ArrowRow {
  dep: ExplainDependency;
  /** Offset of the arrow's line below `top`. */
  y: number;
  label: string[];
  decided: string[];
}

/** Each arrow's wrapped texts and where its line goes: labels above the line, the deciding rule below. */
function layoutArrows(deps: readonly ExplainDependency[]): { rows: ArrowRow[]; height: number } {
  let y = 0;
  const rows = deps.map((d) => {
    const label = wrap(`${statusGlyph[d.status]} ${d.what}`, arrowChars);
    const decided = wrap(`${d.code} · ${d.decidedBy ? `${d.status === 'allowed' ? 'allowed by' : d.status === 'blocked' ? 'blocked by' : 'decided by'} ${d.decidedBy}` : d.detail}`, arrowChars);
    const lineY = y + 8 + label.length * lineHeight;
    y = lineY + 6 + decided.length * lineHeight + 8;
    return { dep: d, y: lineY, label, decided };
  });
  return { rows, height: y };
}

function arrow(d: ExplainDependency, y: number, from: number, to: number, row: ArrowRow, focus: ReadonlySet<string>): string {
  const left = from < boxLeft;
  const textX = left ? from : to;
  const anchor = left ? 'start' : 'end';
  const classes = ['flow', d.status, ...(focus.has(d.id) ? ['focus'] : [])].join(' ');
  const aria = `${d.code} ${d.what}: ${d.detail}`;
  const labelTop = y - 6 - (row.label.length - 1) * lineHeight;
  return [
    `<g class="${classes}" tabindex="0" role="button" data-dependency="${escapeHtml(d.id)}" aria-label="${escapeHtml(aria)}">`,
    `<title>${escapeHtml(aria)}</title>`,
    // A wide transparent band makes the thin line easy to hit with a pointer.
    `<rect class="hit" x="${from}" y="${labelTop - 12}" width="${to - from}" height="${y - labelTop + 18 + row.decided.length * lineHeight}"/>`,
    `<line x1="${from}" y1="${y}" x2="${to - 2}" y2="${y}" marker-end="url(#head-${d.status})"/>`,
    lines('label', textX, labelTop, anchor, row.label),
    lines('decided', textX, y + 16, anchor, row.decided),
    '</g>',
  ].join('');
}

interface NodeBox {
  dep: ExplainDependency;
  x: number;
  width: number;
  title: string;
  body: string[];
}

/** The subnet's properties side by side under the box, as wide as they may be, each as tall as its text. */
function layoutNodes(deps: readonly ExplainDependency[]): { nodes: NodeBox[]; height: number } {
  if (deps.length === 0) return { nodes: [], height: 0 };
  const nodeWidth = Math.min(nodeMaxWidth, (width - 24 - nodeGap * (deps.length - 1)) / deps.length);
  const total = deps.length * nodeWidth + (deps.length - 1) * nodeGap;
  const chars = Math.floor((nodeWidth - 16) / charWidth);
  const nodes = deps.map((d, i) => ({
    dep: d,
    x: (width - total) / 2 + i * (nodeWidth + nodeGap),
    width: nodeWidth,
    title: `${statusGlyph[d.status]} ${nodeTitles[d.kind] ?? d.kind}`,
    // What decides it (the delegation, the prefix, the route, the zone) says most in little room; the card has the rest.
    body: [...wrap(d.decidedBy ?? d.what, chars), ...(nodeNotes[d.kind] ? wrap(nodeNotes[d.kind], chars) : []), d.code],
  }));
  const height = Math.max(...nodes.map((n) => 30 + n.body.length * lineHeight));
  return { nodes, height };
}

function node(n: NodeBox, y: number, centre: number, boxBottom: number, focus: ReadonlySet<string>): string {
  const d = n.dep;
  const classes = ['flow', 'node', d.status, ...(focus.has(d.id) ? ['focus'] : [])].join(' ');
  const aria = `${d.code} ${nodeTitles[d.kind] ?? d.kind}: ${d.what}: ${d.detail}`;
  const mid = n.x + n.width / 2;
  const height = 30 + n.body.length * lineHeight;
  const elbow = boxBottom + 20;
  return [
    `<g class="${classes}" tabindex="0" role="button" data-dependency="${escapeHtml(d.id)}" data-kind="${escapeHtml(d.kind)}" aria-label="${escapeHtml(aria)}">`,
    `<title>${escapeHtml(aria)}</title>`,
    `<path class="link" d="M${centre},${boxBottom} V${elbow} H${mid} V${y}"/>`,
    `<rect class="box" x="${n.x}" y="${y}" width="${n.width}" height="${height}" rx="5"/>`,
    `<text class="label" x="${n.x + 8}" y="${y + 18}">${escapeHtml(n.title)}</text>`,
    lines('decided', n.x + 8, y + 18 + lineHeight + 2, 'start', n.body),
    '</g>',
  ].join('');
}

/** Lines of text one under the other, starting at `y`. */
function lines(cls: string, x: number, y: number, anchor: 'start' | 'end', texts: readonly string[]): string {
  const spans = texts.map((t, i) => `<tspan x="${x}" ${i === 0 ? `y="${y}"` : `dy="${lineHeight}"`}>${escapeHtml(t)}</tspan>`).join('');
  return `<text class="${cls}" text-anchor="${anchor}">${spans}</text>`;
}

/**
 * Breaks a text into lines of at most `limit` characters, at spaces, and inside a long
 * word after `/`, `.` or `,` (resource types, domains); a word longer than a line with
 * none of those is split where the line ends. Nothing is left out.
 */
export function wrap(text: string, limit: number): string[] {
  // Each piece, and whether it continues the word before it (joined without a space).
  const pieces = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => splitWord(word, limit).map((piece, i) => ({ piece, glued: i > 0 })));
  const out: string[] = [];
  let line = '';
  for (const { piece, glued } of pieces) {
    const joined = line === '' ? piece : glued ? line + piece : `${line} ${piece}`;
    if (line !== '' && joined.length > limit) {
      out.push(line);
      line = piece;
    } else {
      line = joined;
    }
  }
  if (line !== '') out.push(line);
  return out.length > 0 ? out : [''];
}

/** A word cut into pieces of at most `limit` characters, after `/`, `.` or `,` where possible. */
function splitWord(word: string, limit: number): string[] {
  const out: string[] = [];
  let rest = word;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = Math.max(window.lastIndexOf('/'), window.lastIndexOf('.'), window.lastIndexOf(','));
    const at = cut > 0 ? cut + 1 : limit;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}

function summary(deps: readonly ExplainDependency[]): string {
  const count = (s: ExplainDependency['status']) => deps.filter((d) => d.status === s).length;
  return `${count('allowed')} allowed, ${count('blocked')} blocked, ${count('unknown')} unknown`;
}
