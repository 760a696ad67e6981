import { yamlBlock } from '../shared/snippet.js';
import { kindOf } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';

const hpa = (kind: string, target: string) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: target },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target }, minReplicas: 3, maxReplicas: 10 },
});
const worker = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'worker' },
  spec: { serviceName: 'worker', replicas: 3, selector: { matchLabels: { app: 'worker' } }, template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ name: 'worker', image: 'registry.example.com/worker:2.3.0' }] } } },
};
const scaledObject = (name: string) => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name },
  spec: { scaleTargetRef: { name }, minReplicaCount: 3, maxReplicaCount: 20, triggers: [{ type: 'kafka', metadata: { bootstrapServers: 'kafka:9092', consumerGroup: name, topic: 'orders', lagThreshold: '50' } }] },
});

/** HorizontalPodAutoscalers and KEDA ScaledObjects point at a workload of the estate. */
export const rule = defineRule({
  id: 'hpa-target-missing',
  title: 'Autoscalers target an existing workload',
  concern: 'references',
  severity: 'error',
  rationale:
    'An autoscaler whose `scaleTargetRef` names no workload scales nothing; the workload it was meant for runs at its fixed replica count.',
  remediation:
    'Point `scaleTargetRef` at the workload (kind and name as rendered, including name prefixes and suffixes):\n\n' +
    yamlBlock(['spec:', '  scaleTargetRef:', '    apiVersion: apps/v1', '    kind: Deployment', '    name: api']),
  examples: {
    bad: [
      { description: 'The HPA scales `api-server`, but the Deployment is called `api`.', yaml: manifests(deploymentObject(), hpa('Deployment', 'api-server')), message: 'Deployment api-server' },
      { description: 'The HPA names kind `Deployment`, but `worker` is a StatefulSet.', yaml: manifests(worker, hpa('Deployment', 'worker')), message: 'targets Deployment worker' },
    ],
    good: [
      { description: 'The HPA targets the Deployment.', yaml: manifests(deploymentObject(), hpa('Deployment', 'api')) },
      { description: 'A KEDA ScaledObject targets the Deployment `orders` (kind Deployment when not given).', yaml: manifests(deploymentObject(undefined, {}, { name: 'orders' }), scaledObject('orders')) },
    ],
  },
  check(ctx) {
    for (const a of estateIndex(ctx.estate).autoscalers) {
      if (!a.targetName || ctx.estate.get(a.targetKind, a.namespace, a.targetName)) continue;
      ctx.report({
        resource: a.resource,
        path: ['spec', 'scaleTargetRef', 'name'],
        message: `${kindOf(a.resource)} targets ${a.targetKind} ${a.targetName}, which is not defined in namespace ${a.namespace}`,
      });
    }
  },
});
