/**
 * Builders for the manifests in rule examples (`defineRule({ examples })`). Examples are shown in
 * the docs, so the builders write plain, readable YAML; a rule states only what differs.
 */
import { stringify } from 'yaml';

export const EXAMPLE_DIGEST = `sha256:${'3f1c'.repeat(16)}`;

/** Objects as one YAML stream, in order. */
export function manifests(...objects: readonly object[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

export interface WorkloadOptions {
  name?: string;
  namespace?: string;
  replicas?: number;
  /** Fields merged into the pod spec (beside `containers`). */
  podSpec?: Record<string, unknown>;
  /** Fields merged into the Deployment spec (beside `template`). */
  spec?: Record<string, unknown>;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A Deployment object with one container `api` running `image`, plus the given container fields. */
export function deploymentObject(image = 'registry.example.com/api:1.4.2', container: Record<string, unknown> = {}, o: WorkloadOptions = {}): Record<string, unknown> {
  const name = o.name ?? 'api';
  const labels = o.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(o.namespace ? { namespace: o.namespace } : {}), ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      selector: { matchLabels: labels },
      ...o.spec,
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'api', image, ...container }], ...o.podSpec },
      },
    },
  };
}

/** `deploymentObject` as YAML. */
export function deployment(image?: string, container: Record<string, unknown> = {}, o: WorkloadOptions = {}): string {
  return manifests(deploymentObject(image, container, o));
}
