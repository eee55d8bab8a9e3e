import type { NetworkModel } from '../../server/src/model/types';

/**
 * A model as text: every value, place and note, shared objects written once and then
 * named by their first path. With `expand`, only the model's resources (objects with a
 * `key` and a `type`) are written once and then named; every other object is written in
 * full wherever it is reached (but for a link back to an object it is reached through):
 * the text then says what the model holds, not which of its equal values are one object
 * (a build that replays kept values may share one value where a build from nothing makes
 * two, which no reader of the model can tell apart), while which resource a link points
 * to, and each resource being one object, still show.
 */
export function modelText(model: NetworkModel | undefined, options: { expand?: boolean } = {}): string {
  if (!model) return 'no model';
  const seen = new Map<object, string>();
  const isResource = (v: object): boolean => typeof (v as { key?: unknown }).key === 'string' && typeof (v as { type?: unknown }).type === 'string';
  const write = (v: unknown, path: string): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const had = seen.get(v);
    if (had !== undefined) return `<${had}>`;
    seen.set(v, path);
    try {
      if (v instanceof Map) return [...v].map(([k, x], i) => [k, write(x, `${path}.${i}`)]);
      if (v instanceof Set) return [...v].map((x, i) => write(x, `${path}.${i}`));
      if (Array.isArray(v)) return v.map((x, i) => write(x, `${path}[${i}]`));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) out[key] = write((v as Record<string, unknown>)[key], `${path}.${key}`);
      // Values a class works out when asked (a written security rule's refs) are written too.
      const proto = Object.getPrototypeOf(v) as object | null;
      if (proto && proto !== Object.prototype) {
        for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
          if (d.get) out[key] = write((v as Record<string, unknown>)[key], `${path}.${key}`);
        }
      }
      return out;
    } finally {
      // Expanded: besides the resources, only the objects on the way to this one stay named.
      if (options.expand && !isResource(v)) seen.delete(v);
    }
  };
  return JSON.stringify(write(model, '$'));
}
