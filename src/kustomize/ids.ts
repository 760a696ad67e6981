/**
 * Resource ids as kustomize compares them (resid.ResId): group/version/kind, name, namespace.
 * Two ids are equal when GVK and name match and the *effective* namespaces match: an empty
 * namespace means `default` for namespaced kinds, and cluster-scoped kinds ignore namespace.
 */
import { isMap, type ValueMap } from '../core/provenance.js';
import { isKustomizeClusterScoped } from '../core/scope.js';
import type { KResource, ResId } from './types.js';

function s(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null || typeof v === 'object') return '';
  return String(v);
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function apiVersionOfId(id: { group: string; version: string }): string {
  return id.group ? `${id.group}/${id.version}` : id.version;
}

export function idOfBody(body: ValueMap): ResId {
  const { group, version } = splitApiVersion(s(body.apiVersion));
  const md = isMap(body.metadata) ? body.metadata : undefined;
  return { group, version, kind: s(body.kind), name: s(md?.name), namespace: s(md?.namespace) };
}

export function currentId(r: KResource): ResId {
  return idOfBody(r.body);
}

export function isClusterScopedId(id: ResId): boolean {
  return isKustomizeClusterScoped(apiVersionOfId(id), id.kind);
}

export function effectiveNamespace(id: ResId): string {
  if (isClusterScopedId(id)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

export function idEquals(a: ResId, b: ResId): boolean {
  return (
    a.name === b.name &&
    a.kind === b.kind &&
    a.group === b.group &&
    a.version === b.version &&
    effectiveNamespace(a) === effectiveNamespace(b)
  );
}

/** A string equal for two ids exactly when idEquals holds (for indexing). */
export function idKey(id: ResId): string {
  return `${id.group}|${id.version}|${id.kind}|${id.name}|${effectiveNamespace(id)}`;
}

export function sameNamespace(a: ResId, b: ResId): boolean {
  return effectiveNamespace(a) === effectiveNamespace(b);
}

/** kustomize's ResId.String(): `Kind.version.group/name.namespace`, with [noVer]/[noGrp]/[noNs]. */
export function idString(id: ResId): string {
  return `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

/** All ids the resource has had, oldest first, ending with the current one (kustomize's PrevIds). */
export function allIds(r: KResource): ResId[] {
  return [...r.meta.previousIds, currentId(r)];
}

/** The id the resource had when it was loaded (kustomize's OrgId). */
export function originalId(r: KResource): ResId {
  return r.meta.previousIds[0] ?? currentId(r);
}

export function storePreviousId(r: KResource): void {
  r.meta.previousIds.push(currentId(r));
}

/** An empty field in the selector matches anything (kustomize's Gvk.IsSelected). */
export function gvkSelected(id: { group: string; version: string; kind: string }, sel: { group?: string; version?: string; kind?: string }): boolean {
  if (sel.group && sel.group !== id.group) return false;
  if (sel.version && sel.version !== id.version) return false;
  if (sel.kind && sel.kind !== id.kind) return false;
  return true;
}
