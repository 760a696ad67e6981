import type { Location } from './location.js';

/**
 * Provenance: which file and line last set each field of a rendered object.
 *
 * Rendered objects are plain JSON-like values (see `Value`). Their provenance is kept beside
 * them, in a WeakMap keyed by each mapping or sequence, so transformers can keep working on
 * plain data and provenance never leaks into output. A container remembers where it was
 * written (`self`) and, per entry (mapping key or sequence index), where that entry was last
 * set. Only the renderer writes provenance; everything else reads it.
 */
export interface ContainerOrigin {
  self?: Location;
  entries: Map<string | number, Location>;
  /**
   * Entries a patch wrote where the object already had a value, changed or not: the patch's
   * location. Kept apart from `entries` because an entry that only names its target (an
   * object's kind and name, a list item's merge key) keeps the location that defined it.
   */
  restated?: Map<string | number, Location>;
}

export type Scalar = string | number | bigint | boolean | null;
export type Value = Scalar | ValueMap | Value[];
export interface ValueMap {
  [key: string]: Value;
}

const origins = new WeakMap<object, ContainerOrigin>();

function originRecord(container: object): ContainerOrigin {
  let rec = origins.get(container);
  if (!rec) {
    rec = { entries: new Map() };
    origins.set(container, rec);
  }
  return rec;
}

export function isMap(v: unknown): v is ValueMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A mapping without a prototype, so keys such as `__proto__` from untrusted YAML stay plain keys. */
/** A dictionary keyed by user text (labels, annotations, data keys): without a prototype, `__proto__` is an ordinary key. */
export function newDict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function newMap(): ValueMap {
  return Object.create(null) as ValueMap;
}

export function setSelfOrigin(container: object, loc: Location | undefined): void {
  if (loc) originRecord(container).self = loc;
}

export function setEntryOrigin(container: object, key: string | number, loc: Location | undefined): void {
  if (loc) originRecord(container).entries.set(key, loc);
}

export function selfOrigin(container: object): Location | undefined {
  return origins.get(container)?.self;
}

export function entryOrigin(container: object, key: string | number): Location | undefined {
  return origins.get(container)?.entries.get(key);
}

/** Record that a patch at `loc` wrote `key` of `container` over a value the object already had. */
export function setRestatedBy(container: object, key: string | number, loc: Location | undefined): void {
  if (!loc) return;
  const rec = originRecord(container);
  (rec.restated ??= new Map()).set(key, loc);
}

/** The patch that last wrote `key` over a value the object already had (see `setRestatedBy`). */
export function restatedBy(container: object, key: string | number): Location | undefined {
  return origins.get(container)?.restated?.get(key);
}

export function getOrigins(container: object): ContainerOrigin | undefined {
  return origins.get(container);
}

/** Copy the provenance record of `from` onto `to` (entries are copied, not shared). */
export function copyOrigins(from: object, to: object): void {
  const rec = origins.get(from);
  if (!rec) return;
  origins.set(to, { self: rec.self, entries: new Map(rec.entries), ...(rec.restated ? { restated: new Map(rec.restated) } : {}) });
}

/**
 * Mark every entry of `value` (recursively) as set at `loc`, keeping existing `self` records.
 * Used when a transformer writes a whole subtree (a patch value, a generated object).
 */
export function stampOrigins(value: Value, loc: Location | undefined): void {
  if (!loc || value === null || typeof value !== 'object') return;
  const rec = originRecord(value);
  rec.self ??= loc;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      rec.entries.set(i, loc);
      stampOrigins(item, loc);
    });
  } else {
    for (const k of Object.keys(value)) {
      rec.entries.set(k, loc);
      stampOrigins(value[k]!, loc);
    }
  }
}

/** Deep copy of a value, with its provenance. */
export function cloneValue<T extends Value>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  let copy: Value;
  if (Array.isArray(value)) {
    copy = value.map((v) => cloneValue(v));
  } else {
    const m = newMap();
    for (const k of Object.keys(value)) m[k] = cloneValue(value[k]!);
    copy = m;
  }
  copyOrigins(value, copy);
  return copy as T;
}

/** A path into a value: mapping keys and sequence indexes. */
export type ValuePath = ReadonlyArray<string | number>;

/**
 * Where the field at `path` was last set. For a field that does not exist, the location of
 * the deepest existing ancestor (the object or patch to change), with `exact: false`.
 */
export function fieldOrigin(root: Value, path: ValuePath): { location: Location | undefined; exact: boolean } {
  let node: Value = root;
  let best: Location | undefined = isContainer(root) ? selfOrigin(root) : undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (!isContainer(node)) return { location: best, exact: false };
    const child: Value | undefined = Array.isArray(node)
      ? typeof key === 'number'
        ? node[key]
        : undefined
      : Object.prototype.hasOwnProperty.call(node, key)
        ? (node as ValueMap)[key as string]
        : undefined;
    if (child === undefined) return { location: best, exact: false };
    const entryLoc = entryOrigin(node, key);
    if (isContainer(child)) {
      best = entryLoc ?? selfOrigin(child) ?? best;
    } else {
      best = entryLoc ?? best;
    }
    node = child;
  }
  return { location: best, exact: true };
}

function isContainer(v: Value | undefined): v is ValueMap | Value[] {
  return typeof v === 'object' && v !== null;
}
