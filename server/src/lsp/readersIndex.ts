/**
 * Which files each document's last analysis read (parameters files, nested templates,
 * modules), on the protocol thread: when one of them changes, the documents that read it
 * are analysed again. The analyses themselves live in the engine worker.
 */
export class ReadersIndex {
  private readonly readsOf = new Map<string, ReadonlySet<string>>();

  record(uri: string, reads: Iterable<string>): void {
    this.readsOf.set(uri, new Set(reads));
  }

  forget(uri: string): void {
    this.readsOf.delete(uri);
  }

  /** The documents whose last analysis read `uri` (the worker drops those analyses when it gets the new text). */
  readersOf(uri: string): string[] {
    return [...this.readsOf].filter(([owner, reads]) => owner !== uri && reads.has(uri)).map(([owner]) => owner);
  }
}
