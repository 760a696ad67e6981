/**
 * Merge-key schema for strategic merge patches.
 *
 * Kustomize v5.5 embeds the Kubernetes v1.21.2 OpenAPI data and consults it only to decide,
 * for each list it walks, whether the list is associative (patch strategy contains `merge`)
 * and which keys identify its elements (`x-kubernetes-list-map-keys` first, else the patch
 * merge key). Lists the schema does not describe are replaced. This module keeps the part of
 * that data that changes merge results: the path from each built-in kind to every associative
 * list (the `kustomizeBuiltinKeys` rows of the merge-key table), plus the set of kinds the
 * embedded schema knows (they all carry ObjectMeta, whose `finalizers` and `ownerReferences`
 * merge). Custom schemas (`openapi:`) and CRD schemas (`crds:`) extend it per build.
 */
import { isMap, type Value, type ValueMap } from '../core/provenance.js';

/** A node of the schema: a mapping with known fields, or a list with a merge strategy. */
export interface SchemaNode {
  fields?: Record<string, SchemaNode>;
  /** Element schema of a list. */
  items?: SchemaNode;
  /** Patch strategy of a list field (`merge`, `merge,retainKeys`, `replace`…). */
  strategy?: string;
  /** Merge keys of an associative list; empty for a primitive set-merge list. */
  keys?: string[];
}

function assoc(keys: string[], items: SchemaNode = {}): SchemaNode {
  return { strategy: 'merge', keys, items };
}

const objectMeta: SchemaNode = {
  fields: {
    finalizers: assoc([]),
    ownerReferences: assoc(['uid']),
  },
};

const conditions = (): SchemaNode => assoc(['type']);

function containerNode(withPorts: boolean): SchemaNode {
  const fields: Record<string, SchemaNode> = {
    env: assoc(['name']),
    volumeDevices: assoc(['devicePath']),
    volumeMounts: assoc(['mountPath']),
  };
  if (withPorts) fields.ports = assoc(['containerPort', 'protocol']);
  return { fields };
}

const podSpec: SchemaNode = {
  fields: {
    containers: assoc(['name'], containerNode(true)),
    initContainers: assoc(['name'], containerNode(true)),
    ephemeralContainers: assoc(['name'], containerNode(false)),
    hostAliases: assoc(['ip']),
    imagePullSecrets: assoc(['name']),
    topologySpreadConstraints: assoc(['topologyKey', 'whenUnsatisfiable']),
    volumes: { strategy: 'merge,retainKeys', keys: ['name'], items: {} },
  },
};

const podTemplateSpec: SchemaNode = { fields: { metadata: objectMeta, spec: podSpec } };

function kindNode(spec?: SchemaNode, status?: SchemaNode, extra: Record<string, SchemaNode> = {}): SchemaNode {
  const fields: Record<string, SchemaNode> = { metadata: objectMeta, ...extra };
  if (spec) fields.spec = spec;
  if (status) fields.status = status;
  return { fields };
}

const statusWithConditions: SchemaNode = { fields: { conditions: conditions() } };
const templated: SchemaNode = { fields: { template: podTemplateSpec } };
const jobSpec: SchemaNode = templated;
const jobTemplateSpec: SchemaNode = { fields: { metadata: objectMeta, spec: jobSpec } };
const cronJobSpec: SchemaNode = { fields: { jobTemplate: jobTemplateSpec } };
const webhooks = (): SchemaNode => kindNode(undefined, undefined, { webhooks: assoc(['name']) });

/** Kinds of the embedded v1.21.2 schema whose merge behaviour goes beyond ObjectMeta. */
const structured: Record<string, SchemaNode> = {
  'v1/Pod': kindNode(podSpec, { fields: { conditions: conditions(), podIPs: assoc(['ip']) } }),
  'v1/PodTemplate': kindNode(undefined, undefined, { template: podTemplateSpec }),
  'v1/ReplicationController': kindNode(templated, statusWithConditions),
  'v1/Service': kindNode({ fields: { ports: assoc(['port', 'protocol']) } }, statusWithConditions),
  'v1/ServiceAccount': kindNode(undefined, undefined, { secrets: assoc(['name']) }),
  'v1/Node': kindNode(
    { fields: { podCIDRs: assoc([]) } },
    { fields: { addresses: assoc(['type']), conditions: conditions() } },
  ),
  'v1/Namespace': kindNode(undefined, statusWithConditions),
  'v1/PersistentVolumeClaim': kindNode(undefined, statusWithConditions),
  'v1/ComponentStatus': kindNode(undefined, undefined, { conditions: conditions() }),
  'apps/v1/Deployment': kindNode(templated, statusWithConditions),
  'apps/v1/DaemonSet': kindNode(templated, statusWithConditions),
  'apps/v1/ReplicaSet': kindNode(templated, statusWithConditions),
  'apps/v1/StatefulSet': kindNode(templated, statusWithConditions),
  'batch/v1/Job': kindNode(jobSpec, statusWithConditions),
  'batch/v1/CronJob': kindNode(cronJobSpec),
  'batch/v1beta1/CronJob': kindNode(cronJobSpec),
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': webhooks(),
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': webhooks(),
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': webhooks(),
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': webhooks(),
  'policy/v1/PodDisruptionBudget': kindNode(undefined, statusWithConditions),
  'policy/v1beta1/PodDisruptionBudget': kindNode(undefined, statusWithConditions),
  'storage.k8s.io/v1/CSINode': kindNode({ fields: { drivers: assoc(['name']) } }),
  'storage.k8s.io/v1beta1/CSINode': kindNode({ fields: { drivers: assoc(['name']) } }),
  'apiregistration.k8s.io/v1/APIService': kindNode(undefined, statusWithConditions),
  'apiregistration.k8s.io/v1beta1/APIService': kindNode(undefined, statusWithConditions),
};

/** Every other kind of the embedded schema: only ObjectMeta's lists merge. */
const plainKinds: Record<string, string[]> = {
  v1: [
    'Binding', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'PersistentVolume', 'ResourceQuota', 'Secret',
  ],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apps/v1': ['ControllerRevision'],
  'authentication.k8s.io/v1': ['TokenReview', 'TokenRequest'],
  'authentication.k8s.io/v1beta1': ['TokenReview'],
  'authorization.k8s.io/v1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'authorization.k8s.io/v1beta1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2beta1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta2': ['HorizontalPodAutoscaler'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'coordination.k8s.io/v1': ['Lease'],
  'coordination.k8s.io/v1beta1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'discovery.k8s.io/v1beta1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'events.k8s.io/v1beta1': ['Event'],
  'extensions/v1beta1': ['Ingress'],
  'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'internal.apiserver.k8s.io/v1alpha1': ['StorageVersion'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1alpha1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'policy/v1beta1': ['PodSecurityPolicy', 'Eviction'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'rbac.authorization.k8s.io/v1alpha1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1alpha1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'StorageClass', 'VolumeAttachment'],
  'storage.k8s.io/v1alpha1': ['CSIStorageCapacity', 'VolumeAttachment'],
  'storage.k8s.io/v1beta1': ['CSIDriver', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
};

const builtin = new Map<string, SchemaNode>();
for (const [gvk, node] of Object.entries(structured)) builtin.set(gvk, node);
for (const [apiVersion, kinds] of Object.entries(plainKinds)) {
  for (const kind of kinds) builtin.set(`${apiVersion}/${kind}`, kindNode());
}

/**
 * The schema kustomize consults during one build: the built-in table, replaced or extended by
 * `openapi:` files and CRDs from `crds:`.
 */
export class MergeSchema {
  private readonly byGvk: Map<string, SchemaNode>;

  constructor(base: Map<string, SchemaNode> = builtin) {
    this.byGvk = new Map(base);
  }

  /** Schema of a whole object, or undefined when kustomize has none (lists are then replaced). */
  forType(apiVersion: string, kind: string): SchemaNode | undefined {
    return this.byGvk.get(`${apiVersion}/${kind}`);
  }

  /** Schema of an embedded object, looked up by its own apiVersion/kind fields. */
  forValue(v: Value | undefined): SchemaNode | undefined {
    if (!isMap(v)) return undefined;
    const { apiVersion, kind } = v as ValueMap;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return undefined;
    return this.forType(apiVersion, kind);
  }

  /** Adds or replaces the schema of one apiVersion/kind. */
  define(apiVersion: string, kind: string, node: SchemaNode): void {
    this.byGvk.set(`${apiVersion}/${kind}`, node);
  }

  /** Drops the built-in data (an `openapi:` file replaces kustomize's embedded schema). */
  clear(): void {
    this.byGvk.clear();
  }

  clone(): MergeSchema {
    return new MergeSchema(this.byGvk);
  }
}

export const builtinSchema = new MergeSchema();

export function fieldSchema(node: SchemaNode | undefined, field: string): SchemaNode | undefined {
  return node?.fields?.[field];
}

/** True when a list with this schema merges element-wise (strategy contains `merge`). */
export function isAssociative(node: SchemaNode | undefined): boolean {
  return !!node?.strategy && node.strategy.split(',').includes('merge');
}

/**
 * Builds a schema node from an OpenAPI v2/v3 schema object (an `openapi:` file definition or a
 * CRD's `openAPIV3Schema`). `$ref`s into `definitions` are shared nodes, so recursive schemas
 * (JSONSchemaProps) stay finite.
 */
export function schemaFromOpenApi(
  schema: Value | undefined,
  definitions: ValueMap | undefined,
  cache: Map<string, SchemaNode> = new Map(),
  depth = 0,
): SchemaNode | undefined {
  if (!isMap(schema) || depth > 200) return undefined;
  const ref = schema.$ref;
  if (typeof ref === 'string' && definitions) {
    const name = ref.replace(/^#\/definitions\//, '');
    const cached = cache.get(name);
    if (cached) return cached;
    const node: SchemaNode = {};
    cache.set(name, node);
    const built = schemaFromOpenApi(definitions[name], definitions, cache, depth + 1);
    if (built) Object.assign(node, built);
    return node;
  }
  const node: SchemaNode = {};
  const strategy = schema['x-kubernetes-patch-strategy'];
  const mergeKey = schema['x-kubernetes-patch-merge-key'];
  const listMapKeys = schema['x-kubernetes-list-map-keys'];
  if (typeof strategy === 'string') {
    node.strategy = strategy;
    if (Array.isArray(listMapKeys) && listMapKeys.length > 0) node.keys = listMapKeys.map(String);
    else if (typeof mergeKey === 'string' && mergeKey) node.keys = [mergeKey];
    else node.keys = [];
  }
  const props = schema.properties;
  if (isMap(props)) {
    node.fields = {};
    for (const k of Object.keys(props)) {
      const child = schemaFromOpenApi(props[k], definitions, cache, depth + 1);
      if (child) node.fields[k] = child;
    }
  }
  const items = schema.items;
  if (isMap(items)) {
    const child = schemaFromOpenApi(items, definitions, cache, depth + 1);
    if (child) node.items = child;
  }
  return node;
}

/**
 * The schema an `openapi: {path: …}` file defines: it replaces kustomize's built-in data, and
 * each definition with `x-kubernetes-group-version-kind` becomes the schema of those kinds.
 */
export function schemaFromDocument(doc: Value): MergeSchema {
  const out = new MergeSchema(new Map());
  const definitions = isMap(doc) && isMap(doc.definitions) ? doc.definitions : undefined;
  if (!definitions) return out;
  const cache = new Map<string, SchemaNode>();
  for (const name of Object.keys(definitions)) {
    const def = definitions[name];
    if (!isMap(def)) continue;
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    const node = schemaFromOpenApi({ $ref: `#/definitions/${name}` } as unknown as ValueMap, definitions, cache);
    if (!node) continue;
    for (const g of gvks) {
      if (!isMap(g)) continue;
      const group = typeof g.group === 'string' ? g.group : '';
      const version = typeof g.version === 'string' ? g.version : '';
      const kind = typeof g.kind === 'string' ? g.kind : '';
      if (!kind) continue;
      out.define(group ? `${group}/${version}` : version, kind, node);
    }
  }
  return out;
}
