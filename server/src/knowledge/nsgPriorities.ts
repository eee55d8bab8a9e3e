/**
 * The priorities Azure accepts for the security rules written in an NSG: 100 (evaluated
 * first) to 4096. Each priority may be used once per direction; Azure refuses an NSG
 * that uses one twice (`SecurityRuleConflict`) or one outside the range. Its own default
 * rules sit at 65000 and above, out of reach of written rules.
 */
export const nsgPriorityRange = { lowest: 100, highest: 4096 } as const;
