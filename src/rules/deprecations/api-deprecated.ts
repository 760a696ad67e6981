import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { deprecatedObjects } from './shared.js';
import { manifests } from '../shared/examples.js';

const endpoints = manifests({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'legacy-db' }, subsets: [{ addresses: [{ ip: '10.0.0.5' }], ports: [{ port: 5432 }] }] });

/** No object uses an apiVersion that the target Kubernetes version deprecates (but still serves). */
export const rule = defineRule({
  id: 'api-deprecated',
  title: 'No deprecated API versions',
  concern: 'deprecations',
  severity: 'warning',
  rationale:
    'A deprecated apiVersion still works but will stop being served in a later release; migrating before the ' +
    'cluster upgrade avoids a failed rollout on upgrade day.',
  remediation:
    'Move the object to the replacement apiVersion named in the finding. For a HorizontalPodAutoscaler:\n\n' +
    yamlBlock(['apiVersion: autoscaling/v2   # was autoscaling/v2beta2', 'kind: HorizontalPodAutoscaler']),
  examples: {
    bad: [
      { description: '`v1` Endpoints, deprecated since Kubernetes 1.33 in favour of EndpointSlice.', yaml: endpoints, message: 'EndpointSlice' },
      {
        description: '`policy/v1beta1` PodDisruptionBudget on a 1.22 cluster: deprecated, removed in 1.25.',
        kubeVersion: '1.22',
        yaml: manifests({ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'api' }, spec: { minAvailable: 1 } }),
      },
    ],
    good: [
      {
        description: 'An EndpointSlice.',
        yaml: manifests({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'legacy-db', labels: { 'kubernetes.io/service-name': 'legacy-db' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.5'] }], ports: [{ port: 5432 }] }),
      },
      { description: 'Endpoints before their deprecation (1.32).', yaml: endpoints, kubeVersion: '1.32' },
    ],
  },
  check(ctx) {
    for (const { resource, status } of deprecatedObjects(ctx)) {
      if (status.state === 'deprecated') ctx.report({ resource, path: ['apiVersion'], message: status.message });
    }
  },
});
