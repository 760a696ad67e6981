/**
 * Object metadata as the API server validates it (k8s.io/apimachinery `validation` and
 * `ValidateObjectMeta`): the OpenAPI schema only says these fields are strings, yet the server
 * rejects names, namespaces, label and annotation keys and label values outside these forms.
 * Messages name the rule broken, never the value.
 */
import { isMap, type Value } from '../../core/provenance.js';
import type { SchemaIssue } from './messages.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** apimachinery's TotalAnnotationSizeLimitB. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

type NameRule = (name: string) => string | undefined;

const subdomain: NameRule = (n) =>
  n.length > 253 ? 'must be no more than 253 characters' : DNS1123_SUBDOMAIN.test(n) ? undefined : 'must be a lowercase RFC 1123 subdomain (a-z, 0-9, "-" and ".", starting and ending with a letter or digit)';
const label1123: NameRule = (n) =>
  n.length > 63 ? 'must be no more than 63 characters' : DNS1123_LABEL.test(n) ? undefined : 'must be a lowercase RFC 1123 label (a-z, 0-9 and "-", starting and ending with a letter or digit)';
const label1035: NameRule = (n) =>
  n.length > 63 ? 'must be no more than 63 characters' : DNS1035_LABEL.test(n) ? undefined : 'must be a lowercase RFC 1035 label (a-z, 0-9 and "-", starting with a letter and ending with a letter or digit)';
/** ValidatePathSegmentName: what the server requires of every name, whatever the kind. */
const pathSegment: NameRule = (n) =>
  n === '.' || n === '..' ? 'may not be "." or ".."' : /[/%]/.test(n) ? 'may not contain "/" or "%"' : /[\u0000-\u001f\u007f]/.test(n) ? 'may not contain control characters' : undefined;

/** Name rules of the kinds whose rule is known; other kinds (custom resources, RBAC) get the path-segment rule. */
const NAME_RULES: Record<string, NameRule> = {
  Namespace: label1123,
  Service: label1035,
  ConfigMap: subdomain,
  Secret: subdomain,
  Pod: subdomain,
  ServiceAccount: subdomain,
  PersistentVolumeClaim: subdomain,
  PersistentVolume: subdomain,
  Deployment: subdomain,
  StatefulSet: subdomain,
  DaemonSet: subdomain,
  ReplicaSet: subdomain,
  Job: subdomain,
  CronJob: subdomain,
  Ingress: subdomain,
  NetworkPolicy: subdomain,
  PodDisruptionBudget: subdomain,
  HorizontalPodAutoscaler: subdomain,
  PriorityClass: subdomain,
  StorageClass: subdomain,
};

/** A label or annotation key: an optional DNS subdomain prefix and a name of at most 63 characters. */
export function qualifiedNameProblem(key: string): string | undefined {
  if (key === '') return 'key may not be empty';
  const slash = key.split('/');
  if (slash.length > 2) return 'key may contain at most one "/"';
  const [prefix, name] = slash.length === 2 ? slash : [undefined, slash[0]];
  if (prefix !== undefined) {
    if (prefix === '') return 'key prefix may not be empty';
    const p = subdomain(prefix);
    if (p) return `key prefix ${p}`;
  }
  if (name === '') return 'key name part may not be empty';
  if (name.length > 63) return 'key name part must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(name)) return 'key name part must consist of letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'label value must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) return 'label value must be empty or consist of letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  return undefined;
}

/** Issues the API server would reject in `metadata` of an object of `kind`. */
export function metadataIssues(kind: string, metadata: Value | undefined): SchemaIssue[] {
  if (!isMap(metadata)) return [];
  const issues: SchemaIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ kind: 'invalid', path: ['metadata', ...path], message });
  const name = metadata.name;
  if (typeof name === 'string' && name !== '') {
    const problem = pathSegment(name) ?? NAME_RULES[kind]?.(name) ?? (name.length > 253 ? 'must be no more than 253 characters' : undefined);
    if (problem) add(['name'], `metadata.name ${problem}`);
  }
  const ns = metadata.namespace;
  if (typeof ns === 'string' && ns !== '') {
    const problem = label1123(ns);
    if (problem) add(['namespace'], `metadata.namespace ${problem}`);
  }
  const labels = metadata.labels;
  if (isMap(labels)) {
    for (const [key, value] of Object.entries(labels)) {
      const k = qualifiedNameProblem(key);
      if (k) add(['labels', key], `label ${k}`);
      if (typeof value === 'string') {
        const v = labelValueProblem(value);
        if (v) add(['labels', key], v);
      }
    }
  }
  const annotations = metadata.annotations;
  if (isMap(annotations)) {
    let total = 0;
    for (const [key, value] of Object.entries(annotations)) {
      const k = qualifiedNameProblem(key);
      if (k) add(['annotations', key], `annotation ${k}`);
      total += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    }
    if (total > MAX_ANNOTATIONS_BYTES) add(['annotations'], `annotations total ${total} bytes, more than the API server's 262144 (256 KiB)`);
  }
  return issues;
}
