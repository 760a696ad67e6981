/**
 * Indexes over an estate that several estate-level rules share, built once per estate and cached.
 *
 * Cross-object rules (a PDB against its workloads, an HPA against its target, a reference
 * against the objects that define it) must stay linear in the size of the estate: every lookup
 * here is a map access, and label selectors are resolved through a label index instead of a
 * scan of every pod template.
 */
import { RUNTIME_LABEL_KEYS, selectorMatches, type Estate, type PodTemplate } from '../../engine/estate.js';
import { isMap, type Value, type ValuePath } from '../../core/provenance.js';
import { apiVersionOf, getMap, getPath, groupOf, kindOf, nameOf, str, type Resource } from '../../core/resource.js';

/** Workload kinds whose pod count is `spec.replicas` (default 1). */
const replicatedKinds = new Set([
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'Rollout',
  'DeploymentConfig',
]);

/** A workload that runs a replicated set of pods. */
export interface ReplicatedWorkload {
  resource: Resource;
  template: PodTemplate;
  kind: string;
  namespace: string;
  name: string;
  /** `spec.replicas` as written, or undefined when absent (Kubernetes then runs 1). */
  declaredReplicas: number | undefined;
  /** The autoscaler that owns the replica count, if any. */
  autoscaler?: Autoscaler;
}

/** A HorizontalPodAutoscaler or a KEDA ScaledObject, normalised. */
export interface Autoscaler {
  resource: Resource;
  namespace: string;
  targetKind: string;
  targetName: string;
  min: number;
  /** Path of the minimum-replicas field (it may be absent). */
  minPath: ValuePath;
  max: number | undefined;
  maxPath: ValuePath;
}

export interface EstateIndex {
  /** Replicated workloads (Deployment, StatefulSet, ReplicaSet, RC, Rollout, DeploymentConfig). */
  workloads: ReplicatedWorkload[];
  /** Autoscalers by `Kind|namespace|name` of their target. */
  autoscalersByTarget: Map<string, Autoscaler[]>;
  autoscalers: Autoscaler[];
  /** Every namespace the estate mentions: Namespace objects and namespaces of namespaced objects. */
  namespaces: Set<string>;
  /** Names defined per kind, as `namespace|name` (see `isDefined`). */
  defined: Map<string, Set<string>>;
  /** The replicated workload running a pod template, if any. */
  workloadOf(t: PodTemplate): ReplicatedWorkload | undefined;
  /** Pod templates in `namespace` selected by a label selector (index-assisted). */
  selectPods(selector: Value | undefined, namespace: string): PodTemplate[];
  /** The cluster has this object although the estate does not (see `Estate.isExternal`). */
  isExternal(kind: string, namespace: string, name: string): boolean;
}

const cache = new WeakMap<Estate, EstateIndex>();

export function estateIndex(estate: Estate): EstateIndex {
  let idx = cache.get(estate);
  if (!idx) cache.set(estate, (idx = buildIndex(estate)));
  return idx;
}

export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}|${namespace}|${name}`;
}

/** Kubernetes' resolution of an int-or-percent against a total, rounding up or down. */
export function scaledValue(v: Value | undefined, total: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return n;
  const raw = (n * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

export function intValue(v: Value | undefined): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

/** Pods the workload runs at least: the autoscaler's minimum, else `spec.replicas`, else 1. */
export function effectiveReplicas(w: ReplicatedWorkload): number {
  if (w.autoscaler) return w.autoscaler.min;
  return w.declaredReplicas ?? 1;
}

function buildIndex(estate: Estate): EstateIndex {
  const templates = estate.podTemplates();
  const templatesByNs = new Map<string, PodTemplate[]>();
  const byLabel = new Map<string, PodTemplate[]>();
  const byLabelKey = new Map<string, PodTemplate[]>();
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const t of templates) {
    push(templatesByNs, t.namespace, t);
    for (const [k, v] of Object.entries(t.labels)) {
      push(byLabel, `${t.namespace}\u0000${k}\u0000${v}`, t);
      push(byLabelKey, `${t.namespace}\u0000${k}`, t);
    }
  }

  const autoscalers: Autoscaler[] = [];
  const autoscalersByTarget = new Map<string, Autoscaler[]>();
  for (const r of estate.byKind('HorizontalPodAutoscaler')) {
    const ref = getMap(r.body, ['spec', 'scaleTargetRef']);
    if (!ref) continue;
    autoscalers.push({
      resource: r,
      namespace: estate.namespaceOf(r),
      targetKind: str(ref.kind),
      targetName: str(ref.name),
      min: intValue(getPath(r.body, ['spec', 'minReplicas'])) ?? 1,
      minPath: ['spec', 'minReplicas'],
      max: intValue(getPath(r.body, ['spec', 'maxReplicas'])),
      maxPath: ['spec', 'maxReplicas'],
    });
  }
  for (const r of estate.byKind('ScaledObject')) {
    if (groupOf(apiVersionOf(r)) !== 'keda.sh') continue;
    const ref = getMap(r.body, ['spec', 'scaleTargetRef']);
    if (!ref) continue;
    autoscalers.push({
      resource: r,
      namespace: estate.namespaceOf(r),
      targetKind: str(ref.kind) || 'Deployment',
      targetName: str(ref.name),
      min: intValue(getPath(r.body, ['spec', 'minReplicaCount'])) ?? 0,
      minPath: ['spec', 'minReplicaCount'],
      max: intValue(getPath(r.body, ['spec', 'maxReplicaCount'])) ?? 100,
      maxPath: ['spec', 'maxReplicaCount'],
    });
  }
  for (const a of autoscalers) push(autoscalersByTarget, objectKey(a.targetKind, a.namespace, a.targetName), a);

  const workloads: ReplicatedWorkload[] = [];
  const workloadByTemplate = new Map<PodTemplate, ReplicatedWorkload>();
  for (const t of templates) {
    const kind = kindOf(t.workload);
    if (!replicatedKinds.has(kind)) continue;
    const name = nameOf(t.workload);
    const w: ReplicatedWorkload = {
      resource: t.workload,
      template: t,
      kind,
      namespace: t.namespace,
      name,
      declaredReplicas: intValue(getPath(t.workload.body, ['spec', 'replicas'])),
      autoscaler: autoscalersByTarget.get(objectKey(kind, t.namespace, name))?.[0],
    };
    workloads.push(w);
    workloadByTemplate.set(t, w);
  }

  const namespaces = new Set<string>();
  const defined = new Map<string, Set<string>>();
  const define = (kind: string, ns: string, name: string) => {
    if (!name) return;
    let s = defined.get(kind);
    if (!s) defined.set(kind, (s = new Set()));
    s.add(`${ns}|${name}`);
  };
  for (const r of estate.resources) {
    const kind = kindOf(r);
    const ns = estate.namespaceOf(r);
    if (ns) namespaces.add(ns);
    if (kind === 'Namespace') namespaces.add(nameOf(r));
    define(kind, ns, nameOf(r));
    // Secrets materialised by controllers count as defined Secrets.
    if (kind === 'ExternalSecret') {
      define('Secret', ns, str(getPath(r.body, ['spec', 'target', 'name'])) || nameOf(r));
    } else if (kind === 'SealedSecret') {
      define('Secret', ns, str(getPath(r.body, ['spec', 'template', 'metadata', 'name'])) || nameOf(r));
    }
  }

  return {
    workloads,
    autoscalers,
    autoscalersByTarget,
    namespaces,
    defined,
    workloadOf: (t) => workloadByTemplate.get(t),
    isExternal: (kind, namespace, name) => estate.isExternal(kind, namespace, name),
    selectPods(selector, namespace) {
      if (!isMap(selector)) return [];
      const structured = 'matchLabels' in selector || 'matchExpressions' in selector;
      const labels = structured ? getMap(selector, ['matchLabels']) : selector;
      let candidates: PodTemplate[] | undefined;
      if (labels) {
        for (const k of Object.keys(labels)) {
          // Controllers add these at runtime: the templates do not carry them, so they cannot narrow.
          if (RUNTIME_LABEL_KEYS.has(k)) continue;
          const l = byLabel.get(`${namespace}\u0000${k}\u0000${str(labels[k])}`) ?? [];
          if (!candidates || l.length < candidates.length) candidates = l;
        }
      }
      if (!candidates && structured) {
        const exprs = getPath(selector, ['matchExpressions']);
        if (Array.isArray(exprs)) {
          for (const e of exprs) {
            if (!isMap(e) || (e.operator !== 'In' && e.operator !== 'Exists')) continue;
            const l = byLabelKey.get(`${namespace}\u0000${str(e.key)}`) ?? [];
            if (!candidates || l.length < candidates.length) candidates = l;
          }
        }
      }
      candidates ??= templatesByNs.get(namespace) ?? [];
      return candidates.filter((t) => selectorMatches(selector, t.labels, t.runtimeLabel));
    },
  };
}

/** True when an object of `kind` named `name` exists in `namespace` (or cluster-wide). */
export function isDefined(idx: EstateIndex, kind: string, namespace: string, name: string): boolean {
  const s = idx.defined.get(kind);
  if (s && (s.has(`${namespace}|${name}`) || s.has(`|${name}`))) return true;
  // Created in the cluster rather than the repository: well-known runtime objects and `external:`.
  return idx.isExternal(kind, namespace, name);
}

