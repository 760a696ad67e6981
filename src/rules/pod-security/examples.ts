/**
 * Pods for the Pod Security rules' examples: one container `app`, plus the pod and container
 * fields an example is about. A `restricted()` pod satisfies every restricted control, so an
 * example changes exactly the field it shows; a field given as `undefined` is left out.
 */
import { manifests } from '../shared/examples.js';

export interface PodParts {
  /** Fields of the pod spec (beside `containers`). */
  pod?: Record<string, unknown>;
  /** Fields of the container `app`. */
  container?: Record<string, unknown>;
  /** Annotations of the pod. */
  annotations?: Record<string, string>;
}

/** A Pod object with the container `app` and the given parts. */
export function podObject(parts: PodParts = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', ...(parts.annotations ? { annotations: parts.annotations } : {}) },
    spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0', ...parts.container }], ...parts.pod },
  };
}

/** `podObject` as YAML. */
export function pod(parts: PodParts = {}): string {
  return manifests(podObject(parts));
}

const restrictedContainer = {
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
};
const restrictedPod = { securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } }, automountServiceAccountToken: false };

/** A pod that meets the restricted level and the hardening rules, with `parts` merged over it (security contexts merged key by key). */
export function restricted(parts: PodParts = {}): string {
  const merge = (base: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const out: Record<string, unknown> = { ...base, ...extra };
    if (base.securityContext && extra.securityContext) out.securityContext = { ...(base.securityContext as object), ...(extra.securityContext as object) };
    return out;
  };
  return pod({ ...parts, pod: merge(restrictedPod, parts.pod), container: merge(restrictedContainer, parts.container) });
}
