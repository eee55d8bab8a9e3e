import { createScanner, type Node, type NodeType, type ParseError } from 'jsonc-parser';

// jsonc-parser's enums are `const enum`s in a .d.ts, which the TypeScript runners used
// here cannot inline: the values are spelled out.
const T_OPEN_BRACE = 1;
const T_CLOSE_BRACE = 2;
const T_OPEN_BRACKET = 3;
const T_CLOSE_BRACKET = 4;
const T_COMMA = 5;
const T_COLON = 6;
const T_NULL = 7;
const T_TRUE = 8;
const T_FALSE = 9;
const T_STRING = 10;
const T_NUMBER = 11;
const T_EOF = 17;

const E_INVALID_SYMBOL = 1;
const E_INVALID_NUMBER = 2;
const E_PROPERTY_NAME_EXPECTED = 3;
const E_VALUE_EXPECTED = 4;
const E_COLON_EXPECTED = 5;
const E_COMMA_EXPECTED = 6;
const E_CLOSE_BRACE_EXPECTED = 7;
const E_CLOSE_BRACKET_EXPECTED = 8;
const E_END_OF_FILE_EXPECTED = 9;

interface MutableNode {
  type: NodeType;
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: MutableNode;
  children?: MutableNode[];
}

const KEY_OR_END = 0;
const COLON = 1;
const VALUE = 2;
const COMMA_OR_END = 3;

interface Frame {
  node: MutableNode;
  state: number;
  /** Objects: the property whose key was read and that waits for its value. */
  property?: MutableNode;
}

/**
 * The same tree as jsonc-parser's `parseTree` (same node shape, offsets and lengths),
 * built with an explicit stack. `parseTree` recurses once per nesting level and runs out
 * of stack near 10,000 levels; this is the fallback for such documents. Error recovery
 * is simpler than jsonc-parser's: a token that does not fit is reported and skipped.
 */
export function parseTreeIteratively(text: string, errors: ParseError[]): Node | undefined {
  const scanner = createScanner(text, true);
  const stack: Frame[] = [];
  let root: MutableNode | undefined;
  const error = (code: number, offset: number, length: number) => errors.push({ error: code, offset, length });

  const attach = (child: MutableNode): void => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      root = child;
      return;
    }
    if (frame.node.type === 'array') {
      child.parent = frame.node;
      frame.node.children!.push(child);
    } else if (frame.property) {
      child.parent = frame.property;
      frame.property.children!.push(child);
      frame.property.length = child.offset + child.length - frame.property.offset;
      frame.property = undefined;
    }
    frame.state = COMMA_OR_END;
  };

  const close = (end: number): void => {
    const frame = stack.pop()!;
    const node = frame.node;
    node.length = end - node.offset;
    const parent = node.parent;
    if (parent && parent.type === 'property') parent.length = node.offset + node.length - parent.offset;
  };

  /** Starts a value at the current token; false when the token cannot start one. */
  const startValue = (token: number): boolean => {
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    switch (token) {
      case T_OPEN_BRACE:
      case T_OPEN_BRACKET: {
        const node: MutableNode = { type: token === T_OPEN_BRACE ? 'object' : 'array', offset, length: 0, children: [] };
        attach(node);
        stack.push({ node, state: token === T_OPEN_BRACE ? KEY_OR_END : VALUE });
        return true;
      }
      case T_STRING:
        attach({ type: 'string', value: scanner.getTokenValue(), offset, length });
        return true;
      case T_NUMBER: {
        const n = Number(scanner.getTokenValue());
        if (Number.isNaN(n)) error(E_INVALID_NUMBER, offset, length);
        attach({ type: 'number', value: Number.isNaN(n) ? 0 : n, offset, length });
        return true;
      }
      case T_TRUE:
      case T_FALSE:
        attach({ type: 'boolean', value: token === T_TRUE, offset, length });
        return true;
      case T_NULL:
        attach({ type: 'null', value: null, offset, length });
        return true;
      default:
        return false;
    }
  };

  for (;;) {
    const token = scanner.scan();
    if (token === T_EOF) break;
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (root) {
        error(E_END_OF_FILE_EXPECTED, offset, length);
        break;
      }
      if (!startValue(token)) error(E_VALUE_EXPECTED, offset, length);
      continue;
    }
    if (frame.node.type === 'object') {
      if (token === T_CLOSE_BRACE && frame.state !== COLON && frame.state !== VALUE) {
        close(offset + length);
        continue;
      }
      switch (frame.state) {
        case KEY_OR_END:
        case COMMA_OR_END:
          if (frame.state === COMMA_OR_END && token === T_COMMA) {
            frame.state = KEY_OR_END;
            continue;
          }
          if (token === T_STRING) {
            if (frame.state === COMMA_OR_END) error(E_COMMA_EXPECTED, offset, length);
            const key: MutableNode = { type: 'string', value: scanner.getTokenValue(), offset, length };
            const property: MutableNode = { type: 'property', offset, length, parent: frame.node, children: [key] };
            key.parent = property;
            frame.node.children!.push(property);
            frame.property = property;
            frame.state = COLON;
          } else {
            error(frame.state === KEY_OR_END ? E_PROPERTY_NAME_EXPECTED : E_COMMA_EXPECTED, offset, length);
          }
          continue;
        case COLON:
        case VALUE:
          if (frame.state === COLON) {
            if (token === T_COLON) {
              frame.property!.colonOffset = offset;
              frame.state = VALUE;
              continue;
            }
            // A missing colon: the token is taken as the value.
            error(E_COLON_EXPECTED, offset, length);
            frame.state = VALUE;
          }
          if (token === T_CLOSE_BRACE) {
            error(E_VALUE_EXPECTED, offset, length);
            frame.property = undefined;
            close(offset + length);
            continue;
          }
          if (!startValue(token)) error(E_VALUE_EXPECTED, offset, length);
          continue;
      }
    } else {
      if (token === T_CLOSE_BRACKET) {
        close(offset + length);
        continue;
      }
      if (frame.state === COMMA_OR_END) {
        if (token === T_COMMA) {
          frame.state = VALUE;
          continue;
        }
        error(E_COMMA_EXPECTED, offset, length);
      }
      if (!startValue(token)) error(token === T_COLON || token === T_COMMA ? E_VALUE_EXPECTED : E_INVALID_SYMBOL, offset, length);
    }
  }
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    error(top.node.type === 'object' ? E_CLOSE_BRACE_EXPECTED : E_CLOSE_BRACKET_EXPECTED, text.length, 0);
    close(text.length);
  }
  return root as Node | undefined;
}
