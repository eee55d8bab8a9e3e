import { findNodeAtLocation } from 'jsonc-parser';
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from '../engine/analyze';
import type { NodePath, Position } from '../core/nodeRef';
import { nodeRange } from '../parse/bicep';
import { explainDependencyCommand } from './protocol';
import { dependencySummary } from './dependencySummary';
import { explainAses } from './explainDependencies';

/**
 * One code lens above each ASE declared in the document: "7 dependencies: 6 allowed, 1
 * blocked · Explain", counted from the very statuses the explain panel draws and the ASE
 * hover lists. It runs the explain command on the ASE (its argument is
 * `ExplainArgument`: the document and the ASE's position). ASEs whose version or subnet
 * is not known get none: there is nothing to count.
 */
export function codeLenses(analysis: Analysis): CodeLens[] {
  if (!analysis.isTemplate) return [];
  return explainAses(analysis)
    .filter((ase) => ase.location.uri === analysis.uri)
    .map((ase) => {
      const start = declarationStart(analysis, analysis.model?.ases.find((a) => a.ref.range === ase.location.range)?.ref.path) ?? ase.location.range.start;
      const range = { start, end: start };
      return {
        range,
        command: {
          title: `${dependencySummary(ase.dependencies)} · Explain`,
          command: explainDependencyCommand,
          arguments: [{ uri: analysis.uri, position: ase.location.range.start }],
        },
      };
    });
}

/**
 * Where the ASE's declaration starts (the model's reference is its name): the resource
 * object in ARM, the `resource` declaration (with its decorators) in Bicep, so the lens
 * stands above the declaration, not inside it.
 */
function declarationStart(analysis: Analysis, path: NodePath | undefined): Position | undefined {
  if (!path || path.length === 0) return undefined;
  const document = analysis.document;
  if (document.language === 'bicep') {
    const [symbol] = path;
    const decl = path.length === 1 ? document.file.declarations.find((d) => d.kind === 'resource' && d.name.name === symbol) : undefined;
    return decl ? nodeRange(document.file, decl).start : undefined;
  }
  const node = document.root ? findNodeAtLocation(document.root, path) : undefined;
  return node ? document.lines.range(node.offset, 0).start : undefined;
}
