import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

/**
 * Diagnostics per file, merged over the documents whose analysis produced them: a
 * template's analysis can report in a nested template or parameter file, and that file
 * may also be analysed on its own. Each owner replaces only its own share.
 */
export class DiagnosticsStore {
  /** owner URI → target URI → diagnostics. */
  private readonly byOwner = new Map<string, Map<string, Diagnostic[]>>();
  /** Owners analysed through the files that deploy them: their own diagnostics hold what those report in them. */
  private readonly complete = new Set<string>();

  constructor(private readonly send: (params: PublishDiagnosticsParams) => void) {}

  /** Replaces `owner`'s diagnostics (grouped by target file) and republishes every file affected. */
  replace(owner: string, version: number | undefined, next: Map<string, Diagnostic[]>, throughCallers = false): void {
    const previous = this.byOwner.get(owner);
    this.byOwner.set(owner, next);
    if (throughCallers) this.complete.add(owner);
    else this.complete.delete(owner);
    const affected = new Set([...(previous?.keys() ?? []), ...next.keys(), owner]);
    for (const target of affected) this.publish(target, target === owner ? version : undefined);
  }

  /** Forgets `owner` (its document closed) and republishes what it had reported. */
  remove(owner: string): void {
    const previous = this.byOwner.get(owner);
    this.byOwner.delete(owner);
    this.complete.delete(owner);
    for (const target of new Set([...(previous?.keys() ?? []), owner])) this.publish(target, undefined);
  }

  private publish(target: string, version: number | undefined): void {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    // The file's own analysis first, so its copy of a duplicate is the one kept; when it
    // was analysed through the files that deploy it, it holds all they report in it.
    const owners = this.complete.has(target) ? [target] : [target, ...[...this.byOwner.keys()].filter((o) => o !== target)];
    for (const owner of owners) {
      for (const d of this.byOwner.get(owner)?.get(target) ?? []) {
        const key = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(d);
      }
    }
    this.send(version === undefined ? { uri: target, diagnostics } : { uri: target, version, diagnostics });
  }
}
