/**
 * Ids and message shapes shared by the extension client and the language server. Only
 * type imports here (erased from the bundle), so the client never pulls server code in.
 */
import type { PortTableRow } from '../knowledge/ports';

/** Command: explain the ASE dependency under the cursor (port, service tag, next hop, ASE). */
export const explainDependencyCommand = 'aseLint.explainDependency';

/** Command: open a rule's documentation page; argument: a rule code or name (optional). */
export const showRuleDocumentationCommand = 'aseLint.showRuleDocumentation';

/** Request from client to server behind `aseLint.explainDependency`. */
export const explainRequest = 'aseLint/explain';

/** The diagnostic `source` of every finding the server reports. */
export const diagnosticSource = 'ase-lint';

/**
 * Notification from server to client after each analysis it publishes: whether the
 * document is a deployment template (what a client shows template-only commands and its
 * status for).
 */
export const documentStatusNotification = 'aseLint/documentStatus';

export interface DocumentStatusParams {
  uri: string;
  /** The document's version the analysis was made for. */
  version: number;
  isTemplate: boolean;
}

/** What a client may say in `initializationOptions`. */
export interface ClientInitializationOptions {
  /** False in an untrusted workspace: parameter files named in settings are not read. */
  workspaceTrusted?: boolean;
  /**
   * False when another extension already provides Bicep's outline and go-to-definition
   * (the official Bicep extension): the server then does not offer its own.
   */
  bicepSyntaxFeatures?: boolean;
}

/** `ExplainParams.dependency` for every dependency of every ASE in the document, none singled out. */
export const overviewDependencyKey = 'overview';

export interface ExplainParams {
  /** The document the command was run in. */
  uri: string;
  /** Zero-based LSP position; without it, the whole port table is explained. */
  position?: { line: number; character: number };
  /**
   * What to explain instead of the text at `position`: comma-separated port-table row
   * ids (`inbound-management`) or rule codes (`ASE301`), as in `ExplainResult.choices`
   * and `ExplainResult.focusKey`.
   */
  dependency?: string;
}

/** A place in a document, LSP-shaped. */
export interface ExplainLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** An LSP TextEdit, repeated here so the client needs no server types. */
export interface ExplainTextEdit {
  range: ExplainLocation['range'];
  newText: string;
}

/** One dependency of one ASE as the current template treats it (one arrow of the diagram). */
export interface ExplainDependency {
  /** Unique within the result: `<ASE index>:<rule code>:<index>`. */
  id: string;
  /** The rule that checks it. */
  code: string;
  /** "TCP 454-455 from AppServiceManagement". */
  what: string;
  /** For flows (`nsg`, `route`): the diagram's arrows. The other kinds are properties of the subnet, drawn as nodes. */
  direction?: 'Inbound' | 'Outbound';
  /**
   * An NSG flow; where the subnet's routes send internet-bound traffic (ASEv1/v2); the
   * subnet's delegation and size; its route table on ASEv3 (forced tunnelling allowed);
   * the DNS records of an ILB ASE's domain.
   */
  kind: 'nsg' | 'route' | 'delegation' | 'size' | 'routeTable' | 'dns';
  status: 'allowed' | 'blocked' | 'unknown';
  /** One phrase: "allowed by rule 'AllowMgmt', priority 100", "unknown: …". */
  detail: string;
  /** The NSG rule or route that decides, as the diagram names it on the arrow. */
  decidedBy?: string;
  /** Where that rule or route is written (an Azure default rule: the NSG). */
  decidedAt?: ExplainLocation;
  /** The port-table rows (`ExplainPortRow.id`) this dependency carries. */
  rowIds: string[];
  /**
   * The quick fix of the finding that reports it blocked: its title and the diagnostic it
   * fixes. The panel applies it as the editor's quick fix for that diagnostic, which the
   * engine offers only once it has checked the fixed template (so explaining, which
   * happens after every change while the panel is open, never pays for that check).
   */
  fix?: { title: string; code: string; at: ExplainLocation };
}

export interface ExplainAse {
  name: string;
  version: 'v1' | 'v2' | 'v3';
  /** External (public VIP) or ILB; unknown when the template does not say it in a way that resolves. */
  mode: 'External' | 'ILB' | 'unknown';
  subnet: string;
  prefixes: string[];
  location: ExplainLocation;
  dependencies: ExplainDependency[];
}

/** A documented dependency the user can pick when the cursor names none. */
export interface ExplainChoice {
  /** Pass back as `ExplainParams.dependency`. */
  key: string;
  label: string;
  description: string;
}

/** One row of the documented port tables (knowledge/ports.ts), as the client receives it. */
export type ExplainPortRow = PortTableRow;

export interface ExplainResult {
  /** What the rows were chosen for: "port 454-455", "the whole port table", … */
  subject: string;
  rows: ExplainPortRow[];
  /** The same content rendered as Markdown, ready to show. */
  markdown: string;
  /** Every ASE of the document whose version and subnet are known, with its dependencies. */
  ases: ExplainAse[];
  /** The dependencies (`ExplainDependency.id`) the subject is about; empty when it is about none in particular. */
  focus: string[];
  /** `ExplainParams.dependency` that asks for the same subject again (after an edit moved the text); absent for the whole table. */
  focusKey?: string;
  /** True when the position named something specific; otherwise a client offers `choices`. */
  specific: boolean;
  /** Every documented dependency for the ASE versions in the document (all versions when none is known). */
  choices: ExplainChoice[];
}

/**
 * Where a rule's documentation lives. The only place this URL is built: diagnostics
 * (`codeDescription.href`) and the client's command both call it.
 */
export function ruleDocumentationUrl(ruleName: string): string {
  return `https://github.com/ase-network-lint/ase-network-lint/blob/main/docs/rules/${encodeURIComponent(ruleName)}.md`;
}
