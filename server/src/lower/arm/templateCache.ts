import { parseArmDocument, type ArmDocument } from '../../parse/arm';

/**
 * How much text of other files (modules, linked templates, registry modules) stays
 * parsed between analyses, per cache. A parsed template weighs about five times its
 * text; a workspace's modules, and the Azure Verified Modules it uses, take a few MB.
 */
const MAX_CACHED_CHARS = 16 * 1024 * 1024;

/** Files larger than this are parsed each time rather than evicting everything else. */
const MAX_ENTRY_CHARS = 4 * 1024 * 1024;

/**
 * Parsed templates by URI, valid for exactly the text they were parsed from: a module or
 * a registry module read again with the same content (every keystroke in the file that
 * deploys it) is not parsed again. A parsed document is never changed by an analysis,
 * so analyses share it. The least recently used go first.
 */
class ParsedCache<T extends { text: string }> {
  private readonly entries = new Map<string, T>();
  private total = 0;

  constructor(private readonly parse: (uri: string, text: string) => T) {}

  get(uri: string, text: string): T {
    const hit = this.entries.get(uri);
    if (hit && hit.text === text) {
      this.entries.delete(uri);
      this.entries.set(uri, hit);
      return hit;
    }
    const doc = this.parse(uri, text);
    if (hit) this.drop(uri, hit);
    if (text.length > MAX_ENTRY_CHARS) return doc;
    this.entries.set(uri, doc);
    this.total += text.length;
    for (const [u, e] of this.entries) {
      if (this.total <= MAX_CACHED_CHARS || u === uri) break;
      this.drop(u, e);
    }
    return doc;
  }

  private drop(uri: string, e: T): void {
    this.entries.delete(uri);
    this.total -= e.text.length;
  }
}

const templates = new ParsedCache<ArmDocument>(parseArmDocument);

/** The parsed JSON of another file the analysis reads (a module, a linked or registry template), from the cache when its text is unchanged. */
export function parsedTemplate(uri: string, text: string): ArmDocument {
  return templates.get(uri, text);
}

export { ParsedCache };
