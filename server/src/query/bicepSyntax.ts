import { forEachChild, type BicepFile, type BicepNode, type Expression, type ObjectLiteral, type Span } from '../parse/bicep';

/**
 * Small questions about the Bicep syntax tree that the editor features (outline,
 * go-to-definition, code lens) share. They read the parsed file only: no model, no
 * evaluation.
 */

/** The nodes from the file down to the innermost one whose span holds `offset` (end exclusive). */
function chainAt(file: BicepFile, offset: number): BicepNode[] {
  const contains = (n: Span) => offset >= n.start && offset < n.end;
  if (!contains(file)) return [];
  const chain: BicepNode[] = [file];
  for (;;) {
    let next: BicepNode | undefined;
    forEachChild(chain[chain.length - 1], (child) => {
      if (!next && contains(child)) next = child;
    });
    if (!next) return chain;
    chain.push(next);
  }
}

/**
 * The chain at `offset`, or, when the cursor sits just after a word (where an editor puts
 * it after a double click or at the end of a name), the chain of the character before.
 */
export function chainAtCursor(file: BicepFile, offset: number): BicepNode[] {
  const here = chainAt(file, offset);
  const last = here[here.length - 1];
  if (last && (last.kind === 'identifier' || last.kind === 'string')) return here;
  if (offset > 0) {
    const before = chainAt(file, offset - 1);
    const b = before[before.length - 1];
    if (b && (b.kind === 'identifier' || b.kind === 'string')) return before;
  }
  return here;
}

/** The object a resource or module body is, through `if (…)` and `[for … : …]`; undefined for anything else. */
export function bodyObject(value: Expression): ObjectLiteral | undefined {
  let v: Expression = value;
  for (let i = 0; i < 4; i++) {
    if (v.kind === 'object') return v;
    if (v.kind === 'if') v = v.body;
    else if (v.kind === 'for') v = v.body;
    else if (v.kind === 'paren') v = v.expression;
    else return undefined;
  }
  return undefined;
}

/** A local file a `module`, `import`, `using` or `extends` names; undefined for registry references and unreadable paths. */
export function localFileUri(path: string, from: string): string | undefined {
  if (/^(br|ts)[:/]/i.test(path) || path.trim() === '') return undefined;
  try {
    return new URL(path, from).toString();
  } catch {
    return undefined;
  }
}
