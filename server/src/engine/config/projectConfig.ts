import { dirname, join, resolve } from 'node:path';
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { allRules } from '../../rules/index';
import type { Rule } from '../../rules/types';
import { isRuleLevel, levelsFromObject, ruleLevelNames, type RuleLevel } from './ruleLevels';
import { LineIndex } from '../../core/lineIndex';
import { nestsDeeperThan, TOO_DEEP } from '../../parse/nesting';
import { safeDecode } from '../../core/uris';

/** The project file, looked up from a template's folder upwards. */
export const configFileName = 'ase-lint.json';

/** What `ase-lint.json` says. Both the language server and the command line read it. */
export interface ProjectConfig {
  uri: string;
  rules: Map<string, RuleLevel>;
  /** Severity of the note on a suppression that suppresses nothing (default: hint). */
  unusedSuppressions?: RuleLevel;
  /** Keys and values that were ignored, as `ase-lint.json:3:5: …` lines. */
  problems: string[];
}

const knownKeys = new Set(['$schema', 'rules', 'unusedsuppressions']);

/** Parses the file (JSON with comments); what cannot be understood is listed in `problems` (places shown as `shownAs:line:column`) and ignored. */
export function parseProjectConfig(uri: string, text: string, shownAs?: string, rules: readonly Rule[] = allRules): ProjectConfig {
  const config: ProjectConfig = { uri, rules: new Map(), problems: [] };
  const lines = new LineIndex(text);
  const name = shownAs ?? safeDecode(uri.slice(uri.lastIndexOf('/') + 1));
  const at = (offset: number) => {
    const p = lines.position(offset);
    return `${name}:${p.line + 1}:${p.character + 1}`;
  };
  // The parser recurses per level: a file nested thousands deep would exhaust the stack.
  if (nestsDeeperThan(text, 'json')) {
    config.problems.push(`${at(0)}: not read: ${TOO_DEEP}`);
    return config;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0];
    config.problems.push(`${at(e.offset)}: not valid JSON (${printParseErrorCode(e.error)})`);
    return config;
  }
  if (!root || root.type !== 'object') {
    config.problems.push(`${at(0)}: expected an object such as { "rules": { "ASE401": "error" } }`);
    return config;
  }
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const key = String(keyNode?.value ?? '');
    if (!valueNode) continue;
    switch (key.toLowerCase()) {
      case 'rules':
        readRules(valueNode, rules, config, at);
        break;
      case 'unusedsuppressions': {
        const v = getNodeValue(valueNode);
        if (isRuleLevel(v)) config.unusedSuppressions = v;
        else config.problems.push(`${at(valueNode.offset)}: "unusedSuppressions" expects one of ${ruleLevelNames.join(', ')}`);
        break;
      }
      default:
        if (!knownKeys.has(key.toLowerCase())) config.problems.push(`${at(keyNode.offset)}: unknown setting "${key}" (known: rules, unusedSuppressions)`);
    }
  }
  return config;
}

function readRules(node: Node, rules: readonly Rule[], config: ProjectConfig, at: (offset: number) => string): void {
  if (node.type !== 'object') {
    config.problems.push(`${at(node.offset)}: "rules" expects an object of rule → level`);
    return;
  }
  // One property at a time, so each problem points at its own line.
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const { levels, problems } = levelsFromObject({ [String(keyNode.value)]: getNodeValue(valueNode) }, rules, at(keyNode.offset));
    for (const [code, level] of levels) config.rules.set(code, level);
    config.problems.push(...problems);
  }
}

/**
 * The nearest `ase-lint.json` for a file: its own folder, then each parent, up to and
 * including the first of `stopAt` (a workspace folder) or a folder holding `.git` (the
 * repository's root); never above them. `exists` answers for a path.
 */
export function findProjectConfig(filePath: string, exists: (path: string) => boolean, stopAt: readonly string[] = []): string | undefined {
  const stops = new Set(stopAt.map((s) => resolve(s)));
  let dir = dirname(resolve(filePath));
  for (;;) {
    const candidate = join(dir, configFileName);
    if (exists(candidate)) return candidate;
    if (stops.has(dir) || exists(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
