/**
 * The rendered estate: every object of one rendered environment plus indexes that rules query.
 * Rules never read files; everything they need about the sources is here.
 */
import type { EnvFile, EstateInput, SourceFileInfo } from '../input/types.js';
import type { KustomizationInfo } from '../kustomize/types.js';
import { isMap, type Value, type ValueMap, type ValuePath } from '../core/provenance.js';
import {
  apiVersionOf,
  annotationsOf,
  getMap,
  getPath,
  groupOf,
  kindOf,
  labelsOf,
  nameOf,
  stringMapOf,
  namespaceOf,
  type Resource,
} from '../core/resource.js';
import { isClusterScoped } from '../core/scope.js';
import { wildcardMatch } from '../core/glob.js';

/** Where a pod template lives inside a workload kind. */
export interface PodTemplatePath {
  /** apiVersion group ('' for core); '*' matches any group. */
  group: string;
  kind: string;
  /** Path to the pod template (an object with `metadata` and `spec`), or to the pod spec when `isPodSpec`. */
  path: ValuePath;
  /** True when `path` points at a PodSpec directly (kind Pod). */
  isPodSpec?: boolean;
}

/** Built-in workload kinds, and the CRD workloads prodgate judges like Deployments. */
export const builtinPodTemplatePaths: PodTemplatePath[] = [
  { group: '', kind: 'Pod', path: ['spec'], isPodSpec: true },
  { group: '', kind: 'PodTemplate', path: ['template'] },
  { group: '', kind: 'ReplicationController', path: ['spec', 'template'] },
  { group: 'apps', kind: 'Deployment', path: ['spec', 'template'] },
  { group: 'extensions', kind: 'Deployment', path: ['spec', 'template'] },
  { group: 'apps', kind: 'StatefulSet', path: ['spec', 'template'] },
  { group: 'apps', kind: 'DaemonSet', path: ['spec', 'template'] },
  { group: 'extensions', kind: 'DaemonSet', path: ['spec', 'template'] },
  { group: 'apps', kind: 'ReplicaSet', path: ['spec', 'template'] },
  { group: 'extensions', kind: 'ReplicaSet', path: ['spec', 'template'] },
  { group: 'batch', kind: 'Job', path: ['spec', 'template'] },
  { group: 'batch', kind: 'CronJob', path: ['spec', 'jobTemplate', 'spec', 'template'] },
  { group: 'argoproj.io', kind: 'Rollout', path: ['spec', 'template'] },
  { group: 'serving.knative.dev', kind: 'Service', path: ['spec', 'template'] },
  { group: 'apps.openshift.io', kind: 'DeploymentConfig', path: ['spec', 'template'] },
];

/** A pod template found in a workload, with what rules need to judge it. */
export interface PodTemplate {
  workload: Resource;
  /** Path from the workload's body to the PodSpec. */
  specPath: ValuePath;
  spec: ValueMap;
  /** Labels of the pods (template metadata labels; the object's labels for a bare Pod). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Namespace the pods run in (the workload's, or the default namespace). */
  namespace: string;
  /**
   * Labels the workload's controller adds to every pod at runtime (`pod-template-hash`,
   * `statefulset.kubernetes.io/pod-name`, `job-name`, …): a selector may use them although the
   * template does not carry them. True when the pods carry `key` with a value like `value`.
   */
  runtimeLabel?: (key: string, value: string) => boolean;
}

/** Labels controllers set on the pods they create, by workload kind (apps/batch controllers). */
export const RUNTIME_LABEL_KEYS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'job-name',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);

function runtimeLabelsOf(kind: string, name: string): PodTemplate['runtimeLabel'] {
  const digits = /^[0-9]+$/;
  switch (kind) {
    case 'Deployment':
      return (k) => k === 'pod-template-hash';
    case 'DaemonSet':
      return (k) => k === 'controller-revision-hash';
    case 'StatefulSet':
      return (k, v) =>
        k === 'controller-revision-hash' ||
        (k === 'statefulset.kubernetes.io/pod-name' && v.startsWith(`${name}-`) && digits.test(v.slice(name.length + 1))) ||
        (k === 'apps.kubernetes.io/pod-index' && digits.test(v));
    case 'Job':
      return (k, v) =>
        ((k === 'job-name' || k === 'batch.kubernetes.io/job-name') && v === name) ||
        k === 'controller-uid' ||
        k === 'batch.kubernetes.io/controller-uid' ||
        (k === 'batch.kubernetes.io/job-completion-index' && digits.test(v));
    default:
      return undefined;
  }
}

export interface ContainerRef {
  template: PodTemplate;
  container: ValueMap;
  name: string;
  /** 'containers' | 'initContainers' | 'ephemeralContainers' */
  list: string;
  /** Path from the workload's body to the container. */
  path: ValuePath;
}

export interface EstateOptions {
  /** Namespace assumed for namespaced objects that have none. */
  defaultNamespace?: string;
  /** Extra pod-template paths for custom workload kinds. */
  podTemplatePaths?: PodTemplatePath[];
  inputs?: EstateInput[];
  kustomizations?: KustomizationInfo[];
  files?: Map<string, SourceFileInfo>;
  /** Filesystem root that locations are relative to. */
  root?: string;
  /** `.env*` files Git tracks in the checked directories. */
  envFiles?: EnvFile[];
  /** CustomResourceDefinitions from outside the estate (`--crd-schemas`), for schema validation. */
  externalCrds?: Resource[];
  /** Objects that exist in the cluster but not in the estate (`external:` in `.prodgate.yaml`). */
  external?: ExternalObject[];
}

/** An object created outside the repository; `namespace` and `name` are `*` wildcards. */
export interface ExternalObject {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * Objects the control plane and common controllers create in a running cluster, so references to
 * them are not missing: the API server's `default/kubernetes` Service, the `default`
 * ServiceAccount and the `kube-root-ca.crt` ConfigMap of every namespace, and istiod's
 * `istio-ca-root-cert` ConfigMap in every namespace of a mesh.
 */
export const WELL_KNOWN_RUNTIME_OBJECTS: readonly ExternalObject[] = [
  { kind: 'Service', namespace: 'default', name: 'kubernetes' },
  { kind: 'ServiceAccount', name: 'default' },
  { kind: 'ConfigMap', name: 'kube-root-ca.crt' },
  { kind: 'ConfigMap', name: 'istio-ca-root-cert' },
];

export type { EnvFile, EstateInput, KustomizationInfo, SourceFileInfo };

export class Estate {
  readonly resources: readonly Resource[];
  readonly inputs: readonly EstateInput[];
  readonly kustomizations: readonly KustomizationInfo[];
  readonly files: ReadonlyMap<string, SourceFileInfo>;
  readonly defaultNamespace: string;
  readonly root: string;
  readonly envFiles: readonly EnvFile[];
  readonly external: readonly ExternalObject[];
  readonly externalCrds: readonly Resource[];
  private readonly podTemplatePaths: PodTemplatePath[];
  private byKindIndex?: Map<string, Resource[]>;
  private byIdIndex?: Map<string, Resource>;
  private templates?: PodTemplate[];

  constructor(resources: Resource[], options: EstateOptions = {}) {
    this.resources = resources;
    this.inputs = options.inputs ?? [];
    this.kustomizations = options.kustomizations ?? [];
    this.files = options.files ?? new Map();
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.root = options.root ?? process.cwd();
    this.envFiles = options.envFiles ?? [];
    this.externalCrds = options.externalCrds ?? [];
    this.external = options.external ?? [];
    this.podTemplatePaths = [...builtinPodTemplatePaths, ...(options.podTemplatePaths ?? [])];
  }

  /** True when the cluster has `kind` `namespace/name` although the estate does not: well known, or declared `external:`. */
  isExternal(kind: string, namespace: string, name: string): boolean {
    return [...WELL_KNOWN_RUNTIME_OBJECTS, ...this.external].some(
      (e) => e.kind === kind && (e.namespace === undefined || wildcardMatch(e.namespace, namespace)) && wildcardMatch(e.name, name),
    );
  }

  /** The namespace an object lives in: its own, the default one, or '' if cluster-scoped. */
  namespaceOf(r: Resource): string {
    if (isClusterScoped(apiVersionOf(r), kindOf(r))) return '';
    return namespaceOf(r) || this.defaultNamespace;
  }

  byKind(kind: string): Resource[] {
    if (!this.byKindIndex) {
      this.byKindIndex = new Map();
      for (const r of this.resources) {
        const k = kindOf(r);
        let list = this.byKindIndex.get(k);
        if (!list) this.byKindIndex.set(k, (list = []));
        list.push(r);
      }
    }
    return this.byKindIndex.get(kind) ?? [];
  }

  /** Find an object by kind, namespace and name (namespace ignored for cluster-scoped kinds). */
  get(kind: string, namespace: string, name: string): Resource | undefined {
    if (!this.byIdIndex) {
      this.byIdIndex = new Map();
      for (const r of this.resources) this.byIdIndex.set(`${kindOf(r)}|${this.namespaceOf(r)}|${nameOf(r)}`, r);
    }
    return this.byIdIndex.get(`${kind}|${namespace}|${name}`) ?? this.byIdIndex.get(`${kind}||${name}`);
  }

  /** Every pod template in the estate (built-in workloads, known CRD workloads, configured paths). */
  podTemplates(): PodTemplate[] {
    if (this.templates) return this.templates;
    const out: PodTemplate[] = [];
    for (const r of this.resources) {
      const t = this.podTemplateOf(r);
      if (t) out.push(t);
    }
    return (this.templates = out);
  }

  podTemplateOf(r: Resource): PodTemplate | undefined {
    const group = groupOf(apiVersionOf(r));
    const kind = kindOf(r);
    for (const p of this.podTemplatePaths) {
      if (p.kind !== kind || (p.group !== '*' && p.group !== group)) continue;
      if (p.isPodSpec) {
        const spec = getMap(r.body, p.path);
        if (!spec) return undefined;
        return {
          workload: r,
          specPath: p.path,
          spec,
          labels: labelsOf(r),
          annotations: annotationsOf(r),
          namespace: this.namespaceOf(r),
        };
      }
      const template = getMap(r.body, p.path);
      const spec = template ? getMap(template, ['spec']) : undefined;
      if (!template || !spec) return undefined;
      const meta = getMap(template, ['metadata']);
      return {
        workload: r,
        specPath: [...p.path, 'spec'],
        spec,
        labels: stringMapOf(meta?.labels),
        annotations: stringMapOf(meta?.annotations),
        namespace: this.namespaceOf(r),
        runtimeLabel: runtimeLabelsOf(kind, nameOf(r)),
      };
    }
    return undefined;
  }

  /** Containers of a pod template: init containers first, then containers, then ephemeral ones. */
  containers(t: PodTemplate, lists: string[] = ['initContainers', 'containers']): ContainerRef[] {
    const out: ContainerRef[] = [];
    for (const list of lists) {
      const items = t.spec[list];
      if (!Array.isArray(items)) continue;
      items.forEach((c, i) => {
        if (!isMap(c)) return;
        out.push({
          template: t,
          container: c,
          name: typeof c.name === 'string' ? c.name : `#${i}`,
          list,
          path: [...t.specPath, list, i],
        });
      });
    }
    return out;
  }

  /** Pod templates in `namespace` whose labels match a label selector (matchLabels/matchExpressions or a plain map). */
  selectPods(selector: Value | undefined, namespace: string): PodTemplate[] {
    return this.podTemplates().filter((t) => t.namespace === namespace && selectorMatches(selector, t.labels, t.runtimeLabel));
  }
}


/**
 * Kubernetes label-selector semantics. A LabelSelector (`matchLabels`/`matchExpressions`) or a
 * plain map (Service `spec.selector`). An empty selector matches everything; an absent one
 * (undefined/null) matches nothing.
 */
export function selectorMatches(
  selector: Value | undefined,
  labels: Record<string, string>,
  runtime?: PodTemplate['runtimeLabel'],
): boolean {
  if (selector === undefined || selector === null || !isMap(selector)) return false;
  const equal = (k: string, v: string) => labels[k] === v || (runtime !== undefined && !(k in labels) && runtime(k, v));
  const hasStructured = 'matchLabels' in selector || 'matchExpressions' in selector;
  if (!hasStructured) {
    return Object.keys(selector).every((k) => equal(k, String(selector[k])));
  }
  const ml = selector.matchLabels;
  if (isMap(ml) && !Object.keys(ml).every((k) => equal(k, String(ml[k])))) return false;
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!isMap(e)) return false;
      const key = String(e.key ?? '');
      const values = Array.isArray(e.values) ? e.values.map((v) => String(v)) : [];
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      switch (e.operator) {
        case 'In':
          if (!has || !values.includes(labels[key]!)) return false;
          break;
        case 'NotIn':
          if (has && values.includes(labels[key]!)) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
        default:
          return false;
      }
    }
  }
  return true;
}

/** True when a selector selects every pod (`{}` or only empty parts). */
export function selectorIsEmpty(selector: Value | undefined): boolean {
  if (!isMap(selector)) return false;
  const ml = selector.matchLabels;
  const me = selector.matchExpressions;
  const mlEmpty = ml === undefined || ml === null || (isMap(ml) && Object.keys(ml).length === 0);
  const meEmpty = me === undefined || me === null || (Array.isArray(me) && me.length === 0);
  const others = Object.keys(selector).filter((k) => k !== 'matchLabels' && k !== 'matchExpressions');
  return mlEmpty && meEmpty && others.length === 0;
}

export { getPath };
