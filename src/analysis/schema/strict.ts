/**
 * Strict unknown-field detection for validators compiled ahead of time.
 *
 * The bundled validators follow the OpenAPI schemas, which never set `additionalProperties:
 * false`, so they accept any extra field. Their generated code does, however, read every field
 * its schema declares (`data.replicas`, `data.selector`, …, present or not) and enumerates the
 * keys of free-form maps (`for (const k in data)`). Running a validator over a view of the
 * object that records those reads therefore tells, for each mapping, which keys the schema
 * knows: a key that exists but was never read at a mapping where the schema read other keys is
 * an unknown field, exactly what `kubectl --validate=strict` rejects. A mapping whose schema
 * reads nothing (RawExtension, `x-kubernetes-preserve-unknown-fields`) accepts anything.
 */
import type { Value, ValuePath } from '../../model/provenance.js';

interface Reads {
  keys: Set<string>;
  /** The validator enumerated the mapping: a map with free keys (labels, data, limits). */
  enumerated: boolean;
}

export interface TrackedRun {
  /** The value to hand to the validator. */
  view: unknown;
  /** Paths of fields present in the value that the schema does not declare. */
  unknownFields(): ValuePath[];
}

/**
 * Wrap `value` so the validator's reads are recorded. Integers beyond 2^53 (bigint in the
 * model) are shown to the validator as numbers, which is what JSON decoding gives the API
 * server too.
 */
export function track(value: Value): TrackedRun {
  const reads = new Map<object, Reads>();
  const views = new WeakMap<object, object>();

  const wrap = (v: unknown): unknown => {
    if (typeof v === 'bigint') return Number(v);
    if (v === null || typeof v !== 'object') return v;
    const existing = views.get(v);
    if (existing) return existing;
    const rec: Reads = { keys: new Set(), enumerated: false };
    reads.set(v, rec);
    const view = new Proxy(v, {
      get(target, key) {
        if (typeof key !== 'string') return Reflect.get(target, key) as unknown;
        rec.keys.add(key);
        return wrap(Reflect.get(target, key));
      },
      has(target, key) {
        if (typeof key === 'string') rec.keys.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        rec.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    views.set(v, view);
    return view;
  };

  const view = wrap(value);

  return {
    view,
    unknownFields(): ValuePath[] {
      const out: ValuePath[] = [];
      const walk = (v: Value, path: (string | number)[]): void => {
        if (v === null || typeof v !== 'object') return;
        const rec = reads.get(v);
        if (!rec) return; // the validator never reached it (its parent failed a type check or is free-form)
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) walk(v[i]!, [...path, i]);
          return;
        }
        const declaresFields = !rec.enumerated && rec.keys.size > 0;
        for (const k of Object.keys(v)) {
          if (declaresFields && !rec.keys.has(k)) out.push([...path, k]);
          else walk(v[k]!, [...path, k]);
        }
      };
      walk(value, []);
      return out;
    },
  };
}
