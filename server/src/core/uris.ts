import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `decodeURIComponent`, except that a malformed escape (`bad%zz.json`, a cut UTF-8
 * sequence) is kept as written instead of throwing: a client may send the name of a
 * file that really holds a `%`, and a document is analysed whatever its URI says.
 */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * The path a `file:` URI names; undefined for another scheme or a remote host. When the
 * URI is malformed (an escape that is not one, which Node refuses), the path as written
 * is taken, with its valid escapes decoded except those of separators (`%2F`, `%5C`),
 * which a path must not gain that way.
 */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    // Malformed: fall back to the raw path below.
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.host !== '' && url.host !== 'localhost') return undefined;
  const path = url.pathname.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    if (/%2f|%5c/i.test(run)) return run;
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  return process.platform === 'win32' ? path.replace(/^\/([A-Za-z]:)/, '$1').replace(/\//g, '\\') : path;
}

/** The `file:` URI of a path of this machine. */
export function fileUriOfPath(path: string): string {
  return pathToFileURL(path).href;
}
