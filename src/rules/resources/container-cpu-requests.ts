import { defineRule } from '../../engine/rule.js';
import { deployment, deploymentObject, manifests } from '../shared/examples.js';
import { containerResourceParts } from './container-resource.js';

export const rule = defineRule({
  id: 'container-cpu-requests',
  ...containerResourceParts({
    resource: 'cpu',
    field: 'requests',
    severity: 'error',
    rationale:
      'The scheduler places pods by their requests. A container without a cpu request gets no guaranteed CPU share, and a pod with no requests at all is BestEffort.',
  }),
  examples: {
    bad: [
      { description: 'The container states no cpu request.', yaml: deployment(undefined, { resources: { requests: { memory: '256Mi' } } }), message: 'resources.requests.cpu' },
      {
        description: 'A namespace LimitRange default does not count unless `honorLimitRangeDefaults` is set.',
        yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '250m' } }] } }, deploymentObject()),
      },
    ],
    good: [
      { description: 'The cpu request is set.', yaml: deployment(undefined, { resources: { requests: { cpu: '250m' } } }) },
      {
        description: 'With `honorLimitRangeDefaults`, the namespace LimitRange supplies it.',
        yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '250m' } }] } }, deploymentObject()),
        params: { honorLimitRangeDefaults: true },
      },
    ],
  },
});
