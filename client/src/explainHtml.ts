import type { ExplainDependency, ExplainPortRow, ExplainResult } from '../../server/src/query/protocol';
import { dependencyDiagram } from './diagram';
import { escapeHtml } from './escape';

const statusText = { allowed: 'Allowed', blocked: 'Blocked', unknown: 'Unknown' } as const;

/**
 * The explain panel's page. The Content Security Policy allows nothing remote and only
 * the style and script carrying this render's nonce; colours are the theme's CSS
 * variables, so the page follows light, dark and high-contrast themes.
 */
export function explainHtml(result: ExplainResult, nonce: string): string {
  const focus = new Set(result.focus);
  const deps = result.ases.flatMap((a) => a.dependencies);
  const focused = deps.filter((d) => focus.has(d.id));
  const others = deps.filter((d) => !focus.has(d.id));
  const body = [
    `<h1>ASE dependencies: ${escapeHtml(result.subject)}</h1>`,
    result.ases.length === 0
      ? '<p>No App Service Environment with a known version and subnet in this document: the documented tables follow.</p>'
      : '',
    ...result.ases.map((a) => `<section class="scroll" aria-label="Diagram of ASE${a.version} ${escapeHtml(a.name)}">${dependencyDiagram(a, focus)}</section>`),
    legend(),
    focused.length > 0 ? `<h2>${escapeHtml(result.subject)} in this template</h2>${focused.map(card).join('')}` : '',
    others.length > 0
      ? `<details id="others"${focused.length === 0 ? ' open' : ''}><summary>${focused.length > 0 ? 'Other dependencies' : 'Dependencies in this template'} (${others.length})</summary>${others.map(card).join('')}</details>`
      : '',
    `<h2>Documented ports</h2>${portTable(result.rows)}`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>ASE dependencies</title>
<style nonce="${nonce}">${css}</style>
</head>
<body>
${body.join('\n')}
<script nonce="${nonce}">${script}</script>
</body>
</html>`;
}

function legend(): string {
  return `<p class="legend"><span class="key allowed">✓ allowed</span> <span class="key blocked">✗ blocked</span> <span class="key unknown">? unknown</span> — select an arrow or a node for its details.</p>`;
}

function card(d: ExplainDependency): string {
  const actions = [
    d.decidedAt
      ? `<button type="button" class="link" data-reveal="${escapeHtml(d.id)}">Reveal ${escapeHtml(d.decidedBy ?? 'the deciding rule')}</button>`
      : '',
    d.fix ? `<button type="button" data-fix="${escapeHtml(d.id)}">Apply quick fix: ${escapeHtml(d.fix.title)}</button>` : '',
  ].join(' ');
  return `<article class="card ${d.status}" id="dep-${escapeHtml(d.id)}" tabindex="-1">
<h3><span class="badge ${d.status}">${statusText[d.status]}</span> <code>${escapeHtml(d.code)}</code> ${escapeHtml(d.what)}</h3>
<p>${escapeHtml(d.detail)}</p>
${actions.trim() ? `<p class="actions">${actions}</p>` : ''}
</article>`;
}

function portTable(rows: readonly ExplainPortRow[]): string {
  if (rows.length === 0) return '<p>No documented ASE dependency matches.</p>';
  const head = ['Dependency', 'Direction', 'Protocol', 'From', 'To', 'Ports', 'Versions', 'Purpose', 'If blocked'];
  const body = rows.map((r) =>
    [r.rule ? `${r.title} (${r.rule})` : r.title, r.direction, r.protocol === '*' ? 'any' : r.protocol.toUpperCase(), r.source, r.destination, r.ports, r.versions.map((v) => `ASE${v}`).join(', '), r.purpose, r.ifBlocked]
      .map((c) => `<td>${escapeHtml(c)}</td>`)
      .join(''),
  );
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${body.map((b) => `<tr>${b}</tr>`).join('')}</tbody></table>`;
}

const css = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; } h3 { font-size: 1em; margin: 0 0 4px; }
.scroll { overflow-x: auto; }
.diagram { width: 100%; min-width: 600px; max-width: 1100px; display: block; }
.diagram text { fill: var(--vscode-foreground); font-size: 11px; font-family: var(--vscode-font-family); }
.diagram .column { font-weight: bold; }
.diagram .subnet { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-focusBorder); stroke-width: 2; }
.diagram .subnet-title { font-weight: bold; font-size: 14px; }
.diagram .subnet-detail, .diagram .decided { fill: var(--vscode-descriptionForeground); }
.diagram .hit { fill: transparent; }
.flow { cursor: pointer; outline: none; }
.flow line { stroke-width: 2.5; }
.flow.focus line { stroke-width: 5; }
.flow.focus .label { font-weight: bold; }
.flow:focus .hit, .flow:hover .hit { fill: var(--vscode-list-hoverBackground); stroke: var(--vscode-focusBorder); }
.flow.allowed line { stroke: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.flow.blocked line { stroke: var(--vscode-errorForeground); stroke-dasharray: 8 4; }
.flow.unknown line { stroke: var(--vscode-editorWarning-foreground); stroke-dasharray: 2 4; }
.node .box { fill: var(--vscode-editorWidget-background); stroke-width: 2; }
.node .label { font-weight: bold; }
.node .link { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.5; }
.node.allowed .box { stroke: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.node.blocked .box { stroke: var(--vscode-errorForeground); stroke-dasharray: 8 4; }
.node.unknown .box { stroke: var(--vscode-editorWarning-foreground); stroke-dasharray: 2 4; }
.node.focus .box { stroke-width: 4; }
.node:focus .box, .node:hover .box { fill: var(--vscode-list-hoverBackground); }
.head.allowed { fill: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.head.blocked { fill: var(--vscode-errorForeground); }
.head.unknown { fill: var(--vscode-editorWarning-foreground); }
.key.allowed, .badge.allowed { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.key.blocked, .badge.blocked { color: var(--vscode-errorForeground); }
.key.unknown, .badge.unknown { color: var(--vscode-editorWarning-foreground); }
.badge { font-weight: bold; }
.card { border-left: 3px solid var(--vscode-panel-border); padding: 6px 10px; margin: 8px 0; background: var(--vscode-editorWidget-background); }
.card.blocked { border-left-color: var(--vscode-errorForeground); }
.card:focus { outline: 1px solid var(--vscode-focusBorder); }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; font: inherit; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible, summary:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
button.link { color: var(--vscode-textLink-foreground); background: none; padding: 4px 0; text-decoration: underline; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--vscode-panel-border); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); }
summary { cursor: pointer; margin-top: 1em; font-weight: bold; }
`;

/** Arrows show their card; buttons ask the extension to reveal a rule or apply a fix. */
const script = `
const vscode = acquireVsCodeApi();
function show(id) {
  const card = document.getElementById('dep-' + id);
  if (!card) return;
  const details = card.closest('details');
  if (details) details.open = true;
  card.scrollIntoView({ block: 'nearest' });
  card.focus();
}
for (const flow of document.querySelectorAll('.flow')) {
  flow.addEventListener('click', () => show(flow.dataset.dependency));
  flow.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(flow.dataset.dependency); }
  });
}
for (const b of document.querySelectorAll('[data-reveal]')) b.addEventListener('click', () => vscode.postMessage({ type: 'reveal', id: b.dataset.reveal }));
for (const b of document.querySelectorAll('[data-fix]')) b.addEventListener('click', () => vscode.postMessage({ type: 'applyFix', id: b.dataset.fix }));
`;
