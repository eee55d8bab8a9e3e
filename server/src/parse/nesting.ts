/**
 * How deep a loaded file (JSON or YAML) or a project file may nest before it is refused
 * unparsed. Parsers recurse per level: a few kilobytes of `[[[[…` nested some hundreds
 * deep exhaust a thread's stack, and the YAML library's regular-expression compiler then
 * runs out of memory so badly that the whole process aborts, workers included. The
 * model never reads values deeper than this anyway (MAX_VALUE_DEPTH).
 */
export const MAX_NESTING = 200;

/** The reason given for a file refused by `nestsDeeperThan`. */
export const TOO_DEEP = `it nests deeper than the ${MAX_NESTING} levels the analyser reads`;

/**
 * True when `text` nests deeper than `max`, found in one pass that never recurses.
 * JSON (comments allowed): brackets and braces outside strings and comments. YAML: flow
 * brackets and braces outside quoted scalars and comments, plus the block structure:
 * each deeper indentation and each compact `- ` or `? ` indicator opens a level. For
 * YAML the count can exceed the real depth (never fall short of it), which for files
 * nested this deep does not matter.
 */
export function nestsDeeperThan(text: string, syntax: 'json' | 'yaml', max = MAX_NESTING): boolean {
  return syntax === 'json' ? jsonDeeperThan(text, max) : yamlDeeperThan(text, max);
}

function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    }
  }
  return false;
}

function yamlDeeperThan(text: string, max: number): boolean {
  /** Indentation of the open block levels, innermost last. */
  const indents: number[] = [];
  let flow = 0;
  /** Inside a block scalar (`|`, `>`): lines indented deeper than this are its text. */
  let scalarIndent = -1;
  /** The quote of the quoted scalar being read, or ''. */
  let quote = '';
  /** A scalar may begin here: a quote or a block indicator opens one only then (elsewhere they are text). */
  let start = true;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (scalarIndent >= 0) {
      if (blank || indent > scalarIndent) continue;
      scalarIndent = -1;
    }
    let i = indent;
    if (flow === 0 && quote === '') {
      start = true;
      if (!blank && line[indent] !== '#') {
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        // Compact nesting on one line: `- - - x`, `? - x`, `- key: x`. The first indicator
        // is the level the indentation opened; each further one, and a mapping after them, is one more.
        let compact = 0;
        while ((line[i] === '-' || line[i] === '?') && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
          if (compact++ > 0) indents.push(i + 1);
          for (i++; line[i] === ' ' || line[i] === '\t'; i++);
        }
        if (compact > 0 && /^[^#'"[{]*?:(\s|$)/.test(line.slice(i))) indents.push(i);
        if (indents.length > max) return true;
      }
    }
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote !== '') {
        if (quote === '"' && c === '\\') i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = '';
        }
        continue;
      }
      const next = line[i + 1];
      const spaceNext = next === undefined || next === ' ' || next === '\t';
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      if ((c === '"' || c === "'") && start) {
        quote = c;
        start = false;
      } else if ((c === '[' || c === '{') && (flow > 0 || start)) {
        // In block context a bracket opens a collection only where a node starts; elsewhere it is text.
        if (indents.length + ++flow > max) return true;
        start = true;
      } else if (c === ']' || c === '}') {
        if (flow > 0) flow--;
        start = false;
      } else if (c === ',' && flow > 0) {
        start = true;
      } else if ((c === ':' || c === '-' || c === '?') && (spaceNext || (flow > 0 && c === ':' && ',[]{}'.includes(next)))) {
        start = true;
      } else if ((c === '!' || c === '&') && start) {
        // A tag or an anchor before the node: the scalar starts after it.
        while (i + 1 < line.length && line[i + 1] !== ' ' && line[i + 1] !== '\t') i++;
      } else if ((c === '|' || c === '>') && start && flow === 0) {
        scalarIndent = indent;
        break;
      } else {
        start = false;
      }
    }
  }
  return false;
}
