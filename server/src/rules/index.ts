import type { Rule } from './types';

/** Every rule, in catalogue order. Adding a rule: its file, its test, one line here. */
export const allRules: readonly Rule[] = [];
