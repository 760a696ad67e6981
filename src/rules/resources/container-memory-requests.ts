import { defineRule } from '../../engine/rule.js';
import { deployment, deploymentObject, manifests } from '../shared/examples.js';
import { containerResourceParts } from './container-resource.js';

export const rule = defineRule({
  id: 'container-memory-requests',
  ...containerResourceParts({
    resource: 'memory',
    field: 'requests',
    severity: 'error',
    rationale:
      'Without a memory request the scheduler can overcommit the node, and the pod is among the first evicted under memory pressure (BestEffort when nothing is set).',
  }),
  examples: {
    bad: [
      { description: 'The container states no memory request.', yaml: deployment(undefined, { resources: { requests: { cpu: '250m' } } }), message: 'resources.requests.memory' },
      {
        description: 'A namespace LimitRange default does not count unless `honorLimitRangeDefaults` is set.',
        yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', defaultRequest: { memory: '256Mi' } }] } }, deploymentObject()),
      },
    ],
    good: [
      { description: 'The memory request is set.', yaml: deployment(undefined, { resources: { requests: { memory: '256Mi' } } }) },
      {
        description: 'With `honorLimitRangeDefaults`, the namespace LimitRange supplies it.',
        yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', defaultRequest: { memory: '256Mi' } }] } }, deploymentObject()),
        params: { honorLimitRangeDefaults: true },
      },
    ],
  },
});
