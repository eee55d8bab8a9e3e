/**
 * `base`, or when it is taken, the first of `base<separator>2`, `base<separator>3`, … that
 * is not: how a fix names what it adds (an NSG rule `AllowX-2`, a route table, a Bicep
 * symbol `rt2`). `taken` compares as its caller must (Azure names and Bicep symbols
 * case-insensitively).
 */
export function uniqueName(base: string, taken: (name: string) => boolean, separator = '-'): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const name = `${base}${separator}${i}`;
    if (!taken(name)) return name;
  }
}
