import type { TextEdit } from '../edits/format';
import type { Range } from '../core/nodeRef';
import type { Severity } from '../core/findings';

/** One finding as the CLI reports it; ranges are zero-based UTF-16 positions, like LSP. */
export interface CliFinding {
  code: string;
  name: string;
  severity: Severity;
  /** As printed: relative to the working directory when under it. */
  file: string;
  /** The file's URI, for formats that link to it (SARIF). */
  uri: string;
  range: Range;
  message: string;
  /** What the one-line message leaves out (each value ASE902 could not verify). */
  details?: string[];
  related: CliRelated[];
  /**
   * Where the parameters file gives a value that causes the finding: the same finding,
   * shown where the user typed the value (it is counted once).
   */
  values?: CliValue[];
  /** The quick fix rendered as text edits, when the finding has one that can be placed. */
  fix?: CliFix;
  /** Set when a comment or pragma in the file suppressed it: only SARIF lists it (as suppressed), nothing counts it. */
  suppression?: { justification?: string };
}

export interface CliRelated {
  uri: string;
  range: Range;
  message: string;
}

export interface CliValue extends CliRelated {
  /** As printed, like `file`. */
  file: string;
}

export interface CliFix {
  /** The fix's title: imperative, no trailing period. */
  title: string;
  /** Edits per file, in the order the files first appear in the fix. */
  files: { uri: string; edits: TextEdit[] }[];
}
