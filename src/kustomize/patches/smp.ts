/**
 * Strategic merge patch as kustomize v5.5 applies it (kyaml's merge2 walker with new list
 * items prepended), not as the API server does:
 * - the resource and the patch are walked together; a scalar or an unknown list in the patch
 *   replaces the resource's value, mappings merge key by key;
 * - `key: null` in the patch deletes; nulls inside a subtree the patch adds are dropped;
 * - `$patch: delete|replace|merge` on a mapping, and a lone `{$patch: …}` element in a list,
 *   are honoured; `$patch: replace` on a list *element* is undone by the list merge, as in
 *   kustomize; `$setElementOrder`, `$retainKeys` and `$deleteFromPrimitiveList` are not
 *   directives for kustomize and stay in the output as ordinary fields;
 * - associative lists (merge strategy in the schema) merge by their keys: the patch's elements
 *   first in patch order, then the resource's untouched elements; primitive set-merge lists
 *   (finalizers) keep unique values, patch values first.
 * Provenance: every entry the patch writes carries the patch's location, also when it restates
 * the value the resource already had; merged containers keep the resource's own. Entries the
 * patch wrote over an existing value, merge keys included, are also recorded as restated by it.
 */
import { UserError } from '../../core/errors.js';
import type { Location } from '../../core/location.js';
import {
  entryOrigin,
  isMap,
  selfOrigin,
  setEntryOrigin,
  setRestatedBy,
  type Value,
  type ValueMap,
} from '../../core/provenance.js';
import { writtenPlainText, writtenQuoted, writtenWithoutValue } from '../../yaml/parse.js';
import { fieldSchema, isAssociative, type MergeSchema, type SchemaNode } from '../openapi.js';

const CLEAR = Symbol('clear');
type WalkResult = Value | typeof CLEAR;

const DIRECTIVE = '$patch';

type NodeKind = 'map' | 'seq' | 'scalar';

function nodeKind(v: Value | undefined): NodeKind | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return 'seq';
  if (typeof v === 'object') return 'map';
  return 'scalar';
}

const KIND_NAMES: Record<NodeKind, string> = { map: 'MappingNode', seq: 'SequenceNode', scalar: 'ScalarNode' };

interface WalkCtx {
  schema: MergeSchema;
  /** Where the patch came from, for errors. */
  where: Location | undefined;
}

/**
 * Applies `patch` to `target` in place. Returns false when the patch deleted the whole object
 * (`$patch: delete` at the top), true otherwise. The patch value is consumed: pass a copy.
 */
export function applyStrategicMerge(
  target: ValueMap,
  patch: ValueMap,
  schema: MergeSchema,
  where?: Location,
): { deleted: boolean; replacement?: ValueMap } {
  const ctx: WalkCtx = { schema, where };
  const rootSchema = schema.forValue(target);
  const result = walk(target, patch, rootSchema, ['$'], ctx);
  if (result === CLEAR || result === null) return { deleted: true };
  if (!isMap(result)) return { deleted: true };
  if (result !== target) return { deleted: false, replacement: result };
  return { deleted: false };
}

function walk(dest: Value | undefined, patch: Value | undefined, schema: SchemaNode | undefined, path: string[], ctx: WalkCtx): WalkResult {
  if (!schema) schema = ctx.schema.forValue(nodeKind(dest) ? dest : patch);
  const kind = nodeKind(dest) ?? nodeKind(patch);
  if (kind !== undefined) {
    for (const [side, v] of [
      ['resource', dest],
      ['patch', patch],
    ] as const) {
      const k = nodeKind(v);
      if (k !== undefined && k !== kind) {
        throw new UserError(
          `strategic merge patch: wrong node kind at ${path.slice(1).join('.') || '(root)'}: expected ${KIND_NAMES[kind]} but the ${side} has a ${KIND_NAMES[k]}`,
          { location: ctx.where },
        );
      }
    }
  }
  switch (kind) {
    case 'seq':
      return isAssociative(schema) ? walkAssociativeList(dest, patch, schema!, path, ctx) : patch !== undefined ? nullIsClear(patch) : dest!;
    case 'scalar':
      return patch !== undefined ? nullIsClear(patch) : dest!;
    default:
      return walkMap(dest, patch, schema, path, ctx);
  }
}

function nullIsClear(v: Value): WalkResult {
  return v === null ? CLEAR : v;
}

type Directive = 'merge' | 'replace' | 'delete';

function mapDirective(patch: Value | undefined, ctx: WalkCtx, strip = true): Directive | undefined {
  if (!isMap(patch) || !Object.prototype.hasOwnProperty.call(patch, DIRECTIVE)) return isMap(patch) || patch === undefined ? 'merge' : undefined;
  const v = patch[DIRECTIVE];
  const d = directiveValue(v, ctx);
  if (strip) delete patch[DIRECTIVE];
  return d;
}

function directiveValue(v: Value, ctx: WalkCtx): Directive {
  if (v === 'delete' || v === 'replace' || v === 'merge') return v;
  throw new UserError(`unknown patch strategy '${scalarText(v)}'`, { location: ctx.where });
}

function walkMap(dest: Value | undefined, patch: Value | undefined, schema: SchemaNode | undefined, path: string[], ctx: WalkCtx): WalkResult {
  if (dest === undefined || dest === null) {
    // The patch adds this subtree: it is walked against itself, which applies its nested
    // directives and drops its nulls.
    const d = isMap(patch) ? mapDirective(patch, ctx) : undefined;
    if (d === 'delete') return CLEAR;
    if (patch === undefined) return dest === null ? null : CLEAR;
    if (patch === null) return CLEAR;
    const added = patch as ValueMap;
    walkFields(added, added, schema, path, ctx);
    return added;
  }
  if (patch === null) return CLEAR;
  const d = mapDirective(patch, ctx);
  if (d === 'delete') return CLEAR;
  if (d === 'replace') {
    const replacement = patch as ValueMap;
    walkFields(replacement, replacement, schema, path, ctx);
    return replacement;
  }
  walkFields(dest as ValueMap, patch as ValueMap | undefined, schema, path, ctx);
  return dest;
}

function walkFields(dest: ValueMap, patch: ValueMap | undefined, schema: SchemaNode | undefined, path: string[], ctx: WalkCtx): void {
  const names = new Set(Object.keys(dest));
  if (patch && patch !== dest) for (const k of Object.keys(patch)) names.add(k);
  for (const k of names) {
    const before = has(dest, k) ? dest[k] : undefined;
    const fromPatch = patch && has(patch, k) ? patch[k] : undefined;
    // go-yaml keeps `key: null` but not a bare `key:` when kyaml walks the object.
    if ((before === null || before === '') && fromPatch === undefined && writtenWithoutValue(entryOrigin(dest, k))) {
      delete dest[k];
      continue;
    }
    const r = walk(before, fromPatch, fieldSchema(schema, k), [...path, k], ctx);
    if (r === CLEAR) {
      delete dest[k];
      continue;
    }
    // kyaml keeps the resource's quoting when a patch replaces a quoted string, so the new
    // value stays a string whatever the patch wrote (`"v2"` patched with `1` gives "1").
    const keepQuoted =
      typeof before === 'string' && r === fromPatch && r !== null && typeof r !== 'string' && typeof r !== 'object' && writtenQuoted(entryOrigin(dest, k));
    dest[k] = keepQuoted ? (writtenPlainText(entryOrigin(patch!, k)) ?? String(r)) : r;
    // A scalar the patch writes is set by the patch even when the value is unchanged (a patch
    // that restates a field still owns it); a container merged key by key keeps the
    // resource's own record, its entries carry the patch where it wrote them.
    const mergedInPlace = r === before && isContainer(r);
    if (patch && patch !== dest && fromPatch !== undefined && !mergedInPlace) {
      const written = entryOrigin(patch, k) ?? (isContainer(r) ? selfOrigin(r) : undefined);
      setEntryOrigin(dest, k, written);
      if (before !== undefined && before !== null) setRestatedBy(dest, k, written);
    }
  }
}

function has(m: ValueMap, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k);
}

function isContainer(v: Value | undefined): v is ValueMap | Value[] {
  return typeof v === 'object' && v !== null;
}

/** The text kyaml compares merge-key values by (the scalar's own text). */
export function scalarText(v: Value | undefined): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'object') return '';
  return String(v);
}

/** A lone `{$patch: x}` element turns into a directive for the whole list. */
function listDirective(patch: Value[], ctx: WalkCtx): Directive {
  const i = patch.findIndex((e) => isMap(e) && has(e, DIRECTIVE));
  if (i < 0) return 'merge';
  const el = patch[i] as ValueMap;
  if (Object.keys(el).length > 1) return 'merge';
  const d = directiveValue(el[DIRECTIVE]!, ctx);
  patch.splice(i, 1);
  return d;
}

function walkAssociativeList(
  destIn: Value | undefined,
  patch: Value | undefined,
  schema: SchemaNode,
  path: string[],
  ctx: WalkCtx,
): WalkResult {
  let dest: Value[];
  let patchList: Value[] | undefined = Array.isArray(patch) ? patch : undefined;
  if (destIn === undefined || destIn === null) {
    if (!Array.isArray(patch)) return CLEAR;
    dest = patch;
  } else {
    if (patch === null) return CLEAR;
    dest = destIn as Value[];
    if (patchList) {
      const d = listDirective(patchList, ctx);
      if (d === 'delete') return CLEAR;
      if (d === 'replace') dest = patchList;
    }
  }
  if (patchList === dest) patchList = dest;
  const keys = schema.keys ?? [];
  const origins = new Map<Value, Location | undefined>();
  const note = (list: Value[] | undefined) => {
    list?.forEach((e, i) => {
      if (isContainer(e) && !origins.has(e)) origins.set(e, entryOrigin(list, i));
    });
  };
  note(patchList);
  note(dest);
  const sources: (Value[] | undefined)[] = [patchList, dest];
  let result: Value[];
  if (keys.length > 0) {
    result = mergeKeyedElements(dest, patchList, keys, schema.items, path, ctx, sources);
  } else {
    const tuples = elementTuples(sources, keys);
    result = tuples.length > 0 ? mergeKeyedElements(dest, patchList, keys, schema.items, path, ctx, sources) : mergePrimitives(dest, patchList, schema.items, path, ctx);
  }
  const primOrigin = new Map<string, Location | undefined>();
  for (const list of [dest, patchList]) {
    list?.forEach((e, i) => {
      if (!isContainer(e)) primOrigin.set(scalarText(e), entryOrigin(list, i));
    });
  }
  // Rebuild in place so the list keeps its identity (and its own location).
  const target = destIn !== undefined && destIn !== null && Array.isArray(destIn) && dest === destIn ? destIn : dest;
  target.length = 0;
  result.forEach((e, i) => {
    target.push(e);
    setEntryOrigin(target, i, isContainer(e) ? origins.get(e) ?? selfOrigin(e) : primOrigin.get(scalarText(e)));
  });
  return target;
}

function elementTuples(sources: (Value[] | undefined)[], keys: string[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const src of sources) {
    if (!src) continue;
    for (const el of src) {
      const t = keys.map((k) => (isMap(el) && has(el, k) && el[k] !== null && el[k] !== '' ? scalarText(el[k]) : ''));
      if (t.length === 0) continue;
      const id = JSON.stringify(t);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(t);
    }
  }
  return out;
}

/**
 * The keys to match an element by: those that have a value in any element of the merge; the
 * element's own values for them (empty where it lacks one). With no values at all, every key.
 */
function validKeys(all: string[][], values: string[], keys: string[]): { keys: string[]; values: string[] } {
  const present = new Set<string>();
  for (const t of all) t.forEach((v, i) => v !== '' && present.add(keys[i]!));
  if (present.size === 0) return { keys, values };
  return {
    keys: keys.filter((k) => present.has(k)),
    values: values.filter((v, i) => v !== '' || present.has(keys[i]!)),
  };
}

/** Tuples that agree except where one side is empty are the same element (port 53 vs 53/TCP). */
function unifyTuples(list: string[][]): string[][] {
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    for (let j = 0; j < list.length; j++) {
      const b = list[j]!;
      if (a.length !== b.length) continue;
      let common = false;
      let ok = true;
      const res: string[] = [];
      for (let x = 0; x < a.length; x++) {
        if (a[x] === b[x]) {
          common = true;
          res.push(a[x]!);
        } else if (a[x] !== '' && b[x] !== '') {
          ok = false;
          break;
        } else res.push(a[x] !== '' ? a[x]! : b[x]!);
      }
      if (ok && common) {
        list[i] = res;
        list[j] = res;
      }
    }
  }
  return list;
}

/** Only the keys whose values are non-empty, for finding an element in one source. */
function lookupKeys(keys: string[], values: string[]): { keys: string[]; values: string[] } {
  return validKeys([values], values, keys);
}

/** The first mapping element whose key fields all have the given texts. */
function findElement(list: Value[] | undefined, keys: string[], values: string[]): Value | undefined {
  if (!list) return undefined;
  for (const el of list) {
    if (!isMap(el)) continue;
    if (keys.every((k, i) => has(el, k) && el[k] !== null && scalarText(el[k]) === values[i])) return el;
  }
  return undefined;
}

function isEmptyMap(v: Value | undefined): boolean {
  return isMap(v) && Object.keys(v).length === 0;
}

/**
 * kyaml's ElementSetter: drops null and empty elements, then replaces every element matching
 * the keys with `element` (or removes them when no element is given); appends when nothing
 * matched.
 */
function setElement(list: Value[], keys: string[], values: string[], element: Value | undefined): void {
  const out: Value[] = [];
  let matched = false;
  for (const el of list) {
    if (el === null || el === undefined || isEmptyMap(el)) continue;
    if (keys[0] === '') {
      if (isContainer(el)) {
        out.push(el);
        continue;
      }
    } else if (!isMap(el)) {
      out.push(el);
      continue;
    }
    let found = values.length > 0;
    for (let j = 0; j < keys.length && found; j++) {
      if (j >= values.length) break;
      found = fieldMatches(el, keys[j]!, values[j]!);
    }
    if (!found) {
      if (values.length > 0) out.push(el);
      continue;
    }
    matched = true;
    if (element !== undefined) out.push(element);
  }
  list.length = 0;
  list.push(...out);
  if (element === undefined || element === null) return;
  if (!matched) list.push(element);
}

function fieldMatches(el: Value, key: string, value: string): boolean {
  if (key === '') return !isContainer(el) && el !== null && scalarText(el) === value;
  if (!isMap(el) || !has(el, key)) return false;
  // An empty wanted value matches any element that has the field at all.
  if (value === '') return true;
  return scalarText(el[key]) === value;
}

function mergeKeyedElements(
  dest: Value[],
  patch: Value[] | undefined,
  keys: string[],
  itemSchema: SchemaNode | undefined,
  path: string[],
  ctx: WalkCtx,
  sources: (Value[] | undefined)[],
): Value[] {
  let tuples = elementTuples(sources, keys);
  if (keys.length > 1) tuples = unifyTuples(tuples);
  const items: Value[] = [];
  let lastKeys = keys;
  for (const t of tuples) {
    if (t.length === 0) continue;
    const vk = validKeys(tuples, t, keys);
    lastKeys = vk.keys;
    const lk = lookupKeys(vk.keys, vk.values);
    const d = findElement(dest, lk.keys, lk.values);
    const p = patch && patch !== dest ? findElement(patch, lk.keys, lk.values) : d;
    const identity = p !== d && isMap(d) ? vk.keys.filter((k) => has(d, k)).map((k) => ({ k, v: d[k], loc: entryOrigin(d, k) })) : [];
    const val = walk(d, p, itemSchema, [...path, `[${vk.values.join(',')}]`], ctx);
    // The merge keys only name the element the patch merges into, as kind and name name the
    // object: unchanged, they keep the resource's location.
    if (val === d && isMap(val)) for (const { k, v, loc } of identity) if (val[k] === v) setEntryOrigin(val, k, loc);
    if (val === CLEAR || val === null || isEmptyMap(val)) {
      setElement(dest, vk.keys, vk.values, undefined);
      continue;
    }
    if (isMap(val)) {
      vk.keys.forEach((k, i) => {
        if (!has(val, k) && vk.values[i] !== '') val[k] = vk.values[i]!;
      });
    }
    setElement(items, vk.keys, vk.values, val);
  }
  if (tuples.length === 0) return items;
  // The resource's elements go after the patch's: merged ones replace themselves in place;
  // with several keys each is moved to the end, so they keep the resource's order.
  for (const el of [...dest]) {
    const vals: string[] = [];
    for (const k of lastKeys) {
      if (!isMap(el) || !has(el, k)) {
        items.push(el);
        continue;
      }
      vals.push(scalarText(el[k]));
    }
    if (lastKeys.length > 1) setElement(items, lastKeys, vals, undefined);
    setElement(items, lastKeys, vals, el);
  }
  return items;
}

function mergePrimitives(
  dest: Value[],
  patch: Value[] | undefined,
  itemSchema: SchemaNode | undefined,
  path: string[],
  ctx: WalkCtx,
): Value[] {
  const values: string[] = [];
  const seen = new Set<string>();
  for (const src of [patch, dest]) {
    if (!src) continue;
    for (const el of src) {
      const t = isContainer(el) ? '' : scalarText(el);
      if (seen.has(t)) continue;
      seen.add(t);
      values.push(t);
    }
  }
  const items: Value[] = [];
  const findPrim = (list: Value[] | undefined, text: string) => list?.find((e) => (isContainer(e) ? '' : scalarText(e)) === text);
  for (const v of values) {
    const d = findPrim(dest, v);
    const p = patch && patch !== dest ? findPrim(patch, v) : d;
    const val = walk(d, p, itemSchema, [...path, v], ctx);
    if (val === CLEAR || val === null || isEmptyMap(val)) {
      setElement(dest, [''], [v], undefined);
      continue;
    }
    setElement(items, [''], [v], val);
  }
  for (const el of dest) setElement(items, [''], [isContainer(el) ? '' : scalarText(el)], el);
  return items;
}
