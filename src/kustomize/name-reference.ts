/**
 * Name-reference fix-up (kustomize's NameReferenceTransformer), run once at the top level after
 * every rename: each referring field whose value is a previous name of an object of the
 * referenced kind is rewritten to that object's current name (and namespace, for mapping
 * references such as RoleBinding subjects and webhook services).
 */
import { UserError } from '../core/errors.js';
import { entryOrigin, isMap, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import type { NameBackRef } from './config.js';
import { defaultNameReference } from './config.js';
import { type FieldSpec, visitFieldSpec } from './fieldspec.js';
import { allIds, currentId, effectiveNamespace, gvkSelected, idString, isClusterScopedId, originalId, sameNamespace } from './ids.js';
import { locate } from '../core/resource.js';
import type { KResource, ResId } from './types.js';

function sameEndingSubSlice(a: string[], b: string[]): boolean {
  let shortest = a;
  let longest = b;
  if (shortest.length > longest.length) [shortest, longest] = [longest, shortest];
  const diff = longest.length - shortest.length;
  if (shortest.length === 0) return diff === 0;
  for (let i = shortest.length - 1; i >= 0; i--) if (longest[i + diff] !== shortest[i]) return false;
  return true;
}

/** Objects a referrer may point at: same namespace, cluster-scoped, or a RoleBinding's subject namespaces. */
function visibilityFilter(referrer: KResource): (target: KResource) => boolean {
  const rid = currentId(referrer);
  if (isClusterScopedId(rid)) return () => true;
  const rbNamespaces = new Set<string>();
  if (referrer.body.kind === 'RoleBinding' && Array.isArray(referrer.body.subjects)) {
    for (const s of referrer.body.subjects) {
      if (!isMap(s) || s.kind !== 'ServiceAccount' || !Object.prototype.hasOwnProperty.call(s, 'namespace')) continue;
      // kustomize refuses a ServiceAccount subject whose namespace is written but not text
      // (`namespace:` left blank reads as null).
      if (typeof s.namespace !== 'string') {
        throw new UserError(`Invalid Input: namespace is blank for resource "${idString(rid)}"`, {
          location: entryOrigin(s, 'namespace') ?? referrer.origin,
          hint: 'give the subject its namespace, or remove the namespace key',
        });
      }
      rbNamespaces.add(s.namespace);
    }
  }
  return (t) => {
    const tid = currentId(t);
    if (isClusterScopedId(tid)) return true;
    if (sameNamespace(tid, rid)) return true;
    return rbNamespaces.has(tid.namespace);
  };
}

/** Objects by every name they have had, so a reference only looks at objects it could mean. */
function indexByNames(resources: KResource[]): Map<string, KResource[]> {
  const byName = new Map<string, KResource[]>();
  for (const r of resources) {
    for (const name of new Set(allIds(r).map((id) => id.name))) {
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(r);
    }
  }
  return byName;
}

interface FilterCtx {
  referrer: KResource;
  target: NameBackRef;
  spec: FieldSpec;
  /** Objects the referrer may see (kustomize's SubsetThatCouldBeReferencedByResource). */
  visible: (target: KResource) => boolean;
  byName: Map<string, KResource[]>;
}

/**
 * Visible objects that had this name before a transformer changed their id, in accumulation
 * order. kustomize matches previous ids only: an object never renamed, moved or re-kinded is
 * no referral, even when its current name is the one written.
 */
function candidatesNamed(name: string, f: FilterCtx): KResource[] {
  return (f.byName.get(name) ?? []).filter((r) => f.visible(r) && r.meta.previousIds.some((id) => id.name === name));
}

function roleRefGvk(referrer: KResource): { group: string; kind: string } | undefined {
  const rr = referrer.body.roleRef;
  if (!isMap(rr)) return undefined;
  return { group: typeof rr.apiGroup === 'string' ? rr.apiGroup : '', kind: typeof rr.kind === 'string' ? rr.kind : '' };
}

function selectReferral(oldName: string, candidates: KResource[], f: FilterCtx, mapping = false): KResource | undefined {
  let c = candidates.filter((r) => r.meta.previousIds.some((id) => id.name === oldName));
  c = c.filter((r) => r.meta.previousIds.some((id) => gvkSelected(id, f.target)));
  if (f.spec.path.endsWith('roleRef/name')) {
    const g = roleRefGvk(f.referrer);
    if (g) c = c.filter((r) => r.meta.previousIds.some((id) => gvkSelected(id, g)));
  }
  const rid = currentId(f.referrer);
  if (!isClusterScopedId(rid)) {
    c = c.filter((r) => {
      const id = currentId(r);
      return isClusterScopedId(id) || r.body.kind === 'ServiceAccount' || sameNamespace(rid, id);
    });
  }
  if (c.length === 1) return c[0];
  // First leniently (an object or referrer without prefixes matches any), then, when that still
  // leaves several, strictly: kustomize's two passes of PrefixesSuffixesEquals.
  const rp = f.referrer.meta.prefixes;
  const rs = f.referrer.meta.suffixes;
  c = c.filter(
    (r) =>
      (r.meta.prefixes.length === 0 || rp.length === 0 || sameEndingSubSlice(r.meta.prefixes, rp)) &&
      (r.meta.suffixes.length === 0 || rs.length === 0 || sameEndingSubSlice(r.meta.suffixes, rs)),
  );
  if (c.length > 1) c = c.filter((r) => sameEndingSubSlice(r.meta.prefixes, rp) && sameEndingSubSlice(r.meta.suffixes, rs));
  if (c.length === 1) return c[0];
  if (c.length === 0) return undefined;
  // A mapping reference takes the namespace too, so its candidates must agree on both.
  const names = new Set(c.map((r) => (mapping ? `${currentId(r).name}\0${currentId(r).namespace}` : currentId(r).name)));
  if (names.size === 1) return c[0];
  throw new UserError(
    ` found multiple possible referrals: ${c.map((r) => idString(currentId(r))).join(', ')}`,
    { location: f.referrer.origin },
  );
}

function isContainerValue(v: Value | undefined): boolean {
  return typeof v === 'object' && v !== null;
}

/** A rewritten reference is attributed to whatever set the target's current name (prefix, hash…). */
function nameOrigin(r: KResource) {
  return locate(r, ['metadata', 'name']);
}

function nameOf(r: KResource): string {
  return currentId(r).name;
}

function setScalarAt(parent: ValueMap | Value[], key: string | number, f: FilterCtx): void {
  const v = (parent as Record<string | number, Value>)[key as never] as Value;
  if (typeof v !== 'string') return;
  const referral = selectReferral(v, candidatesNamed(v, f), f);
  if (!referral) return;
  const newName = nameOf(referral);
  if (newName === v) return;
  (parent as Record<string | number, Value>)[key as never] = newName as never;
  setEntryOrigin(parent, key, nameOrigin(referral));
}

function setMapping(node: ValueMap, f: FilterCtx): void {
  if (!Object.prototype.hasOwnProperty.call(node, 'name')) {
    throw new UserError(`path config error; no 'name' field in node`, { location: f.referrer.origin });
  }
  if (isContainerValue(node.name) || isContainerValue(node.namespace)) {
    throw new UserError(`a reference's name and namespace must be strings`, { location: f.referrer.origin });
  }
  const oldName = node.name === null ? '' : String(node.name);
  let candidates = candidatesNamed(oldName, f);
  if (Object.prototype.hasOwnProperty.call(node, 'namespace')) {
    const ns = node.namespace === null || node.namespace === '' ? 'default' : String(node.namespace);
    // kustomize groups the candidates by the namespace they were loaded with (an empty one is
    // `default`) and only when none was loaded there by their current namespace.
    const inNs = (id: ResId) => !isClusterScopedId(id) && effectiveNamespace(id) === ns;
    const byOriginal = candidates.filter((r) => inNs(originalId(r)));
    candidates = byOriginal.length > 0 ? byOriginal : candidates.filter((r) => inNs(currentId(r)));
  }
  const referral = selectReferral(oldName, candidates, f, true);
  if (!referral) return;
  const id = currentId(referral);
  if (id.name === oldName && id.namespace === '') return;
  node.name = id.name;
  setEntryOrigin(node, 'name', nameOrigin(referral));
  if (id.namespace === '') return;
  node.namespace = id.namespace;
  setEntryOrigin(node, 'namespace', locate(referral, ['metadata', 'namespace']));
}

function setAt(parent: ValueMap, key: string, f: FilterCtx): void {
  const v = parent[key];
  if (v === undefined || v === null) return;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
    setScalarAt(parent, key, f);
  } else if (Array.isArray(v)) {
    v.forEach((el, i) => {
      if (el === null) return;
      if (isMap(el)) setMapping(el, f);
      else if (Array.isArray(el)) throw new UserError('is expected to be either a string or a map of string', { location: f.referrer.origin });
      else setScalarAt(v, i, f);
    });
  } else if (isMap(v)) {
    setMapping(v, f);
  }
}

function hasField(body: ValueMap, path: string): boolean {
  // Cheap pre-check on the first segment, as kustomize does before building filters.
  const first = path.split('/')[0]!.replace(/\[\]$/, '');
  return Object.prototype.hasOwnProperty.call(body, first);
}

export function fixNameReferences(resources: KResource[], table: NameBackRef[] = defaultNameReference): KResource[] {
  const byName = indexByNames(resources);
  for (const referrer of resources) {
    const org = originalId(referrer);
    let visible: ((t: KResource) => boolean) | undefined;
    for (const target of table) {
      for (const spec of target.referrers) {
        if (!gvkSelected(org, spec)) continue;
        if (!hasField(referrer.body, spec.path)) continue;
        visible ??= visibilityFilter(referrer);
        const f: FilterCtx = { referrer, target, spec, visible, byName };
        // The referrer was chosen by the kind it was loaded as; kustomize then walks the path
        // whatever its kind is now (a JSON patch may have changed it).
        const cur = currentId(referrer);
        const walkSpec = { ...spec, group: cur.group, version: cur.version, kind: cur.kind, create: false };
        visitFieldSpec(referrer.body, walkSpec, (parent, key) => setAt(parent, key, f), {
          createKind: 'none',
          origin: referrer.origin,
        });
      }
    }
  }
  return resources;
}
