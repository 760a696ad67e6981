/**
 * Pods for the Pod Security rules' examples: one container `app`, plus the pod and container
 * fields an example is about. A `restricted()` pod satisfies every restricted control, so an
 * example changes exactly the field it shows.
 */
import { manifests } from '../shared/examples.js';

export interface PodParts {
  pod?: Record<string, unknown>;
  container?: Record<string, unknown>;
}

export function pod(parts: PodParts = {}): string {
  return manifests({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app' },
    spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0', ...parts.container }], ...parts.pod },
  });
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
  return pod({ pod: merge(restrictedPod, parts.pod), container: merge(restrictedContainer, parts.container) });
}
