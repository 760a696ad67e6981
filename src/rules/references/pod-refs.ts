/**
 * Every object a pod template refers to by name (ConfigMaps, Secrets, ServiceAccounts,
 * PersistentVolumeClaims), with the path of the referring field. Collected once per estate.
 */
import type { Estate, PodTemplate } from '../../engine/estate.js';
import { isMap, type Value, type ValuePath } from '../../core/provenance.js';
import { getList, getPath, kindOf, str } from '../../core/resource.js';

export type RefKind = 'ConfigMap' | 'Secret' | 'ServiceAccount' | 'PersistentVolumeClaim';

export interface PodRef {
  kind: RefKind;
  name: string;
  template: PodTemplate;
  /** Path from the workload's body to the field holding the name. */
  path: ValuePath;
  /** The reference is marked `optional: true`, so a missing object does not stop the pod. */
  optional: boolean;
  /** Container whose env/envFrom refers to the object, if any. */
  container?: string;
  /** For ConfigMap keys read through `configMapKeyRef`: the key; undefined for whole-map references. */
  key?: string;
  /** How the reference is made: 'env', 'envFrom', 'volume', 'projected', 'imagePullSecrets', 'serviceAccountName'. */
  via: string;
}

const cache = new WeakMap<Estate, PodRef[]>();

export function podRefs(estate: Estate): PodRef[] {
  let refs = cache.get(estate);
  if (!refs) cache.set(estate, (refs = collect(estate)));
  return refs;
}

function collect(estate: Estate): PodRef[] {
  const out: PodRef[] = [];
  for (const t of estate.podTemplates()) {
    const sp = t.specPath;
    const add = (kind: RefKind, name: Value | undefined, path: ValuePath, via: string, extra: Partial<PodRef> = {}) => {
      const n = str(name);
      if (n) out.push({ kind, name: n, template: t, path, via, optional: false, ...extra });
    };
    const optional = (m: Value | undefined) => isMap(m) && (m.optional === true || m.optional === 'true');

    if (t.spec.serviceAccountName !== undefined) {
      add('ServiceAccount', t.spec.serviceAccountName, [...sp, 'serviceAccountName'], 'serviceAccountName');
    } else if (t.spec.serviceAccount !== undefined) {
      add('ServiceAccount', t.spec.serviceAccount, [...sp, 'serviceAccount'], 'serviceAccountName');
    }
    getList(t.spec, ['imagePullSecrets']).forEach((s, i) => {
      if (isMap(s)) add('Secret', s.name, [...sp, 'imagePullSecrets', i, 'name'], 'imagePullSecrets');
    });

    const claimTemplates = new Set<string>();
    if (kindOf(t.workload) === 'StatefulSet') {
      for (const c of getList(t.workload.body, ['spec', 'volumeClaimTemplates'])) {
        const n = str(getPath(c, ['metadata', 'name']));
        if (n) claimTemplates.add(n);
      }
    }
    getList(t.spec, ['volumes']).forEach((v, i) => {
      if (!isMap(v)) return;
      const vp = [...sp, 'volumes', i];
      if (isMap(v.configMap)) add('ConfigMap', v.configMap.name, [...vp, 'configMap', 'name'], 'volume', { optional: optional(v.configMap) });
      if (isMap(v.secret)) add('Secret', v.secret.secretName, [...vp, 'secret', 'secretName'], 'volume', { optional: optional(v.secret) });
      if (isMap(v.persistentVolumeClaim) && !claimTemplates.has(str(v.name))) {
        add('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, [...vp, 'persistentVolumeClaim', 'claimName'], 'volume');
      }
      getList(v, ['projected', 'sources']).forEach((s, j) => {
        if (!isMap(s)) return;
        const p = [...vp, 'projected', 'sources', j];
        if (isMap(s.configMap)) add('ConfigMap', s.configMap.name, [...p, 'configMap', 'name'], 'projected', { optional: optional(s.configMap) });
        if (isMap(s.secret)) add('Secret', s.secret.name, [...p, 'secret', 'name'], 'projected', { optional: optional(s.secret) });
      });
    });

    for (const c of estate.containers(t, ['initContainers', 'containers', 'ephemeralContainers'])) {
      getList(c.container, ['env']).forEach((e, i) => {
        const from = getPath(e, ['valueFrom']);
        if (!isMap(from)) return;
        const p = [...c.path, 'env', i, 'valueFrom'];
        if (isMap(from.configMapKeyRef)) {
          add('ConfigMap', from.configMapKeyRef.name, [...p, 'configMapKeyRef', 'name'], 'env', {
            optional: optional(from.configMapKeyRef),
            container: c.name,
            key: str(from.configMapKeyRef.key),
          });
        }
        if (isMap(from.secretKeyRef)) {
          add('Secret', from.secretKeyRef.name, [...p, 'secretKeyRef', 'name'], 'env', {
            optional: optional(from.secretKeyRef),
            container: c.name,
          });
        }
      });
      getList(c.container, ['envFrom']).forEach((e, i) => {
        if (!isMap(e)) return;
        const p = [...c.path, 'envFrom', i];
        if (isMap(e.configMapRef)) add('ConfigMap', e.configMapRef.name, [...p, 'configMapRef', 'name'], 'envFrom', { optional: optional(e.configMapRef), container: c.name });
        if (isMap(e.secretRef)) add('Secret', e.secretRef.name, [...p, 'secretRef', 'name'], 'envFrom', { optional: optional(e.secretRef), container: c.name });
      });
    }
  }
  return out;
}
