/** Bicep spellings of literal text: strings, property keys, symbol names. */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

/** A single-quoted Bicep string; `${` is escaped so it never starts an interpolation. */
export function stringLiteral(value: string): string {
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') out += '\\\\';
    else if (c === "'") out += "\\'";
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '$' && value[i + 1] === '{') out += '\\$';
    else if (c.charCodeAt(0) < 0x20) out += `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`;
    else out += c;
  }
  return `${out}'`;
}

// The literal keywords read as values, not names, where a key is expected.
const VALUE_KEYWORDS = new Set(['true', 'false', 'null']);

/** An object key: bare when it is an identifier, as Bicep writes them, else quoted. */
export function propertyKey(key: string): string {
  return isIdentifier(key) && !VALUE_KEYWORDS.has(key) ? key : stringLiteral(key);
}
