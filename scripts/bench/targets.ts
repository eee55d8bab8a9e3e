/** A figure and the limit issue 6 set for it. */
export interface TargetCheck {
  what: string;
  value: number;
  limit: number;
  unit: string;
  /** Why a miss is expected or how to read the figure; printed after the verdict. */
  note?: string;
}

export function met(t: TargetCheck): boolean {
  return t.value <= t.limit;
}

export function formatTarget(t: TargetCheck): string {
  const fmt = (n: number) => `${n.toFixed(t.unit === '×' ? 1 : 0)}${t.unit === '×' ? '×' : ` ${t.unit}`}`;
  const verdict = met(t) ? 'met' : `MISSED by ${fmt(t.value - t.limit)} (${(t.value / t.limit).toFixed(2)}× the limit)`;
  return `${t.what}: ${fmt(t.value)} (target ≤ ${fmt(t.limit)}) ${verdict}${t.note ? ` — ${t.note}` : ''}`;
}
