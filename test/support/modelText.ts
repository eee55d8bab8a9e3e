import type { NetworkModel } from '../../server/src/model/types';

/** A model as text: every value, place and note, shared objects written once and then named by their first path. */
export function modelText(model: NetworkModel | undefined): string {
  if (!model) return 'no model';
  const seen = new Map<object, string>();
  const write = (v: unknown, path: string): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const had = seen.get(v);
    if (had !== undefined) return `<${had}>`;
    seen.set(v, path);
    if (v instanceof Map) return [...v].map(([k, x], i) => [k, write(x, `${path}.${i}`)]);
    if (v instanceof Set) return [...v].map((x, i) => write(x, `${path}.${i}`));
    if (Array.isArray(v)) return v.map((x, i) => write(x, `${path}[${i}]`));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) out[key] = write((v as Record<string, unknown>)[key], `${path}.${key}`);
    return out;
  };
  return JSON.stringify(write(model, '$'));
}
