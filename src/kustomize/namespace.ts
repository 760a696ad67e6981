/**
 * The `namespace:` transformer (kustomize's NamespaceTransformer): sets metadata.namespace on
 * every object not known to be cluster-scoped, renames v1 Namespace objects, points
 * RoleBinding subjects named `default` at the namespace, and writes the other namespace field
 * specs (APIService service, CRD conversion webhook).
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, setEntryOrigin, type ValueMap } from '../core/provenance.js';
import { defaultNamespace } from './config.js';
import { type FieldSpec, visitFieldSpec } from './fieldspec.js';
import { currentId, idKey, idString, isClusterScopedId, storePreviousId } from './ids.js';
import { metadataOf } from './transform-util.js';
import type { KResource } from './types.js';

export interface NamespaceOptions {
  namespace: string;
  fieldSpecs?: FieldSpec[];
  /** 'defaultOnly' (kustomization default), 'allServiceAccounts' or 'none'. */
  setRoleBindingSubjects?: 'defaultOnly' | 'allServiceAccounts' | 'none';
  /** Only set namespaces that are empty. */
  unsetOnly?: boolean;
  origin?: Location;
}

export function applyNamespace(resources: KResource[], opts: NamespaceOptions): KResource[] {
  const ns = opts.namespace;
  if (ns === '') return resources;
  const specs = (opts.fieldSpecs ?? defaultNamespace).filter((fs) => fs.path !== 'metadata/namespace');
  const origin = opts.origin;
  const setter = (parent: ValueMap, key: string) => {
    const cur = parent[key];
    if (cur !== undefined && cur !== null && typeof cur !== 'string') {
      throw new UserError('namespace field specs must target scalar nodes', { location: origin });
    }
    if (opts.unsetOnly && typeof cur === 'string' && cur !== '') return;
    parent[key] = ns;
    setEntryOrigin(parent, key, origin);
  };
  for (const r of resources) {
    if (Object.keys(r.body).length === 0) continue;
    storePreviousId(r);
    const id = currentId(r);
    if (!isClusterScopedId(id)) {
      const md = metadataOf(r, origin);
      setter(md, 'namespace');
    }
    if (r.body.apiVersion === 'v1' && r.body.kind === 'Namespace') {
      const md = metadataOf(r, origin);
      if (!(opts.unsetOnly && typeof md.name === 'string' && md.name !== '')) {
        md.name = ns;
        setEntryOrigin(md, 'name', origin);
      }
    }
    const kind = r.body.kind;
    if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && opts.setRoleBindingSubjects !== 'none') {
      const subjects = r.body.subjects;
      if (Array.isArray(subjects)) {
        for (const s of subjects) {
          if (!isMap(s)) continue;
          const wanted =
            opts.setRoleBindingSubjects === 'allServiceAccounts' ? s.kind === 'ServiceAccount' : s.name === 'default';
          if (wanted) setter(s, 'namespace');
        }
      }
    }
    for (const fs of specs) {
      visitFieldSpec(r.body, fs, setter, { createKind: 'scalar', origin });
    }
  }
  // kustomize checks after each object; checking the final ids finds the same conflicts, since
  // every namespaced object ends up in the same namespace.
  const seen = new Map<string, KResource>();
  for (const r of resources) {
    const key = idKey(currentId(r));
    const other = seen.get(key);
    if (other) {
      throw new UserError(
        `namespace transformation produces ID conflict: ${idString(currentId(other))}, ${idString(currentId(r))}`,
        { location: origin },
      );
    }
    seen.set(key, r);
  }
  return resources;
}
