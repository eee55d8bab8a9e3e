import type { Node } from 'jsonc-parser';
import { parseArmDocument } from '../../parse/arm';
import { propertyKey, propertyValue } from '../../parse/jsonNode';
import { stringValue } from '../../parse/bicep';
import { isBicepUri, parseBicepDocument } from '../../parse/bicep/document';

/** A file another file deploys: a local Bicep module (a Bicep file or an ARM template), or a linked template (`templateLink.relativePath`). */
export interface TemplateReference {
  /** The file it names, resolved against the referencing file. */
  uri: string;
  kind: 'module' | 'linkedTemplate';
}

/** Registry modules (`br:`, `br/alias:`, `ts:`, `ts/alias:`): they live in Bicep's cache, not in the workspace. */
const REGISTRY = /^(br|ts)[:/]/i;
const DEPLOYABLE = /\.(bicep|jsonc?)$/i;

/**
 * The files of the workspace a template deploys, read off its text without evaluating
 * it: module paths (string literals, as Bicep requires) and linked templates given by a
 * literal `relativePath`. What only evaluation could name (a `relativePath` built by an
 * expression) is not a reference here; the analysis itself still follows it.
 */
export function templateReferences(uri: string, text: string): TemplateReference[] {
  const out: TemplateReference[] = [];
  const add = (path: string, kind: TemplateReference['kind']) => {
    let target: string;
    try {
      target = new URL(path, uri).toString();
    } catch {
      return;
    }
    if (target !== uri && !out.some((r) => r.uri === target)) out.push({ uri: target, kind });
  };
  if (isBicepUri(uri)) {
    // A file without the keyword deploys nothing: most files are decided without a parse.
    if (!text.includes('module')) return out;
    for (const d of parseBicepDocument(uri, text).file.declarations) {
      if (d.kind !== 'module' || d.path.kind !== 'string') continue;
      const path = stringValue(d.path);
      if (path === undefined || REGISTRY.test(path) || !DEPLOYABLE.test(path) || path.includes('\\')) continue;
      add(path, 'module');
    }
    return out;
  }
  if (!/\.jsonc?$/i.test(uri) || !text.includes('relativePath')) return out;
  const doc = parseArmDocument(uri, text);
  if (!doc.isTemplate || !doc.root) return out;
  // Iterative: a hostile file may nest deeper than the stack allows. Found in any order, told in the file's.
  const links: { offset: number; path: string }[] = [];
  const stack: Node[] = [doc.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      for (const p of node.children ?? []) {
        const value = p.children?.[1];
        if (!value) continue;
        if (propertyKey(p)?.toLowerCase() === 'templatelink' && value.type === 'object') {
          const rel = propertyValue(value, 'relativePath');
          if (rel?.type === 'string' && typeof rel.value === 'string' && !rel.value.startsWith('[') && DEPLOYABLE.test(rel.value)) links.push({ offset: rel.offset, path: rel.value });
        }
        if (value.type === 'object' || value.type === 'array') stack.push(value);
      }
    } else if (node.type === 'array') {
      for (const c of node.children ?? []) if (c.type === 'object' || c.type === 'array') stack.push(c);
    }
  }
  for (const l of links.sort((a, b) => a.offset - b.offset)) add(l.path, 'linkedTemplate');
  return out;
}
