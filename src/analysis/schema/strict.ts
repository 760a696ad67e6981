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
import type { Value, ValuePath } from '../../core/provenance.js';

export interface Reads {
  keys: Set<string>;
  /** The validator enumerated the mapping: a map with free keys (labels, data, limits). */
  enumerated: boolean;
}

export interface TrackedRun {
  /** The value to hand to the validator. */
  view: unknown;
  /** Paths of fields present in the value that the schema does not declare. */
  unknownFields(): ValuePath[];
  /** What the validator read of each mapping and list it reached. */
  reads: ReadonlyMap<object, Reads>;
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
    reads,
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

/**
 * What tracked runs taught about one validator: per structural site (path with list indexes
 * and map keys generalised), the fields its schema declares, or that it is a free-key map.
 * A compiled validator reads every declared field at a site whatever the data, so one tracked
 * run is enough to know a site.
 */
interface Site {
  /** Declared fields, 'map' for a free-key map; undefined while the site is not known. */
  info?: Set<string> | 'map';
  children?: Map<string, Site>;
}
const learned = new WeakMap<object, Site>();

/** Child sites: list items under '[]', map values under '*', fields under their name. */
function child(site: Site, key: string): Site {
  site.children ??= new Map();
  let c = site.children.get(key);
  if (!c) site.children.set(key, (c = {}));
  return c;
}

function peek(site: Site | undefined, key: string): Site | undefined {
  return site?.children?.get(key);
}

/** Result of a strict validation: the validator's verdict plus unknown fields. */
export interface StrictResult<E> {
  ok: boolean;
  errors: E[] | null | undefined;
  unknownFields: ValuePath[];
}

/**
 * Validate strictly, fast: when every mapping of `value` sits at a site learned before and
 * holds only declared fields, the plain validator runs on the data as it is (no proxies).
 * Anything new or suspicious (an unlearned site, a possible unknown field, a bigint) takes the
 * tracked path, which also teaches the cache.
 */
export function strictValidate<E>(fn: { (data: unknown): boolean; errors?: E[] | null }, value: Value): StrictResult<E> {
  let root = learned.get(fn);
  if (!root) learned.set(fn, (root = {}));
  if (provenClean(value, root)) {
    const ok = fn(value);
    return { ok, errors: fn.errors, unknownFields: [] };
  }
  const run = track(value);
  const ok = fn(run.view);
  const errors = fn.errors;
  learn(value, root, run);
  return { ok, errors, unknownFields: run.unknownFields() };
}

function provenClean(v: Value, site: Site | undefined): boolean {
  if (typeof v === 'bigint') return false;
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) {
    const items = peek(site, '[]');
    for (const item of v) if (!provenClean(item, items)) return false;
    return true;
  }
  const info = site?.info;
  if (!info) return false;
  if (info === 'map') {
    const values = peek(site, '*');
    for (const k in v) if (!provenClean(v[k]!, values)) return false;
    return true;
  }
  for (const k in v) {
    if (!info.has(k)) return false;
    if (!provenClean(v[k]!, peek(site, k))) return false;
  }
  return true;
}

function learn(v: Value, site: Site, run: TrackedRun): void {
  if (v === null || typeof v !== 'object') return;
  const rec = run.reads.get(v);
  if (!rec) return;
  if (Array.isArray(v)) {
    if (v.length > 0) {
      const items = child(site, '[]');
      for (const item of v) learn(item, items, run);
    }
    return;
  }
  if (rec.enumerated) {
    site.info = 'map';
    const keys = Object.keys(v);
    if (keys.length > 0) {
      const values = child(site, '*');
      for (const k of keys) learn(v[k]!, values, run);
    }
    return;
  }
  if (rec.keys.size === 0) return; // free-form here (or a value of the wrong type): never taken as proof
  const declared = site.info instanceof Set ? site.info : new Set<string>();
  for (const k of rec.keys) declared.add(k);
  site.info = declared;
  for (const k of Object.keys(v)) if (rec.keys.has(k) && v[k] !== null && typeof v[k] === 'object') learn(v[k]!, child(site, k), run);
}
