/**
 * Transformer configuration (kustomize's TransformerConfig): the field-spec tables each built-in
 * transformer uses. The defaults are kustomize v5.5's built-in tables; `configurations:` files
 * and `crds:` add to them, and the merged table is inherited from bases by their overlays.
 */
import type { FieldSpec } from './fieldspec.js';
import { UserError } from '../core/errors.js';
import { gvkSelected } from './ids.js';
import { defaultOrderFirst, defaultOrderLast } from './sort.js';

/** Objects of kind `gvk` are referred to by name from the `referrers` fields. */
export interface NameBackRef {
  group?: string;
  version?: string;
  kind: string;
  referrers: FieldSpec[];
}

export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  nameReference: NameBackRef[];
  varReference: FieldSpec[];
}

export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    templateLabels: [],
    commonAnnotations: [],
    images: [],
    replicas: [],
    nameReference: [],
    varReference: [],
  };
}

const fs = (path: string, kind?: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ path, kind, ...extra });

const affinityPaths = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

export const defaultCommonLabels: FieldSpec[] = [
  fs('metadata/labels', undefined, { create: true }),
  fs('spec/selector', 'Service', { version: 'v1', create: true }),
  fs('spec/selector', 'ReplicationController', { version: 'v1', create: true }),
  fs('spec/template/metadata/labels', 'ReplicationController', { version: 'v1', create: true }),
  fs('spec/selector/matchLabels', 'Deployment', { create: true }),
  fs('spec/template/metadata/labels', 'Deployment', { create: true }),
  ...affinityPaths.map((p) => fs(p, 'Deployment', { group: 'apps', create: false })),
  fs('spec/selector/matchLabels', 'ReplicaSet', { create: true }),
  fs('spec/template/metadata/labels', 'ReplicaSet', { create: true }),
  fs('spec/selector/matchLabels', 'DaemonSet', { create: true }),
  fs('spec/template/metadata/labels', 'DaemonSet', { create: true }),
  fs('spec/selector/matchLabels', 'StatefulSet', { group: 'apps', create: true }),
  fs('spec/template/metadata/labels', 'StatefulSet', { group: 'apps', create: true }),
  ...affinityPaths.map((p) => fs(p, 'StatefulSet', { group: 'apps', create: false })),
  fs('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', { group: 'apps', create: true }),
  fs('spec/selector/matchLabels', 'Job', { group: 'batch', create: false }),
  fs('spec/template/metadata/labels', 'Job', { group: 'batch', create: true }),
  fs('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', { group: 'batch', create: false }),
  fs('spec/jobTemplate/metadata/labels', 'CronJob', { group: 'batch', create: true }),
  fs('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', { group: 'batch', create: true }),
  fs('spec/selector/matchLabels', 'PodDisruptionBudget', { group: 'policy', create: false }),
  fs('spec/podSelector/matchLabels', 'NetworkPolicy', { group: 'networking.k8s.io', create: false }),
  fs('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', { group: 'networking.k8s.io', create: false }),
  fs('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', { group: 'networking.k8s.io', create: false }),
];

export const defaultTemplateLabels: FieldSpec[] = [
  fs('spec/template/metadata/labels', 'ReplicationController', { version: 'v1', create: true }),
  fs('spec/template/metadata/labels', 'Deployment', { create: true }),
  fs('spec/template/metadata/labels', 'ReplicaSet', { create: true }),
  fs('spec/template/metadata/labels', 'DaemonSet', { create: true }),
  fs('spec/template/metadata/labels', 'StatefulSet', { group: 'apps', create: true }),
  fs('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', { group: 'apps', create: true }),
  fs('spec/template/metadata/labels', 'Job', { group: 'batch', create: true }),
  fs('spec/jobTemplate/metadata/labels', 'CronJob', { group: 'batch', create: true }),
  fs('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', { group: 'batch', create: true }),
];

export const defaultCommonAnnotations: FieldSpec[] = [
  fs('metadata/annotations', undefined, { create: true }),
  fs('spec/template/metadata/annotations', 'ReplicationController', { version: 'v1', create: true }),
  fs('spec/template/metadata/annotations', 'Deployment', { create: true }),
  fs('spec/template/metadata/annotations', 'ReplicaSet', { create: true }),
  fs('spec/template/metadata/annotations', 'DaemonSet', { create: true }),
  fs('spec/template/metadata/annotations', 'StatefulSet', { group: 'apps', create: true }),
  fs('spec/template/metadata/annotations', 'Job', { group: 'batch', create: true }),
  fs('spec/jobTemplate/metadata/annotations', 'CronJob', { group: 'batch', create: true }),
  fs('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', { group: 'batch', create: true }),
];

export const defaultNamespace: FieldSpec[] = [
  fs('metadata/namespace', undefined, { create: true }),
  fs('spec/service/namespace', 'APIService', { group: 'apiregistration.k8s.io', create: true }),
  fs('spec/conversion/webhook/clientConfig/service/namespace', 'CustomResourceDefinition', { group: 'apiextensions.k8s.io' }),
];

export const defaultImages: FieldSpec[] = [
  fs('spec/containers[]/image', undefined, { create: true }),
  fs('spec/initContainers[]/image', undefined, { create: true }),
  fs('spec/template/spec/containers[]/image', undefined, { create: true }),
  fs('spec/template/spec/initContainers[]/image', undefined, { create: true }),
];

export const defaultReplicas: FieldSpec[] = [
  fs('spec/replicas', 'Deployment', { create: true }),
  fs('spec/replicas', 'StatefulSet', { create: true }),
  fs('spec/replicas', 'ReplicaSet', { create: true }),
  fs('spec/replicas', 'ReplicationController', { create: true }),
];

export const defaultNamePrefix: FieldSpec[] = [fs('metadata/name')];
export const defaultNameSuffix: FieldSpec[] = [fs('metadata/name')];

/** Pod-spec locations in each workload kind, for the name-reference table. */
const podSpecs: Array<[string, string, string?]> = [
  ['Pod', 'spec', 'v1'],
  ['PodTemplate', 'template/spec'],
  ['Deployment', 'spec/template/spec'],
  ['ReplicaSet', 'spec/template/spec'],
  ['DaemonSet', 'spec/template/spec'],
  ['StatefulSet', 'spec/template/spec'],
  ['Job', 'spec/template/spec'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec'],
];

function inPodSpecs(kinds: Array<[string, string, string?]>, suffixes: string[]): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const [kind, prefix, version] of kinds) {
    for (const sfx of suffixes) out.push(fs(`${prefix}/${sfx}`, kind, version ? { version } : {}));
  }
  return out;
}

/** Workloads with a service account, PVC and priority class (Pod, RC and the apps/batch kinds). */
const saKinds: Array<[string, string, string?]> = [
  ['Pod', 'spec', 'v1'],
  ['StatefulSet', 'spec/template/spec'],
  ['Deployment', 'spec/template/spec'],
  ['ReplicationController', 'spec/template/spec'],
  ['Job', 'spec/template/spec'],
  ['DaemonSet', 'spec/template/spec'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec'],
];

const hpa = [fs('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')];

export const defaultNameReference: NameBackRef[] = [
  { kind: 'Deployment', referrers: hpa },
  { kind: 'ReplicationController', referrers: hpa },
  { kind: 'ReplicaSet', referrers: hpa },
  { kind: 'StatefulSet', referrers: hpa },
  {
    version: 'v1',
    kind: 'ConfigMap',
    referrers: [
      ...inPodSpecs(podSpecs, [
        'volumes/configMap/name',
        'containers/env/valueFrom/configMapKeyRef/name',
        'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name',
        'initContainers/envFrom/configMapRef/name',
        'volumes/projected/sources/configMap/name',
      ]),
      fs('spec/configSource/configMap', 'Node'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress'),
    ],
  },
  {
    version: 'v1',
    kind: 'Secret',
    referrers: [
      ...inPodSpecs(podSpecs, [
        'volumes/secret/secretName',
        'volumes/projected/sources/secret/name',
        'containers/env/valueFrom/secretKeyRef/name',
        'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name',
        'initContainers/envFrom/secretRef/name',
        'imagePullSecrets/name',
      ]),
      fs('imagePullSecrets/name', 'ServiceAccount'),
      fs('spec/tls/secretName', 'Ingress'),
      fs('spec/tls/secretName', 'Ingress'),
      fs('metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', 'Ingress'),
      fs('parameters/secretName', 'StorageClass'),
      fs('parameters/adminSecretName', 'StorageClass'),
      fs('parameters/userSecretName', 'StorageClass'),
      fs('parameters/secretRef', 'StorageClass'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      fs('spec/template/spec/containers/env/valueFrom/secretKeyRef/name', 'Service', { group: 'serving.knative.dev', version: 'v1' }),
      fs('spec/azureFile/secretName', 'PersistentVolume'),
    ],
  },
  {
    version: 'v1',
    kind: 'Service',
    referrers: [
      fs('spec/serviceName', 'StatefulSet', { group: 'apps' }),
      fs('spec/rules/http/paths/backend/serviceName', 'Ingress'),
      fs('spec/backend/serviceName', 'Ingress'),
      fs('spec/rules/http/paths/backend/service/name', 'Ingress'),
      fs('spec/defaultBackend/service/name', 'Ingress'),
      fs('spec/service/name', 'APIService', { group: 'apiregistration.k8s.io' }),
      fs('webhooks/clientConfig/service', 'ValidatingWebhookConfiguration'),
      fs('webhooks/clientConfig/service', 'MutatingWebhookConfiguration'),
    ],
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'Role',
    referrers: [fs('roleRef/name', 'RoleBinding', { group: 'rbac.authorization.k8s.io' })],
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    referrers: [
      fs('roleRef/name', 'RoleBinding', { group: 'rbac.authorization.k8s.io' }),
      fs('roleRef/name', 'ClusterRoleBinding', { group: 'rbac.authorization.k8s.io' }),
    ],
  },
  {
    version: 'v1',
    kind: 'ServiceAccount',
    referrers: [
      fs('subjects', 'RoleBinding', { group: 'rbac.authorization.k8s.io' }),
      fs('subjects', 'ClusterRoleBinding', { group: 'rbac.authorization.k8s.io' }),
      ...inPodSpecs(saKinds, ['serviceAccountName']),
    ],
  },
  {
    version: 'v1',
    kind: 'PersistentVolumeClaim',
    referrers: inPodSpecs(saKinds, ['volumes/persistentVolumeClaim/claimName']),
  },
  {
    version: 'v1',
    kind: 'PersistentVolume',
    referrers: [fs('spec/volumeName', 'PersistentVolumeClaim'), fs('rules/resourceNames', 'ClusterRole')],
  },
  {
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    referrers: [
      fs('spec/storageClassName', 'PersistentVolume'),
      fs('spec/storageClassName', 'PersistentVolumeClaim'),
      fs('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet'),
    ],
  },
  {
    group: 'scheduling.k8s.io',
    kind: 'PriorityClass',
    referrers: inPodSpecs(saKinds, ['priorityClassName']),
  },
  {
    // kustomize's table names the group with its version, so this entry never matches.
    group: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    referrers: [fs('spec/ingressClassName', 'Ingress')],
  },
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingAdmissionPolicy',
    referrers: [fs('spec/policyName', 'ValidatingAdmissionPolicyBinding')],
  },
];

export function defaultConfig(): TransformerConfig {
  return {
    namePrefix: [...defaultNamePrefix],
    nameSuffix: [...defaultNameSuffix],
    namespace: [...defaultNamespace],
    commonLabels: [...defaultCommonLabels],
    templateLabels: [...defaultTemplateLabels],
    commonAnnotations: [...defaultCommonAnnotations],
    images: [...defaultImages],
    replicas: [...defaultReplicas],
    nameReference: defaultNameReference.map((b) => ({ ...b, referrers: [...b.referrers] })),
    varReference: [],
  };
}

function sameGvk(a: { group?: string; version?: string; kind?: string }, b: { group?: string; version?: string; kind?: string }): boolean {
  return (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '');
}

/**
 * kustomize's FsSlice.MergeOne: an incoming spec is dropped when a spec already there has the
 * same path and is selected by the incoming one's gvk (an empty field selects anything), so
 * which of a generic and a kind-specific spec survives depends on which was there first.
 */
function mergeSpecsAsKustomize(a: FieldSpec[], b: FieldSpec[]): FieldSpec[] {
  const out = [...a];
  for (const fs of b) {
    const dup = out.find((x) => x.path === fs.path && gvkSelected({ group: x.group ?? '', version: x.version ?? '', kind: x.kind ?? '' }, fs));
    if (!dup) out.push(fs);
    else if (!!dup.create !== !!fs.create) {
      throw new UserError(`conflicting fieldspecs for path '${fs.path}' (create ${!!dup.create} vs ${!!fs.create})`);
    }
  }
  return out;
}

const orderRank = new Map<string, number>();
defaultOrderFirst.forEach((k, i) => orderRank.set(k, -defaultOrderFirst.length + i));
defaultOrderLast.forEach((k, i) => orderRank.set(k, 1 + i));

/** kustomize's Gvk.IsLessThan: kind rank, then `group_version_kind` with `~` for empty parts. */
function gvkCompare(a: { group?: string; version?: string; kind?: string }, b: { group?: string; version?: string; kind?: string }): number {
  const ra = orderRank.get(a.kind ?? '') ?? 0;
  const rb = orderRank.get(b.kind ?? '') ?? 0;
  if (ra !== rb) return ra - rb;
  const key = (x: typeof a) => `${x.group || '~G'}_${x.version || '~V'}_${x.kind || '~K'}`;
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * kustomize sorts every list by gvk after each merge (TransformerConfig.sortFields). The order
 * decides the next merge: once a kind-specific spec sorts before the generic one, merging the
 * configuration again (into the accumulator, or an overlay's) drops the generic spec.
 */
function sortedByGvk<T extends { group?: string; version?: string; kind?: string }>(list: T[]): T[] {
  return list.map((x, i) => ({ x, i })).sort((p, q) => gvkCompare(p.x, q.x) || p.i - q.i).map((p) => p.x);
}

export function mergeNameRefs(a: NameBackRef[], b: NameBackRef[]): NameBackRef[] {
  const out = a.map((x) => ({ ...x, referrers: [...x.referrers] }));
  for (const ref of b) {
    const existing = out.find((x) => sameGvk(x, ref));
    if (existing) existing.referrers = mergeSpecsAsKustomize(existing.referrers, ref.referrers);
    else out.push({ ...ref, referrers: [...ref.referrers] });
  }
  return out;
}

export function mergeConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const m = (x: FieldSpec[], y: FieldSpec[]) => sortedByGvk(mergeSpecsAsKustomize(x, y));
  return {
    namePrefix: m(a.namePrefix, b.namePrefix),
    nameSuffix: m(a.nameSuffix, b.nameSuffix),
    namespace: m(a.namespace, b.namespace),
    commonLabels: m(a.commonLabels, b.commonLabels),
    templateLabels: m(a.templateLabels, b.templateLabels),
    commonAnnotations: m(a.commonAnnotations, b.commonAnnotations),
    images: m(a.images, b.images),
    replicas: m(a.replicas, b.replicas),
    nameReference: sortedByGvk(mergeNameRefs(a.nameReference, b.nameReference)),
    varReference: m(a.varReference, b.varReference),
  };
}
