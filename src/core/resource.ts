import type { Location } from './location.js';
import { fieldOrigin, isMap, newDict, type Value, type ValueMap, type ValuePath } from './provenance.js';

/** One rendered Kubernetes object: its body (plain data with provenance) and where it came from. */
export interface Resource {
  body: ValueMap;
  /** File and line where the object was defined (its first line in the base or generator). */
  origin: Location;
}

/** apiVersion/kind/namespace/name of an object, as reported in findings. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A mapping's scalar values as text (labels, annotations, selectors); nested values become empty. */
export function stringMapOf(v: Value | undefined): Record<string, string> {
  const out = newDict<string>();
  if (isMap(v)) for (const k of Object.keys(v)) out[k] = str(v[k]);
  return out;
}

export function str(v: Value | undefined): string {
  // Mappings from untrusted YAML have no prototype: String() would throw on them.
  if (typeof v === 'object' && v !== null) return '';
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function getPath(v: Value | undefined, path: ValuePath): Value | undefined {
  let cur: Value | undefined = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (typeof k !== 'number') return undefined;
      cur = cur[k];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
      cur = cur[k as string];
    }
  }
  return cur;
}

export function getMap(v: Value | undefined, path: ValuePath): ValueMap | undefined {
  const m = getPath(v, path);
  return isMap(m) ? m : undefined;
}

export function getList(v: Value | undefined, path: ValuePath): Value[] {
  const l = getPath(v, path);
  return Array.isArray(l) ? l : [];
}

export function apiVersionOf(r: Resource): string {
  return str(r.body.apiVersion);
}
export function kindOf(r: Resource): string {
  return str(r.body.kind);
}
export function nameOf(r: Resource): string {
  return str(getPath(r.body, ['metadata', 'name']));
}
export function namespaceOf(r: Resource): string {
  return str(getPath(r.body, ['metadata', 'namespace']));
}
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}
export function versionOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? apiVersion : apiVersion.slice(i + 1);
}

export function refOf(r: Resource): ObjectRef {
  return { apiVersion: apiVersionOf(r), kind: kindOf(r), namespace: namespaceOf(r), name: nameOf(r) };
}

export function labelsOf(r: Resource): Record<string, string> {
  const m = getMap(r.body, ['metadata', 'labels']);
  const out = newDict<string>();
  if (m) for (const k of Object.keys(m)) out[k] = str(m[k]);
  return out;
}

export function annotationsOf(r: Resource): Record<string, string> {
  const m = getMap(r.body, ['metadata', 'annotations']);
  const out = newDict<string>();
  if (m) for (const k of Object.keys(m)) out[k] = str(m[k]);
  return out;
}

/** The file and line that set `path` in this object, or the object's own origin for a missing field. */
export function locate(r: Resource, path: ValuePath): Location {
  return fieldOrigin(r.body, path).location ?? r.origin;
}

/** `spec.template.spec.containers[name=api].image` style, as used in findings. */
export function formatPath(path: ValuePath, root?: Value): string {
  let out = '';
  let node: Value | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      const item = Array.isArray(node) ? node[seg] : undefined;
      const name = isMap(item) && typeof item.name === 'string' ? item.name : undefined;
      out += name !== undefined ? `[name=${name}]` : `[${seg}]`;
      node = item;
    } else {
      out += out === '' ? seg : `.${seg}`;
      node = isMap(node) ? node[seg] : undefined;
    }
  }
  return out;
}

/** Helm test hooks are one-off checks that never run as part of a release: not production workloads. */
export function isHelmTestHook(r: Resource): boolean {
  const hook = annotationsOf(r)['helm.sh/hook'];
  if (!hook) return false;
  return hook.split(',').some((h) => ['test', 'test-success', 'test-failure'].includes(h.trim()));
}
