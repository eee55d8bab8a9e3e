/**
 * Ids and message shapes shared by the extension client and the language server. Kept
 * free of imports so the client bundle never pulls server code in.
 */

/** Command: explain the ASE dependency under the cursor (port, service tag, next hop, ASE). */
export const explainDependencyCommand = 'aseLint.explainDependency';

/** Command: open a rule's documentation page; argument: a rule code or name (optional). */
export const showRuleDocumentationCommand = 'aseLint.showRuleDocumentation';

/** Request from client to server behind `aseLint.explainDependency`. */
export const explainRequest = 'aseLint/explain';

/** The diagnostic `source` of every finding the server reports. */
export const diagnosticSource = 'ase-lint';

export interface ExplainParams {
  /** The document the command was run in. */
  uri: string;
  /** Zero-based LSP position; without it, the whole port table is explained. */
  position?: { line: number; character: number };
}

/** One row of the documented port tables, as plain data for the client. */
export interface ExplainPortRow {
  id: string;
  table: 'app-access' | 'inbound' | 'outbound';
  title: string;
  direction: 'Inbound' | 'Outbound';
  protocol: 'Tcp' | 'Udp' | '*';
  source: string;
  destination: string;
  ports: string;
  versions: string[];
  purpose: string;
  ifBlocked: string;
  /** The rule code that reports this dependency when it is blocked. */
  rule?: string;
}

export interface ExplainResult {
  /** What the rows were chosen for: "port 454-455", "the whole port table", … */
  subject: string;
  rows: ExplainPortRow[];
  /** The same content rendered as Markdown, ready to show. */
  markdown: string;
}

/**
 * Where a rule's documentation lives. The only place this URL is built: diagnostics
 * (`codeDescription.href`) and the client's command both call it.
 */
export function ruleDocumentationUrl(ruleName: string): string {
  return `https://github.com/ase-network-lint/ase-network-lint/blob/main/docs/rules/${encodeURIComponent(ruleName)}.md`;
}

/** The catalogue page, for when no single rule is meant. */
export const ruleCatalogueUrl = 'https://github.com/ase-network-lint/ase-network-lint/tree/main/docs/rules';
