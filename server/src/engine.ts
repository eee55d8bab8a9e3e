import { parseArmDocument, type ArmDocument } from './parse/arm';
import { buildArmModel } from './model/build';
import { buildBicepModel } from './model/bicep/build';
import { isBicepParamsUri, isBicepUri, parseBicepDocument, type BicepDocument } from './model/bicep/document';
import type { NetworkModel } from './model/types';
import { runRules } from './rules/run';
import type { ReportedFinding } from './rules/types';

/** Reads other files a template names (parameter files, nested templates). */
export interface Host {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(uri: string): string | undefined;
}

export interface AnalyzeOptions {
  /** A parameters file given explicitly (CLI flag or editor setting); otherwise one is looked up beside the template. */
  parametersUri?: string;
}

/** The analysed document, by language: features that only read ARM check `language` first. */
export type AnalysedDocument = (ArmDocument & { language: 'arm' }) | BicepDocument;

export interface Analysis {
  uri: string;
  /** False for JSON that is not a deployment template: nothing is reported for it. */
  isTemplate: boolean;
  document: AnalysedDocument;
  model?: NetworkModel;
  findings: ReportedFinding[];
  /** Internal failures (a rule that threw, a model part that could not be built): logged, never shown as findings. */
  failures: string[];
}

/** Text → findings for one document: the whole pipeline in one call, with no I/O beyond `host`. */
export function analyze(uri: string, text: string, host: Host, options: AnalyzeOptions = {}): Analysis {
  const document = parseDocument(uri, text);
  if (!document.isTemplate) return { uri, isTemplate: false, document, findings: [], failures: [] };
  const failures: string[] = [];
  let model: NetworkModel;
  try {
    model = document.language === 'bicep' ? buildBicepModel(document, host, options) : buildArmModel(document, host, options);
  } catch (e) {
    failures.push(`model: ${describeError(e)}`);
    return { uri, isTemplate: true, document, findings: [], failures };
  }
  const findings = runRules(model, (rule, e) => failures.push(`${rule}: ${describeError(e)}`));
  return { uri, isTemplate: true, document, model, findings, failures };
}

/** `.bicep` and `.bicepparam` files are Bicep (a `.bicepparam` file is never a template itself); anything else is read as ARM JSON. */
export function parseDocument(uri: string, text: string): AnalysedDocument {
  if (isBicepUri(uri) || isBicepParamsUri(uri)) return parseBicepDocument(uri, text);
  return Object.assign(parseArmDocument(uri, text), { language: 'arm' as const });
}

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
