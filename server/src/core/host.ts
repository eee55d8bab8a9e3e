/** Reads other files a template names (parameter files, modules, nested and linked templates, loaded content). */
export interface Host {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(uri: string): string | undefined;
  /** After `readFile` gave undefined: why the file was not read (refused, unreadable), for the user; undefined when it does not exist. */
  whyNot?(uri: string): string | undefined;
  /**
   * Reads a module Bicep restored into its cache (`<cacheRoot>/br/…/main.json`,
   * `<cacheRoot>/ts/…/main.json`). The cache root is a read-only root of its own,
   * usually outside the workspace: a host that confines reads lets only files of the
   * cache's layout be read there. Without it, the file is read with `readFile`.
   */
  readCacheFile?(cacheRoot: string, uri: string): string | undefined;
}

/** A module's file from Bicep's cache through the host, or why not (`why` undefined: not in the cache). Never throws. */
export function readCacheText(host: Host, cacheRoot: string, uri: string): string | { why?: string } {
  try {
    const text = host.readCacheFile ? host.readCacheFile(cacheRoot, uri) : host.readFile(uri);
    if (typeof text === 'string') return text;
  } catch {
    return {};
  }
  try {
    return { why: host.whyNot?.(uri) };
  } catch {
    return {};
  }
}

/** The file's text through the host, or undefined; a host that throws counts as a file that cannot be read. */
export function readText(host: Host, uri: string): string | undefined {
  try {
    const text = host.readFile(uri);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The file's text, or why it was not read (`why` undefined: it does not exist). Never throws. */
export function readTextOrWhy(host: Host, uri: string): string | { why?: string } {
  const text = readText(host, uri);
  if (text !== undefined) return text;
  try {
    return { why: host.whyNot?.(uri) };
  } catch {
    return {};
  }
}

/** What a front end needs to know beyond the text and the host. */
export interface BuildOptions {
  /** A parameters file given explicitly (CLI flag or editor setting); otherwise one is looked up beside the template. */
  parametersUri?: string;
  /**
   * The user's home folder (a path): `~` in a bicepconfig.json's `cacheRootDirectory`,
   * and Bicep's default module cache `~/.bicep`. Without it, registry modules are found
   * only through a `cacheRootDirectory` that needs no home folder.
   */
  homeDirectory?: string;
  /**
   * The analysis tries another text of the document (a fix verified before it is
   * offered): it takes what analyses of the document's versions kept for the next one, and
   * keeps nothing itself, so the document's next version still finds what its last
   * analysis kept.
   */
  trial?: boolean;
}
