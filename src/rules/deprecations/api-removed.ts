import type { Rule } from '../../engine/types.js';
import { deprecatedObjects } from './shared.js';

/** No object uses an apiVersion that the target Kubernetes version no longer serves. */
export const apiRemoved: Rule = {
  meta: {
    id: 'api-removed',
    title: 'No API versions the target Kubernetes version no longer serves',
    concern: 'deprecations',
    severity: 'error',
    rationale:
      'An object whose apiVersion the cluster no longer serves cannot be applied at all: the rollout fails with ' +
      '"no matches for kind", typically right after a cluster upgrade.',
    remediation:
      'Move the object to the replacement apiVersion named in the finding and adapt the fields that changed. ' +
      'For an Ingress:\n\n' +
      '```yaml\napiVersion: networking.k8s.io/v1   # was extensions/v1beta1\nkind: Ingress\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n```',
  },
  check(ctx) {
    for (const { resource, status } of deprecatedObjects(ctx)) {
      if (status.state === 'removed') ctx.report({ resource, path: ['apiVersion'], message: status.message });
    }
  },
};
