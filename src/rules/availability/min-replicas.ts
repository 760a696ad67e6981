import { yamlBlock } from '../shared/snippet.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { hpa } from './examples.js';

/**
 * A workload runs at least `minReplicas` pods. A workload that an autoscaler targets is judged
 * by the autoscaler's minimum (reported on the HPA's `minReplicas`), since that is the floor the
 * cluster will actually keep.
 */
export const rule = defineRule({
  id: 'min-replicas',
  title: 'Workloads run the minimum number of replicas',
  concern: 'availability',
  severity: 'error',
  rationale:
    'A single pod is a single point of failure: a node drain, an eviction or a crash takes the service down. ' +
    'Production workloads keep enough replicas to survive the loss of one pod (or one zone).\n\n' +
    '*How it decides:* replicated kinds (Deployment, StatefulSet, ReplicaSet, ReplicationController, Argo Rollout, DeploymentConfig) without `spec.replicas` run 1 pod. A workload targeted by a HorizontalPodAutoscaler or KEDA ScaledObject is judged by the autoscaler minimum instead, reported on the autoscaler\'s `minReplicas`.',
  remediation:
    'Raise `spec.replicas` in the overlay of the environment (or `minReplicas` of the HorizontalPodAutoscaler that owns the workload):\n\n' +
    yamlBlock(['spec:', '  replicas: 3']),
  params: {
    minReplicas: {
      type: 'integer',
      minimum: 0,
      description: 'Fewest replicas a replicated workload (or its autoscaler minimum) may run.',
      default: 3,
      byProfile: { prod: 3, staging: 2, dev: 1 },
    },
  },
  examples: {
    bad: [
      { description: 'One replica in production: every restart is an outage.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 1 })), message: 'requires at least 3' },
      { description: 'An HPA that may scale down to one.', yaml: manifests(deploymentObject(), hpa(1, 5)) },
    ],
    good: [
      { description: 'Three replicas.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 })) },
      { description: 'Two replicas in the staging profile.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 2 })), profile: 'staging' },
    ],
  },
  check(ctx) {
    const min = ctx.params.minReplicas;
    for (const w of estateIndex(ctx.estate).workloads) {
      const a = w.autoscaler;
      if (a) {
        if (a.min >= min) continue;
        ctx.report({
          resource: a.resource,
          path: a.minPath,
          message: `${a.resource.body.kind} keeps ${w.kind} ${w.name} at ${a.min} replica(s) at minimum; the ${ctx.profile} profile requires at least ${min}`,
        });
      } else {
        const replicas = w.declaredReplicas ?? 1;
        if (replicas >= min) continue;
        const declared =
          w.declaredReplicas === undefined ? 'does not set spec.replicas (1 pod)' : `runs ${replicas} replica(s)`;
        ctx.report({
          resource: w.resource,
          path: ['spec', 'replicas'],
          message: `${w.kind} ${w.name} ${declared}; the ${ctx.profile} profile requires at least ${min}`,
        });
      }
    }
  },
});
