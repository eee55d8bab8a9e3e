import * as catalogue from './catalogue';
import type { Rule } from './types';

/**
 * Every rule, in the order of their codes (ASE101 first). A rule is added with one line
 * in rules/catalogue.ts; see CONTRIBUTING.md.
 */
export const allRules: readonly Rule[] = Object.values(catalogue as Record<string, Rule>).sort((a, b) => a.code.localeCompare(b.code));
