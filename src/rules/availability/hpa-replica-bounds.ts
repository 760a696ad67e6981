import { yamlBlock } from '../shared/snippet.js';
import { kindOf } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { hpa } from './examples.js';

/** An autoscaler's bounds make sense: minimum no higher than maximum, and room to scale. */
export const rule = defineRule({
  id: 'hpa-replica-bounds',
  title: 'Autoscaler minimum and maximum replicas are consistent',
  concern: 'availability',
  severity: 'error',
  rationale:
    'A HorizontalPodAutoscaler whose `minReplicas` exceeds `maxReplicas` is rejected by the API server; one whose bounds are equal cannot scale ' +
    'and only hides a fixed replica count. (The minimum itself is judged against the profile by `min-replicas`.)',
  remediation:
    'Keep `minReplicas` at the profile minimum and `maxReplicas` above it:\n\n' +
    yamlBlock(['spec:', '  minReplicas: 3', '  maxReplicas: 10']),
  examples: {
    bad: [
      { description: 'The minimum is above the maximum.', yaml: manifests(deploymentObject(), hpa(5, 3)), message: 'above its maximum' },
      { description: 'Minimum and maximum equal: the HPA can never scale.', yaml: manifests(deploymentObject(), hpa(4, 4)) },
    ],
    good: [
      { description: 'Room to scale between 3 and 10.', yaml: manifests(deploymentObject(), hpa(3, 10)) },
      {
        description: 'A KEDA ScaledObject scaling between 3 and 20.',
        yaml: manifests(deploymentObject(), {
          apiVersion: 'keda.sh/v1alpha1',
          kind: 'ScaledObject',
          metadata: { name: 'api' },
          spec: { scaleTargetRef: { name: 'api' }, minReplicaCount: 3, maxReplicaCount: 20, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }] },
        }),
      },
    ],
  },
  check(ctx) {
    for (const a of estateIndex(ctx.estate).autoscalers) {
      if (a.max === undefined) continue;
      const kind = kindOf(a.resource);
      if (a.min > a.max) {
        ctx.report({
          resource: a.resource,
          path: a.minPath,
          message: `${kind} minimum ${a.min} is above its maximum ${a.max}`,
        });
      } else if (a.min === a.max) {
        ctx.report({
          resource: a.resource,
          path: a.maxPath,
          severity: 'warning',
          message: `${kind} minimum and maximum are both ${a.max}: it can never scale`,
        });
      }
    }
  },
});
