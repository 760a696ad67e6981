/**
 * RFC 6902 JSON patches as kustomize applies them (evanphx/json-patch semantics): operations
 * run in order on the object's JSON form; `-` appends to a list; negative list indexes count
 * from the end; `~1` and `~0` unescape to `/` and `~`; `add` creates a key but never missing
 * parents; `replace` and `remove` need the target to exist; a failing `test` fails the build.
 * Because the object goes through JSON, integers beyond 2^53 lose precision as in kustomize.
 * Provenance: a value an operation writes is attributed to the operation's line.
 */
import { UserError } from '../../core/errors.js';
import { isUsableAnnotationKey, repeatedKeyOf, typedAnnotationValue } from '../../yaml/parse.js';
import { formatGoShortestG } from '../../yaml/scalars.js';
import { limits } from '../../core/limits.js';
import type { Location } from '../../core/location.js';
import {
  cloneValue,
  entryOrigin,
  isMap,
  newMap,
  setEntryOrigin,
  stampOrigins,
  type Value,
  type ValueMap,
} from '../../core/provenance.js';

export interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: Value;
  /** Whether the operation had a `value` field at all. */
  hasValue: boolean;
  /** Line of the operation in its patch file. */
  location?: Location;
  /** Line of its `value` field. */
  valueLocation?: Location;
}

/** Reads the operations of a parsed patch document (a list of mappings). */
export function decodeJsonPatch(doc: Value, where: Location | undefined): JsonPatchOp[] {
  if (!Array.isArray(doc)) {
    throw new UserError('JSON patch must be a list of operations', { location: where });
  }
  return doc.map((item, i) => {
    const loc = entryOrigin(doc, i) ?? where;
    if (!isMap(item)) throw new UserError('JSON patch operation must be a mapping', { location: loc });
    const str = (k: string): string | undefined => {
      const v = item[k];
      if (v === undefined || v === null || typeof v === 'object') return undefined;
      return typeof v === 'string' ? v : String(v);
    };
    const hasValue = Object.prototype.hasOwnProperty.call(item, 'value');
    return {
      op: str('op') ?? '',
      path: str('path') ?? '',
      from: str('from'),
      value: hasValue ? item.value : undefined,
      hasValue,
      location: loc,
      valueLocation: hasValue ? (entryOrigin(item, 'value') ?? loc) : loc,
    };
  });
}

type Container = ValueMap | Value[];

function isContainer(v: Value | undefined): v is Container {
  return typeof v === 'object' && v !== null;
}

function unescapeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

function fail(message: string, op: JsonPatchOp): never {
  throw new UserError(message, { location: op.location });
}

/** Parent container and last key of a pointer, or undefined when a parent is missing. */
function findParent(doc: Container, path: string): { con: Container; key: string } | undefined {
  if (path === '') return { con: doc, key: '' };
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let node: Value = doc;
  for (const raw of split.slice(1, -1)) {
    const part = unescapeKey(raw);
    if (Array.isArray(node)) {
      if (!/^-?[0-9]+$/.test(part)) return undefined;
      let idx = Number(part);
      if (idx < 0) idx += node.length;
      if (idx < 0 || idx >= node.length) return undefined;
      node = node[idx]!;
    } else if (isMap(node)) {
      if (!Object.prototype.hasOwnProperty.call(node, part)) return undefined;
      node = node[part]!;
    } else {
      return undefined;
    }
    if (!isContainer(node)) return undefined;
  }
  return { con: node as Container, key: unescapeKey(split[split.length - 1]!) };
}

function arrayIndex(arr: Value[], key: string, op: JsonPatchOp, forInsert: boolean): number {
  if (!/^-?[0-9]+$/.test(key)) fail(`${op.op} operation: invalid list index "${key}" in ${op.path}`, op);
  let idx = Number(key);
  const limit = forInsert ? arr.length : arr.length - 1;
  if (idx < 0) {
    if (idx < -arr.length) fail(`${op.op} operation: list index ${key} out of range in ${op.path}`, op);
    idx += arr.length;
  }
  if (idx > limit) fail(`${op.op} operation: list index ${key} out of range in ${op.path}`, op);
  return idx;
}

/** Entry origins of a list, to be shifted after an insert or removal. */
function listOrigins(arr: Value[]): (Location | undefined)[] {
  return arr.map((_, i) => entryOrigin(arr, i));
}

function resetListOrigins(arr: Value[], origins: (Location | undefined)[]): void {
  origins.forEach((o, i) => setEntryOrigin(arr, i, o));
}

function getAt(con: Container, key: string): Value | undefined {
  if (Array.isArray(con)) {
    if (!/^-?[0-9]+$/.test(key)) return undefined;
    let idx = Number(key);
    if (idx < 0) idx += con.length;
    return idx >= 0 && idx < con.length ? con[idx] : undefined;
  }
  return Object.prototype.hasOwnProperty.call(con, key) ? con[key] : undefined;
}

function addAt(con: Container, key: string, value: Value, loc: Location | undefined, op: JsonPatchOp): void {
  if (Array.isArray(con)) {
    const origins = listOrigins(con);
    if (key === '-') {
      con.push(value);
      origins.push(loc);
    } else {
      const idx = arrayIndex(con, key, op, true);
      con.splice(idx, 0, value);
      origins.splice(idx, 0, loc);
    }
    resetListOrigins(con, origins);
    return;
  }
  con[key] = value;
  setEntryOrigin(con, key, loc);
}

function removeAt(con: Container, key: string, op: JsonPatchOp): Value {
  if (Array.isArray(con)) {
    const idx = arrayIndex(con, key, op, false);
    const origins = listOrigins(con);
    const [removed] = con.splice(idx, 1);
    origins.splice(idx, 1);
    resetListOrigins(con, origins);
    return removed!;
  }
  if (!Object.prototype.hasOwnProperty.call(con, key)) fail(`${op.op} operation does not apply: doc is missing key: ${op.path}`, op);
  const v = con[key]!;
  delete con[key];
  return v;
}

/** JSON equality as the patch library tests it (numbers by value, maps regardless of order). */
function jsonEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return Number(a) === Number(b);
  return a === b;
}

/** Integers beyond float64 precision are rounded, as the JSON round trip in kustomize does. */
function throughJson(v: Value): Value {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      v[i] = throughJson(x);
    });
  } else if (isMap(v)) {
    for (const k of Object.keys(v)) v[k] = throughJson(v[k]!);
  }
  return v;
}

/** A copy of an operation's value that keeps the patch file's per-key locations. */
function copyValue(v: Value, loc: Location | undefined): Value {
  const c = cloneValue(v);
  if (isContainer(c)) {
    const stamped = cloneValue(c);
    stampOrigins(stamped, loc);
    // Keys the parser located keep their own line; anything else falls back to the value line.
    mergeOrigins(c, stamped);
  }
  return c;
}

function mergeOrigins(target: Value, fallback: Value): void {
  if (!isContainer(target) || !isContainer(fallback)) return;
  if (Array.isArray(target)) {
    target.forEach((item, i) => {
      if (entryOrigin(target, i) === undefined) setEntryOrigin(target, i, entryOrigin(fallback as Value[], i));
      mergeOrigins(item, (fallback as Value[])[i]!);
    });
    return;
  }
  for (const k of Object.keys(target)) {
    if (entryOrigin(target, k) === undefined) setEntryOrigin(target, k, entryOrigin(fallback as ValueMap, k));
    mergeOrigins(target[k]!, (fallback as ValueMap)[k]!);
  }
}

/**
 * Applies the operations to `doc` in place and returns the document (a new one when an
 * operation replaced the root).
 */
export function applyJsonPatch(docIn: ValueMap, ops: JsonPatchOp[], internal: Record<string, string> = {}): ValueMap {
  // kustomize keeps bookkeeping annotations on every object while it builds (at least the
  // previous ids it stores just before a JSON patch), so a patch always finds a
  // `metadata.annotations` mapping and sees those entries; they are taken out again after.
  const md = docIn.metadata;
  if (isMap(md)) {
    // Annotations a patch copied in with a repeated key cannot go through JSON in kustomize.
    const repeated = repeatedKeyOf(md.annotations ?? null);
    if (repeated?.lastValues) {
      throw new UserError(`mapping key "${repeated.key}" already defined at line ${repeated.firstLine} (kustomize cannot convert these annotations for a JSON patch)`, {
        location: repeated.location,
      });
    }
    if (!isMap(md.annotations)) md.annotations = newMap();
    const ann = md.annotations as ValueMap;
    // The object's JSON form holds the typed value of annotations written as plain scalars.
    for (const k of Object.keys(ann)) {
      const typed = typedAnnotationValue(entryOrigin(ann, k), ann[k]!);
      if (typed !== undefined) ann[k] = typed;
    }
    for (const [k, v] of Object.entries(internal)) if (!Object.prototype.hasOwnProperty.call(ann, k)) ann[k] = v;
  }
  const result = applyOps(docIn, ops);
  checkShape(result, ops[0]);
  const after = result.metadata;
  if (isMap(after)) {
    if (isMap(after.annotations)) for (const k of Object.keys(internal)) delete after.annotations[k];
    const a = after.annotations;
    // kustomize rebuilds annotations as a string map: a scalar in their place is dropped, a
    // nested value becomes "", and other values come back as the text of their JSON decoding
    // (every number a float64 printed as `%g`, null included).
    if (!isMap(a) || Object.keys(a).length === 0) delete after.annotations;
    else for (const k of Object.keys(a)) if (isContainer(a[k]!)) a[k] = '';
    else if (typeof a[k] === 'number' || typeof a[k] === 'bigint') a[k] = formatGoShortestG(Number(a[k]));
    else if (typeof a[k] !== 'string') a[k] = String(a[k]);
    // Rebuilt annotation keys are read back unquoted: one such as "true" (from `on:` in YAML
    // operations) stops being a string, and kustomize fails.
    if (isMap(after.annotations)) {
      for (const k of Object.keys(after.annotations)) {
        if (!isUsableAnnotationKey(k)) {
          throw new UserError(`JSON patch leaves annotation key ${JSON.stringify(k)}, which kustomize cannot use (json: unsupported type: map[interface {}]interface {})`, {
            location: ops[0]?.location,
          });
        }
      }
    }
  }
  return result;
}

/**
 * kustomize cannot carry on with an object whose identity or metadata maps became something
 * else (it fails or panics later); refuse it here, at the patch.
 */
function checkShape(doc: ValueMap, op: JsonPatchOp | undefined): void {
  const bad = (what: string) => {
    throw new UserError(`JSON patch leaves ${what} with a value of the wrong type`, { location: op?.location });
  };
  for (const k of ['apiVersion', 'kind']) if (isContainer(doc[k])) bad(k);
  const md = doc.metadata;
  const missingName = () => {
    throw new UserError('JSON patch leaves the object without metadata.name (kustomize: missing metadata.name in object)', { location: op?.location });
  };
  if (md === undefined || md === null) missingName();
  if (!isMap(md)) bad('metadata');
  const m = md as ValueMap;
  if (m.name === undefined || m.name === null || m.name === '') missingName();
  for (const k of ['name', 'namespace']) if (isContainer(m[k])) bad(`metadata.${k}`);
  if (m.labels !== undefined && m.labels !== null && !isMap(m.labels)) bad('metadata.labels');
  if (Array.isArray(m.annotations)) bad('metadata.annotations');
}

/** Nodes `copy` operations may duplicate in one application (a doubling chain would explode). */
const MAX_COPIED_NODES = limits.maxJsonPatchCopiedNodes;

function countNodes(v: Value, cap: number): number {
  let n = 0;
  const stack: Value[] = [v];
  while (stack.length && n <= cap) {
    const cur = stack.pop()!;
    n++;
    if (Array.isArray(cur)) stack.push(...cur);
    else if (isMap(cur)) for (const k of Object.keys(cur)) stack.push(cur[k]!);
  }
  return n;
}

function applyOps(docIn: ValueMap, ops: JsonPatchOp[]): ValueMap {
  let doc: Container = docIn;
  let copied = 0;
  for (const op of ops) {
    switch (op.op) {
      case 'add': {
        const target = findParent(doc, op.path);
        if (!target) fail(`add operation does not apply: doc is missing path: "${op.path}"`, op);
        const value = copyValue(op.value ?? null, op.valueLocation);
        if (op.path === '') {
          if (!isContainer(value)) fail('add operation: the document root must stay a mapping', op);
          doc = value as Container;
        } else addAt(target.con, target.key, value, op.valueLocation, op);
        break;
      }
      case 'remove': {
        const target = findParent(doc, op.path);
        if (!target) fail(`remove operation does not apply: doc is missing path: "${op.path}"`, op);
        removeAt(target.con, target.key, op);
        break;
      }
      case 'replace': {
        const target = findParent(doc, op.path);
        if (!target) fail(`replace operation does not apply: doc is missing path: ${op.path}`, op);
        const value = copyValue(op.value ?? null, op.valueLocation);
        if (op.path === '') {
          if (!isMap(value)) fail('replace operation: the document root must stay a mapping', op);
          doc = value;
          break;
        }
        if (Array.isArray(target.con)) {
          const idx = arrayIndex(target.con, target.key, op, false);
          target.con[idx] = value;
          setEntryOrigin(target.con, idx, op.valueLocation);
        } else {
          target.con[target.key] = value;
          setEntryOrigin(target.con, target.key, op.valueLocation);
        }
        break;
      }
      case 'move':
      case 'copy': {
        if (op.from === undefined) fail(`${op.op} operation: missing from`, op);
        const source = findParent(doc, op.from);
        if (!source) fail(`${op.op} operation does not apply: doc is missing from path: ${op.from}`, op);
        let current = getAt(source.con, source.key);
        if (current === undefined) {
          // The patch library reads a missing mapping key as null (copied as null) but needs
          // list indexes to exist, and `move` removes the source, which must exist.
          if (Array.isArray(source.con) || op.op === 'move') fail(`${op.op} operation does not apply: doc is missing from path: ${op.from}`, op);
          current = null;
        }
        let value: Value;
        if (op.op === 'move') {
          value = removeAt(source.con, source.key, op);
        } else {
          copied += countNodes(current, MAX_COPIED_NODES);
          if (copied > MAX_COPIED_NODES) fail(`copy operations duplicate more than ${MAX_COPIED_NODES} nodes; refused`, op);
          value = cloneValue(current);
        }
        const target = findParent(doc, op.path);
        if (!target) fail(`${op.op} operation does not apply: doc is missing destination path: ${op.path}`, op);
        if (isContainer(value)) stampOrigins(value, op.location);
        addAt(target.con, target.key, value, op.location, op);
        break;
      }
      case 'test': {
        const target = findParent(doc, op.path);
        if (!target) fail(`test operation does not apply: is missing path: ${op.path}`, op);
        if (Array.isArray(target.con) && op.path !== '') {
          if (!/^-?[0-9]+$/.test(target.key)) fail(`error in test for path: '${op.path}': not a list index`, op);
          const idx = Number(target.key);
          if (idx >= target.con.length || idx < -target.con.length) fail(`error in test for path: '${op.path}': index out of range`, op);
        }
        const current = op.path === '' ? doc : getAt(target.con, target.key);
        const wanted = op.hasValue ? op.value : undefined;
        if (current === undefined || current === null) {
          if (wanted === undefined || wanted === null) break;
          fail(`testing value ${op.path} failed`, op);
        }
        if (!jsonEqual(current, wanted)) fail(`testing value ${op.path} failed`, op);
        break;
      }
      default:
        fail(`Unexpected kind: ${op.op}`, op);
    }
  }
  if (!isMap(doc)) throw new UserError('JSON patch turned the object into a non-mapping', { location: ops[0]?.location });
  return throughJson(doc) as ValueMap;
}

export function emptyDoc(): ValueMap {
  return newMap();
}
