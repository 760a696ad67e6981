import { defineRule } from '../../engine/rule.js';
import { deployment, deploymentObject, manifests } from '../shared/examples.js';
import { containerResourceParts } from './container-resource.js';

export const rule = defineRule({
  id: 'container-memory-limits',
  ...containerResourceParts({
    resource: 'memory',
    field: 'limits',
    severity: 'error',
    rationale:
      'A container without a memory limit can consume all memory of the node; the kernel OOM killer then terminates unrelated pods.',
  }),
  examples: {
    bad: [
      { description: 'The container states no memory limit.', yaml: deployment(undefined, { resources: { requests: { memory: '256Mi' } } }), message: 'resources.limits.memory' },
      {
        description: 'A namespace LimitRange default does not count unless `honorLimitRangeDefaults` is set.',
        yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', default: { memory: '256Mi' } }] } }, deploymentObject()),
      },
    ],
    good: [
      { description: 'The memory limit is set.', yaml: deployment(undefined, { resources: { requests: { memory: '256Mi' }, limits: { memory: '512Mi' } } }) },
      {
        description: 'With `honorLimitRangeDefaults`, the namespace LimitRange supplies it.',
        yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', default: { memory: '256Mi' } }] } }, deploymentObject()),
        params: { honorLimitRangeDefaults: true },
      },
    ],
  },
});
