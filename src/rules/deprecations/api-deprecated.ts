import type { Rule } from '../../engine/types.js';
import { deprecatedObjects } from './shared.js';

/** No object uses an apiVersion that the target Kubernetes version deprecates (but still serves). */
export const apiDeprecated: Rule = {
  meta: {
    id: 'api-deprecated',
    title: 'No deprecated API versions',
    concern: 'deprecations',
    severity: 'warning',
    rationale:
      'A deprecated apiVersion still works but will stop being served in a later release; migrating before the ' +
      'cluster upgrade avoids a failed rollout on upgrade day.',
    remediation:
      'Move the object to the replacement apiVersion named in the finding. For a HorizontalPodAutoscaler:\n\n' +
      '```yaml\napiVersion: autoscaling/v2   # was autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\n```',
  },
  check(ctx) {
    for (const { resource, status } of deprecatedObjects(ctx)) {
      if (status.state === 'deprecated') ctx.report({ resource, path: ['apiVersion'], message: status.message });
    }
  },
};
